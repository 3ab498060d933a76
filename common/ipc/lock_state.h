/*
 * lock_state.h - the channel lock seen from outside: what can be told about
 * it by looking, without taking it (the byte view, sm_channel_inspect), and
 * the timeout that means "no bound". A look is a moment's truth only: the
 * lock may change hands right after.
 */
#ifndef SAMPLEMAP_IPC_LOCK_STATE_H
#define SAMPLEMAP_IPC_LOCK_STATE_H

#include <limits.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A lock timeout meaning "no bound": only for callers that really may wait for ever. */
#define SM_WAIT_FOREVER UINT_MAX

typedef enum sm_lock_state {
    SM_LOCK_UNKNOWN = 0, /* the OS gives no way to look without taking (Windows named mutex) */
    SM_LOCK_FREE,        /* nobody holds it (or it was never set up: the first locker does that) */
    SM_LOCK_HELD,        /* a live process holds it */
    SM_LOCK_OWNER_DEAD,  /* its holder died holding it; the next locker takes it over */
} sm_lock_state;

/* "unknown", "free", "held", "owner-dead". */
static inline const char *sm_lock_state_name(sm_lock_state state)
{
    return state == SM_LOCK_FREE         ? "free"
           : state == SM_LOCK_HELD       ? "held"
           : state == SM_LOCK_OWNER_DEAD ? "owner-dead"
                                         : "unknown";
}

#ifdef __cplusplus
}
#endif

#endif
