/*
 * mapping.h - the OS seam: named shared-memory objects, their views, and the
 * cross-process lock that guards them (released or handed over by the OS if
 * its holder dies). Process id, sleep and clocks are in os_process.h.
 *
 * Exactly one backend implements this header: mapping_posix.c (shm_open,
 * ftruncate, mmap, flock, a robust pthread mutex) or mapping_win32.c
 * (CreateFileMappingW, MapViewOfFile, a named mutex). No other file makes
 * those calls.
 *
 * Private to the library: not installed, not exported from the shared
 * library (docs/api.md lists the public headers).
 */
#ifndef SAMPLEMAP_IPC_MAPPING_H
#define SAMPLEMAP_IPC_MAPPING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "lock_state.h"
#include "lock_state.h" /* SM_WAIT_FOREVER */
#include "os_process.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sm_mapping sm_mapping; /* opaque; one per open object */

/*
 * Opens the object called name (see name.h), creating it with size bytes if
 * it does not exist, and maps size bytes of it. *out is set only on SM_OK.
 * Fails with SM_ERR_WRONG_SIZE when an existing object is smaller than size
 * (mapping it would fault), SM_ERR_FOREIGN_OWNER when a Local object is not
 * private (POSIX: owned by another user, group/other mode bits, or more than
 * one link), SM_ERR_NAME, SM_ERR_PERMISSION, SM_ERR_NO_SPACE or
 * SM_ERR_SYSTEM, each with a message saying what happened (and the OS call
 * and error number in err when one failed).
 */
sm_status sm_mapping_open(const char *name, size_t size, sm_mapping **out, sm_error *err);

/* Like sm_mapping_open, but never creates: SM_ERR_NOT_FOUND if absent. */
sm_status sm_mapping_open_existing(const char *name, size_t size, sm_mapping **out, sm_error *err);

/*
 * sm_mapping_open (may_create) or sm_mapping_open_existing (!may_create) whose
 * waits all end by deadline_ms, a time of sm_monotonic_ms() (0 = their own
 * bounds only). POSIX waits while opening: for a fresh object's creator to
 * size it (at most 1 s) and, when the name is removed and made again under
 * us, for a name that stays put (at most 100 tries); at the deadline it
 * reports what it last saw (SM_ERR_WRONG_SIZE "0 bytes", SM_ERR_SYSTEM "kept
 * vanishing") with the time it waited. Windows: creating and sizing are one
 * call, so there is nothing to wait for and the deadline is not needed.
 */
sm_status sm_mapping_open_until(const char *name, size_t size, bool may_create,
                                unsigned long long deadline_ms, sm_mapping **out, sm_error *err);

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
 * The identity of the object under os_name now (sm_mapping_os_name's form),
 * looked up without mapping it: differs from a mapping's own identity once the
 * name was removed (0: nothing under it) or removed and made again. Windows:
 * always 0 (an object cannot be removed while anyone holds it open).
 */
unsigned long long sm_mapping_identity_of(const char *os_name);

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

/*
 * The lock: one cross-process lock guarding the contents of data. state, if
 * not NULL, offers SM_LOCK_BYTES of another view at state_offset (8-byte
 * aligned, zero-filled when created, never touched by anyone else) where the
 * backend may keep the lock itself. Every process must pass the same objects
 * and offset. Which kind of lock it is, is the backend's business:
 *   POSIX, a Local data object with state: a process-shared robust pthread
 *     mutex in state, whose uncontended path is a userspace atomic (set up on
 *     first use under state's flock, so a process killed half-way leaves it
 *     "not ready" and the next one sets it up again);
 *   POSIX otherwise: flock on data. A Global object is writable by every
 *     local user, and a mutex made of bytes anyone may overwrite can be made
 *     to abort the C library; a flock has no bytes to overwrite;
 *   Windows: the named mutex "<name>.lock" of data; state is not used.
 * Waits at most timeout_ms (0 = one try; SM_WAIT_FOREVER = no bound). A
 * holder that is alive but stopped (Ctrl-Z, SIGSTOP, a debugger) keeps it for
 * as long as it likes, so every caller gives a bound: on expiry SM_ERR_HELD,
 * whose message says for how long it really waited. The bound is kept on the
 * monotonic clock (POSIX: pthread_mutex_clocklock with CLOCK_MONOTONIC, not
 * timedlock's CLOCK_REALTIME), so a wall clock stepped meanwhile changes
 * nothing (process.lock_wait_ignores_wall_clock). A lock whose holder died
 * is released (flock) or handed over (EOWNERDEAD, WAIT_ABANDONED); both count
 * as acquired. Not recursive; lock and unlock from the same thread.
 */
#define SM_LOCK_BYTES 56
sm_status sm_mapping_lock(sm_mapping *data, sm_mapping *state, size_t state_offset,
                          unsigned timeout_ms, sm_error *err);
void sm_mapping_unlock(sm_mapping *data, sm_mapping *state, size_t state_offset);

/*
 * The ABI of the lock sm_mapping_lock keeps in state's bytes for data, as a
 * word every process of the same ABI computes alike: (pointer bits << 16) |
 * the lock's size in bytes, e.g. 0x00400028 for x86-64's 40-byte pthread
 * mutex and 0x00200018 for i386's 24-byte one. 0 when the lock keeps nothing
 * in state (flock, a Windows named mutex), so any ABI may share it. Two
 * processes whose words differ must not share the lock: each would read the
 * other's mutex with its own layout, and the "owner died" mark a dead holder
 * leaves would never be understood (the channel records the word and refuses
 * a peer of another ABI at open: docs/protocol.md, "Lock ABI").
 */
uint32_t sm_mapping_lock_abi(const sm_mapping *data);

/*
 * The state of the lock sm_mapping_lock takes for the same arguments, read
 * without taking it, for views that must never block or change anything.
 * *owner is the holder's thread or process id when the OS tells it, else 0;
 * *kind names the kind of lock in a few words, for people (byte views).
 * POSIX: the robust mutex's owner word (glibc) checked against the live
 * processes, the flock from /proc/locks (Linux); elsewhere, and for a Windows
 * named mutex (which cannot be read without a wait that takes it),
 * SM_LOCK_UNKNOWN.
 */
sm_lock_state sm_mapping_lock_state(const sm_mapping *data, const sm_mapping *state,
                                    size_t state_offset, unsigned long *owner, const char **kind);

/*
 * Removes the named object so the next open creates a fresh one. POSIX:
 * shm_unlink; *removed tells whether it existed. Windows: objects die with
 * their last handle, so this succeeds with *removed = false.
 */
sm_status sm_mapping_unlink(const char *name, bool *removed, sm_error *err);

/*
 * Lists the named objects the OS shows this process, as visit(name, os_name,
 * size, context) each: name as a user gives it (Local\X for this user's, or
 * Global\X; another user's Local objects are skipped), os_name as the OS
 * knows it, size in bytes. Linux: the entries of /dev/shm, where shm_open's
 * objects live. Other systems show no such list: SM_ERR_SYSTEM says so
 * (Windows has no documented call that lists named sections).
 */
typedef void (*sm_mapping_visit)(const char *name, const char *os_name, unsigned long long size,
                                 void *context);
sm_status sm_mapping_list(sm_mapping_visit visit, void *context, sm_error *err);

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

#ifdef __cplusplus
}
#endif

#endif
