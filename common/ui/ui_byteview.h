/*
 * ui_byteview.h - the receiver window's F2 view of the shared bytes: the
 * control fields, then rows of hex with the decoded UTF-16 units beside them.
 * Unit 0 is drawn in the accent colour, the terminator in the warning colour,
 * the text between them in the text colour, what lies past the terminator
 * dimmed, and units that changed since the previous look on a highlight.
 * The model (flags, glyphs) is the CLI's (app/byteview.h).
 */
#ifndef SAMPLEMAP_UI_BYTEVIEW_H
#define SAMPLEMAP_UI_BYTEVIEW_H

#include "channel.h"
#include "ui_window.h"

/* Bytes per row in the window: 8 units, which fit the smallest window with their glyphs. */
#define SM_UI_BYTEVIEW_ROW_BYTES 16

/*
 * Draws now (before: the look before the last change, or NULL) into rect,
 * starting at row first_row; returns how many rows fit.
 */
int sm_ui_byteview_draw(const sm_ui_window *ui, SDL_Rect rect, const sm_channel_snapshot *now,
                        const sm_channel_snapshot *before, int first_row);

#endif
