/*
 * ui_text.h - measuring, drawing and word-wrapping UTF-8 text with the
 * font chain: text is cut into runs of one face and one direction, each run
 * shaped by SDL_ttf (HarfBuzz) and placed on the primary font's baseline.
 *
 * Runs are laid out left to right; a run of Arabic or Hebrew is shaped right
 * to left, so a right-to-left phrase reads correctly, but a line mixing
 * directions is not reordered as a full bidi algorithm would.
 */
#ifndef SAMPLEMAP_UI_TEXT_H
#define SAMPLEMAP_UI_TEXT_H

#include <SDL.h>
#include <stddef.h>

#include "ui_fonts.h"

/* Width in device pixels of text[0, length). */
int sm_ui_text_width(const sm_ui_fonts *fonts, const char *text, size_t length);

/* Draws text[0, length) with its line's top-left corner at x, y; returns the width drawn. */
int sm_ui_text_draw(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                    size_t length, int x, int y, SDL_Color color);

/*
 * Word-wraps text[0, length) to width pixels. Returns a malloc'd array of
 * *line_count + 1 byte offsets: line i is [starts[i], starts[i + 1]), with the
 * spaces it broke at left at its end. Breaks at spaces, between CJK ideographs,
 * and inside a word only when the word alone is wider than the line. Returns
 * NULL (and *line_count 0) only when out of memory. Empty text is one line.
 */
size_t *sm_ui_text_wrap(const sm_ui_fonts *fonts, const char *text, size_t length, int width,
                        size_t *line_count);

/* Length of text[0, length) without its trailing spaces (for drawing a wrapped line). */
size_t sm_ui_text_trim_end(const char *text, size_t length);

#endif
