/*
 * mapping_posix_lock.c - the POSIX backend's channel lock (mapping.h:
 * sm_mapping_lock, _unlock, _lock_state, _lock_abi).
 *
 * The lock is one of two kinds, both waited for boundedly: a robust
 * process-shared mutex in the control object's view for a Local object, set
 * up under that view's flock on first use, or else flock() on the data
 * object's descriptor, which the kernel drops when its holder dies
 * (mapping.h says why Global objects get that). Either kind passes on when
 * its holder dies; a stopped holder makes the wait end in SM_ERR_HELD.
 * Divided into: the held message, flock, in-view mutex, the lock, lock states.
 */
#define _GNU_SOURCE     /* pthread_mutex_clocklock (glibc); implies _DEFAULT_SOURCE for flock() */
#define _DEFAULT_SOURCE /* flock() where _GNU_SOURCE means nothing */
#define _POSIX_C_SOURCE 200809L

#include "mapping_posix.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#if defined(__linux__)
#include <linux/futex.h> /* FUTEX_TID_MASK, FUTEX_OWNER_DIED: a robust mutex's owner word */
#include <sys/sysmacros.h>
#endif

#include "hook.h"
#include "os_process.h"

/*
 * The one message for a lock that stayed taken: who is likely to hold it, and
 * for how long we really waited (measured on the monotonic clock from start).
 */
static sm_status lock_held(sm_error *err, const sm_mapping *m, unsigned long long start)
{
    return sm_error_set(err, SM_ERR_HELD,
                        "mapping '%s' is held by another process: its lock stayed taken for the "
                        "%llu ms waited (a peer stopped with Ctrl-Z or SIGSTOP, or in a "
                        "debugger?)",
                        m->name, sm_monotonic_ms() - start);
}

/* Milliseconds from now until a deadline of the monotonic clock, 0 once it passed. */
static unsigned ms_until(unsigned long long deadline)
{
    unsigned long long now = sm_monotonic_ms();
    return now >= deadline ? 0 : (unsigned)(deadline - now);
}

/* ------------------------------------------------------------------ flock */

static sm_status flock_take(sm_mapping *mapping, unsigned timeout_ms, sm_error *err)
{
    if (timeout_ms == SM_WAIT_FOREVER) {
        while (flock(mapping->fd, LOCK_EX) != 0) {
            if (errno != EINTR)
                return sm_mapping_posix_fail(err, errno, "flock", mapping, NULL);
        }
        return SM_OK;
    }
    /* flock has no timed form: try without blocking, and sleep a little between tries. */
    unsigned long long start = sm_monotonic_ms();
    unsigned long long deadline = start + timeout_ms;
    while (flock(mapping->fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR)
            return sm_mapping_posix_fail(err, errno, "flock", mapping, NULL);
        unsigned left = ms_until(deadline);
        if (left == 0)
            return lock_held(err, mapping, start);
        sm_sleep_ms(left < 2 ? left : 2);
    }
    return SM_OK;
}

static void flock_release(sm_mapping *mapping)
{
    /* Cannot fail: fd is open and holds the lock (EBADF, EINVAL are excluded). */
    (void)flock(mapping->fd, LOCK_UN);
}

/* ------------------------------------------------------- in-view mutex */

/*
 * Layout at offset: a 32-bit state word (2 = ready; anything else, e.g. the 0
 * of a fresh object, = not initialised), padding, then the mutex. The first
 * locker takes the object's flock (bounded), initialises the mutex if the
 * state is still not 2, and publishes 2 (view_lock_ready); a process killed
 * meanwhile loses the flock, and the next one initialises again
 * (process.killed_during_lock_init). It costs no system call when
 * uncontended, a flock two (docs/performance.md has the figures).
 */
typedef struct view_lock {
    _Atomic uint32_t state;
    uint32_t pad;
    pthread_mutex_t mutex;
} view_lock;
_Static_assert(sizeof(view_lock) <= SM_LOCK_BYTES, "SM_LOCK_BYTES is too small");

