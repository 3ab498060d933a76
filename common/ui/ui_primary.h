/*
 * ui_primary.h - the primary selection of X11 desktops: what the user selects
 * is offered to other programs at once (they paste it with the middle button),
 * and the middle button pastes what was last selected anywhere.
 *
 * Only desktops that have such a selection get one: SDL's X11 and Wayland video
 * drivers. Elsewhere (Windows, macOS) these calls do nothing, on purpose: SDL
 * would keep a private copy there, so a middle click would paste the window's
 * own last selection, which no program on those systems does.
 */
#ifndef SAMPLEMAP_UI_PRIMARY_H
#define SAMPLEMAP_UI_PRIMARY_H

#include <stdbool.h>
#include <stddef.h>

/* Whether SDL's video driver of this name (SDL_GetCurrentVideoDriver) has a primary selection. */
bool sm_ui_primary_driver_has(const char *driver);

/* Whether the running window has one: its video driver does. */
bool sm_ui_primary_available(void);

/*
 * Offers text (n bytes of UTF-8) as the primary selection; false when there is
 * none (see above), when text is empty or when SDL refused it.
 */
bool sm_ui_primary_set(const char *text, size_t n);

/*
 * The primary selection's text, to be freed with SDL_free; NULL when there is
 * none or it is empty.
 */
char *sm_ui_primary_get(void);

#endif
