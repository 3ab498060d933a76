/* name.c - portable name rules and the Local/Global emulation for POSIX. */
#include "name.h"

#include <stdio.h>
#include <string.h>

/* Windows allows far longer names; this bound only keeps messages and buffers sane. */
#define SM_NAME_BASE_MAX 200

static const char local_prefix[] = "Local\\";
static const char global_prefix[] = "Global\\";

static bool has_prefix(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

sm_status sm_name_parse(const char *name, sm_name_scope *scope, const char **base, sm_error *err)
{
    if (name == NULL || name[0] == '\0')
        return sm_error_set(err, SM_ERR_NAME,
                            "mapping name is empty; give one such as 'Local\\SampleMap'");

    sm_name_scope found = SM_SCOPE_LOCAL;
    const char *rest = name;
    if (has_prefix(name, local_prefix)) {
        rest = name + strlen(local_prefix);
    } else if (has_prefix(name, global_prefix)) {
        found = SM_SCOPE_GLOBAL;
        rest = name + strlen(global_prefix);
    }

    if (rest[0] == '\0')
        return sm_error_set(err, SM_ERR_NAME,
                            "mapping name '%s' has nothing after its prefix; add a name, "
                            "e.g. 'Local\\SampleMap'",
                            name);
    size_t length = strlen(rest);
    if (length > SM_NAME_BASE_MAX)
        return sm_error_set(err, SM_ERR_NAME,
                            "mapping name is %zu bytes long; use at most %d bytes after the "
                            "prefix",
                            length, SM_NAME_BASE_MAX);
    /* Control characters first: later messages echo the name, which must stay one line. */
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)rest[i];
        if (c < 0x20 || c == 0x7f)
            return sm_error_set(err, SM_ERR_NAME,
                                "mapping name contains control character 0x%02x at byte "
                                "%zu; use printable characters only",
                                c, (size_t)(rest - name) + i);
    }
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)rest[i];
        if (c == '/' || c == '\\')
            return sm_error_set(err, SM_ERR_NAME,
                                "mapping name '%s' contains '%c' after its prefix; only "
                                "'Local\\' or 'Global\\' may come before the name, and "
                                "the name itself may not contain '/' or '\\'",
                                name, c);
    }
    if (scope != NULL)
        *scope = found;
    if (base != NULL)
        *base = rest;
    return SM_OK;
}

sm_status sm_name_to_posix(const char *name, unsigned long uid, char *out, size_t out_size,
                           sm_error *err)
{
    sm_name_scope scope;
    const char *base;
    sm_status status = sm_name_parse(name, &scope, &base, err);
    if (status != SM_OK)
        return status;

    /*
     * Names map one-to-one onto objects: a Local object's name always ends in
     * ".<uid>", so a Global name ending in a dot and digits could reach one
     * (Global\X.1000 would be /X.1000, which is Local\X of uid 1000).
     */
    const char *last_dot = strrchr(base, '.');
    if (scope == SM_SCOPE_GLOBAL && last_dot != NULL && last_dot[1] != '\0' &&
        strspn(last_dot + 1, "0123456789") == strlen(last_dot + 1))
        return sm_error_set(err, SM_ERR_NAME,
                            "mapping name '%s' ends in '%s', which on POSIX is how Local names "
                            "of a user id are stored; choose a Global name that does not end in "
                            "a dot and digits",
                            name, last_dot);

    /* The uid tag makes a Local name private to this user in the one POSIX namespace. */
    char uid_tag[24] = "";
    if (scope == SM_SCOPE_LOCAL)
        snprintf(uid_tag, sizeof uid_tag, ".%lu", uid);

    /* Measure the data object's base so its ".ctl" companion always fits too. */
    size_t base_length = strlen(base);
    size_t suffix_length = strlen(SM_NAME_CONTROL_SUFFIX);
    if (base_length > suffix_length &&
        strcmp(base + base_length - suffix_length, SM_NAME_CONTROL_SUFFIX) == 0)
        base_length -= suffix_length;
    size_t allowed = SM_POSIX_NAME_MAX - 1 - suffix_length - strlen(uid_tag);
    if (base_length > allowed)
        return sm_error_set(err, SM_ERR_NAME,
                            "mapping name '%s' is too long for POSIX shared memory: use at most "
                            "%zu bytes after the prefix (object names are limited to %d bytes)",
                            name, allowed, SM_POSIX_NAME_MAX);

    int written = snprintf(out, out_size, "/%s%s", base, uid_tag);
    if (written < 0 || (size_t)written >= out_size)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT,
                            "internal: buffer of %zu bytes too small for the POSIX name of '%s'",
                            out_size, name);
    return SM_OK;
}

sm_status sm_name_from_posix(const char *os_name, unsigned long uid, char *out, size_t out_size,
                             sm_error *err)
{
    if (os_name == NULL || os_name[0] != '/' || strchr(os_name + 1, '/') != NULL ||
        os_name[1] == '\0')
        return sm_error_set(err, SM_ERR_NAME, "'%s' is not a POSIX object name", os_name);
    const char *base = os_name + 1;
    const char *last_dot = strrchr(base, '.');
    bool local = last_dot != NULL && last_dot[1] != '\0' &&
                 strspn(last_dot + 1, "0123456789") == strlen(last_dot + 1);
    int written = local ? snprintf(out, out_size, "Local\\%.*s", (int)(last_dot - base), base)
                        : snprintf(out, out_size, "Global\\%s", base);
    if (written < 0 || (size_t)written >= out_size)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT, "'%s' is too long to name", os_name);
    /* The round trip decides: another uid's tag, or a name we refuse, does not come back. */
    char again[SM_POSIX_NAME_MAX + 16];
    if (sm_name_to_posix(out, uid, again, sizeof again, NULL) != SM_OK ||
        strcmp(again, os_name) != 0)
        return sm_error_set(err, SM_ERR_NAME,
                            "'%s' is not the object of a name of uid %lu (another user's Local "
                            "name, or no SampleMap name)",
                            os_name, uid);
    return SM_OK;
}

sm_status sm_name_with_suffix(const char *name, const char *suffix, char *out, size_t out_size,
                              sm_error *err)
{
    int written = snprintf(out, out_size, "%s%s", name != NULL ? name : "", suffix);
    if (written < 0 || (size_t)written >= out_size)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT,
                            "mapping name is too long (over %zu bytes)", out_size - 1);
    return SM_OK;
}

bool sm_name_is_companion(const char *name)
{
    size_t length = name != NULL ? strlen(name) : 0;
    size_t suffix = strlen(SM_NAME_CONTROL_SUFFIX);
    return length >= suffix && strcmp(name + length - suffix, SM_NAME_CONTROL_SUFFIX) == 0;
}
