/* ui_wmtitle_x11.c - the title properties of an X11 window, as ICCCM and EWMH define them. */
#include "ui_wmtitle.h"

#include <SDL_syswm.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <string.h>

void sm_ui_wmtitle_fix(SDL_Window *window, const char *title)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11)
        return; /* Wayland: SDL's title is UTF-8 already */
    Display *display = info.info.x11.display;
    Window xwindow = info.info.x11.window;
    /* EWMH: the UTF-8 title every current window manager shows. */
    Atom utf8 = XInternAtom(display, "UTF8_STRING", False);
    size_t length = strlen(title);
    for (const char *name = "_NET_WM_NAME"; name != NULL;
         name = strcmp(name, "_NET_WM_NAME") == 0 ? "_NET_WM_ICON_NAME" : NULL)
        XChangeProperty(display, xwindow, XInternAtom(display, name, False), utf8, 8,
                        PropModeReplace, (const unsigned char *)title, (int)length);
    /* ICCCM: STRING when Latin-1 holds the title, else COMPOUND_TEXT, for older tools. */
    XTextProperty property;
    char *list[] = {(char *)title};
    if (Xutf8TextListToTextProperty(display, list, 1, XStdICCTextStyle, &property) >= Success) {
        XSetWMName(display, xwindow, &property);
        XSetWMIconName(display, xwindow, &property);
        XFree(property.value);
    }
    XFlush(display);
}
