/*
 * mapping_posix.c - the POSIX backend of mapping.h.
 *
 * Objects are shm_open()ed under the translated name (name.h), sized with
 * ftruncate() and backed with posix_fallocate() so a full /dev/shm fails
 * here, at open time, instead of raising SIGBUS at the first write. Before an
 * existing object is mapped it is fstat()ed: too small is refused, and so is
 * a Local one that is not private (another owner, group/other mode bits, more
 * than one link). Each view is guarded against SIGBUS from a truncation by
 * someone else (the SIGBUS guard). The lock (sm_mapping_lock) is one of two
 * kinds, both waited for boundedly: a robust process-shared mutex in the
 * state view for a Local object, set up under that view's flock on first
 * use, or else flock() on the data object's descriptor, which the kernel
 * drops when its holder dies (mapping.h says why Global objects get that).
 * Wake words are futexes on the shared view: FUTEX_WAIT/FUTEX_WAKE
 * without FUTEX_PRIVATE_FLAG, so the kernel keys them by the shm page and a
 * wake in one process reaches a sleeper in another.
 * Divided into: helpers, SIGBUS guard, open, accessors, flock, in-view
 * mutex, the lock, wake words, unlink.
 */
#define _GNU_SOURCE     /* pthread_mutex_clocklock (glibc); implies _DEFAULT_SOURCE for flock() */
#define _DEFAULT_SOURCE /* flock() where _GNU_SOURCE means nothing */
#define _POSIX_C_SOURCE 200809L

#include "mapping.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#if defined(__linux__)
#include <limits.h>
#include <linux/futex.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#endif

#include "name.h"
#include "hook.h"
#include "os_process.h"

struct sm_mapping {
    int fd;               /* shm descriptor; also carries the flock */
    int guard;            /* index in the SIGBUS guard's table, -1 if not guarded */
    void *view;           /* mmap()ed view of size bytes */
    size_t size;          /* bytes mapped */
    bool created;         /* true when this open created the object */
    bool local;           /* a Local name: private to this user (decides the lock kind) */
    bool may_create;      /* an open that may create (and so repair an unsized object) */
    char name[256];       /* name as given, e.g. "Local\SampleMap" */
    char os_name[64];     /* translated name, e.g. "/SampleMap.1000" */
};

/* How long an opener waits for a fresh object's creator to size it. */
#define SM_SIZE_WAIT_MS 1000

/*
 * Maps errno from a failed call to our status, keeping the OS's words, the
 * call and the number in err; hint (or NULL) adds what the number means here.
 */
static sm_status fail_errno(sm_error *err, int error_number, const char *call,
                            const sm_mapping *m, const char *hint)
{
    sm_status code = SM_ERR_SYSTEM;
    if (error_number == EACCES || error_number == EPERM)
        code = SM_ERR_PERMISSION;
    else if (error_number == ENOSPC || error_number == ENOMEM || error_number == EFBIG)
        code = SM_ERR_NO_SPACE;
    else if (error_number == ENOENT)
        code = SM_ERR_NOT_FOUND;
    char words[128];
    return sm_error_set_os(err, code, (unsigned long)error_number, call,
                           "%s('%s') for mapping '%s' failed: %s%s%s", call, m->os_name, m->name,
                           sm_errno_text(error_number, words, sizeof words),
                           hint != NULL ? "; " : "", hint != NULL ? hint : "");
}

