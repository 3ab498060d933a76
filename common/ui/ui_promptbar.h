/*
 * ui_promptbar.h - a one-line bar inside a window that asks for a text: the
 * receiver's find bar, its filter bar and its "save as" prompt. A label, a
 * one-line field (the shared text field: ui_fieldinput.h) and a status text
 * on the right ("2 of 5"), or an error on a line of its own under the field,
 * in the error colour and wrapped, never cut (a path that cannot be written).
 *
 * The bar owns the keys a prompt needs: Enter and Shift+Enter (accept, and
 * accept backwards: the find bar's next and previous) and Escape (close);
 * every other key goes to the field.
 */
#ifndef SAMPLEMAP_UI_PROMPTBAR_H
#define SAMPLEMAP_UI_PROMPTBAR_H

#include <stdbool.h>

#include "ui_edit.h"
#include "ui_widgets.h"

typedef enum sm_ui_prompt_result {
    SM_UI_PROMPT_IGNORED,  /* not the bar's event */
    SM_UI_PROMPT_MOVED,    /* the caret or the selection moved: redraw */
    SM_UI_PROMPT_CHANGED,  /* the text changed */
    SM_UI_PROMPT_ACCEPT,   /* Enter */
    SM_UI_PROMPT_BACKWARD, /* Shift+Enter */
    SM_UI_PROMPT_CLOSE,    /* Escape: the bar closed itself */
} sm_ui_prompt_result;

typedef struct sm_ui_promptbar {
    bool open;
    const char *label; /* e.g. "Find" */
    sm_ui_edit edit;
    sm_ui_field_view view;
    char status[240]; /* right of the field; "" = none */
    bool status_error;
    SDL_Rect rect; /* the last frame's */
} sm_ui_promptbar;

/* Opens the bar with label and initial text (NULL keeps the text it had), all of it selected. */
void sm_ui_promptbar_open(sm_ui_promptbar *bar, const char *label, const char *text);

/* Height of the bar (device pixels) at width: taller by the lines of an error. */
int sm_ui_promptbar_height(const sm_ui_window *ui, const sm_ui_promptbar *bar, int width);

/* Draws the bar into rect; focused draws the caret. */
void sm_ui_promptbar_draw(const sm_ui_window *ui, sm_ui_promptbar *bar, SDL_Rect rect,
                          bool focused);

/* Handles one event for an open bar (keys and text input are the bar's while it is open). */
sm_ui_prompt_result sm_ui_promptbar_handle(const sm_ui_window *ui, sm_ui_promptbar *bar,
                                           const SDL_Event *event);

/* Frees the field's history. */
void sm_ui_promptbar_free(sm_ui_promptbar *bar);

#endif
