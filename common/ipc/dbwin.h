/*
 * dbwin.h - the debug-output channel of Windows (what OutputDebugString writes
 * and DebugView reads), as a monitor and as a writer (docs/dbwin.md).
 *
 * The protocol: a 4096-byte buffer DBWIN_BUFFER (a 32-bit process id, then
 * the text, NUL-terminated) and two auto-reset events. The monitor signals
 * DBWIN_BUFFER_READY ("the buffer is free"), one writer takes it, writes pid
 * and text and signals DBWIN_DATA_READY ("I wrote"); the monitor copies both
 * and signals BUFFER_READY again. Exactly one monitor owns the objects.
 *
 * Two backends, picked by CMake: dbwin_win32.c uses the real Windows objects
 * (DBWIN_BUFFER, DBWIN_BUFFER_READY, DBWIN_DATA_READY, Global\ ones with
 * global), so OutputDebugString of any program reaches the monitor;
 * dbwin_posix.c runs the same protocol over one shared-memory object of the
 * OS seam (mapping.h): the buffer, then the two events as wake words. Shared
 * code (UTF-8 repair, splitting long texts) is in dbwin.c.
 *
 * Private to the library (not an installed header); the apps link it.
 */
#ifndef SAMPLEMAP_IPC_DBWIN_H
#define SAMPLEMAP_IPC_DBWIN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The buffer's size, and the most text bytes one message carries (pid and NUL excluded). */
#define SM_DBWIN_BUFFER_BYTES 4096u
#define SM_DBWIN_TEXT_MAX (SM_DBWIN_BUFFER_BYTES - 4u - 1u)

/* The default name of the buffer; the events are named after it on POSIX. */
#define SM_DBWIN_NAME "DBWIN_BUFFER"

/*
 * How long sm_debug_output waits for a busy monitor to free the buffer: the
 * bound Windows' own OutputDebugString uses (10 s). A writer returns at once
 * when no monitor runs, and within SM_DBWIN_CHECK_MS once the monitor died.
 */
#define SM_DBWIN_WRITE_WAIT_MS 10000u
#define SM_DBWIN_CHECK_MS 100u

typedef struct sm_dbwin_monitor sm_dbwin_monitor; /* opaque */

/* The most bytes of a writer's process name an entry keeps, the NUL included. */
#define SM_DBWIN_PROCESS_BYTES 64u

/* One message as the monitor copied it: the writer's pid and name, and its bytes (NUL-terminated).
 */
typedef struct sm_dbwin_entry {
    unsigned long pid;
    char process[SM_DBWIN_PROCESS_BYTES]; /* its name (UTF-8), "?" once it exited or not ours */
    size_t length;                        /* bytes in text, the NUL excluded */
    char text[SM_DBWIN_TEXT_MAX + 1u]; /* as written: ANSI code page (Windows) or UTF-8 (POSIX) */
} sm_dbwin_entry;

/*
 * Becomes the monitor of the buffer called name (NULL: SM_DBWIN_NAME; POSIX
 * only may give another, for tests), Global\ when global. Fails with
 * SM_ERR_HELD when another monitor owns the objects (nothing of its is
 * touched), SM_ERR_PERMISSION when global objects may not be created, or an
 * error of the OS seam.
 */
sm_status sm_dbwin_monitor_open(const char *name, bool global, sm_dbwin_monitor **out,
                                sm_error *err);

/*
 * Frees the buffer for the next writer (signals BUFFER_READY) unless it is
 * already free, and waits at most timeout_ms for one to write. SM_OK: *entry
 * holds the copy, and the writer was let go as soon as it was taken.
 * SM_ERR_TIMEOUT: nothing came (the buffer stays free; call again).
 * The writer's name is looked up while it can still be seen: on POSIX before
 * the writer is let go (it waits for that, so a writer that exits right
 * after its message is still named); on Windows the writer never waits, so
 * one that exited at once is "?", as in DebugView.
 */
sm_status sm_dbwin_monitor_next(sm_dbwin_monitor *monitor, unsigned timeout_ms,
                                sm_dbwin_entry *entry, sm_error *err);

/* Gives the objects up (NULL is fine): writers find no monitor from then on. */
void sm_dbwin_monitor_close(sm_dbwin_monitor *monitor);

/*
 * Writes utf8 as debug output to the monitor of name (NULL: SM_DBWIN_NAME),
 * waiting at most timeout_ms for the buffer each time. A text longer than
 * SM_DBWIN_TEXT_MAX bytes goes as several messages, cut at character
 * boundaries. SM_OK: the monitor was handed every part. SM_ERR_NOT_FOUND: no
 * monitor runs (returned at once) or it died meanwhile; SM_ERR_TIMEOUT: the
 * monitor kept the buffer busy. Windows: calls OutputDebugStringW (the OS runs
 * the protocol, with its own 10 s bound and without telling whether anyone
 * listened), so it returns SM_OK; name must be NULL there.
 */
sm_status sm_dbwin_write(const char *name, bool global, const char *utf8, unsigned timeout_ms,
                         sm_error *err);

/* Like OutputDebugString: sm_dbwin_write(NULL, false, utf8, SM_DBWIN_WRITE_WAIT_MS), no report. */
void sm_debug_output(const char *utf8);

/*
 * The text of an entry as UTF-8 for people: converted from the ANSI code page
 * (Windows: MultiByteToWideChar with CP_ACP) or checked as UTF-8 (POSIX),
 * each ill-formed byte replaced by U+FFFD (*ill_formed set), and one trailing
 * "\n" or "\r\n" trimmed. Returns the bytes written to out (NUL-terminated,
 * cut at a character boundary if out is too small).
 */
size_t sm_dbwin_text_to_utf8(const char *bytes, size_t length, char *out, size_t out_size,
                             bool *ill_formed);

/* Shared by the backends (dbwin.c). */

/* Recent writers and their names: a writer of 500 lines is looked up once, not 500 times. */
#define SM_DBWIN_NAME_CACHE 16
#define SM_DBWIN_NAME_CACHE_MS 1000u /* after that, looked up again: a pid may be reused */
typedef struct sm_dbwin_names {
    struct {
        unsigned long pid;
        unsigned long long when; /* sm_monotonic_ms() of the lookup */
        char name[SM_DBWIN_PROCESS_BYTES];
    } recent[SM_DBWIN_NAME_CACHE];
} sm_dbwin_names;

/* The process name of pid into out (size bytes): from names if looked up lately, else from the
 * OS (and kept in names); "?" when the OS does not tell (exited, or not ours to look at). */
void sm_dbwin_name_writer(sm_dbwin_names *names, unsigned long pid, char *out, size_t size);

/* UTF-8 check and repair (each ill-formed byte becomes U+FFFD), with sm_dbwin_text_to_utf8's output
 * rules. */
size_t sm_dbwin_utf8_repair(const char *bytes, size_t length, char *out, size_t out_size,
                            bool *ill_formed);

/* The length of the first part of utf8 (length bytes) that fits max bytes, cut at a character
 * boundary. */
size_t sm_dbwin_part_length(const char *utf8, size_t length, size_t max);

#ifdef __cplusplus
}
#endif

#endif