/* Creates the object; returns the fd, or -1 with errno (EEXIST when it already exists). */
static int create_object(const sm_mapping *m, mode_t mode, sm_error *err, sm_status *status)
{
    int fd = shm_open(m->os_name, O_RDWR | O_CREAT | O_EXCL, mode);
    if (fd < 0)
        return -1;
    /*
     * Held until the object is sized, so an opener that finds 0 bytes can tell
     * a creator still at work (flock taken) from a dead one (the kernel dropped
     * it): only a dead creator's object is sized by the opener (repair_unsized).
     * Nobody else can hold it yet on a brand-new object, so it cannot fail.
     */
    (void)flock(fd, LOCK_EX | LOCK_NB);
    /* A creator killed here leaves a 0-byte object, which the next opener repairs. */
    sm_hook_pass("creator-before-size");
    /* fchmod overrides the umask so Global objects really are 0666 and Local 0600. */
    const char *call = "fchmod";
    int rc = fchmod(fd, mode) == 0 ? 0 : errno;
    if (rc == 0) {
        call = "ftruncate";
        rc = ftruncate(fd, (off_t)m->size) == 0 ? 0 : errno;
    }
    /* Reserve the pages now: a full tmpfs must fail here, not SIGBUS on first write. */
    if (rc == 0) {
        call = "posix_fallocate";
        rc = posix_fallocate(fd, 0, (off_t)m->size); /* returns the error, leaves errno */
    }
    if (rc != 0) {
        *status = fail_errno(err, rc, call, m,
                             rc == ENOSPC ? "/dev/shm is full"
                             : rc == EFBIG ? "the view is larger than the file size limit "
                                             "(ulimit -f) or than /dev/shm allows"
                                           : NULL);
        /* Undo the half-made object; both can only fail for reasons we report already. */
        (void)close(fd);
        (void)shm_unlink(m->os_name);
        errno = 0;
        return -2;
    }
    (void)flock(fd, LOCK_UN); /* sized: an opener may use it now */
    return fd;
}

/*
 * An object still 0 bytes after the size wait whose creator is gone (its
 * flock was dropped with its life: killed between create and size, or by
 * SIGXFSZ in ftruncate) is sized here, under that flock, so the name works
 * again without an --unlink. A live creator still holds the flock: then false,
 * and the opener refuses as before. True: sized (by us, or by a racing opener).
 */
static bool repair_unsized(sm_mapping *m)
{
    if (flock(m->fd, LOCK_EX | LOCK_NB) != 0)
        return false;
    struct stat info;
    bool sized = fstat(m->fd, &info) == 0 && info.st_nlink != 0 &&
                 (info.st_size != 0 || (ftruncate(m->fd, (off_t)m->size) == 0 &&
                                        posix_fallocate(m->fd, 0, (off_t)m->size) == 0));
    if (sized && info.st_size == 0)
        m->created = true; /* zero-filled and sized by us: ours to set up, as its creator would */
    (void)flock(m->fd, LOCK_UN);
    return sized;
}

/*
 * Checks an existing object before mapping it: owner, then (after its creator
 * sized it) size. Sets *vanished when the object lost its name after our
 * shm_open (an --unlink in between): the caller opens the name afresh.
 */
static sm_status check_existing(sm_mapping *m, sm_name_scope scope,
                                unsigned long long deadline, bool *vanished, sm_error *err)
{
    struct stat info;
    /* The size wait ends SM_SIZE_WAIT_MS from now, or at the caller's deadline if sooner. */
    unsigned long long start = sm_monotonic_ms();
    unsigned long long size_deadline = start + SM_SIZE_WAIT_MS;
    if (deadline != 0 && deadline < size_deadline)
        size_deadline = deadline;
    *vanished = false;
    for (;;) {
        if (fstat(m->fd, &info) != 0)
            return fail_errno(err, errno, "fstat", m, NULL);
        /* No name left: removed, not shared under a second name; what the name holds now counts. */
        if (info.st_nlink == 0) {
            *vanished = true;
            return SM_OK;
        }
        if (scope == SM_SCOPE_LOCAL && info.st_uid != geteuid())
            return sm_error_set(err, SM_ERR_FOREIGN_OWNER,
                                "mapping '%s' (%s) belongs to uid %lu, not to you (uid %lu), "
                                "but Local names are per user",
                                m->name, m->os_name, (unsigned long)info.st_uid,
                                (unsigned long)geteuid());
        /*
         * Local means private: only then can nobody else read, write or
         * replace what we exchange. An object other users may open (group or
         * other mode bits), or that is reachable under a second name (a hard
         * link, e.g. to a Global object), is not private whoever made it.
         */
        if (scope == SM_SCOPE_LOCAL && (!S_ISREG(info.st_mode) || (info.st_mode & 077) != 0))
            return sm_error_set(err, SM_ERR_FOREIGN_OWNER,
                                "mapping '%s' (%s) is not private: its mode %04o lets other "
                                "users open it, but Local names are per user",
                                m->name, m->os_name, (unsigned)(info.st_mode & 07777));
        if (scope == SM_SCOPE_LOCAL && info.st_nlink != 1)
            return sm_error_set(err, SM_ERR_FOREIGN_OWNER,
                                "mapping '%s' (%s) is not private: it has %lu names (hard "
                                "links), so another name reaches the same object",
                                m->name, m->os_name, (unsigned long)info.st_nlink);
        /* A creator sizes its object right after creating it; wait for that, boundedly. */
        if (info.st_size == 0 && sm_monotonic_ms() >= size_deadline && m->may_create &&
            repair_unsized(m))
            continue; /* check it again as now sized */
        if (info.st_size != 0 || sm_monotonic_ms() >= size_deadline)
            break;
        sm_sleep_ms(1);
    }
    if (info.st_size == 0 && m->may_create)
        return sm_error_set(err, SM_ERR_WRONG_SIZE,
                            "mapping '%s' (%s) exists but is still 0 bytes after the %llu ms "
                            "waited: the process creating it is alive but has not sized it "
                            "(stopped?)",
                            m->name, m->os_name, sm_monotonic_ms() - start);
    if (info.st_size == 0)
        return sm_error_set(err, SM_ERR_WRONG_SIZE,
                            "mapping '%s' (%s) exists but is 0 bytes, smaller than the %zu-byte "
                            "view: its creator did not size it in the %llu ms waited (killed or "
                            "stopped?)",
                            m->name, m->os_name, m->size, sm_monotonic_ms() - start);
    if ((unsigned long long)info.st_size < m->size)
        return sm_error_set(err, SM_ERR_WRONG_SIZE,
                            "mapping '%s' (%s) exists but is %lld bytes, smaller than the "
                            "%zu-byte view; another program made it",
                            m->name, m->os_name, (long long)info.st_size, m->size);
    return SM_OK;
}

