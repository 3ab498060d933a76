/*
 * dbwin_posix.c - the POSIX backend of dbwin.h: the DBWIN protocol over one
 * named shared-memory object of the OS seam (mapping.h), no OS call of its
 * own (docs/dbwin.md, "The POSIX variant").
 *
 * The object "Local\DBWIN_BUFFER" (or Global\, or the name given) holds:
 *   bytes 0..4095  the buffer exactly as on Windows: a 32-bit pid, then the
 *                  text, NUL-terminated (UTF-8 here: POSIX has no ANSI page);
 *   4096           BUFFER_READY, a wake word: 0 = not free, SM_READY = free,
 *                  any other value = the pid of the writer that took it;
 *   4100           DATA_READY, a wake word: 1 = a writer wrote;
 *   4104           the monitor's pid (0 = no monitor);
 *   4108           a magic number, so a foreign object of that name is refused.
 * The two words are auto-reset events: taking one is a compare-and-swap, so
 * exactly one waiter gets each signal, and waiting is sm_mapping_wait_word.
 * The monitor owns the object by holding the object's lock (sm_mapping_lock
 * without state: a flock the kernel drops when the monitor dies) for its
 * whole life; a second monitor finds the lock taken and leaves.
 */
#include "dbwin.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapping.h"
#include "os_process.h"

#define SM_OBJECT_BYTES (SM_DBWIN_BUFFER_BYTES + 16u)
#define SM_BUFFER_READY_AT SM_DBWIN_BUFFER_BYTES
#define SM_DATA_READY_AT (SM_DBWIN_BUFFER_BYTES + 4u)
#define SM_MONITOR_AT (SM_DBWIN_BUFFER_BYTES + 8u)
#define SM_MAGIC_AT (SM_DBWIN_BUFFER_BYTES + 12u)
#define SM_MAGIC 0x44425731u /* "DBW1" */
#define SM_READY 0xFFFFFFFFu /* no pid is this large */

struct sm_dbwin_monitor {
    sm_mapping *mapping;
    bool buffer_freed;    /* BUFFER_READY signalled and no data taken since */
    sm_dbwin_names names; /* recent writers' names */
};

static _Atomic uint32_t *word(sm_mapping *mapping, size_t offset)
{
    return (_Atomic uint32_t *)((char *)sm_mapping_view(mapping) + offset);
}

/* "Local\NAME" or "Global\NAME" from the name the caller gave (NULL: DBWIN_BUFFER). */
static sm_status full_name(const char *name, bool global, char *out, size_t size, sm_error *err)
{
    if (name == NULL)
        name = SM_DBWIN_NAME;
    int n = snprintf(out, size, "%s\\%s", global ? "Global" : "Local", name);
    if (n < 0 || (size_t)n >= size || strchr(name, '\\') != NULL)
        return sm_error_set(err, SM_ERR_NAME,
                            "debug-output buffer name '%.60s' is too long or has a '\\' (give a "
                            "bare name; --global chooses Global\\)",
                            name);
    return SM_OK;
}

sm_status sm_dbwin_monitor_open(const char *name, bool global, sm_dbwin_monitor **out,
                                sm_error *err)
{
    char full[128];
    sm_status status = full_name(name, global, full, sizeof full, err);
    if (status != SM_OK)
        return status;
    sm_dbwin_monitor *monitor = calloc(1, sizeof *monitor);
    if (monitor == NULL)
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
    /* A few tries: a monitor leaving at this moment removes the name under our open. */
    for (int attempt = 0; attempt < 10; attempt++) {
        status = sm_mapping_open(full, SM_OBJECT_BYTES, &monitor->mapping, err);
        if (status != SM_OK)
            break;
        /* One try, no wait: the lock is held by a monitor for its whole life. */
        status = sm_mapping_lock(monitor->mapping, NULL, 0, 0, err);
        if (status == SM_ERR_HELD) {
            unsigned long owner = atomic_load(word(monitor->mapping, SM_MONITOR_AT));
            status = sm_error_set(err, SM_ERR_HELD,
                                  "another debug-output monitor (pid %lu) already owns %s; stop "
                                  "it first (only one monitor can receive the messages)",
                                  owner, full);
            break;
        }
        if (status != SM_OK)
            break;
        /* Ours now; but if the previous monitor removed the name meanwhile, open it afresh. */
        if (sm_mapping_identity(monitor->mapping) ==
            sm_mapping_identity_of(sm_mapping_os_name(monitor->mapping))) {
            /* A dead monitor's state goes: nobody holds the buffer, nothing is pending. */
            atomic_store(word(monitor->mapping, SM_BUFFER_READY_AT), 0);
            atomic_store(word(monitor->mapping, SM_DATA_READY_AT), 0);
            atomic_store(word(monitor->mapping, SM_MAGIC_AT), SM_MAGIC);
            atomic_store(word(monitor->mapping, SM_MONITOR_AT), (uint32_t)sm_process_id());
            /* Free the buffer now, not at the first sm_dbwin_monitor_next: once open returns
             * (the receiver's ready line), a writer is taken even if the monitor is then
             * stopped before it reads. */
            atomic_store(word(monitor->mapping, SM_BUFFER_READY_AT), SM_READY);
            sm_mapping_wake_word(monitor->mapping, SM_BUFFER_READY_AT);
            monitor->buffer_freed = true;
            *out = monitor;
            return SM_OK;
        }
        sm_mapping_unlock(monitor->mapping, NULL, 0);
        sm_mapping_close(monitor->mapping);
        monitor->mapping = NULL;
        status = sm_error_set(err, SM_ERR_SYSTEM, "%s kept vanishing while it was opened", full);
    }
    sm_mapping_close(monitor->mapping);
    free(monitor);
    return status;
}

