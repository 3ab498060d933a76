/*
 * ui_fieldinput.h - how the text field answers the keyboard and the mouse:
 * typing, the editing keys (word-wise with Ctrl, selecting with Shift),
 * Up/Down between lines, Ctrl+A/C/X/V, undo (Ctrl+Z) and redo (Ctrl+Y,
 * Ctrl+Shift+Z), Shift+Enter for a line break, Escape to clear, and
 * click / shift+click / drag to place the caret and select.
 *
 * Enter alone is not the field's: the window decides what it does (send).
 */
#ifndef SAMPLEMAP_UI_FIELDINPUT_H
#define SAMPLEMAP_UI_FIELDINPUT_H

#include "ui_edit.h"
#include "ui_widgets.h"

typedef enum sm_ui_field_result {
    SM_UI_FIELD_IGNORED, /* not an event for the field */
    SM_UI_FIELD_MOVED,   /* the caret or the selection moved: redraw */
    SM_UI_FIELD_CHANGED, /* the text changed */
    SM_UI_FIELD_FULL,    /* an insertion (typing, a paste) did not fit; nothing changed */
} sm_ui_field_result;

/*
 * Applies event to the field drawn in view (mouse events only count inside
 * its last rectangle, or while a drag that started there goes on).
 */
sm_ui_field_result sm_ui_field_handle(const sm_ui_window *ui, sm_ui_field_view *view,
                                      sm_ui_edit *edit, const SDL_Event *event);

#endif
