/*
 * ui_paragraphs.h - line breaks that need no measuring: the paragraphs of a
 * text, and how many lines a paragraph of a known width will take.
 *
 * A list of a thousand wrapped messages must not re-wrap them all each time
 * the window is resized by a pixel. Each entry's paragraphs are measured once
 * (per font size); at a new width every paragraph that fits is one line, so
 * its breaks are known without shaping anything, and only an entry with a
 * wider paragraph needs sm_ui_text_wrap - and only when it is in view; out of
 * view its height is estimated here. No SDL here, so the unit tests can use it.
 */
#ifndef SAMPLEMAP_UI_PARAGRAPHS_H
#define SAMPLEMAP_UI_PARAGRAPHS_H

#include <stddef.h>

/* How many paragraphs text[0, length) has: one more than its line feeds. */
size_t sm_ui_paragraph_count(const char *text, size_t length);

/*
 * The line starts of text when each paragraph is one line: a malloc'd array of
 * *line_count + 1 offsets, as sm_ui_text_wrap returns them for a width that
 * every paragraph fits (a line starts after each line feed; the last offset is
 * length). NULL (and *line_count 0) only when out of memory.
 */
size_t *sm_ui_paragraph_lines(const char *text, size_t length, size_t *line_count);

/*
 * Lines the paragraphs of natural widths widths[0, count) take at width: one
 * for each that fits, about width-sized pieces of each wider one (the real
 * wrap breaks at spaces, so it may need a line more). At least count.
 */
size_t sm_ui_paragraph_estimate(const int *widths, size_t count, int width);

#endif
