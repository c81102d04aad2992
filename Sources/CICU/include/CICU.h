#ifndef CICU_H
#define CICU_H

// The C face of the system ICU for Jiansuo. Text crosses this boundary as UTF-16 code units
// (uint16_t); every function reports failure through its return value, never by aborting.

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque ICU word break iterator for Chinese (locale "zh"). Not thread-safe: use one
/// per thread.
typedef struct cicu_word_breaker cicu_word_breaker;

/// Opens a word breaker. Returns NULL on failure and writes ICU's error name to `error`.
cicu_word_breaker *cicu_word_breaker_open(char *error, int32_t error_capacity);

void cicu_word_breaker_close(cicu_word_breaker *breaker);

/// Finds the words of `text` (spaces and punctuation, rule status UBRK_WORD_NONE, are left
/// out). Writes each word as a start and an end offset in code units into `bounds`, which
/// must hold 2 * `length` entries. Returns the number of words, or -1 on failure.
int32_t cicu_word_breaker_words(cicu_word_breaker *breaker, const uint16_t *text,
                                int32_t length, int32_t *bounds);

/// Writes every boundary ICU finds in `text` — words, spaces and punctuation alike — as
/// offsets in code units into `boundaries`, which must hold `length` + 1 entries: first 0,
/// last `length`. Returns the number of boundaries, or -1 on failure.
int32_t cicu_word_breaker_boundaries(cicu_word_breaker *breaker, const uint16_t *text,
                                     int32_t length, int32_t *boundaries);

/// As `cicu_word_breaker_words`, over UTF-8 through ICU's UText: offsets are in bytes and
/// `bounds` must hold 2 * `length` entries. The benchmark compares this route with UTF-16.
int32_t cicu_word_breaker_words_utf8(cicu_word_breaker *breaker, const char *text,
                                     int32_t length, int32_t *bounds);

/// Applies ICU's NFKC_Casefold normalization to `source`, writing at most `capacity` units
/// to `destination`. Returns the length of the result (which may exceed `capacity`, in
/// which case nothing useful was written), or -1 on failure.
int32_t cicu_nfkc_casefold(const uint16_t *source, int32_t length,
                           uint16_t *destination, int32_t capacity);

/// Runs the ICU transliterator `identifier` (e.g. "Hant-Hans") over `text` in place.
/// `length` is updated to the new length. Returns 0 on success, -1 on failure
/// (including a result longer than `capacity`).
int32_t cicu_transliterate(const char *identifier, uint16_t *text, int32_t *length,
                           int32_t capacity);

/// Guesses the encoding of `bytes` with ICU's charset detector. Writes up to `capacity`
/// candidates, best first: each name (NUL-terminated, at most 31 bytes) into
/// `names[32 * i]` and its confidence (0–100) into `confidences[i]`. Returns the number of
/// candidates written, or -1 on failure.
int32_t cicu_detect_charsets(const char *bytes, int32_t length, char *names,
                             int32_t *confidences, int32_t capacity);

/// Whether ICU has a converter for `charset` (a name or alias such as "GBK", "Big5",
/// "UTF-16LE"). Returns 1 if so, 0 if not.
int32_t cicu_charset_exists(const char *charset);

/// Converts `source` from `charset` to UTF-8, strictly: a byte sequence that is illegal in
/// the charset, or that it leaves unmapped, stops the conversion instead of becoming
/// U+FFFD. Writes at most `capacity` bytes to `destination` (3 × `length` + 4 always
/// suffices). Returns the UTF-8 length; on failure returns -1 and sets `*error_offset` to
/// the offset of the offending input (or -1 when the charset itself is unknown).
int32_t cicu_convert_to_utf8(const char *charset, const char *source, int32_t length,
                             char *destination, int32_t capacity, int32_t *error_offset);

#ifdef __cplusplus
}
#endif

#endif
