/*
 * dbwin_win32.c - the Windows backend of dbwin.h: the real debug-output
 * objects, so OutputDebugStringA/W of any program of the session (or of
 * every session, Global\) reaches our monitor, as it reaches DebugView
 * (docs/dbwin.md).
 *
 * The monitor creates the section DBWIN_BUFFER (4096 bytes) and the auto-reset
 * events DBWIN_BUFFER_READY and DBWIN_DATA_READY. A writer (the OS's
 * OutputDebugString) only opens them, so if any of them exists already,
 * another monitor (DebugView, a second SampleMap) owns them: we close our
 * handles without having signalled or written anything and report it.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <sddl.h>

#include "dbwin.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sm_dbwin_monitor {
    HANDLE section, buffer_ready, data_ready;
    const unsigned char *view;
    bool buffer_freed;    /* BUFFER_READY signalled and no data taken since */
    sm_dbwin_names names; /* recent writers' names */
};

/*
 * Who may use the objects: the DACL gives every user (WD, Everyone) and
 * anonymous callers (AN) full access, as DebugView's NULL DACL does, because
 * any process of the session must be able to open the events and the section
 * for writing; the mandatory label lets Low integrity processes (browser
 * sandboxes) write too (without it they could not open them "up"). Anyone may
 * also scribble on the buffer: the monitor copies at most 4096 bytes and puts
 * its own NUL, so that garbles a message, never the monitor.
 */
static const wchar_t security_sddl[] = L"D:(A;;GA;;;WD)(A;;GA;;;AN)S:(ML;;NW;;;LW)";

static sm_status fail(sm_error *err, DWORD error, const char *call, const char *what)
{
    return sm_error_set_os(err, error == ERROR_ACCESS_DENIED ? SM_ERR_PERMISSION : SM_ERR_SYSTEM,
                           (unsigned long)error, call, "%s(%s) failed: system error %lu", call,
                           what, (unsigned long)error);
}

/* Closes what is open; the objects die with the last handle. */
static void close_all(sm_dbwin_monitor *m)
{
    if (m->view != NULL)
        (void)UnmapViewOfFile(m->view);
    if (m->section != NULL)
        CloseHandle(m->section);
    if (m->buffer_ready != NULL)
        CloseHandle(m->buffer_ready);
    if (m->data_ready != NULL)
        CloseHandle(m->data_ready);
    free(m);
}

sm_status sm_dbwin_monitor_open(const char *name, bool global, sm_dbwin_monitor **out,
                                sm_error *err)
{
    /* The names are the OS's: OutputDebugString opens exactly these. */
    if (name != NULL && strcmp(name, SM_DBWIN_NAME) != 0)
        return sm_error_set(err, SM_ERR_NAME,
                            "on Windows the debug-output buffer is always DBWIN_BUFFER (not "
                            "'%.60s'): OutputDebugString writes only there",
                            name);
    const wchar_t *prefix = global ? L"Global\\" : L"";
    wchar_t buffer_name[64], buffer_ready_name[64], data_ready_name[64];
    swprintf(buffer_name, 64, L"%lsDBWIN_BUFFER", prefix);
    swprintf(buffer_ready_name, 64, L"%lsDBWIN_BUFFER_READY", prefix);
    swprintf(data_ready_name, 64, L"%lsDBWIN_DATA_READY", prefix);
    const char *where = global ? "Global\\DBWIN_BUFFER" : "DBWIN_BUFFER";

    SECURITY_ATTRIBUTES attributes = {sizeof attributes, NULL, FALSE};
    PSECURITY_DESCRIPTOR descriptor = NULL;
    /* Wine or an old system without labels: fall back to the DACL alone. */
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(security_sddl, SDDL_REVISION_1,
                                                              &descriptor, NULL))
        (void)ConvertStringSecurityDescriptorToSecurityDescriptorW(
            L"D:(A;;GA;;;WD)(A;;GA;;;AN)", SDDL_REVISION_1, &descriptor, NULL);
    attributes.lpSecurityDescriptor = descriptor;

    sm_dbwin_monitor *m = calloc(1, sizeof *m);
    if (m == NULL) {
        LocalFree(descriptor);
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
    }
    sm_status status = SM_OK;
    const char *call = "CreateEventW";
    /* Auto-reset (FALSE), not signalled: each SetEvent lets exactly one waiter through. */
    m->buffer_ready = CreateEventW(&attributes, FALSE, FALSE, buffer_ready_name);
    DWORD error = GetLastError();
    if (m->buffer_ready != NULL && error != ERROR_ALREADY_EXISTS) {
        m->data_ready = CreateEventW(&attributes, FALSE, FALSE, data_ready_name);
        error = GetLastError();
    }
    if (m->data_ready != NULL && error != ERROR_ALREADY_EXISTS) {
        call = "CreateFileMappingW";
        m->section = CreateFileMappingW(INVALID_HANDLE_VALUE, &attributes, PAGE_READWRITE, 0,
                                        SM_DBWIN_BUFFER_BYTES, buffer_name);
        error = GetLastError();
    }
    LocalFree(descriptor);
    if (error == ERROR_ALREADY_EXISTS)
        status = sm_error_set(err, SM_ERR_HELD,
                              "another debug-output monitor (DebugView, a debugger or a second "
                              "samplemap-receiver) already owns %s; stop it first (only one "
                              "monitor can receive the messages)",
                              where);
    else if (global && error == ERROR_ACCESS_DENIED)
        status = sm_error_set_os(err, SM_ERR_PERMISSION, (unsigned long)error, call,
                                 "creating Global\\DBWIN_BUFFER was refused: it needs the right "
                                 "to create global objects (SeCreateGlobalPrivilege; run as "
                                 "administrator), or drop --global to monitor this session");
    else if (m->section == NULL)
        status = fail(err, error, call, where);
    if (status == SM_OK) {
        m->view = MapViewOfFile(m->section, FILE_MAP_READ, 0, 0, SM_DBWIN_BUFFER_BYTES);
        if (m->view == NULL)
            status = fail(err, GetLastError(), "MapViewOfFile", where);
    }
    if (status != SM_OK) {
        close_all(m);
        return status;
    }
    *out = m;
    return SM_OK;
}

