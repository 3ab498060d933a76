/*
 * utf8_reference.h - an independent UTF-8 validator the fuzz targets judge the library by.
 *
 * It is written from the table in RFC 3629 section 4 (the second byte's range
 * depends on the lead byte; every later byte is 80..BF), not from text.c's
 * decode-then-check-the-value approach, so the two can disagree only if one
 * of them is wrong. Like the wire, it also refuses U+0000.
 */
#ifndef SAMPLEMAP_FUZZ_UTF8_REFERENCE_H
#define SAMPLEMAP_FUZZ_UTF8_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * True if s[0..length) is well-formed UTF-8 without U+0000; *units gets the
 * UTF-16 length. Otherwise *bad_offset gets the offset of the first byte of
 * the first sequence that is not well-formed.
 */
static inline bool utf8_reference_valid(const uint8_t *s, size_t length, size_t *units,
                                        size_t *bad_offset)
{
    size_t i = 0;
    size_t count = 0;
    while (i < length) {
        uint8_t lead = s[i];
        size_t need;                     /* bytes in the sequence */
        uint8_t low = 0x80, high = 0xBF; /* allowed range of the second byte */
        if (lead >= 0x01 && lead <= 0x7F)
            need = 1;
        else if (lead >= 0xC2 && lead <= 0xDF)
            need = 2;
        else if (lead == 0xE0)
            need = 3, low = 0xA0;
        else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF)
            need = 3;
        else if (lead == 0xED)
            need = 3, high = 0x9F;
        else if (lead == 0xF0)
            need = 4, low = 0x90;
        else if (lead >= 0xF1 && lead <= 0xF3)
            need = 4;
        else if (lead == 0xF4)
            need = 4, high = 0x8F;
        else
            break; /* 00 (U+0000), 80..C1, F5..FF */
        if (need > length - i)
            break;
        if (need >= 2 && (s[i + 1] < low || s[i + 1] > high))
            break;
        bool tail_ok = true;
        for (size_t k = 2; k < need; k++)
            tail_ok = tail_ok && s[i + k] >= 0x80 && s[i + k] <= 0xBF;
        if (!tail_ok)
            break;
        count += need == 4 ? 2 : 1; /* four-byte sequences are the supplementary planes */
        i += need;
    }
    if (i < length) {
        *bad_offset = i;
        return false;
    }
    *units = count;
    return true;
}

#endif
