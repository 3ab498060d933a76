/*
 * error.h - status codes and the error struct shared by every sm_ function.
 *
 * Every fallible function returns an sm_status and, when it is not SM_OK,
 * fills a caller-provided sm_error: a one-line, human-readable message that
 * says what happened, and, when an OS call failed, that call's name and the
 * OS's error number (errno or GetLastError()), so a program can act on them.
 * The library gives no advice in terms of a program's command line: a
 * program adds its own (SampleMap's apps: common/app/advice.h).
 */
#ifndef SAMPLEMAP_IPC_ERROR_H
#define SAMPLEMAP_IPC_ERROR_H

#include <stddef.h>

#include "visibility.h"

#ifdef __cplusplus
extern "C" {
#endif

/* X-macro: one list drives the enum and sm_status_name(). */
#define SM_STATUS_LIST(X)                                                                          \
    X(SM_OK, "ok")                                                                                 \
    X(SM_EMPTY, "slot empty") /* nothing to receive (not an error) */                              \
    X(SM_BUSY, "slot full")   /* an unread message occupies the slot */                            \
    X(SM_ERR_INVALID_ARGUMENT, "invalid argument")                                                 \
    X(SM_ERR_NAME, "bad mapping name")                                                             \
    X(SM_ERR_NOT_FOUND, "not found")                                                               \
    X(SM_ERR_WRONG_SIZE, "wrong size object")                                                      \
    X(SM_ERR_FOREIGN_OWNER, "object owned by another user")                                        \
    X(SM_ERR_PERMISSION, "permission denied")                                                      \
    X(SM_ERR_NO_SPACE, "no space for the object")                                                  \
    X(SM_ERR_TEXT_INVALID, "invalid text")                                                         \
    X(SM_ERR_TEXT_TOO_LONG, "text too long")                                                       \
    X(SM_ERR_TIMEOUT, "timed out")                                                                 \
    X(SM_ERR_HELD, "channel held by another process") /* its lock stayed taken too long */         \
    X(SM_ERR_DAMAGED, "object damaged")               /* truncated or scribbled on while in use */ \
    X(SM_ERR_VERSION, "incompatible layout version")                                               \
    X(SM_ERR_ABI, "lock of another ABI") /* a 32-bit peer on a 64-bit Local channel */             \
    X(SM_ERR_CANCELLED, "interrupted")   /* a send stopped by its cancel flag (Ctrl+C) */          \
    X(SM_ERR_SYSTEM, "operating system error")                                                     \
    X(SM_ERR_BUFFER_TOO_SMALL, "buffer too small") /* the caller's buffer: nothing taken */

typedef enum sm_status {
#define SM_STATUS_ENUM(code, text) code,
    SM_STATUS_LIST(SM_STATUS_ENUM)
#undef SM_STATUS_ENUM
} sm_status;

/* Room for one line of explanation; longer messages are cut, never overflowed. */
#define SM_ERROR_MESSAGE_MAX 320

/* Room for the name of the failing OS call, e.g. "CreateFileMappingW". */
#define SM_ERROR_CALL_MAX 32

typedef struct sm_error {
    sm_status code;                     /* same value the function returned */
    unsigned long os_error;             /* errno or GetLastError() of the failing call; 0 = none */
    char call[SM_ERROR_CALL_MAX];       /* that call's name, e.g. "shm_open"; "" = none */
    char message[SM_ERROR_MESSAGE_MAX]; /* one line, no trailing newline: what happened */
} sm_error;

/* Short fixed name of a status ("slot full"); never NULL. */
SM_API const char *sm_status_name(sm_status code);

/* printf-style format checking, with MinGW's C99 printf (__USE_MINGW_ANSI_STDIO) for %zu. */
#if defined(__MINGW32__)
#define SM_PRINTF_LIKE(format_index, first) __attribute__((format(gnu_printf, format_index, first)))
#elif defined(__GNUC__) || defined(__clang__)
#define SM_PRINTF_LIKE(format_index, first) __attribute__((format(printf, format_index, first)))
#else
#define SM_PRINTF_LIKE(format_index, first)
#endif

/*
 * Records code and a printf-style message in err (err may be NULL) and
 * returns code, so callers can write `return sm_error_set(err, ...)`.
 * os_error and call are cleared: no OS call failed.
 */
SM_PRINTF_LIKE(3, 4)
SM_API sm_status sm_error_set(sm_error *err, sm_status code, const char *format, ...);

/*
 * Like sm_error_set, for a failed OS call: also records the OS's error number
 * (errno or GetLastError(), read right after the call) and the call's name.
 */
SM_PRINTF_LIKE(5, 6)
SM_API sm_status sm_error_set_os(sm_error *err, sm_status code, unsigned long os_error,
                                 const char *call, const char *format, ...);

/* Resets err to SM_OK with an empty message (err may be NULL). */
SM_API void sm_error_clear(sm_error *err);

#ifdef __cplusplus
}
#endif

#endif
