/*
 * test_ui_primary.c - the primary selection only where the desktop has one
 * (ui_primary.h): SDL's dummy driver would keep a private copy, as its Windows
 * driver does; ui_primary gives it nothing there.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <SDL.h>

#include "ui_primary.h"

TEST(ui_primary_only_where_the_desktop_has_one)
{
    ASSERT(sm_ui_primary_driver_has("x11"));
    ASSERT(sm_ui_primary_driver_has("wayland"));
    ASSERT(!sm_ui_primary_driver_has("windows"));
    ASSERT(!sm_ui_primary_driver_has("cocoa"));
    ASSERT(!sm_ui_primary_driver_has("dummy"));
    ASSERT(!sm_ui_primary_driver_has(NULL));
    ASSERT(!sm_ui_primary_available()); /* no video yet */
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    ASSERT_EQ(SDL_InitSubSystem(SDL_INIT_VIDEO), 0);
    ASSERT(!sm_ui_primary_available());
    /*
     * SDL itself would keep a private copy with this driver (as with Windows'), and a middle
     * click would paste the window's own last selection: ui_primary does not hand it over.
     * (Not shown with SDL_SetPrimarySelectionText: SDL 2.26 never frees that copy.)
     */
    ASSERT(!sm_ui_primary_set("offered", 7));
    ASSERT(!SDL_HasPrimarySelectionText());
    ASSERT_NULL(sm_ui_primary_get());
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return 0;
}
#else
TEST(ui_primary_only_where_the_desktop_has_one)
{
    return TEST_SKIPPED; /* built without SDL2 */
}
#endif
