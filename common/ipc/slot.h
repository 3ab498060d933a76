/*
 * slot.h - the wire format of the view and the ordered steps on it.
 *
 * A view of B bytes is uint16_t text[B / 2]: a UTF-16LE string at offset 0,
 * NUL terminated, at most B / 2 - 1 units; text[0] == 0 means "empty". The
 * default B is 2048 (text[1024], at most 1023 units): exactly the layout of
 * the classic Windows samples (wchar_t[1024] in 2048 bytes), so they
 * interoperate. Other programs use other sizes (a 1 KB view, a 256-byte
 * mapping), so every function that depends on the size takes view_bytes:
 * even, from SM_SLOT_BYTES_MIN to SM_SLOT_BYTES_MAX (sm_slot_check_size).
 * wchar_t is 4 bytes on Linux, so the wire uses uint16_t.
 *
 * These functions do no locking; channel.h wraps them in the mapping's lock.
 * They never read or write outside the view_bytes they are given, whatever
 * bytes the view holds.
 */
#ifndef SAMPLEMAP_IPC_SLOT_H
#define SAMPLEMAP_IPC_SLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#include "visibility.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SM_SLOT_BYTES 2048 /* the default view: the classic samples' wchar_t[1024] */
#define SM_SLOT_UNITS (SM_SLOT_BYTES / 2)
#define SM_SLOT_BYTES_MIN 4     /* one unit of text and the terminator */
#define SM_SLOT_BYTES_MAX 65536 /* the classic C# server's whole mapping */
#define SM_SLOT_UNITS_MAX (SM_SLOT_BYTES_MAX / 2)

/* The longest message a view of view_bytes holds: one unit is the terminator. */
#define SM_SLOT_TEXT_UNITS(view_bytes) ((view_bytes) / 2 - 1)

/*
 * A message copied out of the view into units the caller provides, as POSIX
 * read() fills a caller's buffer: no call holds a view-sized array of its
 * own, so a program pays for the views it opens, not for the largest one.
 * A buffer of sm_channel_max_units(channel) units (SM_SLOT_TEXT_UNITS of the
 * view) holds every message a sender of that view can send; one of
 * view_bytes / 2 units (SM_SLOT_VIEW_UNITS) also holds a view with no
 * terminator, which only a peek or a classic take returns. A message longer
 * than the buffer is never cut and never lost: the call returns
 * SM_ERR_BUFFER_TOO_SMALL, leaves it in the slot and sets count to the units
 * it needs. Set one up with SM_MESSAGE_INIT(units, capacity).
 */
typedef struct sm_message {
    uint16_t *units;   /* the caller's buffer: the text, without terminator */
    size_t capacity;   /* units the buffer holds */
    size_t count;      /* units used, 1..capacity; after SM_ERR_BUFFER_TOO_SMALL the units needed */
    bool unterminated; /* the view held no NUL: all its units were text */
} sm_message;

#define SM_MESSAGE_INIT(units, capacity)                                                           \
    {                                                                                              \
        (units), (capacity), 0, false                                                              \
    }

/* Units of a view of view_bytes: what a buffer needs to hold even a view with no terminator. */
#define SM_SLOT_VIEW_UNITS(view_bytes) ((view_bytes) / 2)

/*
 * SM_OK if view_bytes is a usable view size (even, SM_SLOT_BYTES_MIN to
 * SM_SLOT_BYTES_MAX), else SM_ERR_INVALID_ARGUMENT with a message that says so.
 */
SM_API sm_status sm_slot_check_size(size_t view_bytes, sm_error *err);

/* True if text[0] is 0. Loads unit 0 with acquire ordering (see slot.c). */
SM_API bool sm_slot_is_empty(const void *view);

/* SM_OK if the slot is empty, else SM_BUSY ("still holds an unread message"). */
SM_API sm_status sm_slot_check_empty(const void *view, sm_error *err);

/*
 * The checks every store makes, before it writes anything: view_bytes must be
 * a usable size (sm_slot_check_size), count 1..SM_SLOT_TEXT_UNITS(view_bytes)
 * (1023 in the default view) and no unit 0: SM_ERR_INVALID_ARGUMENT,
 * SM_ERR_TEXT_TOO_LONG or SM_ERR_TEXT_INVALID (naming the unit) otherwise.
 * It reads units only, so a sender calls it once per message, before the lock.
 */
SM_API sm_status sm_slot_check_text(size_t view_bytes, const uint16_t *units, size_t count,
                                    sm_error *err);

/*
 * Step 1 of a store: writes units[1..count-1] and the terminator. Unit 0 is
 * left alone, so an empty slot stays empty to every reader until step 2.
 * The text must have passed sm_slot_check_text for this view_bytes (it is not
 * checked again). SM_BUSY, and nothing written, when the slot is not empty.
 */
SM_API sm_status sm_slot_write_body(void *view, size_t view_bytes, const uint16_t *units,
                                    size_t count, sm_error *err);

/* Step 2 of a store: stores first_unit (units[0]) with release ordering, publishing the body. */
SM_API void sm_slot_publish(void *view, uint16_t first_unit);

/* sm_slot_check_text and steps 1 and 2 together. */
SM_API sm_status sm_slot_store(void *view, size_t view_bytes, const uint16_t *units, size_t count,
                               sm_error *err);

/*
 * Copies the message out of the view into out->units: SM_EMPTY if text[0] is
 * 0. Reads at most view_bytes / 2 units; a view without any NUL yields all of
 * them and sets out->unterminated. SM_ERR_BUFFER_TOO_SMALL when the message
 * has more units than out->capacity: out->count is then the units it needs
 * (out->unterminated tells whether that is the whole view, with no
 * terminator), nothing is written past capacity and the view is unchanged.
 */
SM_API sm_status sm_slot_load(const void *view, size_t view_bytes, sm_message *out, sm_error *err);

/* Empties the slot: stores 0 into text[0] with release ordering. */
SM_API void sm_slot_clear(void *view);

/*
 * The classic samples' protocol, kept for teaching (--classic): store the
 * string front to back with no lock and no ordering, overwriting whatever is
 * there. A reader can see a half-written string and an unread one is lost.
 * count must fit the view with no 0 unit (same errors as sm_slot_write_body).
 */
SM_API sm_status sm_slot_classic_store(void *view, size_t view_bytes, const uint16_t *units,
                                       size_t count, sm_error *err);

/*
 * The classic read: copy the string (bounded like sm_slot_load), then clear
 * unit 0 - two separate steps, so a store landing in between is wiped unseen.
 * A message longer than out->capacity is not taken: SM_ERR_BUFFER_TOO_SMALL
 * as for sm_slot_load, and the slot is not cleared.
 */
SM_API sm_status sm_slot_classic_take(void *view, size_t view_bytes, sm_message *out,
                                      sm_error *err);

/* True if the view holds exactly units[0..count) followed by the terminator. */
SM_API bool sm_slot_holds(const void *view, size_t view_bytes, const uint16_t *units, size_t count);

#ifdef __cplusplus
}
#endif

#endif
