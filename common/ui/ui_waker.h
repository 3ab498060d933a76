/*
 * ui_waker.h - one helper thread that waits on a channel for the window, so
 * the event loop never blocks in a channel wait.
 *
 * While armed, the thread sleeps in sm_channel_wait_message ("data ready")
 * or sm_channel_wait_free ("slot free"): a bounded spin, then a futex or
 * named event. When the wait reports the state, it posts ONE SDL user event
 * and disarms itself: the state stays true until the main thread acts (the
 * slot stays full until it receives), so waiting again at once would spin
 * and flood the queue. The main thread re-arms it once it has acted. It
 * never touches the slot itself: the main thread owns receiving and sending.
 */
#ifndef SAMPLEMAP_UI_WAKER_H
#define SAMPLEMAP_UI_WAKER_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "channel.h"

typedef enum sm_ui_wake_on {
    SM_UI_WAKE_ON_MESSAGE, /* a message is in the slot (a receiver's window) */
    SM_UI_WAKE_ON_FREE     /* the slot became free (a sender's window: delivery) */
} sm_ui_wake_on;

typedef struct sm_ui_waker sm_ui_waker; /* opaque; one per window */

/*
 * Starts the thread on channel (which must outlive sm_ui_waker_stop), waiting
 * for on, each wait at most wait_ms (so a stop is seen that soon), armed at
 * once if armed. Registers its own SDL event type (sm_ui_waker_event). NULL
 * if SDL refuses a thread, mutex or event type; error then holds SDL's words.
 */
sm_ui_waker *sm_ui_waker_start(sm_channel *channel, sm_ui_wake_on on, unsigned wait_ms, bool armed,
                               char *error, size_t error_size);

/* The SDL event type the waker posts (never 0). */
Uint32 sm_ui_waker_event(const sm_ui_waker *waker);

/* Lets the thread wait (again); harmless when already armed, NULL is fine. */
void sm_ui_waker_arm(sm_ui_waker *waker);

/* Stops and frees the thread: waits at most one wait_ms (NULL is fine). */
void sm_ui_waker_stop(sm_ui_waker *waker);

#endif
