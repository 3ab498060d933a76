/*
 * ui_errorview.h - what both windows show when the mapping cannot be used:
 * the reason, what to do, and buttons to try again - Retry (Enter), and
 * "Remove and retry" where removing the object is what fixes it (another
 * program's object of the wrong size under our name).
 */
#ifndef SAMPLEMAP_UI_ERRORVIEW_H
#define SAMPLEMAP_UI_ERRORVIEW_H

#include <stdbool.h>

#include "options.h"
#include "error.h"
#include "ui_window.h"

typedef struct sm_ui_error_view {
    sm_status code;         /* why the mapping could not be opened */
    char title[200];
    char body[900];
    SDL_Rect retry, remove; /* the buttons in the last frame (remove.w == 0: not offered) */
} sm_ui_error_view;

typedef enum sm_ui_error_action {
    SM_UI_ERROR_NONE,
    SM_UI_ERROR_RETRY,      /* open the mapping again */
    SM_UI_ERROR_REMOVE,     /* remove the named objects, then open again */
} sm_ui_error_action;

/* Fills the view for error err on opts' mapping, and reports it on stderr. */
void sm_ui_error_view_set(sm_ui_error_view *view, const sm_app_options *opts,
                          const sm_error *err);

/* Whether removing the object fixes code (and "Remove and retry" is offered). */
bool sm_ui_error_removable(sm_status code);

void sm_ui_error_view_draw(const sm_ui_window *ui, sm_ui_error_view *view, SDL_Rect rect);

/* The action a click on a button or Enter (Retry) asks for. */
sm_ui_error_action sm_ui_error_view_handle(const sm_ui_window *ui, const sm_ui_error_view *view,
                                           const SDL_Event *event);

/*
 * Carries out the removal part of action (nothing for Retry), then prints
 * "retrying" on stdout for tests; the caller opens the mapping again.
 */
void sm_ui_error_view_prepare(const sm_ui_error_view *view, const sm_app_options *opts,
                              sm_ui_error_action action);

#endif
