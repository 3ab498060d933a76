/*
 * ui_zoom.h - the text zoom's steps (Ctrl+plus / Ctrl+minus / Ctrl+0, Ctrl+wheel).
 *
 * Zoom is a percentage of the default size that multiplies every size the
 * windows draw (fonts, paddings, buttons: see sm_ui_px), so it reflows the
 * layout as a change of the pixel scale does. It moves through fixed steps,
 * as browsers do, so that a few presses come back to exactly 100 %.
 */
#ifndef SAMPLEMAP_UI_ZOOM_H
#define SAMPLEMAP_UI_ZOOM_H

#define SM_UI_ZOOM_MIN 50
#define SM_UI_ZOOM_DEFAULT 100
#define SM_UI_ZOOM_MAX 300

/*
 * The next step from percent: direction > 0 the next larger one, < 0 the next
 * smaller one (stopping at SM_UI_ZOOM_MIN / _MAX), 0 the default (Ctrl+0). A
 * percent between steps (a hand-edited preferences file) moves to the nearest
 * step in that direction.
 */
int sm_ui_zoom_step(int percent, int direction);

/* percent clamped to SM_UI_ZOOM_MIN..SM_UI_ZOOM_MAX and rounded down to a step. */
int sm_ui_zoom_snap(int percent);

/*
 * The zoom drawn in a window that holds the layout up to fit_percent (its
 * size over the size the layout needs at 100 %, in percent): the asked zoom,
 * or, when asked is above 100 % and the window is too small for it, the
 * largest step that fits (never below 100 %: the default's own minimum size
 * is the window's minimum). So text never overlaps, at any zoom and size.
 */
int sm_ui_zoom_fit(int asked, int fit_percent);

#endif
