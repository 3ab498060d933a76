/*
 * ui_syscolors.c - the desktop's colour settings read within a time bound: the backend's
 * query (ui_syscolors_<os>.c) runs on a helper thread while the window opens, and the
 * window waits for it until SM_UI_SYSCOLORS_TIMEOUT_MS at most, so a session bus that
 * accepts a connection and never answers delays no window by more than that.
 */
#include "ui_syscolors.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sm_ui_syscolors_reader {
    SDL_sem *done;          /* posted by the thread when answer is filled */
    SDL_atomic_t owners;    /* the thread and the window: the last one out frees this */
    Uint64 started;         /* SDL_GetTicks64 at _start */
    sm_ui_syscolors answer; /* the thread's result */
};

static void release(sm_ui_syscolors_reader *reader)
{
    if (SDL_AtomicAdd(&reader->owners, -1) == 1) {
        SDL_DestroySemaphore(reader->done);
        free(reader);
    }
}

static int read_thread(void *data)
{
    sm_ui_syscolors_reader *reader = data;
    sm_ui_syscolors_query(&reader->answer);
    (void)SDL_SemPost(reader->done); /* fails only for a NULL semaphore, never here */
    release(reader);
    return 0;
}

sm_ui_syscolors_reader *sm_ui_syscolors_start(void)
{
    sm_ui_syscolors_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL)
        return NULL;
    reader->started = SDL_GetTicks64();
    reader->done = SDL_CreateSemaphore(0);
    SDL_AtomicSet(&reader->owners, 2);
    SDL_Thread *thread =
        reader->done != NULL ? SDL_CreateThread(read_thread, "syscolors", reader) : NULL;
    if (thread == NULL) {
        SDL_DestroySemaphore(reader->done);
        free(reader);
        return NULL;
    }
    SDL_DetachThread(thread); /* never joined: past the bound it is left to finish alone */
    return reader;
}

void sm_ui_syscolors_finish(sm_ui_syscolors_reader *reader, unsigned timeout_ms,
                            sm_ui_syscolors *out)
{
    if (reader == NULL) {
        sm_ui_syscolors_query(out); /* no thread: ask here, unbounded (a rare fallback) */
        return;
    }
    Uint64 elapsed = SDL_GetTicks64() - reader->started;
    Uint32 left = elapsed >= timeout_ms ? 0 : (Uint32)(timeout_ms - elapsed);
    if (SDL_SemWaitTimeout(reader->done, left) == 0) {
        *out = reader->answer;
    } else {
        memset(out, 0, sizeof *out);
        snprintf(out->why, sizeof out->why, "no answer within %u ms", timeout_ms);
    }
    release(reader);
}

/* The SDL event type of a change (0 until registered), set before any follower starts. */
static Uint32 change_event;

bool sm_ui_syscolors_register_event(void)
{
    if (change_event == 0) {
        Uint32 type = SDL_RegisterEvents(1);
        change_event = type == (Uint32)-1 ? 0 : type;
    }
    return change_event != 0;
}

void sm_ui_syscolors_announce(const sm_ui_syscolors *now)
{
    sm_ui_syscolors *copy = malloc(sizeof *copy);
    if (copy == NULL)
        return; /* one change missed; the next one carries the whole setting again */
    *copy = *now;
    SDL_Event event;
    memset(&event, 0, sizeof event);
    event.type = change_event;
    event.user.data1 = copy;
    if (SDL_PushEvent(&event) != 1)
        free(copy); /* the queue is full or filtered: the change is missed, as above */
}

bool sm_ui_syscolors_changed(const SDL_Event *event, sm_ui_syscolors *out)
{
    if (change_event == 0 || event->type != change_event)
        return false;
    *out = *(const sm_ui_syscolors *)event->user.data1;
    free(event->user.data1);
    return true;
}
