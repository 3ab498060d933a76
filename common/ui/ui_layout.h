/*
 * ui_layout.h - where each piece of a line of text goes, by the Unicode rules.
 *
 * The Unicode Bidirectional Algorithm (GNU FriBidi) resolves each character's
 * embedding level in its paragraph and orders the line visually; the line is
 * then cut into runs of one level, one script (HarfBuzz's Unicode data) and
 * one font face, listed left to right. Each run is what one HarfBuzz shaping
 * call (SDL_ttf) draws: right to left for an odd level, so "2024" inside
 * Arabic keeps its digit order while the words around it read from the right.
 *
 * No SDL here: the font chain is asked through two callbacks, so the unit
 * tests give fake fonts and check the order of runs, not pixels.
 */
#ifndef SAMPLEMAP_UI_LAYOUT_H
#define SAMPLEMAP_UI_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest run shaped at once: keeps each rendered surface well below texture limits. */
#define SM_UI_RUN_MAX_BYTES 480

typedef struct sm_ui_layout_faces {
    void *context;
    /* The face that draws cp best (its script's own face, else the first that has it). */
    int (*pick)(void *context, uint32_t cp);
    /* Whether face draws cp: a space, digit or mark stays in its neighbour's face if it can. */
    bool (*has)(void *context, int face, uint32_t cp);
} sm_ui_layout_faces;

typedef struct sm_ui_run {
    size_t start, end; /* byte range in the text (logical order inside the run) */
    int face;          /* which face draws it */
    bool rtl;          /* odd embedding level: shaped and read right to left */
    int level;         /* the bidi embedding level */
    char script[5];    /* ISO 15924 tag for the shaper: "Arab", "Hebr", "Latn", "Zyyy"... */
} sm_ui_run;

typedef struct sm_ui_line_layout {
    sm_ui_run *runs; /* visual order: runs[0] is drawn leftmost */
    size_t count;
    bool rtl; /* the paragraph reads right to left: its lines align right */
} sm_ui_line_layout;

/*
 * Lays out the line text[line_start, line_end) as part of its paragraph (the
 * text between line breaks around it), whose direction comes from its first
 * strong character (left to right when it has none). A line break inside the
 * range ends it. Returns false, with out empty, only when out of memory.
 */
bool sm_ui_layout_line(const char *text, size_t length, size_t line_start, size_t line_end,
                       const sm_ui_layout_faces *faces, sm_ui_line_layout *out);

void sm_ui_layout_free(sm_ui_line_layout *layout);

/*
 * Whether the paragraph holding byte offset at reads right to left (its first
 * strong character is Hebrew, Arabic...): there the Left arrow key moves on
 * through the text and Right moves back, as the text runs.
 */
bool sm_ui_layout_paragraph_rtl(const char *text, size_t length, size_t at);

#endif