/* A writer that took the buffer and died before writing would stall every writer: free it. */
static void free_if_holder_died(sm_mapping *mapping)
{
    uint32_t holder = atomic_load(word(mapping, SM_BUFFER_READY_AT));
    if (holder != 0 && holder != SM_READY && !sm_process_alive(holder) &&
        atomic_compare_exchange_strong(word(mapping, SM_BUFFER_READY_AT), &holder, SM_READY))
        sm_mapping_wake_word(mapping, SM_BUFFER_READY_AT);
}

sm_status sm_dbwin_monitor_next(sm_dbwin_monitor *monitor, unsigned timeout_ms,
                                sm_dbwin_entry *entry, sm_error *err)
{
    sm_mapping *mapping = monitor->mapping;
    if (!monitor->buffer_freed) {
        /* "The buffer is free": the first writer to swap SM_READY for its pid owns it. */
        atomic_store(word(mapping, SM_BUFFER_READY_AT), SM_READY);
        sm_mapping_wake_word(mapping, SM_BUFFER_READY_AT);
        monitor->buffer_freed = true;
    }
    const unsigned char *view = sm_mapping_view(mapping);
    uint32_t pid = 0;
    unsigned long long deadline = sm_monotonic_ms() + timeout_ms;
    for (;;) {
        /* The acquire load that sees "I wrote" also sees the pid and text stored before it. */
        if (atomic_load(word(mapping, SM_DATA_READY_AT)) == 1) {
            /* Named now, while the writer still waits for us and so still runs: a writer
             * that exits right after its message would otherwise often be "?". */
            memcpy(&pid, view, 4);
            sm_dbwin_name_writer(&monitor->names, pid, entry->process, sizeof entry->process);
            /* Taking DATA_READY resets it (auto-reset): 1 -> 0, once per message. */
            uint32_t expected = 1;
            if (atomic_compare_exchange_strong(word(mapping, SM_DATA_READY_AT), &expected, 0)) {
                sm_mapping_wake_word(mapping, SM_DATA_READY_AT); /* the writer waits to hear it */
                break;
            }
        }
        if (sm_mapping_damaged(mapping))
            return sm_error_set(err, SM_ERR_DAMAGED,
                                "the debug-output buffer %s was truncated by another process",
                                sm_mapping_name(mapping));
        unsigned long long now = sm_monotonic_ms();
        if (now >= deadline)
            return sm_error_set(err, SM_ERR_TIMEOUT, "no debug output within %u ms", timeout_ms);
        free_if_holder_died(mapping);
        unsigned left = (unsigned)(deadline - now);
        sm_mapping_wait_word(mapping, SM_DATA_READY_AT, 0,
                             left < SM_DBWIN_CHECK_MS ? left : SM_DBWIN_CHECK_MS);
    }
    /* The copy: the writer is done with the buffer, and the next one waits only for this
     * (nobody writes the buffer until we free it, so the pid named above is still there). */
    entry->pid = pid;
    /* Never trust the NUL: another process may have written anything here. */
    const char *text = (const char *)view + 4;
    size_t length = 0;
    while (length < SM_DBWIN_TEXT_MAX && text[length] != '\0')
        length++;
    memcpy(entry->text, text, length);
    entry->text[length] = '\0';
    entry->length = length;
    monitor->buffer_freed = false;
    return SM_OK;
}

void sm_dbwin_monitor_close(sm_dbwin_monitor *monitor)
{
    if (monitor == NULL)
        return;
    sm_mapping *mapping = monitor->mapping;
    /* No monitor from now on: writers waiting for the buffer see it and return. */
    atomic_store(word(mapping, SM_MONITOR_AT), 0);
    atomic_store(word(mapping, SM_BUFFER_READY_AT), 0);
    sm_mapping_wake_word(mapping, SM_BUFFER_READY_AT);
    /* Removed while we still own it, so a new monitor never finds our name half-gone. */
    bool removed;
    (void)sm_mapping_unlink(sm_mapping_name(mapping), &removed, NULL);
    sm_mapping_unlock(mapping, NULL, 0);
    sm_mapping_close(mapping);
    free(monitor);
}

/* True while the monitor that owned the object when we opened it still runs. */
static bool monitor_alive(sm_mapping *mapping, uint32_t monitor_pid)
{
    return atomic_load(word(mapping, SM_MONITOR_AT)) == monitor_pid &&
           sm_process_alive(monitor_pid);
}

