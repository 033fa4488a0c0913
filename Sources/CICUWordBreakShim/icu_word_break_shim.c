#include "icu_word_break_shim.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct icu_word_breaker {
    UBreakIterator *iterator;
    UText text;
    int hasText;
};

icu_word_breaker *icu_word_breaker_new(void) {
    icu_word_breaker *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    UErrorCode status = U_ZERO_ERROR;
    // The root locale: ICU picks the dictionary of each script (Thai, Lao, Khmer, Burmese).
    b->iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    if (U_FAILURE(status) || !b->iterator) {
        if (b->iterator) ubrk_close(b->iterator);
        free(b);
        return NULL;
    }
    UText empty = UTEXT_INITIALIZER;
    b->text = empty;
    return b;
}

void icu_word_breaker_free(icu_word_breaker *b) {
    if (!b) return;
    ubrk_close(b->iterator);
    if (b->hasText) utext_close(&b->text);
    free(b);
}

int icu_word_breaker_set_text(icu_word_breaker *b, const uint8_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    // Reuses the UText in place: no allocation per call. Offsets stay UTF-8 byte offsets
    // (the UText's native indexes).
    utext_openUTF8(&b->text, (const char *)text, length, &status);
    if (U_FAILURE(status)) { b->hasText = 0; return -1; }
    b->hasText = 1;
    ubrk_setUText(b->iterator, &b->text, &status);
    if (U_FAILURE(status)) { b->hasText = 0; utext_close(&b->text); return -1; }
    return 0;
}

int32_t icu_word_breaker_next(icu_word_breaker *b) {
    if (!b->hasText) return -1;
    int32_t next = ubrk_next(b->iterator);
    return next == UBRK_DONE ? -1 : next;
}
