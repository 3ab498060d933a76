/*
 * ui_text.h - measuring, drawing and word-wrapping UTF-8 text with the
 * font chain. Each line is laid out by ui_layout.h (the Unicode bidi
 * algorithm, then runs of one level, script and face in visual order); each
 * run is shaped by SDL_ttf (HarfBuzz) in its direction and placed on the
 * primary font's baseline. Lines of a right-to-left paragraph align right.
 */
#ifndef SAMPLEMAP_UI_TEXT_H
#define SAMPLEMAP_UI_TEXT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui_fonts.h"

/* Width in device pixels of text[0, length). */
int sm_ui_text_width(const sm_ui_fonts *fonts, const char *text, size_t length);

/* Draws text[0, length) with its line's top-left corner at x, y; returns the width drawn. */
int sm_ui_text_draw(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                    size_t length, int x, int y, SDL_Color color);

/*
 * Draws the line text[start, end) of text[0, length) in a box width wide at
 * x, y: ordered as part of its paragraph, aligned right if that reads right
 * to left.
 */
void sm_ui_text_draw_line(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                          size_t length, size_t start, size_t end, int x, int y, int width,
                          SDL_Color color);

/*
 * Where the caret at byte offset at (start <= at <= end) is drawn on that
 * line, in pixels from the box's left edge: before the character at the
 * offset, which in a right-to-left run means on its right side.
 */
int sm_ui_text_caret_x(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                       size_t end, int width, size_t at);

/*
 * The parts of the byte range [from, to) on that line as x ranges from the
 * box's left (a selection across a direction change is several pieces):
 * writes up to max spans and returns how many.
 */
size_t sm_ui_text_spans(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                        size_t end, int width, size_t from, size_t to, int spans[][2], size_t max);

/* The byte offset on that line whose caret is nearest to x (pixels from the box's left). */
size_t sm_ui_text_hit(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                      size_t end, int width, int x);

/*
 * For tests: writes how the line is laid out into out ("rtl x=.. w=.. box=..",
 * then each run left to right as [family:text] or <family:text>, text in
 * logical order) and returns how many of its characters are drawn by a face
 * without a glyph for them (boxes).
 */
size_t sm_ui_text_describe(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                           size_t end, int width, char *out, size_t out_size);

/*
 * Word-wraps text[0, length) to width pixels. Returns a malloc'd array of
 * *line_count + 1 byte offsets: line i is [starts[i], starts[i + 1]), with the
 * spaces it broke at left at its end. Breaks at spaces, between CJK ideographs,
 * and inside a word only when the word alone is wider than the line. Returns
 * NULL (and *line_count 0) only when out of memory. Empty text is one line.
 */
size_t *sm_ui_text_wrap(const sm_ui_fonts *fonts, const char *text, size_t length, int width,
                        size_t *line_count);

/* What ends a line that was cut short. */
#define SM_UI_ELLIPSIS "\xE2\x80\xA6"

/*
 * How much of text[0, length) to draw in width pixels: all of it (*cut
 * false), or the longest prefix that leaves room for SM_UI_ELLIPSIS after it
 * (*cut true; trailing spaces dropped).
 */
size_t sm_ui_text_fit(const sm_ui_fonts *fonts, const char *text, size_t length, int width,
                      bool *cut);

/* Length of text[0, length) without its trailing spaces (for drawing a wrapped line). */
size_t sm_ui_text_trim_end(const char *text, size_t length);

#endif
