/* ui_waker.c - the windows' helper thread that waits on the channel (see ui_waker.h). */
#include "ui_waker.h"

#include <stdio.h>
#include <stdlib.h>

struct sm_ui_waker {
    sm_channel *channel; /* what it waits on; the main thread owns it */
    sm_ui_wake_on on;    /* which wait */
    unsigned wait_ms;    /* bound of one wait: how soon a stop is seen */
    Uint32 event_type;   /* the SDL user event it posts */
    SDL_Thread *thread;
    SDL_mutex *lock;   /* guards armed and stop */
    SDL_cond *changed; /* signalled when armed or stop changes */
    bool armed;        /* may wait and post one event */
    bool stop;         /* leave the thread */
};

static bool wait_once(sm_ui_waker *waker)
{
    return waker->on == SM_UI_WAKE_ON_MESSAGE
               ? sm_channel_wait_message(waker->channel, waker->wait_ms)
               : sm_channel_wait_free(waker->channel, waker->wait_ms);
}

static int waker_main(void *data)
{
    sm_ui_waker *waker = data;
    /* SDL's mutex and condition calls fail only for NULL objects, which start excluded. */
    (void)SDL_LockMutex(waker->lock);
    while (!waker->stop) {
        if (!waker->armed) {
            (void)SDL_CondWait(waker->changed, waker->lock);
            continue;
        }
        (void)SDL_UnlockMutex(waker->lock);
        bool ready = wait_once(waker);
        (void)SDL_LockMutex(waker->lock);
        if (!ready || !waker->armed || waker->stop)
            continue;
        SDL_Event event;
        SDL_zero(event);
        event.type = waker->event_type;
        if (SDL_PushEvent(&event) == 1) {
            waker->armed = false; /* one event per wake: the next after the main thread re-arms */
        } else {
            /* The queue is full or filtered: try again after a wait's time, not in a spin. */
            (void)SDL_CondWaitTimeout(waker->changed, waker->lock, waker->wait_ms);
        }
    }
    (void)SDL_UnlockMutex(waker->lock);
    return 0;
}

static void destroy(sm_ui_waker *waker)
{
    if (waker->changed != NULL)
        SDL_DestroyCond(waker->changed);
    if (waker->lock != NULL)
        SDL_DestroyMutex(waker->lock);
    free(waker);
}

sm_ui_waker *sm_ui_waker_start(sm_channel *channel, sm_ui_wake_on on, unsigned wait_ms, bool armed,
                               char *error, size_t error_size)
{
    sm_ui_waker *waker = calloc(1, sizeof *waker);
    if (waker == NULL) {
        (void)snprintf(error, error_size, "out of memory");
        return NULL;
    }
    waker->channel = channel;
    waker->on = on;
    waker->wait_ms = wait_ms;
    waker->armed = armed;
    waker->event_type = SDL_RegisterEvents(1);
    if (waker->event_type != (Uint32)-1) {
        waker->lock = SDL_CreateMutex();
        waker->changed = SDL_CreateCond();
    }
    if (waker->lock != NULL && waker->changed != NULL)
        waker->thread = SDL_CreateThread(waker_main, "samplemap-wake", waker);
    if (waker->thread == NULL) {
        (void)snprintf(error, error_size, "%s",
                       waker->event_type == (Uint32)-1 ? "no SDL user event left" : SDL_GetError());
        destroy(waker);
        return NULL;
    }
    return waker;
}

Uint32 sm_ui_waker_event(const sm_ui_waker *waker)
{
    return waker->event_type;
}

void sm_ui_waker_arm(sm_ui_waker *waker)
{
    if (waker == NULL)
        return;
    (void)SDL_LockMutex(waker->lock);
    if (!waker->armed) {
        waker->armed = true;
        (void)SDL_CondSignal(waker->changed);
    }
    (void)SDL_UnlockMutex(waker->lock);
}

void sm_ui_waker_stop(sm_ui_waker *waker)
{
    if (waker == NULL)
        return;
    (void)SDL_LockMutex(waker->lock);
    waker->stop = true;
    (void)SDL_CondSignal(waker->changed);
    (void)SDL_UnlockMutex(waker->lock);
    SDL_WaitThread(waker->thread, NULL); /* at most one bounded channel wait */
    destroy(waker);
}
