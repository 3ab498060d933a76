/*
 * x11errors_test.c - sm_ui_x11errors_install (ui_x11errors.h) on a real X server:
 * a BadWindow from XSendEvent (SDL's wake-up to a window that has gone) is
 * ignored, and any other error still reaches the handler installed before it.
 * Run under xvfb-run (ctest: gui.x11errors). Exit 0 = both held.
 */
#include <X11/Xlib.h>
#include <X11/Xproto.h>
#include <stdio.h>
#include <string.h>

#include "ui_x11errors.h"

static int seen_errors;
static unsigned char seen_request;

static int record(Display *display, XErrorEvent *error)
{
    (void)display;
    seen_errors++;
    seen_request = error->request_code;
    return 0;
}

int main(void)
{
    Display *display = XOpenDisplay(NULL);
    if (display == NULL) {
        fprintf(stderr, "x11errors_test: no X display (run under xvfb-run)\n");
        return 77;
    }
    (void)XSetErrorHandler(record); /* stands in for SDL's handler: the one to chain to */
    sm_ui_x11errors_install();
    Window gone = XCreateSimpleWindow(display, DefaultRootWindow(display), 0, 0, 10, 10, 0, 0, 0);
    (void)XDestroyWindow(display, gone);

    XEvent wakeup;
    memset(&wakeup, 0, sizeof wakeup);
    wakeup.xclient.type = ClientMessage;
    wakeup.xclient.window = gone;
    wakeup.xclient.message_type = XInternAtom(display, "_SDL_WAKEUP", False);
    wakeup.xclient.format = 8;
    (void)XSendEvent(display, gone, False, NoEventMask, &wakeup);
    (void)XSync(display, False);
    if (seen_errors != 0) {
        fprintf(stderr, "FAIL: the wake-up's BadWindow reached the next handler\n");
        return 1;
    }
    (void)XMapWindow(display, gone); /* any other error must not be hidden */
    (void)XSync(display, False);
    if (seen_errors != 1 || seen_request != X_MapWindow) {
        fprintf(stderr, "FAIL: another error was not passed on (%d seen, request %u)\n",
                seen_errors, (unsigned)seen_request);
        return 1;
    }
    XCloseDisplay(display);
    puts("ok: the wake-up's BadWindow ignored, X_MapWindow's passed on");
    return 0;
}