/* ------------------------------------------------------ the SIGBUS guard */

/*
 * Anyone who may write an object may also truncate it - by design every
 * local user for a Global one - and touching a mapped page past the new end
 * raises SIGBUS, which would kill us. So each view is registered here, and a
 * SIGBUS inside one is repaired in the handler: the view's pages are replaced
 * by private zero pages (mmap MAP_FIXED, a plain system call), the access
 * then completes on them, and the view is marked damaged; callers check
 * sm_mapping_damaged and stop with a clear error. A SIGBUS anywhere else gets
 * the previous handler (or the default action), as if we were not here.
 */
#define SM_GUARD_SLOTS 64

typedef struct guard_slot {
    _Atomic uintptr_t base; /* view address; 0 = free slot */
    _Atomic size_t length;  /* bytes mapped, rounded up to whole pages */
    _Atomic bool damaged;   /* a SIGBUS was repaired in this view */
} guard_slot;

static guard_slot guard_slots[SM_GUARD_SLOTS];
static struct sigaction guard_previous;
static pthread_once_t guard_once = PTHREAD_ONCE_INIT;
static bool guard_installed;

static void guard_handler(int signal_number, siginfo_t *info, void *context)
{
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < SM_GUARD_SLOTS; i++) {
        uintptr_t base = atomic_load(&guard_slots[i].base);
        size_t length = atomic_load(&guard_slots[i].length);
        if (base <= 1 || address < base || address - base >= length)
            continue;
        if (mmap((void *)base, length, PROT_READ | PROT_WRITE,
                 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED) {
            atomic_store(&guard_slots[i].damaged, true);
            return; /* the faulting access is retried on the zero pages */
        }
    }
    /* Not ours, or not repairable: whatever would have happened without us. */
    if ((guard_previous.sa_flags & SA_SIGINFO) != 0 && guard_previous.sa_sigaction != NULL) {
        guard_previous.sa_sigaction(signal_number, info, context);
        return;
    }
    if (guard_previous.sa_handler != SIG_IGN && guard_previous.sa_handler != SIG_DFL &&
        guard_previous.sa_handler != NULL) {
        guard_previous.sa_handler(signal_number);
        return;
    }
    /* Returning re-runs the access, which now ends the process (SIGBUS is a valid signal). */
    (void)signal(SIGBUS, SIG_DFL);
}

static void guard_install(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = guard_handler;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    (void)sigemptyset(&action.sa_mask); /* cannot fail on a valid set */
    guard_installed = sigaction(SIGBUS, &action, &guard_previous) == 0;
}

