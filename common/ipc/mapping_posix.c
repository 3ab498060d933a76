/*
 * mapping_posix.c - the POSIX backend of mapping.h: the objects.
 *
 * Objects are shm_open()ed under the translated name (name.h), sized with
 * ftruncate() and backed with posix_fallocate() so a full /dev/shm fails
 * here, at open time, instead of raising SIGBUS at the first write. Before an
 * existing object is mapped it is fstat()ed: too small is refused, and so is
 * a Local one that is not private (another owner, group/other mode bits, more
 * than one link). Each view is registered with the SIGBUS guard
 * (mapping_posix_guard.c). The lock is in mapping_posix_lock.c, the wake
 * words in mapping_posix_wake.c; mapping_posix.h is what the four share.
 * Divided into: create and check, open and close, accessors, list, unlink.
 */
#define _DEFAULT_SOURCE /* flock() */
#define _POSIX_C_SOURCE 200809L

#include "mapping_posix.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hook.h"
#include "name.h"
#include "os_process.h"

/* How long an opener waits for a fresh object's creator to size it. */
#define SM_SIZE_WAIT_MS 1000

/* mapping_posix.h: errno to status, with the OS's words. */
sm_status sm_mapping_posix_fail(sm_error *err, int error_number, const char *call,
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
        *status =
            sm_mapping_posix_fail(err, rc, call, m,
                                  rc == ENOSPC  ? "/dev/shm is full"
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
static sm_status check_existing(sm_mapping *m, sm_name_scope scope, unsigned long long deadline,
                                bool *vanished, sm_error *err)
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
            return sm_mapping_posix_fail(err, errno, "fstat", m, NULL);
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
/*
 * Why shm_open could not open an existing name, in words for its errno: the
 * OS's own text alone ("Too many levels of symbolic links") does not say
 * what stands under the name. NULL: the OS's words say it all.
 */
static const char *open_hint(int error_number)
{
    switch (error_number) {
    case ENOENT: return "start the side that creates it first";
    case EACCES:
    case EPERM: return "the object's owner has not let you open it";
    case ELOOP:
        return "a symbolic link stands under that name (shm_open does not follow links), put "
               "there by someone else";
    case EISDIR:
    case EINVAL: /* what Linux's shm_open says of a directory under the name */
        return "something that is not a shared-memory object (a directory?) stands under that "
               "name";
    case ENXIO:
    case ENODEV: return "something other than a shared-memory object stands under that name";
    default: return NULL;
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
    for (; attempt < 100 && m->fd < 0 &&
           (deadline == 0 || attempt == 0 || sm_monotonic_ms() < deadline);
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
                status = sm_mapping_posix_fail(err, errno, "shm_open", m, NULL);
                goto fail;
            }
        }
        m->fd = shm_open(m->os_name, O_RDWR, 0);
        if (m->fd < 0 && (errno != ENOENT || !may_create)) {
            status = sm_mapping_posix_fail(err, errno, "shm_open", m, open_hint(errno));
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
        status = sm_mapping_posix_fail(err, errno, "mmap", m, "check memory limits (ulimit -v)");
        goto fail;
    }
    m->guard = sm_mapping_posix_guard_add(m->view, size);
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

sm_status sm_mapping_open_existing(const char *name, size_t size, sm_mapping **out, sm_error *err)
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
    sm_mapping_posix_guard_remove(mapping->guard); /* before the unmap: the address may be reused */
    if (mapping->view != NULL)
        (void)munmap(mapping->view, mapping->size); /* fails only for a range we never mapped */
    if (mapping->fd >= 0)
        (void)close(mapping->fd); /* also drops a flock still held; a shm fd has no data to flush */
    free(mapping);
}

void *sm_mapping_view(const sm_mapping *mapping)
{
    return mapping->view;
}
size_t sm_mapping_size(const sm_mapping *mapping)
{
    return mapping->size;
}
bool sm_mapping_created(const sm_mapping *mapping)
{
    return mapping->created;
}
const char *sm_mapping_name(const sm_mapping *mapping)
{
    return mapping->name;
}

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

const char *sm_mapping_os_name(const sm_mapping *mapping)
{
    return mapping->os_name;
}
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
/* ------------------------------------------------------------------ unlink */

sm_status sm_mapping_unlink(const char *name, bool *removed, sm_error *err)
{
    char os_name[64];
    if (removed != NULL)
        *removed = false;
    sm_status status =
        sm_name_to_posix(name, (unsigned long)geteuid(), os_name, sizeof os_name, err);
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