/* PTHREAD_MUTEX_ROBUST is an enum constant, not a macro, so test for the systems instead. */
#if defined(__linux__) || defined(__FreeBSD__)
#define SM_HAVE_VIEW_LOCK 1
#else
#define SM_HAVE_VIEW_LOCK 0
#endif

#if SM_HAVE_VIEW_LOCK
/* Retries of a held mutex before sleeping: 32 x 16 pauses, ~10 us on the benchmark VM. */
#define SM_LOCK_SPIN_TRIES 32u

static sm_status view_lock_ready(sm_mapping *mapping, view_lock *lock, unsigned timeout_ms,
                                 sm_error *err)
{
    if (atomic_load_explicit(&lock->state, memory_order_acquire) == 2)
        return SM_OK;
    /*
     * First use: initialise the mutex under the object's flock, which the
     * kernel drops if we die here - so a creator killed mid-initialisation
     * cannot leave a half-made mutex that wedges everyone: the next process
     * finds state != 2 and initialises it again.
     */
    sm_status status = flock_take(mapping, timeout_ms, err);
    if (status != SM_OK)
        return status;
    if (atomic_load_explicit(&lock->state, memory_order_acquire) != 2) {
        sm_hook_pass("lock-init");
        pthread_mutexattr_t attr;
        const char *call = "pthread_mutexattr_init";
        int rc = pthread_mutexattr_init(&attr);
        if (rc == 0) {
            call = "pthread_mutexattr_setpshared";
            rc = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
            if (rc == 0) {
                call = "pthread_mutexattr_setrobust";
                rc = pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
            }
            if (rc == 0) {
                call = "pthread_mutex_init";
                rc = pthread_mutex_init(&lock->mutex, &attr);
            }
            (void)pthread_mutexattr_destroy(&attr); /* cannot fail on an initialised attribute */
        }
        if (rc != 0) {
            flock_release(mapping);
            return sm_mapping_posix_fail(err, rc, call, mapping, NULL);
        }
        atomic_store_explicit(&lock->state, 2, memory_order_release);
    }
    flock_release(mapping);
    return SM_OK;
}

/*
 * Waits for the mutex until deadline, a time of sm_monotonic_ms(). Why not
 * pthread_mutex_timedlock: it takes an absolute CLOCK_REALTIME time, so a
 * wall clock stepped back (NTP, a person, a VM resumed) while we wait
 * lengthens the wait by the step (process.lock_wait_ignores_wall_clock saw an
 * hour). glibc 2.30 and later have pthread_mutex_clocklock, which takes a
 * CLOCK_MONOTONIC time. Elsewhere no timed lock can be trusted (even a short
 * slice of timedlock waits a whole step), so the mutex is tried every
 * millisecond until the deadline, as flock is: slower to hand over, never
 * longer than the bound. *call names the call for an error message.
 */
static int mutex_lock_until(pthread_mutex_t *mutex, unsigned long long deadline, const char **call)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
    *call = "pthread_mutex_clocklock";
    unsigned long long until_ns = deadline * 1000000ull;
    struct timespec until = {(time_t)(until_ns / 1000000000ull), (long)(until_ns % 1000000000ull)};
    return pthread_mutex_clocklock(mutex, CLOCK_MONOTONIC, &until);
#else
    *call = "pthread_mutex_trylock";
    int rc;
    while ((rc = pthread_mutex_trylock(mutex)) == EBUSY) {
        if (ms_until(deadline) == 0)
            return ETIMEDOUT;
        sm_sleep_ms(1); /* a relative sleep: a stepped wall clock does not lengthen it */
    }
    return rc;
#endif
}

