/* test_ui_promptbar.c - the prompt bar's own keys and its field (ui_promptbar.h), no window. */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <string.h>

#include "ui_promptbar.h"

static sm_ui_prompt_result key(sm_ui_promptbar *bar, SDL_Keycode sym, Uint16 mod)
{
    sm_ui_window ui = {0};
    SDL_Event event = {0};
    event.type = SDL_KEYDOWN;
    event.key.keysym.sym = sym;
    event.key.keysym.mod = mod;
    return sm_ui_promptbar_handle(&ui, bar, &event);
}

static sm_ui_prompt_result type(sm_ui_promptbar *bar, const char *text)
{
    sm_ui_window ui = {0};
    SDL_Event event = {0};
    event.type = SDL_TEXTINPUT;
    strcpy(event.text.text, text);
    return sm_ui_promptbar_handle(&ui, bar, &event);
}

TEST(ui_promptbar_keys)
{
    static sm_ui_promptbar bar; /* the field's text is 16 KB: not on the stack */
    ASSERT_EQ(type(&bar, "x"), SM_UI_PROMPT_IGNORED); /* closed */
    sm_ui_promptbar_open(&bar, "Save as", "samplemap-log.txt");
    ASSERT_STR_EQ(bar.edit.text, "samplemap-log.txt");
    ASSERT_EQ(type(&bar, "out.txt"), SM_UI_PROMPT_CHANGED); /* replaces the selected default */
    ASSERT_STR_EQ(bar.edit.text, "out.txt");
    ASSERT_EQ(key(&bar, SDLK_RETURN, KMOD_NONE), SM_UI_PROMPT_ACCEPT);
    ASSERT_EQ(key(&bar, SDLK_RETURN, KMOD_LSHIFT), SM_UI_PROMPT_BACKWARD);
    ASSERT_STR_EQ(bar.edit.text, "out.txt"); /* Shift+Enter is no line break here */
    ASSERT(bar.open);
    ASSERT_EQ(key(&bar, SDLK_ESCAPE, KMOD_NONE), SM_UI_PROMPT_CLOSE);
    ASSERT(!bar.open);
    sm_ui_promptbar_open(&bar, "Find", NULL); /* NULL keeps the text */
    ASSERT_STR_EQ(bar.edit.text, "out.txt");
    sm_ui_promptbar_free(&bar);
    return 0;
}
#else
TEST(ui_promptbar_keys)
{
    return TEST_SKIPPED; /* built without SDL2 */
}
#endif
