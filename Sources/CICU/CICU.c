#include "CICU.h"
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <stdlib.h>
#include <string.h>

struct cicu_word_breaker {
    UBreakIterator *iterator;
};

static void copy_error(UErrorCode status, char *error, int32_t capacity) {
    if (error == NULL || capacity <= 0) return;
    strncpy(error, u_errorName(status), (size_t)capacity - 1);
    error[capacity - 1] = '\0';
}

cicu_word_breaker *cicu_word_breaker_open(char *error, int32_t error_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) {
        copy_error(status, error, error_capacity);
        return NULL;
    }
    cicu_word_breaker *breaker = malloc(sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        copy_error(U_MEMORY_ALLOCATION_ERROR, error, error_capacity);
        return NULL;
    }
    breaker->iterator = iterator;
    return breaker;
}

void cicu_word_breaker_close(cicu_word_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

/// Writes the bounds of the words (not spaces or punctuation) of the iterator's text.
static int32_t collect_words(UBreakIterator *iterator, int32_t *bounds) {
    int32_t count = 0;
    int32_t start = ubrk_first(iterator);
    for (int32_t end = ubrk_next(iterator); end != UBRK_DONE; start = end, end = ubrk_next(iterator)) {
        if (ubrk_getRuleStatus(iterator) == UBRK_WORD_NONE) continue;
        bounds[2 * count] = start;
        bounds[2 * count + 1] = end;
        count++;
    }
    return count;
}

int32_t cicu_word_breaker_words(cicu_word_breaker *breaker, const uint16_t *text,
                                int32_t length, int32_t *bounds) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = collect_words(breaker->iterator, bounds);
    // The iterator keeps a pointer to the caller's buffer; drop it before returning.
    ubrk_setText(breaker->iterator, NULL, 0, &status);
    return count;
}

int32_t cicu_word_breaker_boundaries(cicu_word_breaker *breaker, const uint16_t *text,
                                     int32_t length, int32_t *boundaries) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    for (int32_t offset = ubrk_first(breaker->iterator); offset != UBRK_DONE; offset = ubrk_next(breaker->iterator)) {
        boundaries[count++] = offset;
    }
    ubrk_setText(breaker->iterator, NULL, 0, &status);
    return count;
}

int32_t cicu_word_breaker_words_utf8(cicu_word_breaker *breaker, const char *text,
                                     int32_t length, int32_t *bounds) {
    UErrorCode status = U_ZERO_ERROR;
    UText *utext = utext_openUTF8(NULL, text, length, &status);
    if (U_FAILURE(status)) return -1;
    ubrk_setUText(breaker->iterator, utext, &status);
    if (U_FAILURE(status)) {
        utext_close(utext);
        return -1;
    }
    int32_t count = collect_words(breaker->iterator, bounds);
    ubrk_setText(breaker->iterator, NULL, 0, &status);
    utext_close(utext);
    return count;
}

int32_t cicu_nfkc_casefold(const uint16_t *source, int32_t length,
                           uint16_t *destination, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t written = unorm2_normalize(normalizer, (const UChar *)source, length,
                                       (UChar *)destination, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return written;
    if (U_FAILURE(status)) return -1;
    return written;
}

int32_t cicu_transliterate(const char *identifier, uint16_t *text, int32_t *length,
                           int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar id[64];
    u_uastrncpy(id, identifier, 63);
    id[63] = 0;
    UTransliterator *transliterator =
        utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) return -1;
    int32_t limit = *length;
    utrans_transUChars(transliterator, (UChar *)text, length, capacity, 0, &limit, &status);
    utrans_close(transliterator);
    return U_FAILURE(status) ? -1 : 0;
}

int32_t cicu_detect_charsets(const char *bytes, int32_t length, char *names,
                             int32_t *confidences, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(detector, bytes, length, &status);
    int32_t found = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(detector, &found, &status);
    if (U_FAILURE(status)) {
        ucsdet_close(detector);
        // ICU reports "no match" as an error; to the caller it is simply no candidate.
        return status == U_INVALID_CHAR_FOUND ? 0 : -1;
    }
    int32_t written = 0;
    for (int32_t i = 0; i < found && written < capacity; i++) {
        const char *name = ucsdet_getName(matches[i], &status);
        int32_t confidence = ucsdet_getConfidence(matches[i], &status);
        if (U_FAILURE(status) || name == NULL) break;
        strncpy(names + 32 * written, name, 31);
        names[32 * written + 31] = '\0';
        confidences[written] = confidence;
        written++;
    }
    // The matches belong to the detector: they were copied out above before closing it.
    ucsdet_close(detector);
    return written;
}

int32_t cicu_charset_exists(const char *charset) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status) || converter == NULL) return 0;
    ucnv_close(converter);
    return 1;
}

int32_t cicu_convert_to_utf8(const char *charset, const char *source, int32_t length,
                             char *destination, int32_t capacity, int32_t *error_offset) {
    *error_offset = -1;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status) || converter == NULL) return -1;
    // STOP makes illegal or unmapped input an error instead of a substitution character:
    // a file in the wrong encoding must fail, not turn into mojibake.
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    if (U_FAILURE(status)) {
        ucnv_close(converter);
        return -1;
    }
    // Every supported charset needs at least one byte per UTF-16 unit, so `length` units
    // always suffice.
    UChar *units = malloc(sizeof(UChar) * (size_t)(length > 0 ? length : 1));
    if (units == NULL) {
        ucnv_close(converter);
        return -1;
    }
    UChar *target = units;
    const char *cursor = source;
    ucnv_toUnicode(converter, &target, units + length, &cursor, source + length, NULL, 1, &status);
    if (U_FAILURE(status)) {
        char invalid[32];
        int8_t invalid_length = sizeof invalid;
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars(converter, invalid, &invalid_length, &ignored);
        if (U_FAILURE(ignored)) invalid_length = 0;
        *error_offset = (int32_t)(cursor - source) - invalid_length;
        free(units);
        ucnv_close(converter);
        return -1;
    }
    ucnv_close(converter);
    int32_t written = 0;
    // No substitution character: an unpaired surrogate (possible in UTF-16 input) fails.
    u_strToUTF8(destination, capacity, &written, units, (int32_t)(target - units), &status);
    free(units);
    if (U_FAILURE(status)) {
        *error_offset = 0;
        return -1;
    }
    return written;
}
