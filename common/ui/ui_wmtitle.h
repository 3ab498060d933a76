/*
 * ui_wmtitle.h - the window title as the desktop reads it. SDL2 on X11 sets
 * WM_NAME through the C library's locale: in the "C" locale the apps run in
 * it is raw UTF-8 marked as Latin-1 (mojibake) and _NET_WM_NAME is missing;
 * in a UTF-8 locale WM_NAME gets the non-standard type "UTF-8", which window
 * managers and tools such as xdotool cannot read.
 * The X11 backend (ui_wmtitle_x11.c) rewrites WM_NAME and WM_ICON_NAME as
 * ICCCM asks (STRING, or COMPOUND_TEXT beyond Latin-1) and _NET_WM_NAME and
 * _NET_WM_ICON_NAME as UTF8_STRING. Elsewhere (ui_wmtitle_none.c: Windows,
 * macOS, Wayland) SDL's own title is right and nothing is done.
 */
#ifndef SAMPLEMAP_UI_WMTITLE_H
#define SAMPLEMAP_UI_WMTITLE_H

#include <SDL.h>

/* Sets title (UTF-8) in the window's title properties; call after SDL_SetWindowTitle. */
void sm_ui_wmtitle_fix(SDL_Window *window, const char *title);

#endif
