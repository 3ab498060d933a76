/*
 * ui_textcache.h - lines drawn in the last frame, kept as textures for the next.
 *
 * Shaping a line and rasterising its glyphs costs far more than copying the
 * result, and most of a frame is the same text as the frame before (a new
 * message moves the others, it does not change them). So each drawn line's
 * run textures are kept, keyed by everything that decides its pixels: the
 * renderer, the font chain and its size, the whole text (a line's order
 * depends on its paragraph), the line's range, the box width and the colour.
 * A line not drawn in a frame is freed at that frame's end, so the cache
 * holds about one screen of text.
 */
#ifndef SAMPLEMAP_UI_TEXTCACHE_H
#define SAMPLEMAP_UI_TEXTCACHE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui_fonts.h"

typedef struct sm_ui_textcache_key {
    SDL_Renderer *renderer;   /* drawn with */
    const sm_ui_fonts *fonts; /* the chain, at its size */
    const char *text;         /* the whole text the line belongs to */
    size_t length;            /* bytes in text */
    size_t start, end;        /* the line's range in text */
    int width;                /* the box width it is aligned in (0: none) */
    SDL_Color color;          /* of the text */
} sm_ui_textcache_key;

typedef struct sm_ui_textcache_line sm_ui_textcache_line;

/* Draws the line of key with its box's top-left at x, y if it is cached; then true, *width set. */
bool sm_ui_textcache_draw(const sm_ui_textcache_key *key, int x, int y, int *width);

/*
 * A slot for the line of key, about to be drawn run by run; NULL when every
 * candidate slot holds a line of this frame (then it is drawn uncached).
 */
sm_ui_textcache_line *sm_ui_textcache_begin(const sm_ui_textcache_key *key);

/* Adds a run (the cache owns texture now) at `at`, relative to the box's top-left. */
void sm_ui_textcache_add_run(sm_ui_textcache_line *line, SDL_Texture *texture, SDL_Rect at);

/* The line is complete: width is what sm_ui_textcache_draw reports for it. */
void sm_ui_textcache_finish(sm_ui_textcache_line *line, int width);

/*
 * Widths of measured texts (fonts, text) kept too: the same labels, buttons
 * and status texts are measured every frame. True and *width when known.
 */
bool sm_ui_textcache_width(const sm_ui_fonts *fonts, const char *text, size_t length, int *width);

/* Remembers the width of text[0, length) in fonts (a slot's older text makes room). */
void sm_ui_textcache_set_width(const sm_ui_fonts *fonts, const char *text, size_t length,
                               int width);

/* After each present: frees the lines that frame did not draw. */
void sm_ui_textcache_end_frame(void);

/* Frees every line and width (fonts reloaded, renderer about to go). */
void sm_ui_textcache_clear(void);

#endif
