/*
 * fuzz_utf8_to_utf16.c - libFuzzer target: the strict UTF-8 -> UTF-16 encoder.
 *
 * The sender feeds it whatever the user typed or passed on the command line,
 * so it must refuse every ill-formed byte sequence with the offset of the
 * first bad byte and accept every well-formed one. Its verdict is compared
 * with utf8_reference.h, written independently from RFC 3629; accepted text
 * must survive the round trip back through the decoder byte for byte.
 * Buffers are malloc'ed at their exact sizes so ASan sees any overrun.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"
#include "utf8_reference.h"

/* Every error message is one non-empty line and carries the status it came with. */
static void check_error(const sm_error *err, sm_status status)
{
    FUZZ_CHECK(err->code == status);
    FUZZ_CHECK(err->message[0] != '\0' && strchr(err->message, '\n') == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t expect_units = 0, bad_offset = 0;
    bool valid = utf8_reference_valid(data, size, &expect_units, &bad_offset);

    /* Counting only (out == NULL), as the sender's "n / 1023" display does. */
    sm_error err;
    size_t counted = 0;
    sm_status status = sm_utf8_to_utf16(text, size, NULL, 0, &counted, &err);
    FUZZ_CHECK((status == SM_OK) == valid);

    /* The full conversion, into exactly as many units as the bytes could need. */
    uint16_t *units = malloc((size > 0 ? size : 1) * sizeof *units);
    FUZZ_CHECK(units != NULL);
    size_t count = 0;
    status = sm_utf8_to_utf16(text, size, units, size, &count, &err);
    if (valid) {
        FUZZ_CHECK(status == SM_OK);
        FUZZ_CHECK(count == expect_units && counted == expect_units);
        for (size_t i = 0; i < count; i++)
            FUZZ_CHECK(units[i] != 0); /* U+0000 would end the wire string */

        /* Back again: exactly the input, and nothing flagged as repaired. */
        size_t out_size = SM_UTF8_BYTES_FOR_UNITS(count);
        char *back = malloc(out_size);
        FUZZ_CHECK(back != NULL);
        bool ill_formed = true;
        size_t length = sm_utf16_to_utf8(units, count, back, out_size, &ill_formed);
        FUZZ_CHECK(!ill_formed);
        FUZZ_CHECK(length == size && memcmp(back, data, size) == 0 && back[length] == '\0');
        free(back);
    } else {
        FUZZ_CHECK(status == SM_ERR_TEXT_INVALID);
        check_error(&err, status);
        /* The message names the first bad byte: the sequence the reference stopped at. */
        char where[64];
        snprintf(where, sizeof where, "byte offset %zu", bad_offset);
        const char *found = strstr(err.message, where);
        /* The whole number: "byte offset 1" must not pass for "byte offset 12". */
        bool named = found != NULL && !isdigit((unsigned char)found[strlen(where)]);
        if (!named)
            fprintf(stderr, "expected \"%s\" in: %s\n", where, err.message);
        FUZZ_CHECK(named);
    }
    free(units);

    /*
     * A small buffer, sized by the first byte: too-long text is refused with
     * the full unit count (the UI shows "n / limit"); invalid text is refused
     * as invalid whatever the capacity, because the whole text is checked.
     */
    size_t capacity = size > 0 ? data[0] % 32 : 0;
    uint16_t *small = malloc((capacity > 0 ? capacity : 1) * sizeof *small);
    FUZZ_CHECK(small != NULL);
    count = 0;
    status = sm_utf8_to_utf16(text, size, small, capacity, &count, &err);
    if (!valid) {
        FUZZ_CHECK(status == SM_ERR_TEXT_INVALID);
        check_error(&err, status);
    } else if (expect_units > capacity) {
        FUZZ_CHECK(status == SM_ERR_TEXT_TOO_LONG);
        check_error(&err, status);
        FUZZ_CHECK(count == expect_units);
    } else {
        FUZZ_CHECK(status == SM_OK && count == expect_units);
    }
    free(small);
    return 0;
}