static sm_status view_lock_take(sm_mapping *mapping, size_t offset, unsigned timeout_ms,
                                sm_error *err)
{
    view_lock *lock = (view_lock *)((char *)mapping->view + offset);
    /* The clock is read only when the wait may be long: first use (flock) or a held mutex. */
    bool ready = atomic_load_explicit(&lock->state, memory_order_acquire) == 2;
    unsigned long long start = ready ? 0 : sm_monotonic_ms();
    sm_status status = view_lock_ready(mapping, lock, timeout_ms, err);
    if (status != SM_OK)
        return status;
    /*
     * A free mutex is taken with one atomic operation: trylock first, so the
     * common case reads no clock (two clock reads cost as much as the lock).
     * One difference from timedlock: a mutex made unrecoverable (a locker that
     * skipped pthread_mutex_consistent, which this code never does) is reported
     * once as ENOTRECOVERABLE, and glibc's trylock leaves it locked, so later
     * lockers find it held: the cure is the same, --unlink.
     */
    const char *call = "pthread_mutex_trylock";
    int rc = pthread_mutex_trylock(&lock->mutex);
    /*
     * Held: the holder's critical section is at most one view's copy, over in
     * a microsecond or two, so try again for a few microseconds before
     * sleeping in the kernel, where the sleep and the holder's wake would cost
     * a context switch on each side. A stopped holder costs us only this bound.
     */
    for (unsigned i = 0; rc == EBUSY && i < SM_LOCK_SPIN_TRIES; i++) {
        for (unsigned pause = 0; pause < 16; pause++)
            sm_cpu_relax();
        rc = pthread_mutex_trylock(&lock->mutex);
    }
    if (rc != EBUSY) {
        /* 0 or EOWNERDEAD: taken; anything else is reported below. */
    } else if (timeout_ms == SM_WAIT_FOREVER) {
        call = "pthread_mutex_lock";
        rc = pthread_mutex_lock(&lock->mutex);
    } else {
        if (start == 0)
            start = sm_monotonic_ms();
        rc = mutex_lock_until(&lock->mutex, start + timeout_ms, &call);
    }
    if (rc == EOWNERDEAD) {
        /*
         * The holder died. The slot protocol keeps the view consistent at
         * every instant (unit 0 is stored last), so carrying on is safe; mark
         * the mutex consistent or it becomes unusable for everyone.
         */
        /* Cannot fail: its only error, EINVAL, means "not robust or not EOWNERDEAD". */
        (void)pthread_mutex_consistent(&lock->mutex);
        rc = 0;
    }
    if (rc == ETIMEDOUT)
        return lock_held(err, mapping, start);
    if (rc != 0)
        return sm_mapping_posix_fail(
            err, rc, call, mapping,
            "the lock in the object is unusable: remove the channel and start "
            "again");
    return SM_OK;
}

static void view_lock_release(sm_mapping *mapping, size_t offset)
{
    view_lock *lock = (view_lock *)((char *)mapping->view + offset);
    /* Cannot fail: the mutex is initialised and owned by this thread (view_lock_take). */
    (void)pthread_mutex_unlock(&lock->mutex);
}
#endif

/* --------------------------------------------------------------- the lock */

uint32_t sm_mapping_lock_abi(const sm_mapping *data)
{
#if SM_HAVE_VIEW_LOCK
    /* Only the in-view mutex has a layout another ABI could misread; flock has none. */
    if (data->local)
        return (uint32_t)(sizeof(void *) * 8) << 16 | (uint32_t)sizeof(pthread_mutex_t);
#else
    (void)data;
#endif
    return 0;
}

sm_status sm_mapping_lock(sm_mapping *data, sm_mapping *state, size_t state_offset,
                          unsigned timeout_ms, sm_error *err)
{
    if (state != NULL && (state_offset % 8 != 0 || state_offset + SM_LOCK_BYTES > state->size))
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT,
                            "internal: lock state at offset %zu does not fit its view",
                            state_offset);
#if SM_HAVE_VIEW_LOCK
    if (state != NULL && data->local)
        return view_lock_take(state, state_offset, timeout_ms, err);
#else
    (void)state;
    (void)state_offset;
