/*
 * ui_window.h - one application window: SDL video + SDL_ttf set up, a
 * resizable HiDPI-aware window with the SampleMap icon, its renderer (SDL's
 * software renderer unless SDL_RENDER_DRIVER names another), and the two
 * font chains (body and small) at the window's pixel scale.
 *
 * Everything is measured in device pixels; sm_ui_px converts the theme's
 * logical sizes. The event wait never spins (see sm_ui_wait).
 */
#ifndef SAMPLEMAP_UI_WINDOW_H
#define SAMPLEMAP_UI_WINDOW_H

#define SDL_MAIN_HANDLED /* the apps have their own main() */
#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui_fonts.h"
#include "ui_theme.h"

typedef struct sm_ui_window {
    SDL_Window *window;     /* the OS window */
    SDL_Renderer *renderer; /* draws into it */
    float scale;            /* device pixels per logical pixel */
    int width, height;      /* drawable size in device pixels */
    sm_ui_fonts body;       /* messages, fields, buttons */
    sm_ui_fonts small;      /* status line, headers */
    const sm_ui_theme *theme;
    /* Why that theme: --theme, or what the system said (--trace state's "theme" line). */
    char theme_why[240];
} sm_ui_window;

typedef struct sm_ui_window_spec {
    const char *title;         /* UTF-8 window title */
    int width, height;         /* logical size */
    int min_width, min_height; /* logical size below which the layout would overlap */
    bool has_position;         /* place at x, y (else the window manager decides) */
    int x, y;
} sm_ui_window_spec;

/*
 * Initialises SDL video and SDL_ttf, opens the window hidden (call
 * sm_ui_window_show once the first frame is drawn) and loads the fonts.
 * On failure writes the reason (with SDL's message) to error and cleans up.
 */
bool sm_ui_window_open(sm_ui_window *ui, const sm_ui_window_spec *spec, char *error,
                       size_t error_size);

/* Undoes sm_ui_window_open in reverse order (a zeroed window is fine). */
void sm_ui_window_close(sm_ui_window *ui);

void sm_ui_window_show(sm_ui_window *ui);

/*
 * Re-reads the drawable size after a resize or a move to another display and
 * reloads the fonts when the scale changed. Returns true when it changed.
 */
bool sm_ui_window_refresh_size(sm_ui_window *ui);

/* A theme size in logical pixels, in device pixels (at least 1). */
int sm_ui_px(const sm_ui_window *ui, int logical);

/* Converts a mouse position (window coordinates) to device pixels. */
void sm_ui_mouse_to_px(const sm_ui_window *ui, int *x, int *y);

/*
 * Waits for the next event until deadline (SDL_GetTicks64 time; 0 = no
 * deadline): true with *event filled, false when the deadline passed first.
 * The thread sleeps in the OS meanwhile, so an idle window costs no CPU.
 */
bool sm_ui_wait(SDL_Event *event, Uint64 deadline);

#endif
