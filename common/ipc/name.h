/*
 * name.h - mapping names: validation and the POSIX translation.
 *
 * Names follow the Windows convention on every OS: "Local\X" (this login
 * session), "Global\X" (all sessions) or a bare "X" (same as Local).
 * Windows passes them to the kernel as they are. POSIX shared memory has one
 * machine-wide namespace, so Local is emulated by adding the user id:
 *   Local\X, X  ->  /X.<uid>        Global\X  ->  /X
 * This file has no OS calls, so the rules are unit-tested and fuzzed alike.
 */
#ifndef SAMPLEMAP_IPC_NAME_H
#define SAMPLEMAP_IPC_NAME_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#include "visibility.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SM_NAME_DEFAULT "Local\\SampleMap"

/* Longest POSIX object name we create, leading '/' included: macOS allows 31. */
#define SM_POSIX_NAME_MAX 31

/* Suffix of the companion control object (see channel.h); part of the length check. */
#define SM_NAME_CONTROL_SUFFIX ".ctl"

typedef enum sm_name_scope {
    SM_SCOPE_LOCAL,  /* "Local\X" or bare "X": private to this user / session */
    SM_SCOPE_GLOBAL, /* "Global\X": shared by all sessions */
} sm_name_scope;

/*
 * Checks a user-supplied name and splits off its prefix. On success *scope is
 * set and *base points into name, past any "Local\" or "Global\" prefix.
 * Refused with SM_ERR_NAME: NULL or empty names, an empty base, a '/' or '\'
 * inside the base, control characters, and bases longer than 200 bytes.
 */
SM_API sm_status sm_name_parse(const char *name, sm_name_scope *scope, const char **base,
                               sm_error *err);

/*
 * Translates name into the POSIX shm object name for user uid, writing a
 * NUL-terminated string to out. Fails with SM_ERR_NAME when the name is
 * invalid or too long: every name must leave room for its ".ctl" companion
 * within SM_POSIX_NAME_MAX bytes, so a channel's two objects fit or fail
 * together. SM_ERR_INVALID_ARGUMENT when out is too small.
 */
SM_API sm_status sm_name_to_posix(const char *name, unsigned long uid, char *out, size_t out_size,
                                  sm_error *err);

/*
 * True if name ends in SM_NAME_CONTROL_SUFFIX: the name of a channel's companion
 * object. Channels refuse such names from users, which is what lets
 * sm_name_to_posix measure a ".ctl" name as the companion of a name that fits.
 */
SM_API bool sm_name_is_companion(const char *name);

/*
 * The inverse of sm_name_to_posix for uid: "/X.1000" is Local\X for uid 1000
 * (its companion "/X.ctl.1000" is Local\X.ctl), "/X" is Global\X. SM_ERR_NAME
 * for another user's Local object, or a name no SampleMap name maps to.
 */
SM_API sm_status sm_name_from_posix(const char *os_name, unsigned long uid, char *out,
                                    size_t out_size, sm_error *err);

/*
 * Writes name followed by suffix to out (e.g. the companion "Local\X.ctl").
 * SM_ERR_INVALID_ARGUMENT when out is too small.
 */
SM_API sm_status sm_name_with_suffix(const char *name, const char *suffix, char *out,
                                     size_t out_size, sm_error *err);

#ifdef __cplusplus
}
#endif

#endif
