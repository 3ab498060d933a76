/* ui_x11errors_x11.c - ignore SDL's wake-up sent to a window that has gone (ui_x11errors.h). */
#include "ui_x11errors.h"

#include <X11/Xlib.h>
#include <X11/Xproto.h>

static XErrorHandler previous;

static int on_x_error(Display *display, XErrorEvent *error)
{
    /* A wake-up for a window that is gone wakes nobody: there is nothing to lose. */
    if (error->error_code == BadWindow && error->request_code == X_SendEvent)
        return 0;
    return previous != NULL ? previous(display, error) : 0;
}

void sm_ui_x11errors_install(void)
{
    XErrorHandler before = XSetErrorHandler(on_x_error);
    if (before != on_x_error) /* installed twice (a second window): keep the first chain */
        previous = before;
}