sm_status sm_dbwin_monitor_next(sm_dbwin_monitor *m, unsigned timeout_ms, sm_dbwin_entry *entry,
                                sm_error *err)
{
    if (!m->buffer_freed) {
        /* "The buffer is free": one OutputDebugString waiting on it goes ahead. */
        if (!SetEvent(m->buffer_ready))
            return fail(err, GetLastError(), "SetEvent", "DBWIN_BUFFER_READY");
        m->buffer_freed = true;
    }
    DWORD waited = WaitForSingleObject(m->data_ready, timeout_ms);
    if (waited == WAIT_TIMEOUT)
        return sm_error_set(err, SM_ERR_TIMEOUT, "no debug output within %u ms", timeout_ms);
    if (waited != WAIT_OBJECT_0)
        return fail(err, GetLastError(), "WaitForSingleObject", "DBWIN_DATA_READY");
    /* The copy: the writer already returned; the next one waits only for this. */
    DWORD pid;
    memcpy(&pid, m->view, 4);
    entry->pid = pid;
    /* OutputDebugString does not wait for us: a writer that exited at once is "?" here. */
    sm_dbwin_name_writer(&m->names, pid, entry->process, sizeof entry->process);
    const char *text = (const char *)m->view + 4;
    size_t length = 0; /* never trust the NUL: anyone of the session may write here */
    while (length < SM_DBWIN_TEXT_MAX && text[length] != '\0')
        length++;
    memcpy(entry->text, text, length);
    entry->text[length] = '\0';
    entry->length = length;
    m->buffer_freed = false;
    return SM_OK;
}

void sm_dbwin_monitor_close(sm_dbwin_monitor *m)
{
    if (m != NULL)
        close_all(m);
}

sm_status sm_dbwin_write(const char *name, bool global, const char *utf8, unsigned timeout_ms,
                         sm_error *err)
{
    (void)timeout_ms; /* the OS keeps its own bound (10 s) */
    if (utf8 == NULL)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT, "no text to write");
    if ((name != NULL && strcmp(name, SM_DBWIN_NAME) != 0) || global)
        return sm_error_set(err, SM_ERR_NAME,
                            "on Windows debug output goes where OutputDebugString sends it: no "
                            "--name or --global");
    int units = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    if (units <= 0)
        return sm_error_set(err, SM_ERR_TEXT_INVALID, "the text is not UTF-8");
    wchar_t *wide = malloc((size_t)units * sizeof *wide);
    if (wide == NULL)
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
    (void)MultiByteToWideChar(CP_UTF8, 0, utf8, -1, wide, units);
    /* The OS converts to the ANSI code page, cuts long texts and runs the protocol. */
    OutputDebugStringW(wide);
    free(wide);
    return SM_OK;
}

size_t sm_dbwin_text_to_utf8(const char *bytes, size_t length, char *out, size_t out_size,
                             bool *ill_formed)
{
    if (ill_formed != NULL)
        *ill_formed = false;
    if (out_size == 0)
        return 0;
    out[0] = '\0';
    if (length == 0 || length > SM_DBWIN_TEXT_MAX)
        return 0;
    wchar_t wide[SM_DBWIN_TEXT_MAX + 1];
    /* The writer's ANSI code page is the system's (CP_ACP): OutputDebugStringW converted to it. */
    int units = MultiByteToWideChar(CP_ACP, MB_ERR_INVALID_CHARS, bytes, (int)length, wide,
                                    (int)SM_DBWIN_TEXT_MAX);
    if (units <= 0) {
        /* Bytes the code page does not define (e.g. a lone DBCS lead byte): convert and mark. */
        if (ill_formed != NULL)
            *ill_formed = true;
        units = MultiByteToWideChar(CP_ACP, 0, bytes, (int)length, wide, (int)SM_DBWIN_TEXT_MAX);
        if (units <= 0)
            return 0;
    }
    char utf8[SM_DBWIN_TEXT_MAX * 3 + 1];
    int written =
        WideCharToMultiByte(CP_UTF8, 0, wide, units, utf8, (int)sizeof utf8 - 1, NULL, NULL);
    if (written < 0)
        written = 0;
    /* The repair finds nothing ill-formed in what Windows made; it trims and fits out. */
    bool unused;
    return sm_dbwin_utf8_repair(utf8, (size_t)written, out, out_size, &unused);
}
