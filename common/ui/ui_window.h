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
#include "ui_prefs.h"
#include "ui_theme.h"

typedef struct sm_ui_window {
    SDL_Window *window;     /* the OS window */
    SDL_Renderer *renderer; /* draws into it */
    float scale;            /* device pixels per logical pixel (before the zoom) */
    int width, height;      /* drawable size in device pixels */
    sm_ui_fonts body;       /* messages, fields, buttons */
    sm_ui_fonts small;      /* status line, headers */
    const sm_ui_theme *theme;
    int zoom;                  /* the text zoom asked for, percent (ui_zoom.h) */
    int zoom_drawn;            /* the zoom drawn: zoom, or less where the window is too small */
    int min_width, min_height; /* the spec's logical minimum at 100 % */
    int fit_width, fit_height; /* the spec's logical size the layout needs at 100 % */
    char title[400];           /* the title as opened (the unread count goes before it) */
    const char *program;       /* for the one stderr line when the preferences cannot be saved */
    const char *prefs_role;    /* "sender" / "receiver": what the file says it is */
    char prefs_path[1100];     /* where the window is remembered on close; "" = nowhere */
    sm_ui_prefs prefs;         /* as read at open; updated and written on close */
    /* Why that theme: --theme, or what the system said (--trace state's "theme" line). */
    char theme_why[240];
} sm_ui_window;

typedef struct sm_ui_window_spec {
    const char *title;         /* UTF-8 window title */
    int width, height;         /* logical size */
    int min_width, min_height; /* logical minimum size: the layout fits with room to use */
    /* The logical size below which the 100 % layout would overlap (at most the minimum): at
       zoom z the layout needs z times it, and a smaller window draws a smaller zoom. */
    int fit_width, fit_height;
    bool has_position; /* place at x, y (else the window manager decides) */
    int x, y;
    /* The remembered window (ui_prefs.h), or NULL: its size, zoom, and its position unless
       has_position (--geometry wins); a remembered position off every display is pulled onto
       one. On close the window is written back to prefs_path (NULL: not remembered). */
    const sm_ui_prefs *prefs;
    const char *prefs_path;
    const char *prefs_role;
    const char *program; /* names the program in the line saying the save failed */
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

/*
 * Sets the text zoom (percent, a step of ui_zoom.h): the fonts are reloaded at the new
 * size and every sm_ui_px size follows, as after a change of the pixel scale; the window's
 * minimum size grows with it (within the screen). Returns true when what is drawn changed.
 */
bool sm_ui_window_set_zoom(sm_ui_window *ui, int percent);

/* Puts "(count) " before the title as opened (count 0: the title as opened). */
void sm_ui_window_set_unread(sm_ui_window *ui, unsigned long count);

/* A theme size in logical pixels, at the zoom drawn, in device pixels (at least 1). */
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
