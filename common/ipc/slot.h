/*
 * slot.h - the wire format of the 2 KB view and the ordered steps on it.
 *
 * The view is uint16_t text[1024]: a UTF-16LE string at offset 0, NUL
 * terminated, at most 1023 units; text[0] == 0 means "empty". This is exactly
 * the layout of the classic Windows samples (wchar_t[1024] in 2048 bytes), so
 * they interoperate. wchar_t is 4 bytes on Linux, so the wire uses uint16_t.
 *
 * These functions do no locking; channel.h wraps them in the mapping's lock.
 * They never read or write outside the SM_SLOT_BYTES they are given, whatever
 * bytes the view holds.
 */
#ifndef SAMPLEMAP_IPC_SLOT_H
#define SAMPLEMAP_IPC_SLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define SM_SLOT_BYTES 2048
#define SM_SLOT_UNITS (SM_SLOT_BYTES / 2)

/* A message copied out of the view. */
typedef struct sm_message {
    uint16_t units[SM_SLOT_UNITS]; /* the text, without terminator */
    size_t count;                  /* units used, 1..1024 */
    bool unterminated;             /* the view held no NUL: all 1024 units were text */
} sm_message;

/* True if text[0] is 0. Loads unit 0 with acquire ordering (see slot.c). */
bool sm_slot_is_empty(const void *view);

/*
 * Step 1 of a store: writes units[1..count-1] and the terminator. Unit 0 is
 * left alone, so an empty slot stays empty to every reader until step 2.
 * count must be 1..1023 and no unit may be 0: SM_ERR_TEXT_TOO_LONG /
 * SM_ERR_TEXT_INVALID otherwise, and nothing is written. SM_BUSY when the
 * slot is not empty.
 */
sm_status sm_slot_write_body(void *view, const uint16_t *units, size_t count, sm_error *err);

/* Step 2 of a store: stores first_unit (units[0]) with release ordering, publishing the body. */
void sm_slot_publish(void *view, uint16_t first_unit);

/* Steps 1 and 2 together. */
sm_status sm_slot_store(void *view, const uint16_t *units, size_t count, sm_error *err);

/*
 * Copies the message out of the view: SM_EMPTY if text[0] is 0. Reads at most
 * SM_SLOT_UNITS units; a view without any NUL yields all 1024 units and sets
 * out->unterminated. Never fails otherwise.
 */
sm_status sm_slot_load(const void *view, sm_message *out);

/* Empties the slot: stores 0 into text[0] with release ordering. */
void sm_slot_clear(void *view);

/*
 * The classic samples' protocol, kept for teaching (--classic): store the
 * string front to back with no lock and no ordering, overwriting whatever is
 * there. A reader can see a half-written string and an unread one is lost.
 * count must be 1..1023 with no 0 unit (same errors as sm_slot_write_body).
 */
sm_status sm_slot_classic_store(void *view, const uint16_t *units, size_t count, sm_error *err);

/*
 * The classic read: copy the string (bounded like sm_slot_load), then clear
 * unit 0 - two separate steps, so a store landing in between is wiped unseen.
 */
sm_status sm_slot_classic_take(void *view, sm_message *out);

/* True if the view holds exactly units[0..count) followed by the terminator. */
bool sm_slot_holds(const void *view, const uint16_t *units, size_t count);

#endif
