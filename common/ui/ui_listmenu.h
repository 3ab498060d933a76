/*
 * ui_listmenu.h - the context menu of a log list (ui_loglist.h), the same in
 * both windows: Copy, Copy with details, Select all, Clear, and in the
 * receiver also "Filter to this process" (its entries carry a process; the
 * sender's do not). It opens on a right click (which first selects the entry
 * under the pointer, see sm_ui_loglist_handle), the Menu key or Shift+F10;
 * items that would do nothing are shown disabled.
 *
 * --trace state says "menu shown", "menu chose <item>[: copied|not copied]"
 * and "menu hidden" (docs/diagnostics.md).
 */
#ifndef SAMPLEMAP_UI_LISTMENU_H
#define SAMPLEMAP_UI_LISTMENU_H

#include <stdbool.h>

#include "ui_loglist.h"
#include "ui_menu.h"

typedef enum sm_ui_listmenu_item {
    SM_UI_LISTMENU_COPY,
    SM_UI_LISTMENU_COPY_DETAILS,
    SM_UI_LISTMENU_SELECT_ALL,
    SM_UI_LISTMENU_FILTER_PROCESS, /* only with with_filter; the caller does it */
    SM_UI_LISTMENU_CLEAR,
} sm_ui_listmenu_item;

typedef struct sm_ui_listmenu {
    sm_ui_menu menu;                           /* what is drawn and operated */
    sm_ui_listmenu_item items[SM_UI_MENU_MAX]; /* what each of its rows does */
} sm_ui_listmenu;

/*
 * Opens the menu for list at x, y (device pixels). with_filter adds "Filter to
 * this process", enabled when the selection's focus entry has a process.
 */
void sm_ui_listmenu_open(sm_ui_listmenu *listmenu, const sm_ui_loglist *list, int x, int y,
                         bool with_filter);

/*
 * Handles one event while the menu is open (sm_ui_menu_handle): returns the
 * item chosen (an sm_ui_listmenu_item), SM_UI_MENU_CLOSED or SM_UI_MENU_NONE.
 */
int sm_ui_listmenu_handle(const sm_ui_window *ui, sm_ui_listmenu *listmenu, const SDL_Event *event,
                          bool *changed);

/*
 * Does what handle returned on list: copies, selects all, clears; traces it.
 * SM_UI_LISTMENU_FILTER_PROCESS is left to the caller (false: not done here),
 * SM_UI_MENU_CLOSED traces "menu hidden". True when it was done here.
 */
bool sm_ui_listmenu_do(sm_ui_loglist *list, int chosen);

#endif
