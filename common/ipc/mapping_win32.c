/*
 * mapping_win32.c - the Windows backend of mapping.h.
 *
 * Objects are paging-file backed sections: CreateFileMappingW on
 * INVALID_HANDLE_VALUE, or OpenFileMappingW when we must not create. Names
 * are passed to the kernel as the user gave them ("Local\SampleMap",
 * "Global\...", or bare, which Windows treats as Local), converted from UTF-8
 * to UTF-16 once, here, for the ...W calls. A section the system already
 * holds under that name is reported as "opened existing"
 * (ERROR_ALREADY_EXISTS); its size is then checked after mapping, because
 * CreateFileMappingW ignores the size we ask for in that case.
 * The cross-process lock is a named mutex "<name>.lock": Windows hands a
 * mutex whose owner died to the next waiter as WAIT_ABANDONED, so a killed
 * process cannot wedge the channel. Every object dies with its last handle,
 * so there is nothing to unlink.
 * Wake words are named auto-reset events "<name>.wake<offset>",
 * created on first use; see the wake words section for why not WaitOnAddress.
 * Divided into: helpers, open, accessors, lock, wake words, unlink.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include "mapping.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "text.h"

/* The wire and the W APIs share one 16-bit unit type; we convert into uint16_t buffers. */
_Static_assert(sizeof(WCHAR) == sizeof(uint16_t), "WCHAR must be a UTF-16 code unit");

/* Longest name we accept, in UTF-16 units with the ".lock" suffix and terminator (< MAX_PATH). */
#define SM_WIDE_NAME_MAX 260

/* Suffix of the named mutex; mappings, mutexes and events share one namespace, so it must differ.
 */
#define SM_LOCK_SUFFIX ".lock"

/* Wake words: one event per 32-bit word of the first 64 bytes (the channel's control object). */
#define SM_WAKE_WORDS 16

struct sm_mapping {
    HANDLE section;                   /* the file mapping object */
    HANDLE wake_event[SM_WAKE_WORDS]; /* [offset / 4]: "<name>.wake<offset>", made on first use */
    HANDLE mutex;                     /* named mutex "<name>.lock": the cross-process lock */
    void *view;                       /* MapViewOfFile()ed view of size bytes */
    size_t size;                      /* bytes mapped */
    bool created;                     /* true when this open created the section */
    char name[256];                   /* name as given, which is also the name the kernel sees */
};

/* ------------------------------------------------------------------ helpers */

/*
 * Writes the system's own words for error (FormatMessageW, converted to UTF-8)
 * into out, without the trailing period and line break, so they fit in one line.
 */
static void describe_error(DWORD error, char *out, size_t out_size)
{
    WCHAR wide[512];
    DWORD length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                                  error, 0, wide, sizeof wide / sizeof wide[0], NULL);
    /* Messages end with ".\r\n"; some contain inner line breaks too: make them spaces. */
    while (length > 0 && (wide[length - 1] == L'\r' || wide[length - 1] == L'\n' ||
                          wide[length - 1] == L' ' || wide[length - 1] == L'.'))
        length--;
    for (DWORD i = 0; i < length; i++) {
        if (wide[i] == L'\r' || wide[i] == L'\n')
            wide[i] = L' ';
    }
    if (length == 0) {
        snprintf(out, out_size, "system error %lu", (unsigned long)error);
        return;
    }
    /* Returns the length written; out is always terminated, ill-formed units become U+FFFD. */
    (void)sm_utf16_to_utf8((const uint16_t *)wide, length, out, out_size, NULL);
}

