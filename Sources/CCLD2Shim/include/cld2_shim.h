#ifndef CLD2_SHIM_H
#define CLD2_SHIM_H
// A C face for Google's Compact Language Detector 2 (libcld2, C++), so Swift can call it.
#ifdef __cplusplus
extern "C" {
#endif

/// What CLD2 says about a text: its three most likely languages' codes ("en", "es", "zh-Hant";
/// empty when unknown), best first, with the percentage of the text's letters in each, whether
/// CLD2 judges its answer reliable, and how many letter bytes it scored.
typedef struct {
    char codes[3][16];
    int percents[3];
    int reliable;
    int textBytes;
} cld2_shim_result;

/// Detects the language of `length` bytes of UTF-8 at `text` (plain text, not markup).
/// Invalid UTF-8 ends the scan at the last valid byte; never reads past `length`.
cld2_shim_result cld2_shim_detect(const char *text, int length);

#ifdef __cplusplus
}
#endif
#endif
