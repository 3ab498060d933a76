/*
 * error.h - status codes and the error struct shared by every sm_ function.
 *
 * Every fallible function returns an sm_status and, when it is not SM_OK,
 * fills a caller-provided sm_error with a one-line, human-readable message
 * that names what went wrong and what to do about it.
 */
#ifndef SAMPLEMAP_IPC_ERROR_H
#define SAMPLEMAP_IPC_ERROR_H

#include <stddef.h>

/* X-macro: one list drives the enum and sm_status_name(). */
#define SM_STATUS_LIST(X)                                                                \
    X(SM_OK, "ok")                                                                       \
    X(SM_EMPTY, "slot empty")           /* nothing to receive (not an error) */         \
    X(SM_BUSY, "slot full")             /* an unread message occupies the slot */       \
    X(SM_ERR_INVALID_ARGUMENT, "invalid argument")                                       \
    X(SM_ERR_NAME, "bad mapping name")                                                   \
    X(SM_ERR_NOT_FOUND, "not found")                                                     \
    X(SM_ERR_WRONG_SIZE, "wrong size object")                                            \
    X(SM_ERR_FOREIGN_OWNER, "object owned by another user")                              \
    X(SM_ERR_PERMISSION, "permission denied")                                            \
    X(SM_ERR_NO_SPACE, "no space for the object")                                        \
    X(SM_ERR_TEXT_INVALID, "invalid text")                                               \
    X(SM_ERR_TEXT_TOO_LONG, "text too long")                                             \
    X(SM_ERR_TIMEOUT, "timed out")                                                       \
    X(SM_ERR_HELD, "channel held by another process") /* its lock stayed taken too long */ \
    X(SM_ERR_DAMAGED, "object damaged")  /* truncated or scribbled on while in use */     \
    X(SM_ERR_VERSION, "incompatible layout version")                                     \
    X(SM_ERR_SYSTEM, "operating system error")

typedef enum sm_status {
#define SM_STATUS_ENUM(code, text) code,
    SM_STATUS_LIST(SM_STATUS_ENUM)
#undef SM_STATUS_ENUM
} sm_status;

/* Room for one line of explanation; longer messages are cut, never overflowed. */
#define SM_ERROR_MESSAGE_MAX 320

typedef struct sm_error {
    sm_status code;                     /* same value the function returned */
    char message[SM_ERROR_MESSAGE_MAX]; /* one line, no trailing newline */
} sm_error;

/* Short fixed name of a status ("slot full"); never NULL. */
const char *sm_status_name(sm_status code);

/*
 * Records code and a printf-style message in err (err may be NULL) and
 * returns code, so callers can write `return sm_error_set(err, ...)`.
 */
#if defined(__MINGW32__)
/* MinGW builds use its C99 printf (__USE_MINGW_ANSI_STDIO), not msvcrt's: check %zu that way. */
__attribute__((format(gnu_printf, 3, 4)))
#elif defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 3, 4)))
#endif
sm_status sm_error_set(sm_error *err, sm_status code, const char *format, ...);

/* Resets err to SM_OK with an empty message (err may be NULL). */
void sm_error_clear(sm_error *err);

#endif