/* Maps a GetLastError() value from a failed call to our status, keeping the system's words. */
static sm_status fail_win32(sm_error *err, DWORD error, const char *call, const char *name,
                            const char *hint)
{
    char words[SM_ERROR_MESSAGE_MAX];
    sm_status code = SM_ERR_SYSTEM;
    switch (error) {
    case ERROR_ACCESS_DENIED:
    case ERROR_PRIVILEGE_NOT_HELD: code = SM_ERR_PERMISSION; break;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
    case ERROR_COMMITMENT_LIMIT:
    case ERROR_DISK_FULL: code = SM_ERR_NO_SPACE; break;
    case ERROR_FILE_NOT_FOUND: code = SM_ERR_NOT_FOUND; break;
    case ERROR_INVALID_NAME:
    case ERROR_BAD_PATHNAME:
    case ERROR_PATH_NOT_FOUND: /* an unknown namespace prefix, e.g. "Session\X" */
    case ERROR_INVALID_HANDLE: /* the name belongs to an object of another type */
        code = SM_ERR_NAME;
        break;
    default: break;
    }
    describe_error(error, words, sizeof words);
    return sm_error_set_os(
        err, code, (unsigned long)error, call, "%s('%s') failed: %s (error %lu)%s%s", call, name,
        words, (unsigned long)error, hint != NULL ? "; " : "", hint != NULL ? hint : "");
}

/* Converts name (plus suffix) to a NUL-terminated wide string for the ...W calls. */
static sm_status wide_name(const char *name, const char *suffix, WCHAR *out, size_t out_units,
                           sm_error *err)
{
    char joined[300];
    size_t count = 0;
    sm_error why;
    sm_status status = sm_name_with_suffix(name, suffix, joined, sizeof joined, err);
    if (status != SM_OK)
        return status;
    status = sm_utf8_to_utf16(joined, strlen(joined), (uint16_t *)out, out_units - 1, &count, &why);
    if (status == SM_ERR_TEXT_TOO_LONG)
        return sm_error_set(err, SM_ERR_NAME,
                            "mapping name '%s' is too long for Windows; choose a shorter one",
                            name);
    if (status != SM_OK)
        return sm_error_set(err, SM_ERR_NAME, "mapping name is not valid UTF-8 (%s)", why.message);
    out[count] = 0;
    return SM_OK;
}

/* What a failed create or open means here, beyond the system's words (NULL: nothing to add). */
static const char *hint_for(DWORD error, bool may_create)
{
    switch (error) {
    case ERROR_ACCESS_DENIED:
    case ERROR_PRIVILEGE_NOT_HELD:
        return "Global\\ names need administrator rights (SeCreateGlobalPrivilege), and an "
               "object made by another user may be closed to you: use a Local\\ name";
    case ERROR_FILE_NOT_FOUND: return may_create ? NULL : "start the side that creates it first";
    case ERROR_INVALID_HANDLE:
        return "another kind of object (event, mutex, semaphore) already has this name";
    case ERROR_PATH_NOT_FOUND:
    case ERROR_BAD_PATHNAME:
    case ERROR_INVALID_NAME: return "use Local\\NAME, Global\\NAME or a bare NAME";
    default: return NULL;
    }
}

/*
 * Maps the view and checks that the section really has size bytes behind it.
 * A section someone else created keeps its own size, and MapViewOfFile
 * refuses a view larger than that; VirtualQuery then confirms that the view
 * covers size bytes, in case a system maps less than asked. Wine rounds
 * sections up to whole pages, so there a foreign section smaller than size but
 * within the same page is accepted: its tail reads as zeros and never faults,
 * which is all the slot protocol needs.
 */
static sm_status map_view(sm_mapping *m, sm_error *err)
{
    m->view = MapViewOfFile(m->section, FILE_MAP_ALL_ACCESS, 0, 0, m->size);
    if (m->view == NULL) {
        DWORD error = GetLastError();
        if (!m->created && (error == ERROR_ACCESS_DENIED || error == ERROR_INVALID_PARAMETER ||
                            error == ERROR_NOT_ENOUGH_MEMORY))
            return sm_error_set_os(err, SM_ERR_WRONG_SIZE, (unsigned long)error, "MapViewOfFile",
                                   "mapping '%s' exists but is smaller than the %zu-byte view "
                                   "(MapViewOfFile: error %lu); another program made it",
                                   m->name, m->size, (unsigned long)error);
        return fail_win32(err, error, "MapViewOfFile", m->name, NULL);
    }
    MEMORY_BASIC_INFORMATION info;
    if (VirtualQuery(m->view, &info, sizeof info) == 0)
        return fail_win32(err, GetLastError(), "VirtualQuery", m->name, NULL);
    if (info.RegionSize < m->size)
        return sm_error_set(err, SM_ERR_WRONG_SIZE,
                            "mapping '%s' exists but is %zu bytes, smaller than the %zu-byte "
                            "view; another program made it",
                            m->name, (size_t)info.RegionSize, m->size);
    return SM_OK;
}

