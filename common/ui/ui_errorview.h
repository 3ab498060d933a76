/*
 * ui_errorview.h - what both windows show when the mapping cannot be used:
 * the reason, what to do, and buttons to try again - Retry (Enter), and
 * "Remove and retry" where removing the object is what fixes it (another
 * program's object of the wrong size under our name).
 */
#ifndef SAMPLEMAP_UI_ERRORVIEW_H
#define SAMPLEMAP_UI_ERRORVIEW_H

#include <stdbool.h>

#include "error.h"
#include "options.h"
#include "ui_edit.h"
#include "ui_widgets.h"
#include "ui_window.h"

typedef struct sm_ui_error_view {
    sm_status code; /* why the mapping could not be opened */
    char title[200];
    char body[900];
    SDL_Rect retry, remove; /* the buttons in the last frame (remove.w == 0: not offered) */
    bool focus_remove;      /* the keyboard focus: false = Retry (Tab moves it) */
    unsigned attempts;      /* Retries that met this same error again (0: first time) */
    char copied[64];        /* the last "Copied" confirmation, shown under the text */
    sm_ui_edit text;        /* the body as read-only text: select with the mouse, Ctrl+C */
    sm_ui_field_view text_view;
} sm_ui_error_view;

typedef enum sm_ui_error_action {
    SM_UI_ERROR_NONE,
    SM_UI_ERROR_RETRY,  /* open the mapping again */
    SM_UI_ERROR_REMOVE, /* remove the named objects, then open again */
    SM_UI_ERROR_REDRAW, /* only the view changed (focus moved, text copied) */
} sm_ui_error_action;

/* Opens the window's mapping; on failure fills view (sm_ui_error_view_set) and returns false. */
typedef bool (*sm_ui_error_open_fn)(void *context);

/* Fills the view for error err on opts' mapping, and reports it on stderr. */
void sm_ui_error_view_set(sm_ui_error_view *view, const sm_app_options *opts, const sm_error *err);

/* Frees what sm_ui_error_view_set kept (a zeroed view is fine). */
void sm_ui_error_view_free(sm_ui_error_view *view);

/* Whether removing the object fixes code (and "Remove and retry" is offered). */
bool sm_ui_error_removable(sm_status code);

void sm_ui_error_view_draw(const sm_ui_window *ui, sm_ui_error_view *view, SDL_Rect rect);

/*
 * The action a click on a button, or Enter / Space on the focused one, asks for;
 * Tab and the arrows move the focus, Ctrl+C copies the error text (REDRAW).
 */
sm_ui_error_action sm_ui_error_view_handle(const sm_ui_window *ui, sm_ui_error_view *view,
                                           const SDL_Event *event);

/*
 * Carries out action with open (the window's own opener): Retry opens again
 * and counts a repeat of the same error. Remove first opens again too - the
 * peer window may have repaired the object meanwhile - and removes the object
 * only if it is still the wrong size; a valid object is never removed. Prints
 * "retrying ..." and what happened on stdout for tests. Returns open's result.
 */
bool sm_ui_error_view_act(sm_ui_error_view *view, const sm_app_options *opts,
                          sm_ui_error_action action, sm_ui_error_open_fn open, void *context);

#endif
