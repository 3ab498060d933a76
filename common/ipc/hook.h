/*
 * hook.h - named protocol points, and one callback a program may install to
 * be told when this process passes one.
 *
 * The library passes a point at each step of the protocol that a person or a
 * test may want to stop at: the safe writer's "writer-locked" (lock taken),
 * "writer-after-body" (body and terminator written, unit 0 still 0),
 * "writer-after-publish" (unit 0 stored: the message is visible) and
 * "writer-unlocked"; the safe reader's "reader-locked", "reader-after-copy",
 * "reader-after-clear" and "reader-unlocked"; the classic writer's
 * "classic-after-unit0" (unit 0 stored, the rest still the old text: a torn
 * message) and "classic-after-body"; the classic reader's
 * "classic-reader-after-copy" and "classic-reader-after-clear"; and points
 * of opening a channel ("creator-before-size", "opener-before-check",
 * "channel-between-opens", "lock-init", "writer-before-lock"): the crash
 * windows of opening, each with a lesson (docs/diagnostics.md).
 * sm_hook_points() lists them all with a one-line description.
 *
 * Uses: the apps' --step mode (stop and wait for a person at each protocol
 * step) and their --pause-at POINT (stop at one point, to kill the process
 * there and show what that crash leaves behind).
 * Nothing is installed by the library itself: with no hook a point costs a
 * call, one load and one predictable branch.
 *
 * Private to the library and the apps built with it: not installed, not
 * exported from the shared library.
 */
#ifndef SAMPLEMAP_IPC_HOOK_H
#define SAMPLEMAP_IPC_HOOK_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Called on the thread that passes point (one of sm_hook_points()), with the ctx given to
 * sm_hook_set. */
typedef void (*sm_hook_fn)(const char *point, void *ctx);

/* One named point: its name, what the process has just done there, and whether --step stops there.
 */
typedef struct sm_hook_point {
    const char *name;        /* e.g. "writer-after-body" */
    const char *description; /* e.g. "body and terminator written; unit 0 is still 0, so the slot
                                looks empty" */
    bool protocol_step; /* a step of sending or receiving (--step stops here), not of opening */
} sm_hook_point;

/*
 * Installs fn (NULL removes it) for the whole process; ctx is passed back. Set
 * it before other threads use channels: the pointer is stored atomically, but
 * a point passed while it changes may see either the old or the new hook.
 */
void sm_hook_set(sm_hook_fn fn, void *ctx);

/* Passes a point: calls the installed hook, if any. The library calls this; programs need not. */
void sm_hook_pass(const char *point);

/* Every point the library passes, in protocol order; *count is set to how many. */
const sm_hook_point *sm_hook_points(size_t *count);

/* The entry for name, or NULL if the library has no such point. */
const sm_hook_point *sm_hook_find(const char *name);

#ifdef __cplusplus
}
#endif

#endif