/* --------------------------------------------------------------------- open */

static sm_status open_mapping(const char *name, size_t size, bool may_create, sm_mapping **out,
                              sm_error *err)
{
    WCHAR wname[SM_WIDE_NAME_MAX];
    if (out == NULL || size == 0)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT, "internal: bad arguments to open");
    *out = NULL;
    /* The portable rules apply here too, so a name that works on one OS works on the other. */
    sm_status status = sm_name_parse(name, NULL, NULL, err);
    if (status != SM_OK)
        return status;
    if (strlen(name) >= sizeof((sm_mapping *)0)->name)
        return sm_error_set(err, SM_ERR_NAME, "mapping name is too long");

    sm_mapping *m = calloc(1, sizeof *m);
    if (m == NULL)
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
    m->size = size;
    strcpy(m->name, name);

    status = wide_name(name, "", wname, SM_WIDE_NAME_MAX, err);
    if (status != SM_OK)
        goto fail;
    if (may_create) {
        /* The 64-bit size is split into the two DWORDs the call takes. */
        unsigned long long bytes = (unsigned long long)size;
        m->section =
            CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, (DWORD)(bytes >> 32),
                               (DWORD)(bytes & 0xFFFFFFFFull), wname);
        /* Read at once: any later call may overwrite the last error. */
        DWORD error = GetLastError();
        if (m->section == NULL) {
            status = fail_win32(err, error, "CreateFileMappingW", name, hint_for(error, true));
            goto fail;
        }
        m->created = error != ERROR_ALREADY_EXISTS;
    } else {
        m->section = OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, wname);
        if (m->section == NULL) {
            DWORD error = GetLastError();
            status = fail_win32(err, error, "OpenFileMappingW", name, hint_for(error, false));
            goto fail;
        }
    }

    /*
     * Open-or-create the lock even when the section existed: a classic sample
     * that made the section has no mutex, and ours must still exclude each other.
     */
    status = wide_name(name, SM_LOCK_SUFFIX, wname, SM_WIDE_NAME_MAX, err);
    if (status != SM_OK)
        goto fail;
    m->mutex = CreateMutexW(NULL, FALSE, wname);
    if (m->mutex == NULL) {
        DWORD error = GetLastError();
        status = fail_win32(err, error, "CreateMutexW", name, hint_for(error, true));
        goto fail;
    }

    status = map_view(m, err);
    if (status != SM_OK)
        goto fail;
    *out = m;
    return SM_OK;

fail:
    sm_mapping_close(m);
    return status;
}

sm_status sm_mapping_open(const char *name, size_t size, sm_mapping **out, sm_error *err)
{
    return open_mapping(name, size, true, out, err);
}

sm_status sm_mapping_open_existing(const char *name, size_t size, sm_mapping **out, sm_error *err)
{
    return open_mapping(name, size, false, out, err);
}

sm_status sm_mapping_open_until(const char *name, size_t size, bool may_create,
                                unsigned long long deadline_ms, sm_mapping **out, sm_error *err)
{
    (void)deadline_ms; /* CreateFileMappingW creates and sizes in one call: nothing to wait for */
    return open_mapping(name, size, may_create, out, err);
}

