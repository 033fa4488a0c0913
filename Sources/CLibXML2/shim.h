#include <libxml/xmlversion.h>
// libxml2's encoding.h would pull in ICU's headers, whose UErrorCode clashes with the copy
// Foundation ships (_FoundationICU) in any module that imports both. msearch never touches
// libxml2's ICU converter fields, so hide them.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>
// zlib (a dependency of libxml2 anyway) for reading gzip-compressed sources.
#include <zlib.h>
