/*
 * fuzz_name.c - libFuzzer target: mapping-name validation and the POSIX translation.
 *
 * Names come from --name on the command line, so any bytes can arrive. The
 * translated name goes to shm_open, where a second '/' or an over-long name
 * would fail in an OS-specific way or, worse, name another object: every name
 * must either translate to one flat "/X[.uid]" of at most SM_POSIX_NAME_MAX
 * bytes whose ".ctl" companion also fits, or be refused with a one-line message.
 *
 * Input layout: byte 0 picks the uid ('0' root, '1' 1000, '2' ULONG_MAX,
 * '3' the next 4 bytes), so seed files stay readable text; the rest, cut at
 * the first NUL, is the name.
 */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "name.h"

/* Every error message is one non-empty line (the CLI prints it after "error: "). */
static void check_error(const sm_error *err, sm_status status)
{
    FUZZ_CHECK(err->code == status);
    FUZZ_CHECK(err->message[0] != '\0');
    if (strchr(err->message, '\n') != NULL) {
        fprintf(stderr, "multi-line message: %s\n", err->message);
        FUZZ_CHECK(strchr(err->message, '\n') == NULL);
    }
}

/* What sm_name_to_posix must produce for a name that parsed: "/" base [".ctl"] [".uid"]. */
static void check_posix(const char *posix, sm_name_scope scope, const char *base,
                        const char *suffix, unsigned long uid)
{
    char expected[512];
    if (scope == SM_SCOPE_LOCAL)
        snprintf(expected, sizeof expected, "/%s%s.%lu", base, suffix, uid);
    else
        snprintf(expected, sizeof expected, "/%s%s", base, suffix);
    FUZZ_CHECK(strcmp(posix, expected) == 0);
    FUZZ_CHECK(posix[0] == '/' && strchr(posix + 1, '/') == NULL);
    FUZZ_CHECK(strchr(posix, '\\') == NULL);
    FUZZ_CHECK(strlen(posix) <= SM_POSIX_NAME_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned long uid = 0;
    size_t skip = 1;
    switch (data[0] % 4) {
    case 0: uid = 0; break;
    case 1: uid = 1000; break;
    case 2: uid = ULONG_MAX; break; /* the longest ".uid" tag the code can meet */
    default:
        for (size_t i = 0; i < 4 && skip < size; i++, skip++)
            uid |= (unsigned long)data[skip] << (8 * i);
        break;
    }
    /* The name, cut at an embedded NUL as a C string from argv would be; exact size for ASan. */
    const char *raw = (const char *)data + skip;
    size_t raw_size = size - skip;
    const char *nul = memchr(raw, '\0', raw_size);
    size_t length = nul != NULL ? (size_t)(nul - raw) : raw_size;
    char *name = malloc(length + 1);
    FUZZ_CHECK(name != NULL);
    memcpy(name, raw, length);
    name[length] = '\0';

    sm_error err;
    sm_name_scope scope = SM_SCOPE_LOCAL;
    const char *base = NULL;
    sm_status parsed = sm_name_parse(name, &scope, &base, &err);
    if (parsed == SM_OK) {
        /* base is the non-empty rest after at most one known prefix, free of separators. */
        size_t prefix = strncmp(name, "Global\\", 7) == 0  ? 7
                        : strncmp(name, "Local\\", 6) == 0 ? 6
                                                           : 0;
        FUZZ_CHECK(base == name + prefix && base[0] != '\0');
        FUZZ_CHECK(scope == (prefix == 7 ? SM_SCOPE_GLOBAL : SM_SCOPE_LOCAL));
        FUZZ_CHECK(strpbrk(base, "/\\") == NULL);
        for (const char *c = base; *c != '\0'; c++)
            FUZZ_CHECK((unsigned char)*c >= 0x20 && (unsigned char)*c != 0x7f);
    } else {
        FUZZ_CHECK(parsed == SM_ERR_NAME);
        check_error(&err, parsed);
    }

    /* The translation, into a buffer of exactly SM_POSIX_NAME_MAX + 1 bytes. */
    char *posix = malloc(SM_POSIX_NAME_MAX + 1);
    FUZZ_CHECK(posix != NULL);
    sm_status status = sm_name_to_posix(name, uid, posix, SM_POSIX_NAME_MAX + 1, &err);
    if (status == SM_OK) {
        FUZZ_CHECK(parsed == SM_OK);
        check_posix(posix, scope, base, "", uid);

        /* The companion object: its name must translate too, so both objects fit or neither.
         * A ".ctl" name is itself a companion (channels refuse it from users). */
        if (sm_name_is_companion(name))
            goto companion_done;
        size_t ctl_size = length + sizeof SM_NAME_CONTROL_SUFFIX;
        char *ctl = malloc(ctl_size);
        FUZZ_CHECK(ctl != NULL);
        FUZZ_CHECK(sm_name_with_suffix(name, SM_NAME_CONTROL_SUFFIX, ctl, ctl_size, &err) == SM_OK);
        FUZZ_CHECK(strlen(ctl) == length + strlen(SM_NAME_CONTROL_SUFFIX));
        char *ctl_posix = malloc(SM_POSIX_NAME_MAX + 1);
        FUZZ_CHECK(ctl_posix != NULL);
        status = sm_name_to_posix(ctl, uid, ctl_posix, SM_POSIX_NAME_MAX + 1, &err);
        if (status != SM_OK)
            fprintf(stderr, "'%s' translates but its companion does not: %s\n", name, err.message);
        FUZZ_CHECK(status == SM_OK);
        check_posix(ctl_posix, scope, base, SM_NAME_CONTROL_SUFFIX, uid);
        free(ctl_posix);
        free(ctl);
    companion_done:;
    } else {
        /* An invalid name fails as a name; a valid one only for its length. */
        FUZZ_CHECK(status == SM_ERR_NAME);
        check_error(&err, status);
    }

    /* Too-small buffers are refused, never overrun (sizes from the name's length). */
    size_t small = 1 + length % 16;
    char *out = malloc(small);
    FUZZ_CHECK(out != NULL);
    status = sm_name_with_suffix(name, SM_NAME_CONTROL_SUFFIX, out, small, &err);
    if (length + strlen(SM_NAME_CONTROL_SUFFIX) < small) {
        FUZZ_CHECK(status == SM_OK);
    } else {
        FUZZ_CHECK(status == SM_ERR_INVALID_ARGUMENT);
        check_error(&err, status);
    }
    status = sm_name_to_posix(name, uid, out, small, &err);
    if (status == SM_OK)
        FUZZ_CHECK(strlen(out) < small && out[0] == '/');
    else
        FUZZ_CHECK(status == SM_ERR_NAME || status == SM_ERR_INVALID_ARGUMENT);
    free(out);
    free(posix);
    free(name);
    return 0;
}
