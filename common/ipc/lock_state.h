/*
 * lock_state.h - what can be told about a lock by looking, without taking it
 * (the byte view, sm_channel_inspect). A look is a moment's truth only: the
 * lock may change hands right after.
 */
#ifndef SAMPLEMAP_IPC_LOCK_STATE_H
#define SAMPLEMAP_IPC_LOCK_STATE_H

#ifdef __cplusplus
extern "C" {
#endif

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
