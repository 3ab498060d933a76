/*
 * text.h - UTF-8 at the edges, UTF-16 on the wire.
 *
 * The encoder is strict: invalid UTF-8 is refused with the byte offset of the
 * first bad byte, never repaired. The decoder is total: whatever 16-bit units
 * it is given (lone surrogates included) it produces valid UTF-8, replacing
 * ill-formed units with U+FFFD and saying so, so nothing is dropped silently.
 */
#ifndef SAMPLEMAP_IPC_TEXT_H
#define SAMPLEMAP_IPC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#include "visibility.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest message: 1024 units in the view, one of them the terminator. */
#define SM_TEXT_MAX_UNITS 1023

/* Bytes of UTF-8 that the decoder can produce from n units (3 per unit, worst case). */
#define SM_UTF8_BYTES_FOR_UNITS(n) ((n)*3 + 1)

/*
 * Converts length bytes of UTF-8 to UTF-16. *unit_count always receives the
 * number of units the whole text needs (also on SM_ERR_TEXT_TOO_LONG), so a UI
 * can show "n / 1023". out may be NULL to only count. Errors:
 * SM_ERR_TEXT_INVALID (message names the byte offset and the problem:
 * truncated, overlong, surrogate, out of range, stray continuation, U+0000),
 * SM_ERR_TEXT_TOO_LONG when more than out_capacity units are needed (no
 * partial output is promised; a surrogate pair is never split).
 */
SM_API sm_status sm_utf8_to_utf16(const char *utf8, size_t length, uint16_t *out,
                                  size_t out_capacity, size_t *unit_count, sm_error *err);

/*
 * Converts count UTF-16 units to NUL-terminated UTF-8 in out (out_size bytes,
 * SM_UTF8_BYTES_FOR_UNITS(count) always suffices). Lone or reversed surrogates
 * become U+FFFD and set *ill_formed (may be NULL). Returns the bytes written
 * without the NUL; output is cut only at a code point boundary.
 */
SM_API size_t sm_utf16_to_utf8(const uint16_t *units, size_t count, char *out, size_t out_size,
                               bool *ill_formed);

#ifdef __cplusplus
}
#endif

#endif
