// The one C++ file between Swift and libcld2: calls ExtDetectLanguageSummaryCheckUTF8 (the
// entry point that validates UTF-8 itself) and copies the result into a plain C struct.
#include "cld2_shim.h"
#include <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cstring>

extern "C" cld2_shim_result cld2_shim_detect(const char *text, int length) {
    cld2_shim_result result;
    std::memset(&result, 0, sizeof result);
    if (text == nullptr || length <= 0) return result;
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language language3[3];
    int percent3[3];
    double scores3[3];
    int textBytes = 0;
    bool reliable = false;
    int validPrefix = 0;
    // The returned "summary" language can differ from language3[0] (CLD2 folds close languages
    // into it); the three ranked languages with their percentages are what the caller weighs.
    CLD2::ExtDetectLanguageSummaryCheckUTF8(
        text, length, true, &hints, 0, language3, percent3, scores3, nullptr,
        &textBytes, &reliable, &validPrefix);
    result.reliable = reliable ? 1 : 0;
    result.textBytes = textBytes;
    for (int i = 0; i < 3; i++) {
        if (language3[i] == CLD2::UNKNOWN_LANGUAGE || language3[i] == CLD2::TG_UNKNOWN_LANGUAGE) continue;
        result.percents[i] = percent3[i];
        const char *code = CLD2::LanguageCode(language3[i]);
        if (code != nullptr) std::strncpy(result.codes[i], code, sizeof result.codes[i] - 1);
    }
    return result;
}