#endif
    return flock_take(data, timeout_ms, err);
}

void sm_mapping_unlock(sm_mapping *data, sm_mapping *state, size_t state_offset)
{
#if SM_HAVE_VIEW_LOCK
    if (state != NULL && data->local) {
        view_lock_release(state, state_offset);
        return;
    }
#else
    (void)state;
    (void)state_offset;
#endif
    flock_release(data);
}

/* ------------------------------------------------------------- lock states */

/*
 * The flock, looked up in /proc/locks by the object's device and inode:
 * "1: FLOCK  ADVISORY  WRITE 1234 00:1a:5678 0 EOF" (waiters' lines have "->").
 */
static sm_lock_state flock_state(const sm_mapping *mapping, unsigned long *owner)
{
    *owner = 0;
#if defined(__linux__)
    struct stat info;
    FILE *locks = fstat(mapping->fd, &info) == 0 ? fopen("/proc/locks", "r") : NULL;
    if (locks == NULL)
        return SM_LOCK_UNKNOWN;
    char line[256];
    sm_lock_state state = SM_LOCK_FREE;
    while (state == SM_LOCK_FREE && fgets(line, sizeof line, locks) != NULL) {
        char kind[16];
        unsigned long pid = 0, inode = 0;
        unsigned major = 0, minor = 0;
        if (strstr(line, "->") == NULL &&
            sscanf(line, "%*s %15s %*s %*s %lu %x:%x:%lu", kind, &pid, &major, &minor, &inode) ==
                5 &&
            strcmp(kind, "FLOCK") == 0 && inode == (unsigned long)info.st_ino &&
            major == (unsigned)major(info.st_dev) && minor == (unsigned)minor(info.st_dev)) {
            state = SM_LOCK_HELD;
            *owner = pid;
        }
    }
    fclose(locks); /* read-only: nothing to lose */
    return state;
#else
    (void)mapping;
    return SM_LOCK_UNKNOWN;
#endif
}

#if SM_HAVE_VIEW_LOCK
static sm_lock_state view_lock_state(const sm_mapping *mapping, size_t offset, unsigned long *owner)
{
    *owner = 0;
#if defined(__GLIBC__)
    if (offset % 8 != 0 || offset + sizeof(view_lock) > mapping->size)
        return SM_LOCK_UNKNOWN;
    view_lock *lock = (view_lock *)((char *)mapping->view + offset);
    if (atomic_load_explicit(&lock->state, memory_order_acquire) != 2)
        return SM_LOCK_FREE; /* never set up: the first locker initialises it */
    /*
     * glibc keeps a robust mutex's owner in its futex word: the holder's
     * thread id, plus FUTEX_OWNER_DIED once the kernel found the holder dead.
     */
    unsigned word = (unsigned)__atomic_load_n(&lock->mutex.__data.__lock, __ATOMIC_ACQUIRE);
    unsigned long tid = word & FUTEX_TID_MASK;
    if (tid == 0)
        return (word & FUTEX_OWNER_DIED) != 0 ? SM_LOCK_OWNER_DEAD : SM_LOCK_FREE;
    *owner = tid;
    /* A holder gone without the kernel noticing (no robust list) shows as a missing thread. */
    return kill((pid_t)tid, 0) != 0 && errno == ESRCH ? SM_LOCK_OWNER_DEAD : SM_LOCK_HELD;
#else
    (void)mapping;
    (void)offset;
    return SM_LOCK_UNKNOWN;
#endif
}
#endif

sm_lock_state sm_mapping_lock_state(const sm_mapping *data, const sm_mapping *state,
                                    size_t state_offset, unsigned long *owner, const char **kind)
{
#if SM_HAVE_VIEW_LOCK
    if (state != NULL && data->local) {
        *kind = "robust mutex in the control object";
        return view_lock_state(state, state_offset, owner);
    }
#else
    (void)state;
    (void)state_offset;
#endif
    *kind = "flock on the data object";
    return flock_state(data, owner);
}
