/* ui_wmtitle_x11.c - the title properties of an X11 window, as ICCCM and EWMH define them. */
#include "ui_wmtitle.h"

#include <SDL_syswm.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <locale.h>
#include <stdio.h>
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
    /*
     * ICCCM: STRING when Latin-1 holds the title, else COMPOUND_TEXT, for older tools. Xlib
     * converts through the C library's LC_CTYPE, and in the default "C" locale it drops every
     * character beyond Latin-1; so a UTF-8 LC_CTYPE for this call only. Left UTF-8, the locale
     * makes SDL 2.26's X11 keyboard code overflow a buffer (AddressSanitizer shows it).
     */
    char saved[128];
    const char *current = setlocale(LC_CTYPE, NULL);
    snprintf(saved, sizeof saved, "%s", current != NULL ? current : "C");
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
        setlocale(LC_CTYPE, "en_US.UTF-8");
    XTextProperty property;
    char *list[] = {(char *)title};
    if (Xutf8TextListToTextProperty(display, list, 1, XStdICCTextStyle, &property) >= Success) {
        XSetWMName(display, xwindow, &property);
        XSetWMIconName(display, xwindow, &property);
        XFree(property.value);
    }
    setlocale(LC_CTYPE, saved);
    XFlush(display);
}
