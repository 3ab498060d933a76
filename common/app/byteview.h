/*
 * byteview.h - the live view of the shared bytes, shared by
 * `samplemap-receiver --peek --watch` and the receiver window's F2 view.
 *
 * It reads a sm_channel_snapshot (sm_channel_inspect: no lock, no clear) and
 * says, for each byte, whether it belongs to unit 0 (the full/empty flag), to
 * the terminator, or changed since the previous look; each UTF-16 unit is
 * decoded beside its bytes. The CLI prints rows with markers, the window
 * draws the same rows with colours.
 */
#ifndef SAMPLEMAP_APP_BYTEVIEW_H
#define SAMPLEMAP_APP_BYTEVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "channel.h"

/* What a byte of the view is (bits). */
enum {
    SM_BYTE_UNIT0 = 1u,      /* bytes 0 and 1: unit 0, the slot's "full" flag */
    SM_BYTE_TERMINATOR = 2u, /* the first 0 unit after unit 0: where a reader stops */
    SM_BYTE_CHANGED = 4u,    /* differs from the previous look */
    SM_BYTE_TEXT = 8u,       /* between unit 0 and the terminator */
};

/* The unit index of the terminator (the first 0 unit after unit 0), or units if none. */
size_t sm_byteview_terminator(const sm_channel_snapshot *now);

/* The SM_BYTE_* bits of byte i; before may be NULL (nothing is marked changed then). */
unsigned sm_byteview_flags(const sm_channel_snapshot *now, const sm_channel_snapshot *before,
                           size_t i);

/*
 * How unit is shown beside its bytes, as UTF-8 in out[8]: "." for 0, the
 * character for printable ones, "?" for a control character, "~" for a
 * surrogate half (each half of a pair is one unit on the wire).
 */
void sm_byteview_glyph(unsigned unit, char out[8]);

/* True if the two looks differ in any byte or any control field. */
bool sm_byteview_differs(const sm_channel_snapshot *now, const sm_channel_snapshot *before);

/* The control fields in one line (no newline), e.g. "layout 3 · taken 2 · ... · lock free". */
void sm_byteview_control_line(const sm_channel_snapshot *now, char *out, size_t out_size);

/*
 * Prints the view as text rows of bytes_per_row bytes: offset, each unit's
 * two bytes in hex ("[..]" around unit 0, "<..>" around the terminator, "*"
 * after a changed unit) and the decoded units. Without all_rows, rows past the
 * terminator's row are summarised in one "..." line. False if writing failed.
 */
bool sm_byteview_print(FILE *out, const sm_channel_snapshot *now, const sm_channel_snapshot *before,
                       size_t bytes_per_row, bool all_rows);

#endif
