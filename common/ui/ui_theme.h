/*
 * ui_theme.h - the colours and sizes both windows share, so the sender and
 * the receiver look like one product and a change is made once. Three themes
 * (light, dark, high contrast); a window picks one when it opens (--theme, or
 * what the desktop asks for: ui_syscolors.h) and draws every colour from it.
 */
#ifndef SAMPLEMAP_UI_THEME_H
#define SAMPLEMAP_UI_THEME_H

#include <SDL.h>

#include "options.h"
#include "ui_syscolors.h"

typedef struct sm_ui_theme {
    const char *name;        /* "light", "dark" or "contrast", as --theme spells it */
    SDL_Color background;    /* window background */
    SDL_Color panel;         /* status bar, log background */
    SDL_Color border;        /* frames around fields and lists */
    SDL_Color text;          /* normal text */
    SDL_Color dim;           /* secondary text: times, hints */
    SDL_Color accent;        /* focus frame, button, "sent" */
    SDL_Color accent_hover;  /* the button under the mouse */
    SDL_Color accent_text;   /* text on the accent colour */
    SDL_Color disabled;      /* a button that cannot be pressed now (Send with nothing to send) */
    SDL_Color disabled_text; /* its label (WCAG exempts it; still readable) */
    SDL_Color good;          /* "delivered" */
    SDL_Color warning;       /* counter at the limit, "queued", ill-formed text */
    SDL_Color error;         /* mapping errors, refused text */
    SDL_Color field;         /* text field background */
    SDL_Color composition;   /* IME composition underline */
    SDL_Color selection;     /* behind selected text */
    SDL_Color match;         /* behind text the find bar found */
    SDL_Color match_current; /* behind the current match */
    SDL_Color shade;         /* over the window behind the help overlay (alpha < 255) */
    int body_px;             /* body font size in logical pixels */
    int small_px;            /* status line and headers */
    int pad;                 /* outer padding in logical pixels */
} sm_ui_theme;

/* The themes. Text meets WCAG 2.2 AA (4.5:1) in light and dark, 7:1 in high contrast. */
extern const sm_ui_theme sm_ui_theme_light;
extern const sm_ui_theme sm_ui_theme_dark;
extern const sm_ui_theme sm_ui_theme_contrast;

/* The theme --theme names; SM_APP_THEME_SYSTEM gives NULL (ask sm_ui_theme_for_system). */
const sm_ui_theme *sm_ui_theme_named(sm_app_theme which);

/*
 * The theme for what the desktop says: high contrast when it is on, dark when dark is
 * preferred, else light (no preference, light preferred, or no answer: the fallback).
 */
const sm_ui_theme *sm_ui_theme_for_system(const sm_ui_syscolors *system);

#endif