void sm_mapping_close(sm_mapping *mapping)
{
    if (mapping == NULL)
        return;
    if (mapping->view != NULL)
        (void)UnmapViewOfFile(mapping->view); /* fails only for an address we never mapped */
    if (mapping->section != NULL)
        (void)CloseHandle(mapping->section); /* a valid handle of ours: cannot fail */
    if (mapping->mutex != NULL)
        (void)CloseHandle(
            mapping->mutex); /* one still held becomes abandoned for the next waiter */
    for (int i = 0; i < SM_WAKE_WORDS; i++)
        if (mapping->wake_event[i] != NULL)
            (void)CloseHandle(mapping->wake_event[i]);
    free(mapping);
}

/* ---------------------------------------------------------------- accessors */

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
/* A paging-file section cannot shrink while mapped: a view never faults for that reason. */
bool sm_mapping_damaged(const sm_mapping *mapping)
{
    (void)mapping;
    return false;
}

/* A section cannot be removed and re-created while we hold it: nothing to tell apart. */
unsigned long long sm_mapping_identity(const sm_mapping *mapping)
{
    (void)mapping;
    return 0;
}

unsigned long long sm_mapping_identity_of(const char *os_name)
{
    (void)os_name;
    return 0; /* a named section lives while anyone holds it: it cannot be replaced under us */
}
/* Windows uses the name as given; there is no translated form. */
const char *sm_mapping_os_name(const sm_mapping *mapping)
{
    return mapping->name;
}

sm_status sm_mapping_list(sm_mapping_visit visit, void *context, sm_error *err)
{
    (void)visit;
    (void)context;
    return sm_error_set(err, SM_ERR_SYSTEM,
                        "Windows has no documented way to list named sections; Sysinternals' "
                        "WinObj shows them under \\Sessions\\<n>\\BaseNamedObjects");
}

/* --------------------------------------------------------------------- lock */

uint32_t sm_mapping_lock_abi(const sm_mapping *data)
{
    /* A named mutex keeps nothing in the view: 32-bit and 64-bit programs share it. */
    (void)data;
    return 0;
}

/*
 * The named mutex of the data object, whatever state is offered: a robust
 * cross-process lock needs a kernel object here (only a named mutex reports
 * an abandoned owner), so nothing of the lock lives in a view.
 * A Windows mutex belongs to a thread: lock and unlock from the same thread.
 * (It is also recursive per thread, unlike flock; mapping.h promises neither,
 * and no caller locks twice.)
 */
sm_status sm_mapping_lock(sm_mapping *mapping, sm_mapping *state, size_t state_offset,
                          unsigned timeout_ms, sm_error *err)
{
    /* Checked although unused, so a caller's mistake shows on every OS alike. */
    if (state != NULL && (state_offset % 8 != 0 || state_offset + SM_LOCK_BYTES > state->size))
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT,
                            "internal: lock state at offset %zu does not fit its view",
                            state_offset);
    /* A live holder that is suspended or in a debugger keeps the mutex: wait boundedly. */
    unsigned long long start = sm_monotonic_ms(); /* to say how long we really waited */
    DWORD result =
        WaitForSingleObject(mapping->mutex, timeout_ms == SM_WAIT_FOREVER ? INFINITE : timeout_ms);
    /*
     * WAIT_ABANDONED: the previous owner died holding the mutex, and Windows
     * gave it to us. The slot protocol keeps the view consistent at every
     * instant (unit 0 is stored last), so what a dead writer left is either an
     * empty slot or a whole message: carrying on is safe, and refusing would
     * wedge the channel forever (R4 in channel.h).
     */
    if (result == WAIT_OBJECT_0 || result == WAIT_ABANDONED)
        return SM_OK;
    if (result == WAIT_TIMEOUT)
        return sm_error_set(err, SM_ERR_HELD,
                            "mapping '%s' is held by another process: its lock stayed taken for "
                            "the %llu ms waited (a peer suspended or in a debugger?)",
                            mapping->name, sm_monotonic_ms() - start);
    return fail_win32(err, GetLastError(), "WaitForSingleObject", mapping->name,
                      "restart both programs");
}

