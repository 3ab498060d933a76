/*
 * mapping_posix.h - what the four files of the POSIX backend of mapping.h
 * share, and nothing else includes: the object's record, the errno-to-status
 * mapping, and the SIGBUS guard's registration.
 *
 * The backend, one concern per file:
 *   mapping_posix.c        the objects: shm_open, check, size, map, list, unlink
 *   mapping_posix_guard.c  the SIGBUS guard: a view truncated by someone else
 *   mapping_posix_lock.c   the channel lock: robust in-view mutex or flock
 *   mapping_posix_wake.c   the wake words: futexes on the shared view
 */
#ifndef SAMPLEMAP_IPC_MAPPING_POSIX_H
#define SAMPLEMAP_IPC_MAPPING_POSIX_H

#include <stdbool.h>
#include <stddef.h>

#include "mapping.h"

struct sm_mapping {
    int fd;           /* shm descriptor; also carries the flock */
    int guard;        /* index in the SIGBUS guard's table, -1 if not guarded */
    void *view;       /* mmap()ed view of size bytes */
    size_t size;      /* bytes mapped */
    bool created;     /* true when this open created the object */
    bool local;       /* a Local name: private to this user (decides the lock kind) */
    bool may_create;  /* an open that may create (and so repair an unsized object) */
    char name[256];   /* name as given, e.g. "Local\SampleMap" */
    char os_name[64]; /* translated name, e.g. "/SampleMap.1000" */
};

/*
 * Maps errno from a failed call to our status, keeping the OS's words, the
 * call and the number in err; hint (or NULL) adds what the number means here.
 */
sm_status sm_mapping_posix_fail(sm_error *err, int error_number, const char *call,
                                const sm_mapping *m, const char *hint);

/* Registers a view with the SIGBUS guard: its index, or -1 (unguarded: no free entry). */
int sm_mapping_posix_guard_add(void *view, size_t size);

/* Unregisters it (index -1: nothing); call before the view is unmapped. */
void sm_mapping_posix_guard_remove(int index);

#endif
