/*
 * ui_prefs.h - the remembered window: size, position and zoom of each window
 * (sender, receiver), one small text file each in the user's preferences
 * folder, read when the window opens and written when it closes.
 *
 * The folder is SDL_GetPrefPath's: $XDG_DATA_HOME/samplemap/ (by default
 * ~/.local/share/samplemap/) on Linux, %APPDATA%\samplemap\ on Windows. The
 * environment variable SAMPLEMAP_PREFS_DIR names another folder, or with the
 * value "none" turns the preferences off (nothing read, nothing written): the
 * tests use it, so no test reads a developer's own preferences and each test
 * has a folder of its own.
 *
 * A file is "key=value" lines (x, y, width, height, zoom; '#' starts a
 * comment). A file that is not such text (binary, cut short, a value out of
 * range) is ignored with one line on stderr: the window opens as if there were
 * none, and the next close writes a good one. The file is written to a
 * temporary name first and renamed over the old one, so a crash mid-write
 * leaves the old file, never half a new one.
 */
#ifndef SAMPLEMAP_UI_PREFS_H
#define SAMPLEMAP_UI_PREFS_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/* A preferences file is a few lines: anything longer is not one. */
#define SM_UI_PREFS_MAX_BYTES 4096

typedef struct sm_ui_prefs {
    bool has_position; /* x and y were remembered */
    int x, y;          /* where to create the window (X11: its frame's corner, ui_window.c) */
    bool has_size;     /* width and height were remembered */
    int width, height; /* the window's size (SDL window coordinates) */
    int zoom;          /* percent, a step of ui_zoom.h; SM_UI_ZOOM_DEFAULT if none */
} sm_ui_prefs;

/* No position, no size, zoom 100 %. */
void sm_ui_prefs_init(sm_ui_prefs *prefs);

/*
 * Parses a file's text (length bytes, not NUL-terminated). Unknown keys are
 * skipped (a newer version's file still gives what this one knows). False,
 * with prefs left at sm_ui_prefs_init's values and a reason naming the line in
 * error, when the text is binary, longer than SM_UI_PREFS_MAX_BYTES, does not
 * end with a newline (cut short), has a line without '=', or a value that is
 * not a whole number in range (or x without y, width without height).
 */
bool sm_ui_prefs_parse(const char *text, size_t length, sm_ui_prefs *prefs, char *error,
                       size_t error_size);

/* Writes prefs as a file's text for the window role into out; its length, 0 if it did not fit. */
size_t sm_ui_prefs_format(const sm_ui_prefs *prefs, const char *role, char *out, size_t out_size);

/*
 * The file of the window role ("sender", "receiver") into out: "<folder>/<role>.conf".
 * False when the preferences are off (SAMPLEMAP_PREFS_DIR=none) or there is no folder
 * (SDL_GetPrefPath failed: no home directory); the window then opens with the defaults.
 */
bool sm_ui_prefs_path(const char *role, char *out, size_t out_size);

/*
 * Reads the file at path into prefs. A missing file is no error (true, defaults);
 * an unreadable or corrupt one is false with the reason in error (prefs at defaults).
 */
bool sm_ui_prefs_load(const char *path, sm_ui_prefs *prefs, char *error, size_t error_size);

/* Writes prefs to path atomically (temporary file, then rename); false with the reason. */
bool sm_ui_prefs_save(const char *path, const sm_ui_prefs *prefs, const char *role, char *error,
                      size_t error_size);

/*
 * A window of w x h at *x, *y that no display among displays[count] shows
 * enough of to grab its title bar (a display unplugged since, a resolution
 * made smaller) is moved onto the first display, at its top-left with a small
 * margin, kept inside it where it fits. True when it moved.
 */
bool sm_ui_prefs_onscreen(int *x, int *y, int w, int h, const SDL_Rect *displays, int count);

#endif
