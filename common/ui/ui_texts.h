/*
 * ui_texts.h - what makes the generic window code SampleMap's: the titles,
 * the classic-mode banner, the status line's origin, the lock bound of a
 * window and the mapping-error explanation both windows show.
 */
#ifndef SAMPLEMAP_UI_TEXTS_H
#define SAMPLEMAP_UI_TEXTS_H

#include <stdbool.h>
#include <stddef.h>

#include "channel.h"
#include "error.h"
#include "options.h"
#include "ui_window.h"

/* "SampleMap <role> — <mapping name>" into out. */
void sm_ui_title(char *out, size_t out_size, const char *role, const char *name, bool classic);

/*
 * The line both windows show above their content in classic (teaching) mode, so nobody
 * mistakes the unsafe protocol for the real one; NULL in the safe mode.
 */
const char *sm_ui_classic_banner(bool classic);

/*
 * The windows' bound on the channel lock: a peer stopped while holding it
 * (Ctrl-Z, SIGSTOP, a debugger) must never freeze the event loop, so each
 * try waits this long at most and the status line says SM_UI_HELD_TEXT.
 */
#define SM_UI_LOCK_TIMEOUT_MS 20u
#define SM_UI_HELD_TEXT "channel held by another process"

/*
 * The left part of both status lines: "<name> · created here / opened existing / not open"
 * (channel NULL = not open), so a user sees which side made the mapping.
 */
void sm_ui_status_origin(char *out, size_t out_size, const char *name, const sm_channel *channel);

/* The smallest window (logical pixels) in which both windows' layouts fit without overlap. */
#define SM_UI_APP_MIN_WIDTH 420
#define SM_UI_APP_MIN_HEIGHT 380
/*
 * The size below which they would overlap at 100 % (the list shrinks first): a window
 * zoomed to z needs z times this, and draws the largest zoom step it holds (ui_zoom.h).
 */
#define SM_UI_APP_FIT_WIDTH 300
#define SM_UI_APP_FIT_HEIGHT 300

/*
 * Opens the app's window the way both apps do: titled for role ("sender" or
 * "receiver") and opts (name, classic), 560 x 520, at --geometry if given, or
 * as the window of that role was last closed (size, position, zoom: ui_prefs.h;
 * --geometry wins over the remembered position). On failure prints the reason
 * as "<program>: ..." and returns false.
 */
bool sm_ui_app_window_open(sm_ui_window *ui, const char *role, const sm_app_options *opts);

/*
 * What to tell a person when the mapping cannot be used: a title naming the
 * mapping and an explanation ending in what to do about it.
 */
/*
 * text quoted for the shell a reader pastes a command into, so a name such as
 * Local\X survives (an unquoted backslash is an escape in a POSIX shell): POSIX
 * single quotes ('it'\''s' for a quote inside); on Windows double quotes, which
 * cmd.exe and PowerShell both take. Cut (still quoted) when out is too small.
 */
void sm_ui_shell_quote(const char *text, char *out, size_t out_size);

void sm_ui_mapping_error_text(sm_status code, const char *name, const char *program,
                              const char *message, char *title, size_t title_size, char *body,
                              size_t body_size);

#endif
