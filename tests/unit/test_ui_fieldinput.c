/*
 * test_ui_fieldinput.c - the text field's editing commands and its context
 * menu (ui_fieldinput.h) without a window: SDL's dummy video driver keeps a
 * clipboard of its own, enough for Cut, Copy and Paste.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <SDL.h>

#include "ui_fieldinput.h"

/* Which commands apply now, as the menu shows them: '1' enabled, '0' disabled. */
static void can_all(const sm_ui_edit *edit, char *out)
{
    for (int i = 0; i < SM_UI_FIELD_COMMANDS; i++)
        out[i] = sm_ui_field_can(edit, (sm_ui_field_command)i) ? '1' : '0';
    out[SM_UI_FIELD_COMMANDS] = '\0';
}

TEST(ui_field_commands)
{
    static sm_ui_edit edit;
    char can[SM_UI_FIELD_COMMANDS + 1];
    sm_ui_edit_init(&edit);
    /* Without video there is no clipboard: Cut must keep the text it could not put there. */
    ASSERT(sm_ui_edit_insert(&edit, "alpha", 5, SM_UI_EDIT_TYPING));
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_SELECT_ALL), SM_UI_FIELD_MOVED);
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_CUT), SM_UI_FIELD_MOVED);
    ASSERT_STR_EQ(edit.text, "alpha");
    sm_ui_edit_free(&edit);
    sm_ui_edit_init(&edit);

    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    ASSERT_EQ(SDL_InitSubSystem(SDL_INIT_VIDEO), 0);
    ASSERT_EQ(SDL_SetClipboardText(""), 0);
    can_all(&edit, can);
    ASSERT_STR_EQ(can, "00000"); /* Undo, Cut, Copy, Paste, Select all: nothing applies */
    ASSERT(sm_ui_edit_insert(&edit, "alpha beta", 10, SM_UI_EDIT_TYPING));
    can_all(&edit, can);
    ASSERT_STR_EQ(can, "10001");
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_SELECT_ALL), SM_UI_FIELD_MOVED);
    can_all(&edit, can);
    ASSERT_STR_EQ(can, "11101");
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_COPY), SM_UI_FIELD_MOVED);
    char *clip = SDL_GetClipboardText();
    ASSERT_STR_EQ(clip, "alpha beta");
    SDL_free(clip);
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_CUT), SM_UI_FIELD_CHANGED);
    ASSERT_EQ(edit.length, 0);
    can_all(&edit, can);
    ASSERT_STR_EQ(can, "10010");
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_PASTE), SM_UI_FIELD_CHANGED);
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_PASTE), SM_UI_FIELD_CHANGED);
    ASSERT_STR_EQ(edit.text, "alpha betaalpha beta");
    /* Undo takes back one paste at a time, then the cut (the selection comes back too). */
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_UNDO), SM_UI_FIELD_CHANGED);
    ASSERT_STR_EQ(edit.text, "alpha beta");
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_UNDO), SM_UI_FIELD_CHANGED);
    ASSERT_EQ(edit.length, 0);
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_UNDO), SM_UI_FIELD_CHANGED);
    size_t from = 0, to = 0;
    ASSERT(sm_ui_edit_selection(&edit, &from, &to));
    ASSERT_EQ(to - from, 10);
    /* A paste that does not fit changes nothing and says so. */
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_END, false);
    static char big[SM_UI_EDIT_CAPACITY];
    memset(big, 'x', sizeof big - 1);
    ASSERT_EQ(SDL_SetClipboardText(big), 0);
    ASSERT_EQ(sm_ui_field_do(&edit, SM_UI_FIELD_PASTE), SM_UI_FIELD_FULL);
    ASSERT_STR_EQ(edit.text, "alpha beta");
    sm_ui_edit_free(&edit);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return 0;
}

TEST(ui_field_menu_open_and_choose)
{
    static sm_ui_edit edit;
    sm_ui_edit_init(&edit);
    ASSERT(sm_ui_edit_insert(&edit, "one two", 7, SM_UI_EDIT_TYPING));
    sm_ui_window ui = {0}; /* no window: sm_ui_mouse_to_px scales by width/height over 1x1 */
    ui.scale = 1.0f;
    ui.width = ui.height = 1;
    sm_ui_field_view view = {0};
    view.inner = (SDL_Rect){10, 20, 300, 60};
    view.caret = (SDL_Rect){80, 20, 2, 18};
    sm_ui_menu menu;
    /* From a key: under the caret. */
    SDL_Event key = {0};
    key.type = SDL_KEYDOWN;
    key.key.keysym.sym = SDLK_MENU;
    sm_ui_field_menu_open(&ui, &view, &edit, &key, &menu);
    ASSERT(menu.open);
    ASSERT_EQ(menu.count, SM_UI_FIELD_COMMANDS);
    ASSERT_STR_EQ(menu.items[SM_UI_FIELD_SELECT_ALL], "Select all");
    ASSERT_EQ(menu.x, 80);
    ASSERT_EQ(menu.y, 38);
    ASSERT(menu.enabled[SM_UI_FIELD_UNDO]);
    ASSERT(!menu.enabled[SM_UI_FIELD_CUT]); /* nothing selected */
    ASSERT(!menu.enabled[SM_UI_FIELD_COPY]);
    ASSERT(menu.enabled[SM_UI_FIELD_SELECT_ALL]);
    /* No caret drawn (the field is not focused): the field's corner. */
    view.caret.w = 0;
    sm_ui_field_menu_open(&ui, &view, &edit, &key, &menu);
    ASSERT_EQ(menu.x, 10);
    ASSERT_EQ(menu.y, 20);
    /* From a click: at the pointer. */
    SDL_Event click = {0};
    click.type = SDL_MOUSEBUTTONDOWN;
    click.button.button = SDL_BUTTON_RIGHT;
    click.button.x = 150;
    click.button.y = 40;
    sm_ui_field_menu_open(&ui, &view, &edit, &click, &menu);
    ASSERT_EQ(menu.x, 150);
    ASSERT_EQ(menu.y, 40);
    /* The chosen row is the command of that number; closing does nothing to the text. */
    ASSERT_EQ(sm_ui_field_menu_choose(&edit, SM_UI_MENU_CLOSED), SM_UI_FIELD_MOVED);
    ASSERT_STR_EQ(edit.text, "one two");
    ASSERT_EQ(sm_ui_field_menu_choose(&edit, SM_UI_FIELD_SELECT_ALL), SM_UI_FIELD_MOVED);
    size_t from = 0, to = 0;
    ASSERT(sm_ui_edit_selection(&edit, &from, &to));
    ASSERT_EQ(to - from, 7);
    ASSERT_EQ(sm_ui_field_menu_choose(&edit, SM_UI_FIELD_UNDO), SM_UI_FIELD_CHANGED);
    ASSERT_EQ(edit.length, 0);
    sm_ui_edit_free(&edit);
    return 0;
}
#else
TEST(ui_field_commands)
{
    return TEST_SKIPPED; /* built without SDL2 */
}

TEST(ui_field_menu_open_and_choose)
{
    return TEST_SKIPPED;
}
#endif
