/*
 * mapping.h - the OS seam: a named shared-memory object mapped into this
 * process, plus a lock on it that the OS releases if its holder dies.
 *
 * Exactly one backend implements this header: mapping_posix.c (shm_open,
 * ftruncate, mmap, flock, a robust pthread mutex) or mapping_win32.c
 * (CreateFileMappingW, MapViewOfFile, a named mutex). No other file makes
 * those calls.
 */
#ifndef SAMPLEMAP_IPC_MAPPING_H
#define SAMPLEMAP_IPC_MAPPING_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct sm_mapping sm_mapping; /* opaque; one per open object */

/*
 * Opens the object called name (see name.h), creating it with size bytes if
 * it does not exist, and maps size bytes of it. *out is set only on SM_OK.
 * Fails with SM_ERR_WRONG_SIZE when an existing object is smaller than size
 * (mapping it would fault), SM_ERR_FOREIGN_OWNER when a Local object is not
 * private (POSIX: owned by another user, group/other mode bits, or more than
 * one link), SM_ERR_NAME, SM_ERR_PERMISSION, SM_ERR_NO_SPACE or
 * SM_ERR_SYSTEM, each with a message saying what to do.
 */
sm_status sm_mapping_open(const char *name, size_t size, sm_mapping **out, sm_error *err);

/* Like sm_mapping_open, but never creates: SM_ERR_NOT_FOUND if absent. */
sm_status sm_mapping_open_existing(const char *name, size_t size, sm_mapping **out,
                                   sm_error *err);

/* Unmaps and closes (NULL is fine). The object itself stays; see sm_mapping_unlink. */
void sm_mapping_close(sm_mapping *mapping);

/* The mapped view: sm_mapping_size(mapping) bytes, zero-filled when created. */
void *sm_mapping_view(const sm_mapping *mapping);
size_t sm_mapping_size(const sm_mapping *mapping);

/* True if this open created the object, false if it opened an existing one. */
bool sm_mapping_created(const sm_mapping *mapping);

/*
 * An identity of the object itself, the same in every process that opened it
 * and different for an object removed and created again under the same name:
 * POSIX: its device and inode numbers. 0 where the OS needs none (Windows: a
 * named object cannot be removed and re-created while anyone holds it open).
 */
unsigned long long sm_mapping_identity(const sm_mapping *mapping);

/*
 * True once the view was found truncated under us. Anyone who may write an
 * object may truncate it (every local user, for a Global one), and POSIX then
 * raises SIGBUS at the next touch of a page past the end. The POSIX backend
 * catches that SIGBUS for its views, replaces the view's pages with private
 * zero pages (so the access completes and nothing crashes) and marks the
 * view damaged; callers check this and stop. Windows sections cannot shrink.
 */
bool sm_mapping_damaged(const sm_mapping *mapping);

/* The name as the user gave it, and as the OS knows it (e.g. "/SampleMap.1000"). */
const char *sm_mapping_name(const sm_mapping *mapping);
const char *sm_mapping_os_name(const sm_mapping *mapping);

/* A lock timeout meaning "no bound": only for callers that really may wait for ever. */
#define SM_WAIT_FOREVER UINT_MAX

/*
 * Takes the object's cross-process lock, waiting at most timeout_ms (0 = one
 * try; SM_WAIT_FOREVER = no bound). A holder that is alive but stopped
 * (Ctrl-Z, SIGSTOP, a debugger) keeps it for as long as it likes, so every
 * caller gives a bound: on expiry SM_ERR_HELD, whose message says for how
 * long. A lock whose holder died is released by the OS (flock) or handed
 * over as abandoned (Windows mutex); both count as acquired. Not recursive.
 */
sm_status sm_mapping_lock(sm_mapping *mapping, unsigned timeout_ms, sm_error *err);
void sm_mapping_unlock(sm_mapping *mapping);

/*
 * An in-view lock: a lock stored inside the view at offset (8-byte aligned,
 * SM_VIEW_LOCK_BYTES long, zero-filled when the object was created), whose
 * uncontended path is a userspace atomic instead of a system call.
 * POSIX: a process-shared robust pthread mutex (PTHREAD_MUTEX_ROBUST) after
 * an init-state word. The first locker initialises the mutex while holding
 * the object's flock (sm_mapping_lock), so a process killed mid-way leaves
 * the state "not ready" and the next one initialises it again. A holder that
 * dies hands it over with EOWNERDEAD, which counts as acquired
 * (pthread_mutex_consistent), like WAIT_ABANDONED. Waits at most timeout_ms,
 * as sm_mapping_lock does (SM_ERR_HELD on expiry).
 * sm_mapping_view_lock_supported() is false where there is none (Windows:
 * the named mutex of sm_mapping_lock stays the lock); callers then use that.
 */
#define SM_VIEW_LOCK_BYTES 56
bool sm_mapping_view_lock_supported(void);
sm_status sm_mapping_view_lock(sm_mapping *mapping, size_t offset, unsigned timeout_ms,
                               sm_error *err);
void sm_mapping_view_unlock(sm_mapping *mapping, size_t offset);

/*
 * Removes the named object so the next open creates a fresh one. POSIX:
 * shm_unlink; *removed tells whether it existed. Windows: objects die with
 * their last handle, so this succeeds with *removed = false.
 */
sm_status sm_mapping_unlink(const char *name, bool *removed, sm_error *err);

/* Process id of the caller, for messages and test hooks (backends know how). */
unsigned long sm_process_id(void);

/* Sleeps for at least milliseconds; used by the polling loops. */
void sm_sleep_ms(unsigned milliseconds);

/* A monotonic clock in milliseconds, for timeouts. */
unsigned long long sm_monotonic_ms(void);

/* The same clock in nanoseconds, for bounded spinning and latency figures. */
unsigned long long sm_monotonic_ns(void);

/*
 * Wake words: a 32-bit word at offset (4-byte aligned) in the view
 * that one process sleeps on and another bumps. sm_mapping_wait_word sleeps
 * while the word still equals expected, at most timeout_ms (0 = return at
 * once), and returns on a wake, a timeout or a spurious wake-up alike: the
 * caller re-checks the state it waits for. sm_mapping_wake_word wakes every
 * sleeper on the word (callers bump the word first). Works across processes.
 * POSIX (Linux): futex(FUTEX_WAIT / FUTEX_WAKE) on the word itself, the
 * shared (not _PRIVATE) form, keyed by the page of the shm object; other
 * POSIX systems: a short sleep. Windows: a named auto-reset event
 * "<name>.wake<offset>" per word (see mapping_win32.c for why).
 */
void sm_mapping_wait_word(sm_mapping *mapping, size_t offset, unsigned expected,
                          unsigned timeout_ms);
void sm_mapping_wake_word(sm_mapping *mapping, size_t offset);

/*
 * Gives the CPU to another thread that is ready to run on it, if any, and
 * returns at once otherwise: a spinning waiter calls it so that a peer it
 * woke, queued on the spinner's own CPU, runs now instead of after the spin.
 * POSIX: sched_yield. Windows: SwitchToThread.
 */
void sm_yield_cpu(void);

#endif