void sm_mapping_unlock(sm_mapping *mapping, sm_mapping *state, size_t state_offset)
{
    (void)state;
    (void)state_offset;
    /* Cannot fail: the caller's thread owns the mutex (sm_mapping_lock succeeded). */
    (void)ReleaseMutex(mapping->mutex);
}

/* A named mutex cannot be looked at without a wait, and a wait that succeeds takes it. */
sm_lock_state sm_mapping_lock_state(const sm_mapping *data, const sm_mapping *state,
                                    size_t state_offset, unsigned long *owner, const char **kind)
{
    (void)data;
    (void)state;
    (void)state_offset;
    *owner = 0;
    *kind = "named mutex";
    return SM_LOCK_UNKNOWN;
}

/* --------------------------------------------------------------- wake words */

/*
 * Why named events and not WaitOnAddress: WaitOnAddress/WakeByAddress only
 * work between threads of one process (they key on the virtual address), so
 * a sleeper in the receiver would never see a wake from the sender. A named
 * kernel object is the cross-process primitive, as in the classic
 * DBWIN_BUFFER_READY / DBWIN_DATA_READY handshake. Auto-reset: a SetEvent with
 * nobody waiting stays signalled until the next wait consumes it, so a wake
 * between the sleeper's check of the word and its wait is not lost; with two
 * sleepers one SetEvent releases one of them, and the other wakes at its
 * timeout (the channel's poll interval) - callers re-check the state anyway.
 * Events are created lazily; two threads racing to create one keep the first.
 */
static HANDLE wake_event(sm_mapping *mapping, size_t offset)
{
    size_t index = offset / 4;
    if (index >= SM_WAKE_WORDS)
        return NULL;
    HANDLE existing = (HANDLE)InterlockedCompareExchangePointer(
        (PVOID volatile *)&mapping->wake_event[index], NULL, NULL);
    if (existing != NULL)
        return existing;
    char suffix[32];
    WCHAR wname[SM_WIDE_NAME_MAX];
    snprintf(suffix, sizeof suffix, ".wake%u", (unsigned)offset);
    if (wide_name(mapping->name, suffix, wname, SM_WIDE_NAME_MAX, NULL) != SM_OK)
        return NULL;
    HANDLE created = CreateEventW(NULL, FALSE, FALSE, wname);
    if (created == NULL)
        return NULL;
    existing = (HANDLE)InterlockedCompareExchangePointer(
        (PVOID volatile *)&mapping->wake_event[index], created, NULL);
    if (existing == NULL)
        return created;
    (void)CloseHandle(created); /* another thread of ours made it first: use theirs */
    return existing;
}

void sm_mapping_wait_word(sm_mapping *mapping, size_t offset, unsigned expected,
                          unsigned timeout_ms)
{
    if (timeout_ms == 0 || offset + 4 > mapping->size || offset % 4 != 0)
        return;
    HANDLE event = wake_event(mapping, offset);
    volatile LONG *word = (volatile LONG *)((char *)mapping->view + offset);
    if (event == NULL) {
        Sleep(1); /* no event: degrade to a short poll, callers re-check */
        return;
    }
    if ((unsigned)InterlockedCompareExchange(word, 0, 0) != expected)
        return;
    /* Any result (signalled, timeout, failed) just returns: callers re-check the word. */
    (void)WaitForSingleObject(event, timeout_ms);
}

void sm_mapping_wake_word(sm_mapping *mapping, size_t offset)
{
    if (offset + 4 > mapping->size || offset % 4 != 0)
        return;
    HANDLE event = wake_event(mapping, offset);
    if (event != NULL)
        (void)SetEvent(event); /* fails only for a bad handle; a lost wake costs one poll */
}

/* ------------------------------------------------------------------- unlink */

sm_status sm_mapping_unlink(const char *name, bool *removed, sm_error *err)
{
    if (removed != NULL)
        *removed = false;
    /*
     * Windows sections and mutexes die with their last handle, so a name never
     * outlives the processes using it and there is nothing to remove. The name
     * is still checked so --unlink reports a bad name the same way everywhere.
     */
    return sm_name_parse(name, NULL, NULL, err);
}
