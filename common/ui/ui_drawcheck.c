/* ui_drawcheck.c - nested clips and the test build's draw-inside-your-widget check. */
#include "ui_drawcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRAWCHECK_DEPTH 8

/* One window per process, drawn on one thread: plain statics are enough. */
static bool checking;
static int depth;
typedef struct open_widget {
    const char *name;
    SDL_Rect rect;
    bool reported; /* its one line of this frame was printed */
} open_widget;
static open_widget open_widgets[DRAWCHECK_DEPTH];
static unsigned long frames, outside;

/* SDL_IntersectRect, but an empty result is a rectangle of size 0 at a, not garbage. */
static SDL_Rect intersect(SDL_Rect a, SDL_Rect b)
{
    SDL_Rect out;
    if (!SDL_IntersectRect(&a, &b, &out))
        out = (SDL_Rect){a.x, a.y, 0, 0};
    return out;
}

sm_ui_clip sm_ui_clip_push(SDL_Renderer *renderer, SDL_Rect rect)
{
    sm_ui_clip saved = {SDL_RenderIsClipEnabled(renderer) == SDL_TRUE, {0, 0, 0, 0}};
    if (saved.enabled) {
        SDL_RenderGetClipRect(renderer, &saved.rect);
        rect = intersect(rect, saved.rect);
    }
    /* An empty clip must still clip everything: SDL takes a 0-size rect as "clip all". */
    if (rect.w <= 0 || rect.h <= 0)
        rect = (SDL_Rect){rect.x, rect.y, 0, 0};
    SDL_RenderSetClipRect(renderer, &rect);
    return saved;
}

void sm_ui_clip_pop(SDL_Renderer *renderer, sm_ui_clip saved)
{
    SDL_RenderSetClipRect(renderer, saved.enabled ? &saved.rect : NULL);
}

void sm_ui_drawcheck_init(void)
{
#ifdef SAMPLEMAP_TEST_HOOKS /* a test build only (CMake option SAMPLEMAP_TEST_HOOKS) */
    const char *value = getenv("SAMPLEMAP_TEST_DRAW_CHECK");
    checking = value != NULL && strcmp(value, "1") == 0;
#endif
}

void sm_ui_widget_begin(SDL_Renderer *renderer, const char *name, SDL_Rect rect)
{
    (void)renderer;
    if (!checking)
        return;
    if (depth < DRAWCHECK_DEPTH)
        open_widgets[depth] = (open_widget){name, rect, false};
    depth++;
}

void sm_ui_widget_end(SDL_Renderer *renderer)
{
    (void)renderer;
    if (checking && depth > 0)
        depth--;
}

void sm_ui_drawcheck_draw(SDL_Renderer *renderer, SDL_Rect target)
{
    if (!checking || depth == 0 || target.w <= 0 || target.h <= 0)
        return;
    SDL_Rect painted = target;
    if (SDL_RenderIsClipEnabled(renderer) == SDL_TRUE) {
        SDL_Rect clip;
        SDL_RenderGetClipRect(renderer, &clip);
        painted = intersect(painted, clip);
    }
    if (painted.w <= 0 || painted.h <= 0)
        return; /* clipped away entirely: nothing reaches the screen */
    int levels = depth < DRAWCHECK_DEPTH ? depth : DRAWCHECK_DEPTH;
    for (int i = levels - 1; i >= 0; i--) {
        SDL_Rect w = open_widgets[i].rect;
        bool inside = painted.x >= w.x && painted.y >= w.y && painted.x + painted.w <= w.x + w.w &&
                      painted.y + painted.h <= w.y + w.h;
        if (inside)
            continue;
        outside++;
        if (!open_widgets[i].reported) {
            open_widgets[i].reported = true;
            printf("draw outside %s: painted=%d,%d,%d,%d widget=%d,%d,%d,%d (inside %s)\n",
                   open_widgets[i].name, painted.x, painted.y, painted.w, painted.h, w.x, w.y, w.w,
                   w.h, open_widgets[levels - 1].name);
            (void)fflush(stdout); /* lines for tests */
        }
        return;
    }
}

void sm_ui_drawcheck_frame_end(void)
{
    if (!checking)
        return;
    if (depth != 0) { /* a begin without its end: the nesting above is wrong */
        printf("draw outside %s: widget left open at the end of the frame\n", open_widgets[0].name);
        outside++;
        depth = 0;
    }
    frames++;
    printf("drawn %lu outside=%lu\n", frames, outside);
    (void)fflush(stdout); /* lines for tests */
}
