/*
 * ui_fonts.h - a chain of fonts at one pixel size: a primary font plus
 * fallbacks for the glyphs it lacks (CJK, Arabic, Hebrew, colour emoji).
 *
 * SDL_ttf renders with one font at a time, so text is cut into runs that one
 * font can draw (see ui_text.h); this module answers "which font draws this
 * code point". Bitmap-only fonts (Noto Color Emoji has one 109 px strike) are
 * drawn scaled to the primary font's height.
 */
#ifndef SAMPLEMAP_UI_FONTS_H
#define SAMPLEMAP_UI_FONTS_H

#include <SDL_ttf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SM_UI_FONTS_MAX 8

/* Scripts that get a dedicated font when one is found (and RTL shaping). */
typedef enum sm_ui_script {
    SM_UI_SCRIPT_ANY,    /* the primary font and general fallbacks */
    SM_UI_SCRIPT_ARABIC, /* shaped right to left, script "Arab" */
    SM_UI_SCRIPT_HEBREW, /* shaped right to left, script "Hebr" */
    SM_UI_SCRIPT_CJK,    /* Han, kana, hangul */
    SM_UI_SCRIPT_EMOJI,  /* pictographs, drawn in colour */
} sm_ui_script;

typedef struct sm_ui_face {
    TTF_Font *font;       /* open at the chain's size (or its nearest strike) */
    sm_ui_script script;  /* what this face is preferred for */
    float scale;          /* drawn size / rendered size: 1, or < 1 for bitmap strikes */
    int ascent;           /* TTF_FontAscent, unscaled */
} sm_ui_face;

typedef struct sm_ui_fonts {
    sm_ui_face faces[SM_UI_FONTS_MAX]; /* faces[0] is the primary font */
    int count;                         /* faces open */
    int pixel_size;                    /* requested size in device pixels */
    int height;                        /* line height: the primary font's */
    int ascent;                        /* the primary font's ascent: the baseline */
} sm_ui_fonts;

/*
 * Opens the primary font and every fallback found, at pixel_size device
 * pixels. Fails (with a reason in error) only if no primary font is found.
 */
bool sm_ui_fonts_open(sm_ui_fonts *fonts, int pixel_size, char *error, size_t error_size);

/* Closes every face (a zeroed or failed chain is fine). */
void sm_ui_fonts_close(sm_ui_fonts *fonts);

/* Which script a code point belongs to, for font choice and shaping direction. */
sm_ui_script sm_ui_script_of(uint32_t cp);

/* True for code points that take the direction of their neighbours (spaces, marks, joiners). */
bool sm_ui_codepoint_neutral(uint32_t cp);

/* Index of the face that draws cp: the script's own face, else the first that has it, else 0. */
int sm_ui_fonts_pick(const sm_ui_fonts *fonts, uint32_t cp);

/* Whether face index can draw cp. */
bool sm_ui_fonts_has(const sm_ui_fonts *fonts, int index, uint32_t cp);

#endif