/* Registers a view; without a free slot it is simply unguarded (-1). */
static int guard_add(void *view, size_t size)
{
    (void)pthread_once(&guard_once, guard_install); /* errors only for a bad once control */
    if (!guard_installed)
        return -1;
    long page = sysconf(_SC_PAGESIZE);
    size_t length = page > 0 ? (size + (size_t)page - 1) / (size_t)page * (size_t)page : size;
    for (int i = 0; i < SM_GUARD_SLOTS; i++) {
        uintptr_t expected = 0;
        /* Claim the slot (1 = being filled, skipped by the handler), fill it, then publish. */
        if (!atomic_compare_exchange_strong(&guard_slots[i].base, &expected, (uintptr_t)1))
            continue;
        atomic_store(&guard_slots[i].damaged, false);
        atomic_store(&guard_slots[i].length, length);
        atomic_store(&guard_slots[i].base, (uintptr_t)view);
        return i;
    }
    return -1;
}

static void guard_remove(int index)
{
    if (index >= 0)
        atomic_store(&guard_slots[index].base, 0);
}

bool sm_mapping_damaged(const sm_mapping *mapping)
{
    return mapping->guard >= 0 && atomic_load(&guard_slots[mapping->guard].damaged);
}

/*
 * Why shm_open could not open an existing name, in words for its errno: the
 * OS's own text alone ("Too many levels of symbolic links") does not say
 * what stands under the name. NULL: the OS's words say it all.
 */
static const char *open_hint(int error_number)
{
    switch (error_number) {
    case ENOENT:
        return "start the side that creates it first";
    case EACCES:
    case EPERM:
        return "the object's owner has not let you open it";
    case ELOOP:
        return "a symbolic link stands under that name (shm_open does not follow links), put "
               "there by someone else";
    case EISDIR:
    case EINVAL: /* what Linux's shm_open says of a directory under the name */
        return "something that is not a shared-memory object (a directory?) stands under that "
               "name";
    case ENXIO:
    case ENODEV:
        return "something other than a shared-memory object stands under that name";
    default:
        return NULL;
    }
}

static sm_status open_mapping(const char *name, size_t size, bool may_create,
                              unsigned long long deadline, sm_mapping **out, sm_error *err)
{
    if (out == NULL || size == 0)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT, "internal: bad arguments to open");
    *out = NULL;
    sm_name_scope scope;
    sm_status status = sm_name_parse(name, &scope, NULL, err);
    if (status != SM_OK)
        return status;

    sm_mapping *m = calloc(1, sizeof *m);
    if (m == NULL)
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
    m->fd = -1;
    m->guard = -1;
    m->size = size;
    if (strlen(name) >= sizeof m->name) {
        free(m);
        return sm_error_set(err, SM_ERR_NAME, "mapping name is too long");
    }
    strcpy(m->name, name);
    status = sm_name_to_posix(name, (unsigned long)geteuid(), m->os_name, sizeof m->os_name, err);
    if (status != SM_OK)
        goto fail;

    m->local = scope == SM_SCOPE_LOCAL;
    m->may_create = may_create;
    mode_t mode = scope == SM_SCOPE_GLOBAL ? 0666 : 0600;
    /*
     * Create, or open what exists and check it; retry if it vanishes between
     * the create and the open, or is unlinked between the open and the check.
     */
    unsigned long long start = sm_monotonic_ms();
    int attempt = 0;
    for (; attempt < 100 && m->fd < 0 && (deadline == 0 || attempt == 0 ||
                                          sm_monotonic_ms() < deadline);
         attempt++) {
        if (may_create) {
            status = SM_OK;
            m->fd = create_object(m, mode, err, &status);
            if (m->fd >= 0) {
                m->created = true;
                break;
            }
            if (status != SM_OK)
                goto fail;
            if (errno != EEXIST) {
                status = fail_errno(err, errno, "shm_open", m, NULL);
                goto fail;
            }
        }
        m->fd = shm_open(m->os_name, O_RDWR, 0);
        if (m->fd < 0 && (errno != ENOENT || !may_create)) {
            status = fail_errno(err, errno, "shm_open", m, open_hint(errno));
            goto fail;
        }
        if (m->fd >= 0) {
            sm_hook_pass("opener-before-check");
            bool vanished;
            status = check_existing(m, scope, deadline, &vanished, err);
            if (status != SM_OK)
                goto fail;
            if (vanished) {
                (void)close(m->fd); /* read-only use so far: nothing to lose */
                m->fd = -1;
            }
        }
    }
    if (m->fd < 0) {
        status = sm_error_set(err, SM_ERR_SYSTEM,
                              "mapping '%s' kept vanishing while it was opened: removed and made "
                              "again %d times in %llu ms (is someone replacing it?)",
                              name, attempt, sm_monotonic_ms() - start);
        goto fail;
    }
    m->view = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, m->fd, 0);
    if (m->view == MAP_FAILED) {
        m->view = NULL;
        status = fail_errno(err, errno, "mmap", m, "check memory limits (ulimit -v)");
        goto fail;
    }
    m->guard = guard_add(m->view, size);
    *out = m;
    return SM_OK;

