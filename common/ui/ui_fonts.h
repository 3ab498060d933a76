/*
 * ui_fonts.h - a chain of fonts at one pixel size: a primary font plus
 * fallbacks for the glyphs it lacks (CJK, Arabic, Hebrew, colour emoji), and
 * beyond those any installed font that has the glyph (found by coverage
 * through the system's font service, ui_sysfont.h, and added on first use).
 *
 * SDL_ttf renders with one font at a time, so text is cut into runs that one
 * font can draw (see ui_layout.h); this module answers "which font draws this
 * code point". Bitmap-only fonts (Noto Color Emoji has one 109 px strike) are
 * drawn scaled to the primary font's height.
 */
#ifndef SAMPLEMAP_UI_FONTS_H
#define SAMPLEMAP_UI_FONTS_H

#include <SDL_ttf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui_script.h"

/* The table's fonts plus those found by coverage while drawing. */
#define SM_UI_FONTS_MAX 16
/* Code points no installed font has, remembered so drawing does not ask again each frame. */
#define SM_UI_FONTS_MISSES 32

typedef struct sm_ui_face {
    TTF_Font *font;      /* open at the chain's size (or its nearest strike) */
    sm_ui_script script; /* what this face is preferred for */
    float scale;         /* drawn size / rendered size: 1, or < 1 for bitmap strikes */
    int ascent;          /* TTF_FontAscent, unscaled */
} sm_ui_face;

/* The faces, on the heap: a chain that is drawn through a const pointer still grows. */
typedef struct sm_ui_face_list {
    sm_ui_face faces[SM_UI_FONTS_MAX]; /* faces[0] is the primary font */
    int count;                         /* faces open */
    uint32_t misses[SM_UI_FONTS_MISSES];
    int miss_count;              /* misses used (a ring once full) */
    bool tried[SM_UI_FONTS_MAX]; /* per font of ui_fontfind's table: opened or looked for */
} sm_ui_face_list;

typedef struct sm_ui_fonts {
    sm_ui_face_list *list; /* NULL until opened */
    int pixel_size;        /* requested size in device pixels */
    int height;            /* line height: the primary font's */
    int ascent;            /* the primary font's ascent: the baseline */
} sm_ui_fonts;

/*
 * Opens the primary font at pixel_size device pixels; the fallbacks are
 * opened by sm_ui_fonts_pick when a code point first needs one. Fails (with
 * a reason in error) only if no primary font is found.
 */
bool sm_ui_fonts_open(sm_ui_fonts *fonts, int pixel_size, char *error, size_t error_size);

/* Closes every face (a zeroed or failed chain is fine). */
void sm_ui_fonts_close(sm_ui_fonts *fonts);

/* Which script a code point belongs to, for the choice of face and line breaking. */
sm_ui_script sm_ui_script_of(uint32_t cp);

/*
 * Index of the face that draws cp: the script's own face, else the first that
 * has it, else the first of the table's fonts not yet open that has it, else
 * an installed font that has it (those opened now), else 0 (a box).
 */
int sm_ui_fonts_pick(const sm_ui_fonts *fonts, uint32_t cp);

/* Face index of the chain (index < fonts->list->count). */
const sm_ui_face *sm_ui_fonts_face(const sm_ui_fonts *fonts, int index);

/* Whether face index can draw cp. */
bool sm_ui_fonts_has(const sm_ui_fonts *fonts, int index, uint32_t cp);

#endif
