/* hook.c - the protocol points' table and the one installed callback. */
#include "hook.h"

#include <stdatomic.h>
#include <string.h>

/* The installed hook; its context is stored first, so a hook seen is never called with a stale one.
 */
static _Atomic(sm_hook_fn) installed_fn; /* static storage: starts as a null pointer */
static void *_Atomic installed_ctx = NULL;

static const sm_hook_point points[] = {
    {"creator-before-size", "created the object; its size is not set yet (POSIX)", false},
    {"opener-before-check",
     "opened an existing object by name; its owner, names and size are not checked yet (POSIX)",
     false},
    {"channel-between-opens", "opened the data object, not yet its control object", false},
    {"lock-init", "initialising the channel's lock under the object's file lock", false},
    {"writer-before-lock", "about to take the channel lock to send", false},
    {"writer-locked", "lock taken", true},
    {"writer-after-body", "body and terminator written; unit 0 is still 0, so the slot looks empty",
     true},
    {"writer-after-publish", "unit 0 stored (release): the message is visible to readers", true},
    {"writer-unlocked", "lock released (then \"data ready\" is signalled if a message went in)",
     true},
    {"reader-locked", "lock taken (the slot was seen full without it)", true},
    {"reader-after-copy", "message copied out; it is still in the slot", true},
    {"reader-after-clear",
     "unit 0 cleared (release) and the taken counter bumped: the slot is free", true},
    {"reader-unlocked", "lock released (then \"slot free\" is signalled if a message was taken)",
     true},
    {"classic-after-unit0",
     "classic: unit 0 stored, the rest is still the old text - a reader now sees a torn message",
     true},
    {"classic-after-body", "classic: the whole string and its terminator written (no lock)", true},
    {"classic-reader-after-copy",
     "classic: message copied out (no lock); a writer may still overwrite it before the clear",
     true},
    {"classic-reader-after-clear",
     "classic: unit 0 cleared; anything written since the copy is lost", true},
};

void sm_hook_set(sm_hook_fn fn, void *ctx)
{
    atomic_store(&installed_ctx, ctx);
    atomic_store(&installed_fn, fn);
}

void sm_hook_pass(const char *point)
{
    /* Acquire pairs with sm_hook_set, so the context stored before the hook is seen with it. */
    sm_hook_fn fn = atomic_load_explicit(&installed_fn, memory_order_acquire);
    if (fn == NULL)
        return;
    fn(point, atomic_load(&installed_ctx));
}

const sm_hook_point *sm_hook_points(size_t *count)
{
    *count = sizeof points / sizeof points[0];
    return points;
}

const sm_hook_point *sm_hook_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < sizeof points / sizeof points[0]; i++)
        if (strcmp(points[i].name, name) == 0)
            return &points[i];
    return NULL;
}
