/*
 * ui_fieldinput.h - how the text field answers the keyboard and the mouse:
 * typing, the editing keys (word-wise with Ctrl, selecting with Shift),
 * Up/Down between lines, Ctrl+A/C/X/V, undo (Ctrl+Z) and redo (Ctrl+Y,
 * Ctrl+Shift+Z), Shift+Enter for a line break, Escape to clear,
 * click / shift+click / drag to place the caret and select, and its context
 * menu (Undo, Cut, Copy, Paste, Select all) on a right click, the Menu key or
 * Shift+F10.
 *
 * Where the desktop has a primary selection (ui_primary.h), a selection made
 * in the field becomes it, and a middle click pastes it where it clicks, the
 * way Ctrl+V pastes the clipboard. A read-only field (view->plain) only offers
 * its selection.
 *
 * Enter alone is not the field's: the window decides what it does (send).
 */
#ifndef SAMPLEMAP_UI_FIELDINPUT_H
#define SAMPLEMAP_UI_FIELDINPUT_H

#include "ui_edit.h"
#include "ui_menu.h"
#include "ui_widgets.h"

typedef enum sm_ui_field_result {
    SM_UI_FIELD_IGNORED, /* not an event for the field */
    SM_UI_FIELD_MOVED,   /* the caret or the selection moved: redraw */
    SM_UI_FIELD_CHANGED, /* the text changed */
    SM_UI_FIELD_FULL,    /* an insertion (typing, a paste) did not fit; nothing changed */
    SM_UI_FIELD_MENU,    /* a right click, the Menu key or Shift+F10: open sm_ui_field_menu_open */
} sm_ui_field_result;

/*
 * Applies event to the field drawn in view (mouse events only count inside
 * its last rectangle, or while a drag that started there goes on).
 */
sm_ui_field_result sm_ui_field_handle(const sm_ui_window *ui, sm_ui_field_view *view,
                                      sm_ui_edit *edit, const SDL_Event *event);

/* The editing commands of the keys and of the context menu, in the menu's order. */
typedef enum sm_ui_field_command {
    SM_UI_FIELD_UNDO,
    SM_UI_FIELD_CUT,
    SM_UI_FIELD_COPY,
    SM_UI_FIELD_PASTE,
    SM_UI_FIELD_SELECT_ALL,
    SM_UI_FIELD_COMMANDS /* how many */
} sm_ui_field_command;

/*
 * Whether command would do something now: Undo with a step to undo, Cut and
 * Copy with a selection, Paste with text on the clipboard, Select all with text.
 */
bool sm_ui_field_can(const sm_ui_edit *edit, sm_ui_field_command command);

/* Does command, as its shortcut (Ctrl+Z, X, C, V, A) does. */
sm_ui_field_result sm_ui_field_do(sm_ui_edit *edit, sm_ui_field_command command);

/*
 * Opens the field's context menu for event (the one that returned
 * SM_UI_FIELD_MENU): at the pointer for a click, under the caret for a key.
 * Items that would do nothing are shown disabled (sm_ui_field_can).
 */
void sm_ui_field_menu_open(const sm_ui_window *ui, const sm_ui_field_view *view,
                           const sm_ui_edit *edit, const SDL_Event *event, sm_ui_menu *menu);

/* Does the item chosen in that menu (what sm_ui_menu_handle returned; others do nothing). */
sm_ui_field_result sm_ui_field_menu_choose(sm_ui_edit *edit, int choice);

#endif
