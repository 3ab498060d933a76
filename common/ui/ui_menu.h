/*
 * ui_menu.h - a context menu drawn inside the window (no native menu: the
 * same on every OS and visible to the tests): a column of items at the
 * pointer, operated by the mouse or the keyboard (Up/Down, Home/End, Enter,
 * Escape). Items may be disabled; they are shown dim and skipped.
 */
#ifndef SAMPLEMAP_UI_MENU_H
#define SAMPLEMAP_UI_MENU_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_window.h"

#define SM_UI_MENU_MAX 8

typedef struct sm_ui_menu {
    bool open;
    const char *items[SM_UI_MENU_MAX];
    bool enabled[SM_UI_MENU_MAX];
    size_t count;
    size_t focus;  /* the highlighted item */
    int x, y;      /* where it was opened (device pixels) */
    SDL_Rect rect; /* the last frame's, and each item's */
    SDL_Rect item_rects[SM_UI_MENU_MAX];
    bool traced; /* its place was traced since it opened (sm_ui_menu_trace_place) */
} sm_ui_menu;

/* What handle did: SM_UI_MENU_NONE, _CLOSED (Escape, a click outside) or an item chosen (>= 0). */
enum { SM_UI_MENU_NONE = -1, SM_UI_MENU_CLOSED = -2 };

/*
 * Opens the menu at x, y (device pixels) with count items (at most
 * SM_UI_MENU_MAX), enabled[i] saying which can be chosen; the first enabled
 * item is highlighted, for the keyboard.
 */
void sm_ui_menu_open(sm_ui_menu *menu, int x, int y, const char *const *items, const bool *enabled,
                     size_t count);

/* Draws an open menu, kept inside the window. */
void sm_ui_menu_draw(const sm_ui_window *ui, sm_ui_menu *menu);

/*
 * --trace state, once per opening after it was drawn (call it when the frame
 * was presented): "menu at x,y,w,h enabled=<1 or 0 per item> items=n" in
 * window coordinates, where a test clicks its rows.
 */
void sm_ui_menu_trace_place(const sm_ui_window *ui, sm_ui_menu *menu);

/*
 * Handles one event for an open menu (it takes every key and click while open):
 * returns the index of the chosen item, SM_UI_MENU_CLOSED or SM_UI_MENU_NONE;
 * *changed says whether it needs drawing again. Choosing or closing closes it.
 */
int sm_ui_menu_handle(const sm_ui_window *ui, sm_ui_menu *menu, const SDL_Event *event,
                      bool *changed);

#endif
