/* ui_wmtitle_none.c - Windows and macOS: SDL sets a Unicode title itself. */
#include "ui_wmtitle.h"

void sm_ui_wmtitle_fix(SDL_Window *window, const char *title)
{
    (void)window;
    (void)title;
}
