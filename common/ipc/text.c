/* text.c - the strict UTF-8 -> UTF-16 encoder and the total UTF-16 -> UTF-8 decoder. */
#include "text.h"

/* Decodes one scalar value at s[0..length); returns its byte length or 0 with *why set. */
static size_t decode_utf8_scalar(const unsigned char *s, size_t length, uint32_t *scalar,
                                 const char **why)
{
    unsigned char lead = s[0];
    size_t need;
    uint32_t value;
    uint32_t minimum;
    if (lead < 0x80) {
        *scalar = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        need = 2, value = lead & 0x1F, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 3, value = lead & 0x0F, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        *why = (lead >= 0x80 && lead <= 0xBF)   ? "a continuation byte without a lead byte"
               : (lead == 0xC0 || lead == 0xC1) ? "an overlong encoding"
                                                : "a byte that never occurs in UTF-8";
        return 0;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= length) {
            *why = "a sequence cut off by the end of the text";
            return 0;
        }
        if ((s[i] & 0xC0) != 0x80) {
            *why = "a sequence cut off by a byte that is not a continuation byte";
            return 0;
        }
        value = (value << 6) | (s[i] & 0x3F);
    }
    /* Each check below names a distinct class of ill-formed input. */
    if (value < minimum) {
        *why = "an overlong encoding";
        return 0;
    }
    if (value >= 0xD800 && value <= 0xDFFF) {
        *why = "an encoded UTF-16 surrogate";
        return 0;
    }
    if (value > 0x10FFFF) {
        *why = "a code point above U+10FFFF";
        return 0;
    }
    *scalar = value;
    return need;
}

sm_status sm_utf8_to_utf16(const char *utf8, size_t length, uint16_t *out, size_t out_capacity,
                           size_t *unit_count, sm_error *err)
{
    const unsigned char *bytes = (const unsigned char *)utf8;
    size_t units = 0;
    size_t offset = 0;
    if (unit_count != NULL)
        *unit_count = 0;
    if (utf8 == NULL && length > 0)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT, "internal: NULL text");

    while (offset < length) {
        uint32_t scalar = 0;
        const char *why = "";
        size_t used = decode_utf8_scalar(bytes + offset, length - offset, &scalar, &why);
        if (used == 0)
            return sm_error_set(err, SM_ERR_TEXT_INVALID,
                                "invalid UTF-8 at byte offset %zu (0x%02X): %s; fix the "
                                "text's encoding",
                                offset, bytes[offset], why);
        if (scalar == 0)
            return sm_error_set(err, SM_ERR_TEXT_INVALID,
                                "NUL character at byte offset %zu: U+0000 ends a wire string, "
                                "so it cannot be sent",
                                offset);
        size_t need = scalar >= 0x10000 ? 2 : 1;
        if (out != NULL && units + need <= out_capacity) {
            if (need == 2) {
                uint32_t v = scalar - 0x10000;
                out[units] = (uint16_t)(0xD800 | (v >> 10));
                out[units + 1] = (uint16_t)(0xDC00 | (v & 0x3FF));
            } else {
                out[units] = (uint16_t)scalar;
            }
        }
        units += need;
        offset += used;
    }
    if (unit_count != NULL)
        *unit_count = units;
    if (out != NULL && units > out_capacity)
        return sm_error_set(err, SM_ERR_TEXT_TOO_LONG,
                            "text is %zu UTF-16 units long; the limit is %zu: shorten it", units,
                            out_capacity);
    return SM_OK;
}

/* Appends one scalar as UTF-8 if it fits entirely; returns bytes written (0 if not). */
static size_t encode_utf8_scalar(uint32_t scalar, char *out, size_t room)
{
    unsigned char buffer[4];
    size_t n;
    if (scalar < 0x80) {
        buffer[0] = (unsigned char)scalar;
        n = 1;
    } else if (scalar < 0x800) {
        buffer[0] = (unsigned char)(0xC0 | (scalar >> 6));
        buffer[1] = (unsigned char)(0x80 | (scalar & 0x3F));
        n = 2;
    } else if (scalar < 0x10000) {
        buffer[0] = (unsigned char)(0xE0 | (scalar >> 12));
        buffer[1] = (unsigned char)(0x80 | ((scalar >> 6) & 0x3F));
        buffer[2] = (unsigned char)(0x80 | (scalar & 0x3F));
        n = 3;
    } else {
        buffer[0] = (unsigned char)(0xF0 | (scalar >> 18));
        buffer[1] = (unsigned char)(0x80 | ((scalar >> 12) & 0x3F));
        buffer[2] = (unsigned char)(0x80 | ((scalar >> 6) & 0x3F));
        buffer[3] = (unsigned char)(0x80 | (scalar & 0x3F));
        n = 4;
    }
    if (n > room)
        return 0;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)buffer[i];
    return n;
}

size_t sm_utf16_to_utf8(const uint16_t *units, size_t count, char *out, size_t out_size,
                        bool *ill_formed)
{
    size_t written = 0;
    bool bad = false;
    if (out == NULL || out_size == 0)
        return 0;
    for (size_t i = 0; i < count; i++) {
        uint32_t scalar = units[i];
        if (scalar >= 0xD800 && scalar <= 0xDBFF && i + 1 < count && units[i + 1] >= 0xDC00 &&
            units[i + 1] <= 0xDFFF) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (units[i + 1] - 0xDC00u);
            i++;
        } else if (scalar >= 0xD800 && scalar <= 0xDFFF) {
            scalar = 0xFFFD; /* a lone half of a pair: show it, mark it, never drop it */
            bad = true;
        }
        /* Keep one byte for the NUL; stop at a whole code point. */
        size_t n = encode_utf8_scalar(scalar, out + written, out_size - 1 - written);
        if (n == 0)
            break;
        written += n;
    }
    out[written] = '\0';
    if (ill_formed != NULL)
        *ill_formed = bad;
    return written;
}
