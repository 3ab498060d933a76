/*
 * test_ui_clip.c - clips nest (ui_drawcheck.h): a widget inside a clipped one
 * clips to both and gives the outer clip back. Issue 24's overpaint was a
 * header that reset the clip to none inside the list. A software renderer on a
 * surface needs no display.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <SDL.h>

#include "ui_drawcheck.h"

static bool clip_is(SDL_Renderer *renderer, int x, int y, int w, int h)
{
    SDL_Rect clip;
    SDL_RenderGetClipRect(renderer, &clip);
    return SDL_RenderIsClipEnabled(renderer) && clip.x == x && clip.y == y && clip.w == w &&
           clip.h == h;
}

TEST(ui_clip_nests)
{
    SDL_Surface *surface =
        SDL_CreateRGBSurfaceWithFormat(0, 100, 100, 32, SDL_PIXELFORMAT_ARGB8888);
    ASSERT_NOT_NULL(surface);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    ASSERT_NOT_NULL(renderer);
    ASSERT(!SDL_RenderIsClipEnabled(renderer));
    sm_ui_clip outer = sm_ui_clip_push(renderer, (SDL_Rect){10, 10, 50, 50}); /* the list */
    ASSERT(clip_is(renderer, 10, 10, 50, 50));
    sm_ui_clip inner = sm_ui_clip_push(renderer, (SDL_Rect){40, 0, 50, 30}); /* a header above */
    ASSERT(clip_is(renderer, 40, 10, 20, 20)); /* both: never above or right of the list */
    sm_ui_clip_pop(renderer, inner);
    ASSERT(clip_is(renderer, 10, 10, 50, 50)); /* the list's clip is back, not none */
    sm_ui_clip none = sm_ui_clip_push(renderer, (SDL_Rect){80, 80, 10, 10}); /* outside it */
    /* Nothing may be drawn: a fill lands on no pixel. */
    SDL_SetRenderDrawColor(renderer, 255, 0, 0, 255);
    SDL_RenderFillRect(renderer, NULL);
    Uint32 *pixels = surface->pixels;
    int painted = 0;
    for (int i = 0; i < 100 * 100; i++)
        painted += pixels[i] != 0;
    ASSERT_EQ(painted, 0);
    sm_ui_clip_pop(renderer, none);
    sm_ui_clip_pop(renderer, outer);
    ASSERT(!SDL_RenderIsClipEnabled(renderer));
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    return 0;
}
#else
TEST(ui_clip_nests)
{
    return TEST_SKIPPED; /* built without SDL2: nothing is drawn */
}
#endif