/* One part (at most SM_DBWIN_TEXT_MAX bytes) through the buffer. */
static sm_status write_part(sm_mapping *mapping, uint32_t monitor_pid, const char *text,
                            size_t length, unsigned timeout_ms, sm_error *err)
{
    uint32_t self = (uint32_t)sm_process_id();
    unsigned long long start = sm_monotonic_ms();
    for (;;) {
        /* Wait for BUFFER_READY and take it (auto-reset): SM_READY -> our pid. */
        uint32_t seen = atomic_load(word(mapping, SM_BUFFER_READY_AT));
        if (seen == SM_READY &&
            atomic_compare_exchange_strong(word(mapping, SM_BUFFER_READY_AT), &seen, self))
            break;
        if (!monitor_alive(mapping, monitor_pid))
            return sm_error_set(err, SM_ERR_NOT_FOUND,
                                "the debug-output monitor (pid %lu) stopped; not delivered",
                                (unsigned long)monitor_pid);
        unsigned long long waited = sm_monotonic_ms() - start;
        if (waited >= timeout_ms)
            return sm_error_set(err, SM_ERR_TIMEOUT,
                                "the debug-output monitor (pid %lu) kept the buffer busy for the "
                                "%llu ms waited (stopped?); not delivered",
                                (unsigned long)monitor_pid, waited);
        unsigned left = (unsigned)(timeout_ms - waited);
        /* Short slices: a monitor that dies never wakes us, so we look at it every slice. */
        sm_mapping_wait_word(mapping, SM_BUFFER_READY_AT, seen,
                             left < SM_DBWIN_CHECK_MS ? left : SM_DBWIN_CHECK_MS);
    }
    unsigned char *view = sm_mapping_view(mapping);
    memcpy(view, &self, 4);
    memcpy(view + 4, text, length);
    view[4 + length] = '\0';
    /* "I wrote": the release store orders pid and text before the flag the monitor takes. */
    atomic_store(word(mapping, SM_DATA_READY_AT), 1);
    sm_mapping_wake_word(mapping, SM_DATA_READY_AT);
    /*
     * Windows' writer returns here, not knowing whether anyone read it. We wait
     * (boundedly) for the monitor to take DATA_READY, so SM_OK means "the
     * monitor has a copy" and a monitor killed at this moment is reported.
     */
    for (;;) {
        if (atomic_load(word(mapping, SM_DATA_READY_AT)) == 0)
            return SM_OK;
        if (!monitor_alive(mapping, monitor_pid))
            return sm_error_set(err, SM_ERR_NOT_FOUND,
                                "the debug-output monitor (pid %lu) stopped before it took the "
                                "message; not delivered",
                                (unsigned long)monitor_pid);
        unsigned long long waited = sm_monotonic_ms() - start;
        if (waited >= timeout_ms)
            return sm_error_set(err, SM_ERR_TIMEOUT,
                                "the debug-output monitor (pid %lu) did not take the message in "
                                "the %llu ms waited (stopped?); it stays in the buffer and "
                                "arrives if the monitor resumes",
                                (unsigned long)monitor_pid, waited);
        unsigned left = (unsigned)(timeout_ms - waited);
        sm_mapping_wait_word(mapping, SM_DATA_READY_AT, 1,
                             left < SM_DBWIN_CHECK_MS ? left : SM_DBWIN_CHECK_MS);
    }
}

sm_status sm_dbwin_write(const char *name, bool global, const char *utf8, unsigned timeout_ms,
                         sm_error *err)
{
    if (utf8 == NULL)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT, "no text to write");
    char full[128];
    sm_status status = full_name(name, global, full, sizeof full, err);
    if (status != SM_OK)
        return status;
    sm_mapping *mapping;
    status = sm_mapping_open_existing(full, SM_OBJECT_BYTES, &mapping, err);
    if (status == SM_ERR_NOT_FOUND)
        return sm_error_set(err, SM_ERR_NOT_FOUND,
                            "no debug-output monitor runs (%s); not delivered", full);
    if (status != SM_OK)
        return status;
    uint32_t monitor_pid = atomic_load(word(mapping, SM_MONITOR_AT));
    if (atomic_load(word(mapping, SM_MAGIC_AT)) != SM_MAGIC || monitor_pid == 0 ||
        !sm_process_alive(monitor_pid)) {
        sm_mapping_close(mapping);
        return sm_error_set(err, SM_ERR_NOT_FOUND,
                            "no debug-output monitor runs (%s); not delivered", full);
    }
    size_t length = strlen(utf8);
    size_t done = 0;
    do {
        size_t part = sm_dbwin_part_length(utf8 + done, length - done, SM_DBWIN_TEXT_MAX);
        status = write_part(mapping, monitor_pid, utf8 + done, part, timeout_ms, err);
        done += part;
    } while (status == SM_OK && done < length);
    sm_mapping_close(mapping);
    return status;
}

size_t sm_dbwin_text_to_utf8(const char *bytes, size_t length, char *out, size_t out_size,
                             bool *ill_formed)
{
    /* POSIX has no ANSI code page: writers put UTF-8 in the buffer (docs/dbwin.md). */
    return sm_dbwin_utf8_repair(bytes, length, out, out_size, ill_formed);
}
