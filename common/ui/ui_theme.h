/*
 * ui_theme.h - the colours and sizes both windows share, so the sender and
 * the receiver look like one product and a change is made once.
 */
#ifndef SAMPLEMAP_UI_THEME_H
#define SAMPLEMAP_UI_THEME_H

#include <SDL.h>

typedef struct sm_ui_theme {
    SDL_Color background;    /* window background */
    SDL_Color panel;         /* status bar, log background */
    SDL_Color border;        /* frames around fields and lists */
    SDL_Color text;          /* normal text */
    SDL_Color dim;           /* secondary text: times, hints */
    SDL_Color accent;        /* focus frame, button, "sent" */
    SDL_Color accent_text;   /* text on the accent colour */
    SDL_Color good;          /* "delivered" */
    SDL_Color warning;       /* counter at the limit, "queued", ill-formed text */
    SDL_Color error;         /* mapping errors, refused text */
    SDL_Color field;         /* text field background */
    SDL_Color composition;   /* IME composition underline */
    SDL_Color selection;     /* behind selected text */
    SDL_Color match;         /* behind text the find bar found */
    SDL_Color match_current; /* behind the current match */
    int body_px;             /* body font size in logical pixels */
    int small_px;            /* status line and headers */
    int pad;                 /* outer padding in logical pixels */
} sm_ui_theme;

/* The one theme (light, high contrast). */
extern const sm_ui_theme sm_ui_theme_default;

#endif
