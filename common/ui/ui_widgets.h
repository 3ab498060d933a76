/*
 * ui_widgets.h - the small widgets both windows draw: rectangles, a button,
 * the status line, a wrapped multi-line text field with caret and IME
 * composition, and a panel that explains an error.
 *
 * Widgets are immediate-mode: each frame the app draws them from its own
 * state; hit-testing uses the same rectangles.
 */
#ifndef SAMPLEMAP_UI_WIDGETS_H
#define SAMPLEMAP_UI_WIDGETS_H

#include <stdbool.h>

#include "ui_edit.h"
#include "ui_window.h"

void sm_ui_fill(const sm_ui_window *ui, SDL_Rect rect, SDL_Color color);
void sm_ui_frame(const sm_ui_window *ui, SDL_Rect rect, SDL_Color color, int thickness);
bool sm_ui_hit(SDL_Rect rect, int x, int y);

/* A button with a centred label; disabled buttons are drawn greyed out. */
void sm_ui_button_draw(const sm_ui_window *ui, SDL_Rect rect, const char *label, bool enabled);

/* The same, lighter under the mouse (hover) and ringed when it has the keyboard focus. */
void sm_ui_button_draw_states(const sm_ui_window *ui, SDL_Rect rect, const char *label,
                              bool enabled, bool hover, bool focus);

/* The keyboard-focus ring around rect. */
void sm_ui_focus_ring(const sm_ui_window *ui, SDL_Rect rect);

/* The rectangle a focus ring around rect covers (rect and the ring's gap around it). */
SDL_Rect sm_ui_focus_extent(const sm_ui_window *ui, SDL_Rect rect);

/* The help overlay (F1): a panel over the dimmed window with a title and wrapped text. */
/*
 * The text scrolls up by scroll pixels (clamped here), with a scrollbar when it is taller than
 * the panel; returns how far it can scroll (0: it fits), for the keys and the wheel.
 */
int sm_ui_help_draw(const sm_ui_window *ui, const char *title, const char *body, int *scroll);

/* A secondary button (framed, small text) for actions beside a heading. */
/* A destructive choice: outlined and labelled in the error colour, unlike the filled default. */
void sm_ui_danger_button_draw(const sm_ui_window *ui, SDL_Rect rect, const char *label, bool focus);

void sm_ui_small_button_draw(const sm_ui_window *ui, SDL_Rect rect, const char *label, bool enabled,
                             bool hover, bool focus);

/* Height of the status line in device pixels. */
int sm_ui_status_height(const sm_ui_window *ui);

/*
 * The status line along the bottom of the window: left text and right text.
 * True when the left text had to be cut (it ends in an ellipsis then).
 */
bool sm_ui_status_draw(const sm_ui_window *ui, const char *left, const char *right);

/* One line of small text, cut with an ellipsis to fit rect; true when it was cut. */
bool sm_ui_label_draw(const sm_ui_window *ui, SDL_Rect rect, const char *text, SDL_Color color);

/* Wrapped body text inside rect (line breaks kept); returns the height used. */
int sm_ui_paragraph_draw(const sm_ui_window *ui, SDL_Rect rect, const char *text, SDL_Color color);

/* The same in the small font. */
int sm_ui_paragraph_draw_small(const sm_ui_window *ui, SDL_Rect rect, const char *text,
                               SDL_Color color);

typedef struct sm_ui_field_view {
    int scroll_line; /* first wrapped line shown; kept so the caret stays visible */
    bool scrolled;   /* the wheel or the scrollbar moved it: the caret is not followed until
                        the next key or click */
    int line_count, lines_shown; /* wrapped lines in the last frame, and how many fit */
    SDL_Rect track, thumb; /* the scrollbar when the text is taller than the field (w 0: none) */
    SDL_Rect rect;         /* the field in the last frame, for clicks */
    SDL_Rect inner;        /* where its text went, for clicks and Up/Down */
    SDL_Rect caret;        /* the caret in the last frame (w 0: not drawn), for the menu key */
    bool dragging;         /* the left button went down in the field and is still held */
    bool plain;            /* no background or frame: read-only text on a panel (the error view) */
} sm_ui_field_view;

/*
 * Draws the field: its text wrapped to the rect, the selection behind it,
 * the IME composition (if any) inserted at the caret and underlined, and the
 * caret. Tells SDL where the caret is so an IME candidate window opens next
 * to it.
 */
void sm_ui_field_draw(const sm_ui_window *ui, SDL_Rect rect, const sm_ui_edit *edit,
                      const char *composition, bool focused, sm_ui_field_view *view);

/* The text offset nearest to the point x, y (device pixels) in the field as last drawn. */
size_t sm_ui_field_hit(const sm_ui_window *ui, const sm_ui_field_view *view, const sm_ui_edit *edit,
                       int x, int y);

/*
 * The offset on the wrapped line lines away from the caret's (-1 up, +1
 * down) nearest to the caret's x; the start or end of the text past the first
 * or last line.
 */
size_t sm_ui_field_vertical(const sm_ui_window *ui, const sm_ui_field_view *view,
                            const sm_ui_edit *edit, int lines);

/* A framed panel with a title (in the error colour) and a wrapped explanation. */
void sm_ui_error_panel_draw(const sm_ui_window *ui, SDL_Rect rect, const char *title,
                            const char *body);

#endif
