#include <zstd.h>
// The fastCover trainer's parameters (StoreCompression.trainingParameters) are in zdict.h's
// static-linking section; libzstd exports the functions.
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
