/*
 * ui_drawcheck.h - nested clipping for the widgets, and the test build's check
 * that every widget draws only inside its own rectangle.
 *
 * Clipping nests: a widget inside a clipped one (a list entry's header inside
 * the list) clips to the intersection of both and gives the outer clip back
 * when done. Setting the clip to NULL instead would let everything drawn
 * after it spill over the rest of the window (issue 24: list entries painted
 * over the heading, the field and the status bar).
 *
 * The check (test builds only: the CMake option SAMPLEMAP_TEST_HOOKS compiles in
 * the environment variable that turns it on, see ui_drawcheck.c and
 * docs/diagnostics.md): each
 * widget draw is bracketed by sm_ui_widget_begin / sm_ui_widget_end, and each
 * fill and each text texture copy reports its target rectangle. What it
 * really paints (the target cut by the clip in force) must lie inside every
 * widget open around it; otherwise one line "draw outside <widget>: ..." is
 * printed on stdout (at most one per widget and frame), which the GUI tests
 * fail on. Without the variable all of this costs one branch per draw.
 */
#ifndef SAMPLEMAP_UI_DRAWCHECK_H
#define SAMPLEMAP_UI_DRAWCHECK_H

#include <SDL.h>
#include <stdbool.h>

/* A saved clip: what sm_ui_clip_push replaced, for sm_ui_clip_pop. */
typedef struct sm_ui_clip {
    bool enabled;
    SDL_Rect rect;
} sm_ui_clip;

/* Clips to rect cut by the clip in force; returns the clip to give back. */
sm_ui_clip sm_ui_clip_push(SDL_Renderer *renderer, SDL_Rect rect);

/* Gives back the clip sm_ui_clip_push replaced. */
void sm_ui_clip_pop(SDL_Renderer *renderer, sm_ui_clip saved);

/* Test builds: reads the check's environment variable once; the window calls it when it opens. */
void sm_ui_drawcheck_init(void);

/* Opens a widget named name covering rect (device pixels); widgets nest. */
void sm_ui_widget_begin(SDL_Renderer *renderer, const char *name, SDL_Rect rect);
void sm_ui_widget_end(SDL_Renderer *renderer);

/* A draw into target: checked against the open widgets when the check is on. */
void sm_ui_drawcheck_draw(SDL_Renderer *renderer, SDL_Rect target);

/* End of a frame: prints "drawn <frame> outside=<total>" when the check is on. */
void sm_ui_drawcheck_frame_end(void);

#endif