fail:
    if (m->fd >= 0)
        (void)close(m->fd); /* read-only use so far: nothing to lose, nothing to report */
    free(m);
    return status;
}

sm_status sm_mapping_open(const char *name, size_t size, sm_mapping **out, sm_error *err)
{
    return open_mapping(name, size, true, 0, out, err);
}

sm_status sm_mapping_open_existing(const char *name, size_t size, sm_mapping **out,
                                   sm_error *err)
{
    return open_mapping(name, size, false, 0, out, err);
}

sm_status sm_mapping_open_until(const char *name, size_t size, bool may_create,
                                unsigned long long deadline_ms, sm_mapping **out, sm_error *err)
{
    return open_mapping(name, size, may_create, deadline_ms, out, err);
}

void sm_mapping_close(sm_mapping *mapping)
{
    if (mapping == NULL)
        return;
    guard_remove(mapping->guard); /* before the unmap: the address may be reused */
    if (mapping->view != NULL)
        (void)munmap(mapping->view, mapping->size); /* fails only for a range we never mapped */
    if (mapping->fd >= 0)
        (void)close(mapping->fd); /* also drops a flock still held; a shm fd has no data to flush */
    free(mapping);
}

void *sm_mapping_view(const sm_mapping *mapping) { return mapping->view; }
size_t sm_mapping_size(const sm_mapping *mapping) { return mapping->size; }
bool sm_mapping_created(const sm_mapping *mapping) { return mapping->created; }
const char *sm_mapping_name(const sm_mapping *mapping) { return mapping->name; }

unsigned long long sm_mapping_identity(const sm_mapping *mapping)
{
    struct stat info;
    if (fstat(mapping->fd, &info) != 0)
        return 0;
    /* Never 0 for a real object, so 0 can mean "not recorded yet" to the caller. */
    return ((unsigned long long)info.st_dev << 40 ^ (unsigned long long)info.st_ino) | 1ull << 63;
}
unsigned long long sm_mapping_identity_of(const char *os_name)
{
    /* Read-only and closed at once: looking never changes the object. */
    int fd = shm_open(os_name, O_RDONLY, 0);
    if (fd < 0)
        return 0;
    struct stat info;
    int failed = fstat(fd, &info);
    close(fd);
    if (failed != 0)
        return 0;
    return ((unsigned long long)info.st_dev << 40 ^ (unsigned long long)info.st_ino) | 1ull << 63;
}

