/*
 * ui_app.h - the event loop both windows run, and the texts they share.
 *
 * The loop sleeps in sm_ui_wait until an event or the app's next deadline
 * (the receiver's poll, the sender's delivery check), handles every pending
 * event, runs the tick, and redraws only when something changed: an idle
 * window makes no system calls between deadlines.
 *
 * Frames are at least SM_UI_FRAME_MS apart: a change that comes sooner is
 * drawn with the next frame, and events (and the receiver's takes) go on
 * meanwhile. So a burst of messages costs a frame per 16 ms, not one each,
 * and a window that is drawing never keeps a sender waiting for the slot.
 */
#define SM_UI_FRAME_MS 16u
#ifndef SAMPLEMAP_UI_APP_H
#define SAMPLEMAP_UI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "../app/options.h"
#include "../ipc/channel.h"
#include "../ipc/error.h"
#include "ui_window.h"

typedef struct sm_ui_app {
    sm_ui_window *ui;                                  /* the open window */
    void *context;                                     /* the app's state */
    /* An event the loop does not handle itself (input, clicks). */
    void (*event)(void *context, const SDL_Event *event);
    /* When the next tick is due (SDL_GetTicks64 time), or 0 for none. */
    Uint64 (*deadline)(void *context);
    /* The deadline passed: poll, pump. */
    void (*tick)(void *context);
    /* Draws the whole window (the loop clears and presents). */
    void (*draw)(void *context);
    /* Printed on stdout (with "ready") after the first frame, for tests; may be NULL. */
    void (*ready)(void *context);
    /* Called right after each SDL_RenderPresent (frame timing traces); may be NULL. */
    void (*presented)(void *context);
    /* Asked when the user closes the window: false keeps it open (e.g. unsent work); may be NULL. */
    bool (*may_close)(void *context);
    bool dirty;                                        /* set to request a redraw */
    bool done;                                         /* set to leave the loop */
    /* The F1 overlay: what the window does, its shortcuts, the mapping and mode. */
    const char *help_title;
    const char *help_body;
    bool help_shown;                                   /* input goes to the overlay */
} sm_ui_app;

/*
 * Runs until the window is closed (or app->done is set); then returns. The
 * loop itself answers F1 (the help overlay; Escape, F1 or a click closes it)
 * and Ctrl+Q / Ctrl+W (close, as the window's close button does).
 */
void sm_ui_app_run(sm_ui_app *app);

/* The user asked to close the window (close button, Ctrl+Q, Ctrl+W). */
void sm_ui_app_request_close(sm_ui_app *app);

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
void sm_ui_status_origin(char *out, size_t out_size, const char *name,
                         const sm_channel *channel);

/* The smallest window (logical pixels) in which both windows' layouts fit without overlap. */
#define SM_UI_APP_MIN_WIDTH 420
#define SM_UI_APP_MIN_HEIGHT 380

/*
 * Opens the app's window the way both apps do: titled for role ("sender" or
 * "receiver") and opts (name, classic), 560 x 520, at --geometry if given. On
 * failure prints the reason as "<program>: ..." and returns false.
 */
bool sm_ui_app_window_open(sm_ui_window *ui, const char *role, const sm_app_options *opts);

/*
 * What to tell a person when the mapping cannot be used: a title naming the
 * mapping and an explanation ending in what to do about it.
 */
void sm_ui_mapping_error_text(sm_status code, const char *name, const char *program,
                              const char *message, char *title, size_t title_size, char *body,
                              size_t body_size);

#endif
