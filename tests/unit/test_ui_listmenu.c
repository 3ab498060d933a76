/*
 * test_ui_listmenu.c - the lists' context menu (ui_listmenu.h) without a
 * window: which rows there are, which apply, and that a row chosen by the
 * keyboard does its own item, with or without the receiver's filter row.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <string.h>

#include "ui_listmenu.h"

static int press(sm_ui_listmenu *listmenu, SDL_Keycode key)
{
    sm_ui_window ui = {0}; /* keys need no geometry */
    SDL_Event event = {0};
    event.type = SDL_KEYDOWN;
    event.key.keysym.sym = key;
    bool changed = false;
    return sm_ui_listmenu_handle(&ui, listmenu, &event, &changed);
}

static void enabled_of(const sm_ui_listmenu *listmenu, char *out)
{
    for (size_t i = 0; i < listmenu->menu.count; i++)
        out[i] = listmenu->menu.enabled[i] ? '1' : '0';
    out[listmenu->menu.count] = '\0';
}

TEST(ui_listmenu_rows_and_items)
{
    sm_ui_loglist list;
    sm_ui_loglist_init(&list, NULL);
    SDL_Color color = {0, 0, 0, 255};
    ASSERT(sm_ui_loglist_add(&list, 1, "#1", color, "first", 5, NULL));
    ASSERT(sm_ui_loglist_add(&list, 2, "#2", color, "second", 6, NULL));
    sm_ui_listmenu listmenu;
    char enabled[SM_UI_MENU_MAX + 1];
    /* The sender's: Copy, Copy with details, Select all, Clear; nothing selected yet. */
    sm_ui_listmenu_open(&listmenu, &list, 5, 6, false);
    ASSERT_EQ(listmenu.menu.count, 4);
    ASSERT_STR_EQ(listmenu.menu.items[3], "Clear");
    enabled_of(&listmenu, enabled);
    ASSERT_STR_EQ(enabled, "0011");
    /* The last row is Clear whatever its number: the item, not the row, comes back. */
    ASSERT_EQ(press(&listmenu, SDLK_END), SM_UI_MENU_NONE);
    ASSERT_EQ(press(&listmenu, SDLK_RETURN), SM_UI_LISTMENU_CLEAR);
    /* The receiver's adds Filter to this process, for an entry that has a process. */
    list.selected = true;
    list.sel_anchor = list.sel_focus = 1;
    sm_ui_listmenu_open(&listmenu, &list, 5, 6, true);
    ASSERT_EQ(listmenu.menu.count, 5);
    ASSERT_STR_EQ(listmenu.menu.items[3], "Filter to this process");
    enabled_of(&listmenu, enabled);
    ASSERT_STR_EQ(enabled, "11101");
    ASSERT(sm_ui_loglist_set_origin(&list, 2, 4242, "writer", NULL));
    sm_ui_listmenu_open(&listmenu, &list, 5, 6, true);
    enabled_of(&listmenu, enabled);
    ASSERT_STR_EQ(enabled, "11111");
    ASSERT_EQ(press(&listmenu, SDLK_END), SM_UI_MENU_NONE);
    ASSERT_EQ(press(&listmenu, SDLK_UP), SM_UI_MENU_NONE);
    ASSERT_EQ(press(&listmenu, SDLK_RETURN), SM_UI_LISTMENU_FILTER_PROCESS);
    /* Doing them: the filter is the caller's; Select all and Clear are done here. */
    ASSERT(!sm_ui_listmenu_do(&list, SM_UI_LISTMENU_FILTER_PROCESS));
    ASSERT(!sm_ui_listmenu_do(&list, SM_UI_MENU_CLOSED));
    ASSERT(sm_ui_listmenu_do(&list, SM_UI_LISTMENU_SELECT_ALL));
    ASSERT(list.selected);
    ASSERT_EQ(list.sel_anchor, 0);
    ASSERT_EQ(list.sel_focus, 1);
    ASSERT(sm_ui_listmenu_do(&list, SM_UI_LISTMENU_CLEAR));
    ASSERT_EQ(list.count, 0);
    sm_ui_listmenu_open(&listmenu, &list, 5, 6, false);
    enabled_of(&listmenu, enabled);
    ASSERT_STR_EQ(enabled, "0000"); /* an empty list: nothing applies */
    sm_ui_loglist_free(&list);
    return 0;
}
#else
TEST(ui_listmenu_rows_and_items)
{
    return TEST_SKIPPED; /* built without SDL2 */
}
#endif
