/*
 * ui_app.h - the event loop both windows run. Nothing SampleMap-specific:
 * the words and settings the two windows share are in ui_texts.h.
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
#define SM_UI_STEP_LOOK_MS 50u /* how often a window stopped at a --step point looks again */
#ifndef SAMPLEMAP_UI_APP_H
#define SAMPLEMAP_UI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_window.h"

typedef struct sm_ui_app {
    sm_ui_window *ui; /* the open window */
    void *context;    /* the app's state */
    /* An event the loop does not handle itself (input, clicks). */
    void (*event)(void *context, const SDL_Event *event);
    /* When the next tick is due (SDL_GetTicks64 time), or 0 for none. */
    Uint64 (*deadline)(void *context);
    /* The deadline passed: poll, pump. */
    void (*tick)(void *context);
    /* Draws the whole window (the loop clears and presents). */
    void (*draw)(void *context);
    /* Adds to the "ready" line (--trace state) after the first frame; may be NULL. */
    void (*ready)(void *context);
    /* Called right after each SDL_RenderPresent (frame timing traces); may be NULL. */
    void (*presented)(void *context);
    /* Asked when the user closes the window: false keeps it open (e.g. unsent work); may be NULL.
     */
    bool (*may_close)(void *context);
    bool dirty; /* set to request a redraw */
    bool done;  /* set to leave the loop */
    /* The F1 overlay: what the window does, its shortcuts, the mapping and mode. */
    const char *help_title;
    const char *help_body;
    bool help_shown;        /* input goes to the overlay */
    int help_scroll;        /* pixels the help's text is scrolled up */
    int help_most;          /* how far it can scroll, as last drawn */
    bool first_frame_shown; /* the window is shown and "ready" printed (first frame) */
    /* --step: the step bar's text while the window waits at a protocol point (ui_step.h). */
    const char *step_text;
    SDL_Rect step_button; /* its Step button, in the last frame */
    int step_lines;       /* the step text's wrapped lines, last frame */
    /*
     * Called about every SM_UI_STEP_LOOK_MS while the window stands at a --step point, so
     * what it shows of the shared memory stays live while the protocol waits; sets dirty
     * when there is something new to draw. May be NULL.
     */
    void (*stopped)(void *context);
    Uint64 zoom_note_until;     /* the zoom's note is drawn until then (SDL_GetTicks64); 0 = not */
    bool zoom_key_down;         /* a zoom key was just handled: its text input is not typing */
    unsigned long unread;       /* messages that came while the window had no focus */
    unsigned long unread_shown; /* the count the title shows */
} sm_ui_app;

/* How long the zoom's note ("Zoom 150 %") stays over the status line after a change. */
#define SM_UI_ZOOM_NOTE_MS 1500u

/*
 * Runs until the window is closed (or app->done is set); then returns. The
 * loop itself answers F1 (the help overlay; Escape, F1 or a click closes it),
 * Ctrl+Q / Ctrl+W (close, as the window's close button does) and the text
 * zoom: Ctrl+plus (or Ctrl+=, keypad +), Ctrl+minus, Ctrl+0 and Ctrl+wheel.
 */
void sm_ui_app_run(sm_ui_app *app);

/* Draws and presents one frame now (the stepper draws while the loop is paused). */
void sm_ui_app_frame(sm_ui_app *app);

/*
 * Sets the text zoom (percent), shows it briefly and traces "zoom <asked> drawn=<drawn>
 * body=<px> small=<px>" (--trace state): what the keys and the wheel do.
 */
void sm_ui_app_zoom(sm_ui_app *app, int percent);

/*
 * count new messages came in. While the window has no keyboard focus they are counted in
 * its title ("(3) SampleMap receiver — ...") and the first one asks for attention
 * (SDL_FlashWindow until focused: the taskbar entry on Windows, the urgency hint on X11);
 * the focus clears both. Traced as "attention unread=<n>" / "attention cleared".
 */
void sm_ui_app_unread(sm_ui_app *app, unsigned long count);

/* The user asked to close the window (close button, Ctrl+Q, Ctrl+W). */
void sm_ui_app_request_close(sm_ui_app *app);

#endif