const char *sm_mapping_os_name(const sm_mapping *mapping) { return mapping->os_name; }

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
                return fail_errno(err, errno, "flock", mapping, NULL);
        }
        return SM_OK;
    }
    /* flock has no timed form: try without blocking, and sleep a little between tries. */
    unsigned long long start = sm_monotonic_ms();
    unsigned long long deadline = start + timeout_ms;
    while (flock(mapping->fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR)
            return fail_errno(err, errno, "flock", mapping, NULL);
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
            return fail_errno(err, rc, call, mapping, NULL);
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
    struct timespec until = {(time_t)(until_ns / 1000000000ull),
                             (long)(until_ns % 1000000000ull)};
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
        return fail_errno(err, rc, call, mapping,
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

/* ----------------------------------------------------------------- the list */

sm_status sm_mapping_list(sm_mapping_visit visit, void *context, sm_error *err)
{
#if defined(__linux__)
    /* Linux keeps shm_open's objects as files in the tmpfs at /dev/shm: "/X" is /dev/shm/X. */
    DIR *dir = opendir("/dev/shm");
    if (dir == NULL) {
        int error_number = errno;
        char words[128];
        return sm_error_set_os(err, SM_ERR_SYSTEM, (unsigned long)error_number, "opendir",
                               "cannot list /dev/shm: %s",
                               sm_errno_text(error_number, words, sizeof words));
    }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        struct stat info;
        char os_name[SM_POSIX_NAME_MAX + 2], name[SM_POSIX_NAME_MAX + 16];
        size_t length = strlen(entry->d_name);
        if (entry->d_name[0] == '.' || length > SM_POSIX_NAME_MAX ||
            fstatat(dirfd(dir), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(info.st_mode))
            continue;
        os_name[0] = '/'; /* "/" + the entry: it fits, its length was checked above */
        memcpy(os_name + 1, entry->d_name, length + 1);
        if (sm_name_from_posix(os_name, (unsigned long)geteuid(), name, sizeof name, NULL) == SM_OK)
            visit(name, os_name, (unsigned long long)info.st_size, context);
    }
    (void)closedir(dir); /* a directory stream we opened: nothing to report */
    return SM_OK;
#else
    (void)visit;
    (void)context;
    return sm_error_set(err, SM_ERR_SYSTEM,
                        "this system does not list its shared-memory objects (Linux does, in "
                        "/dev/shm)");
#endif
}

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
            sscanf(line, "%*s %15s %*s %*s %lu %x:%x:%lu", kind, &pid, &major, &minor,
                   &inode) == 5 &&
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
static sm_lock_state view_lock_state(const sm_mapping *mapping, size_t offset,
                                     unsigned long *owner)
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
                                    size_t state_offset, unsigned long *owner,
                                    const char **kind)
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

/* ------------------------------------------------------------- wake words */

void sm_mapping_wait_word(sm_mapping *mapping, size_t offset, unsigned expected,
                          unsigned timeout_ms)
{
    if (timeout_ms == 0 || offset + 4 > mapping->size || offset % 4 != 0)
        return;
#if defined(__linux__)
    uint32_t *word = (uint32_t *)((char *)mapping->view + offset);
    struct timespec timeout = {(time_t)(timeout_ms / 1000), (long)(timeout_ms % 1000) * 1000000L};
    /*
     * The kernel compares *word with expected under its own lock and sleeps
     * only if they are equal, so a bump + wake between our caller's check and
     * this call is never lost (the call returns EAGAIN at once). EINTR,
     * ETIMEDOUT and spurious returns all just return: the caller re-checks.
     */
    (void)syscall(SYS_futex, word, FUTEX_WAIT, (uint32_t)expected, &timeout, NULL, 0);
#else
    /* No futex: sleep briefly; callers re-check, so this is correct, only slower. */
    (void)expected;
    sm_sleep_ms(1);
#endif
}

void sm_mapping_wake_word(sm_mapping *mapping, size_t offset)
{
    if (offset + 4 > mapping->size || offset % 4 != 0)
        return;
#if defined(__linux__)
    uint32_t *word = (uint32_t *)((char *)mapping->view + offset);
    /* Its only errors are for a bad address or operation, which the checks above exclude. */
    (void)syscall(SYS_futex, word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
#endif
}


/* ------------------------------------------------------------------ unlink */

sm_status sm_mapping_unlink(const char *name, bool *removed, sm_error *err)
{
    char os_name[64];
    if (removed != NULL)
        *removed = false;
    sm_status status = sm_name_to_posix(name, (unsigned long)geteuid(), os_name, sizeof os_name,
                                        err);
    if (status != SM_OK)
        return status;
    if (shm_unlink(os_name) == 0) {
        if (removed != NULL)
            *removed = true;
        return SM_OK;
    }
    if (errno == ENOENT)
        return SM_OK;
    int error_number = errno;
    char words[128];
    return sm_error_set_os(err, error_number == EACCES ? SM_ERR_PERMISSION : SM_ERR_SYSTEM,
                           (unsigned long)error_number, "shm_unlink",
                           "shm_unlink('%s') for mapping '%s' failed: %s; only its owner (or "
                           "root) may remove it",
                           os_name, name, sm_errno_text(error_number, words, sizeof words));
}
