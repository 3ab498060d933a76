/*
 * ui_x11errors.h - keeps one harmless X error from ending the program.
 *
 * When another thread pushes an SDL event while the main thread waits, SDL
 * 2.26 wakes it with a ClientMessage sent (XSendEvent) to the window on a
 * second X connection. If that window has gone by then (closed while the
 * wake-up was on its way), the X server answers BadWindow, and Xlib's default
 * error handler prints "X Error of failed request ... X_SendEvent" and exits
 * with status 1 - seen as a window that closed cleanly but exited 1 under
 * load (gui_held, gui_demo). SDL's own comment on that call says such an
 * error is its internal one and that nothing can be done about it. The X11
 * backend (ui_x11errors_x11.c) installs a handler that ignores exactly that
 * error (BadWindow from X_SendEvent) and hands every other error to the
 * handler that was there before (SDL's, then Xlib's). Elsewhere it does nothing.
 */
#ifndef SAMPLEMAP_UI_X11ERRORS_H
#define SAMPLEMAP_UI_X11ERRORS_H

/* Call once after SDL_Init(SDL_INIT_VIDEO), which installs the handler we chain to. */
void sm_ui_x11errors_install(void);

#endif
