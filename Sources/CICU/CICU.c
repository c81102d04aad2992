#include "CICU.h"
#include <unicode/ubrk.h>
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

int32_t cicu_word_breaker_words(cicu_word_breaker *breaker, const uint16_t *text,
                                int32_t length, int32_t *bounds) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    int32_t start = ubrk_first(breaker->iterator);
    for (int32_t end = ubrk_next(breaker->iterator); end != UBRK_DONE;
         start = end, end = ubrk_next(breaker->iterator)) {
        if (ubrk_getRuleStatus(breaker->iterator) == UBRK_WORD_NONE) continue;
        bounds[2 * count] = start;
        bounds[2 * count + 1] = end;
        count++;
    }
    // The iterator keeps a pointer to the caller's buffer; drop it before returning.
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
    int32_t count = 0;
    int32_t start = ubrk_first(breaker->iterator);
    for (int32_t end = ubrk_next(breaker->iterator); end != UBRK_DONE;
         start = end, end = ubrk_next(breaker->iterator)) {
        if (ubrk_getRuleStatus(breaker->iterator) == UBRK_WORD_NONE) continue;
        bounds[2 * count] = start;
        bounds[2 * count + 1] = end;
        count++;
    }
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
