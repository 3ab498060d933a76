/*
 * ui_x11errors.h - keeps one harmless X error from ending the program.
 *
 * When another thread pushes an SDL event while the main thread waits, SDL
 * 2.26 wakes it with a ClientMessage sent (XSendEvent) to the window on a
 * second X connection. If that window has gone by then (closed while the
 * wake-up was on its way), the X server answers BadWindow, and Xlib's default
 * error handler prints "X Error of failed request ... X_SendEvent" and exits
 * with status 1 - seen as a window that closed cleanly but exited 1 under
 * load (gui_held, gui_demo, gui_headless_peer). SDL's own comment on that
 * call says such an error is its internal one and that nothing can be done
 * about it. Nothing reads that second connection until SDL_Quit closes it,
 * and SDL_Quit first puts back the error handler it found at SDL_Init: so
 * the handler must be installed before SDL_Init, where SDL finds it, chains
 * to it while it runs and restores it for the close. The X11 backend
 * (ui_x11errors_x11.c) ignores exactly that error (BadWindow from
 * X_SendEvent) and hands every other error to the handler that was there
 * before (Xlib's, which prints it and exits). Elsewhere it does nothing.
 */
#ifndef SAMPLEMAP_UI_X11ERRORS_H
#define SAMPLEMAP_UI_X11ERRORS_H

/* Call before SDL_Init(SDL_INIT_VIDEO) (see above); calling it again changes nothing. */
void sm_ui_x11errors_install(void);

#endif
