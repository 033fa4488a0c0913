#ifndef ICU_WORD_BREAK_SHIM_H
#define ICU_WORD_BREAK_SHIM_H
// A small C face for ICU's word break iterator (libicuuc's ubrk_*), working on UTF-8 in place:
// Thai, Lao, Khmer and Myanmar are written without spaces between words, and ICU finds the
// words with its dictionaries. The C API's names are versioned macros (ubrk_open_72), which
// Swift cannot import; this shim hides them.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One word break iterator with its UTF-8 text; not thread-safe: one per thread.
typedef struct icu_word_breaker icu_word_breaker;

/// A new iterator, or NULL when ICU cannot make one (its data missing, out of memory).
icu_word_breaker *icu_word_breaker_new(void);
void icu_word_breaker_free(icu_word_breaker *breaker);

/// Sets the text: `length` bytes of UTF-8 at `text`, which must stay valid while iterating.
/// Returns 0 on success, -1 when ICU refuses it (the iterator then yields no boundary).
int icu_word_breaker_set_text(icu_word_breaker *breaker, const uint8_t *text, int32_t length);

/// The next word boundary after the current one, as a UTF-8 byte offset (the first call after
/// `set_text` gives the end of the first word), or -1 at the end of the text.
int32_t icu_word_breaker_next(icu_word_breaker *breaker);

#ifdef __cplusplus
}
#endif
#endif
