/* test_ui_menu.c - the in-window context menu from the keyboard (ui_menu.h), no window needed. */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include "ui_menu.h"

static int press(sm_ui_menu *menu, SDL_Keycode key)
{
    sm_ui_window ui = {0}; /* keys need no geometry */
    SDL_Event event = {0};
    event.type = SDL_KEYDOWN;
    event.key.keysym.sym = key;
    bool changed = false;
    return sm_ui_menu_handle(&ui, menu, &event, &changed);
}

TEST(ui_menu_keyboard)
{
    static const char *const items[] = {"Copy", "Details", "Off", "Clear"};
    const bool enabled[] = {true, true, false, true};
    sm_ui_menu menu;
    sm_ui_menu_open(&menu, 10, 10, items, enabled, 4);
    ASSERT(menu.open);
    ASSERT_EQ(menu.focus, 0);
    ASSERT_EQ(press(&menu, SDLK_DOWN), SM_UI_MENU_NONE);
    ASSERT_EQ(menu.focus, 1);
    ASSERT_EQ(press(&menu, SDLK_DOWN), SM_UI_MENU_NONE);
    ASSERT_EQ(menu.focus, 3); /* the disabled item is skipped */
    ASSERT_EQ(press(&menu, SDLK_DOWN), SM_UI_MENU_NONE);
    ASSERT_EQ(menu.focus, 0); /* wraps */
    ASSERT_EQ(press(&menu, SDLK_UP), SM_UI_MENU_NONE);
    ASSERT_EQ(menu.focus, 3);
    ASSERT_EQ(press(&menu, SDLK_HOME), SM_UI_MENU_NONE);
    ASSERT_EQ(menu.focus, 0);
    ASSERT_EQ(press(&menu, SDLK_END), SM_UI_MENU_NONE);
    ASSERT_EQ(menu.focus, 3);
    ASSERT_EQ(press(&menu, SDLK_RETURN), 3);
    ASSERT(!menu.open);
    ASSERT_EQ(press(&menu, SDLK_RETURN), SM_UI_MENU_NONE); /* closed: nothing more */
    sm_ui_menu_open(&menu, 0, 0, items, enabled, 4);
    ASSERT_EQ(press(&menu, SDLK_ESCAPE), SM_UI_MENU_CLOSED);
    ASSERT(!menu.open);
    const bool none[] = {false, false, false, false};
    sm_ui_menu_open(&menu, 0, 0, items, none, 4);
    ASSERT_EQ(press(&menu, SDLK_RETURN), SM_UI_MENU_NONE); /* nothing can be chosen */
    ASSERT(menu.open);
    return 0;
}

TEST(ui_menu_trace_place_once)
{
    static const char *const items[] = {"One", "Two"};
    const bool enabled[] = {true, false};
    sm_ui_window ui = {0};
    ui.scale = 1.0f;
    sm_ui_menu menu;
    sm_ui_menu_open(&menu, 10, 10, items, enabled, 2);
    sm_ui_menu_trace_place(&ui, &menu);
    ASSERT(!menu.traced); /* not drawn yet: its place is not known */
    menu.rect = (SDL_Rect){10, 10, 80, 60};
    sm_ui_menu_trace_place(&ui, &menu);
    ASSERT(menu.traced);
    sm_ui_menu_open(&menu, 20, 20, items, enabled, 2);
    ASSERT(!menu.traced); /* each opening is traced anew */
    menu.open = false;
    menu.rect = (SDL_Rect){10, 10, 80, 60};
    sm_ui_menu_trace_place(&ui, &menu);
    ASSERT(!menu.traced); /* closed: nothing to say */
    return 0;
}
#else
TEST(ui_menu_trace_place_once)
{
    return TEST_SKIPPED;
}

TEST(ui_menu_keyboard)
{
    return TEST_SKIPPED; /* built without SDL2 */
}
#endif
