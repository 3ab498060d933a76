/*
 * ui_syscolors.h - what the desktop asks of an app's colours: dark or light, and high
 * contrast, for --theme system (ui_theme.h picks the theme from it).
 *
 * One backend file per OS answers sm_ui_syscolors_query (CMake picks it):
 * - ui_syscolors_portal.c (Linux): the XDG desktop portal's Settings interface over
 *   the session D-Bus (sd-bus): org.freedesktop.appearance color-scheme and contrast;
 *   with no portal, GTK_THEME's ":dark" variant or a HighContrast theme, else nothing;
 * - ui_syscolors_win32.c: the registry value the Settings app writes (AppsUseLightTheme)
 *   and SystemParametersInfoW(SPI_GETHIGHCONTRAST);
 * - ui_syscolors_none.c (macOS): nothing said, so the light theme.
 * The apps never talk to D-Bus or the registry themselves.
 */
#ifndef SAMPLEMAP_UI_SYSCOLORS_H
#define SAMPLEMAP_UI_SYSCOLORS_H

#include <SDL.h>
#include <stdbool.h>

/* The portal's own numbering of color-scheme. */
typedef enum sm_ui_scheme {
    SM_UI_SCHEME_NONE = 0,  /* no preference, or nothing could be read */
    SM_UI_SCHEME_DARK = 1,  /* prefer dark (Windows: AppsUseLightTheme = 0) */
    SM_UI_SCHEME_LIGHT = 2, /* prefer light (Windows: AppsUseLightTheme = 1) */
} sm_ui_scheme;

typedef struct sm_ui_syscolors {
    sm_ui_scheme scheme; /* dark, light or no preference */
    bool contrast;       /* the desktop asks for high contrast */
    char why[200];       /* where this came from, or why nothing was read (--trace state) */
} sm_ui_syscolors;

/*
 * Asks the system, blocking (the backend's job). Always fills out: SM_UI_SCHEME_NONE and
 * no contrast when nothing could be read, with the reason in why. A hung session bus could
 * hold this for long: callers use sm_ui_syscolors_start/_finish, which bound the wait.
 */
void sm_ui_syscolors_query(sm_ui_syscolors *out);

/* The longest a window waits for the system's answer, from _start (ui_texts.c). */
#define SM_UI_SYSCOLORS_TIMEOUT_MS 250u

typedef struct sm_ui_syscolors_reader sm_ui_syscolors_reader;

/*
 * Starts sm_ui_syscolors_query on a thread of its own, so the window opens meanwhile.
 * Returns NULL when no thread could be started (then _finish asks on the caller's thread).
 */
sm_ui_syscolors_reader *sm_ui_syscolors_start(void);

/*
 * The answer, waiting until timeout_ms after _start at most. Past that, out says there was
 * no answer in time (SM_UI_SCHEME_NONE) and the thread is left to end on its own: it owns
 * nothing the caller still uses. Ends the reader either way.
 */
void sm_ui_syscolors_finish(sm_ui_syscolors_reader *reader, unsigned timeout_ms,
                            sm_ui_syscolors *out);

/*
 * Follows the desktop's setting while the window is open, where the backend can (the
 * portal's SettingChanged signal, on a thread of its own with a connection of its own):
 * each change becomes an SDL event, which sm_ui_syscolors_changed recognises. Call once,
 * after SDL_Init, with the answer _finish gave. Returns false where changes are not
 * followed (Windows, macOS, no session bus): the theme then stays as chosen.
 */
bool sm_ui_syscolors_follow(const sm_ui_syscolors *now);

/* True, with *out filled (why says what changed), when event is such a change. */
bool sm_ui_syscolors_changed(const SDL_Event *event, sm_ui_syscolors *out);

/*
 * For the backends' follower threads: registers the event type (on the window's thread,
 * before the follower starts; false when SDL has none left), then announces a change.
 */
bool sm_ui_syscolors_register_event(void);
void sm_ui_syscolors_announce(const sm_ui_syscolors *now);

#endif
