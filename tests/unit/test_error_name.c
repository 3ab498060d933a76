/* test_error_name.c - error.h (with the apps' advice.h) and name.h. */
#include <errno.h>

#include "advice.h"
#include "error.h"
#include "mapping.h"
#include "name.h"
#include "os_process.h"
#include "test.h"

/*
 * A failed OS call keeps its number and name beside the message; a plain
 * error clears them; a real failure through the seam fills them in.
 */
TEST(error_keeps_os_word)
{
    sm_error err;
    ASSERT_EQ_INT(sm_error_set_os(&err, SM_ERR_PERMISSION, EACCES, "shm_open", "open %s", "x"),
                  SM_ERR_PERMISSION);
    ASSERT_EQ_INT(err.code, SM_ERR_PERMISSION);
    ASSERT_EQ_INT(err.os_error, EACCES);
    ASSERT_STR_EQ(err.call, "shm_open");
    ASSERT_STR_EQ(err.message, "open x");
    ASSERT_EQ_INT(sm_error_set(&err, SM_ERR_NAME, "plain"), SM_ERR_NAME);
    ASSERT_EQ_INT(err.os_error, 0);
    ASSERT_STR_EQ(err.call, "");
    sm_error_set_os(&err, SM_ERR_SYSTEM, 5, "f", "m");
    sm_error_clear(&err);
    ASSERT(err.code == SM_OK && err.os_error == 0 && err.call[0] == '\0' && err.message[0] == '\0');

    /* The C library's words, into our buffer; a number it does not know still gets text. */
    char words[128];
    ASSERT_CONTAINS(sm_errno_text(ENOENT, words, sizeof words), "No such file");
    ASSERT(strlen(sm_errno_text(123456, words, sizeof words)) > 0);
    char tiny[4];
    ASSERT(strlen(sm_errno_text(ENOENT, tiny, sizeof tiny)) < sizeof tiny); /* cut, terminated */

    /* Through the seam: opening a name nobody made fails in a named OS call with its number. */
    char name[64];
    test_unique_name(name, sizeof name, "noobj");
    sm_mapping *m = NULL;
    ASSERT_EQ_INT(sm_mapping_open_existing(name, 64, &m, &err), SM_ERR_NOT_FOUND);
    ASSERT(err.os_error != 0);
    ASSERT(strlen(err.call) > 0);
    ASSERT_CONTAINS(err.message, err.call);
    return 0;
}

/* The library says what happened; the apps add the way out in their flags, once. */
TEST(app_advice)
{
    sm_error err;
    sm_error_set(&err, SM_ERR_HELD, "channel 'Local\\x' is held by another process");
    sm_app_advise(&err, "Local\\x");
    ASSERT_STR_EQ(err.message, "channel 'Local\\x' is held by another process; resume or end "
                               "that process, or raise --timeout");
    sm_app_advise(&err, "Local\\x"); /* once only */
    ASSERT_STR_EQ(err.message, "channel 'Local\\x' is held by another process; resume or end "
                               "that process, or raise --timeout");
    sm_error_set(&err, SM_ERR_DAMAGED, "damaged");
    sm_app_advise(&err, "Global\\x");
    ASSERT_CONTAINS(err.message, "--unlink");
    ASSERT_CONTAINS(err.message, "or use a Local name");
    sm_error_set(&err, SM_ERR_WRONG_SIZE, "too small");
    sm_app_advise(&err, "Local\\x");
    ASSERT_CONTAINS(err.message, "--view-size");
    sm_error_set(&err, SM_ERR_NAME, "mapping name is empty; give one such as 'Local\\SampleMap'");
    sm_app_advise(&err, "");
    ASSERT_STR_EQ(err.message, "mapping name is empty; give one such as 'Local\\SampleMap'");
    /* A full message is cut, never overflowed. */
    memset(err.message, 'a', sizeof err.message - 1);
    err.message[sizeof err.message - 1] = '\0';
    err.code = SM_ERR_TIMEOUT;
    sm_app_advise(&err, "Local\\x");
    ASSERT_EQ_INT(strlen(err.message), sizeof err.message - 1);
    return 0;
}

TEST(error_set_and_clear)
{
    sm_error err;
    ASSERT_EQ_INT(sm_error_set(&err, SM_ERR_NAME, "bad %s %d", "name", 7), SM_ERR_NAME);
    ASSERT_EQ_INT(err.code, SM_ERR_NAME);
    ASSERT_STR_EQ(err.message, "bad name 7");
    /* An over-long message is cut, never overflowed. */
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sm_error_set(&err, SM_ERR_SYSTEM, "%s", big);
    ASSERT_EQ_INT(strlen(err.message), SM_ERROR_MESSAGE_MAX - 1);
    sm_error_clear(&err);
    ASSERT_EQ_INT(err.code, SM_OK);
    ASSERT_STR_EQ(err.message, "");
    ASSERT_EQ_INT(sm_error_set(NULL, SM_BUSY, "ignored"), SM_BUSY); /* NULL err is allowed */
    sm_error_clear(NULL);
    return 0;
}

TEST(status_names)
{
    ASSERT_STR_EQ(sm_status_name(SM_OK), "ok");
    ASSERT_STR_EQ(sm_status_name(SM_BUSY), "slot full");
    ASSERT_STR_EQ(sm_status_name(SM_ERR_WRONG_SIZE), "wrong size object");
    ASSERT_STR_EQ(sm_status_name(SM_ERR_ABI), "lock of another ABI");
    ASSERT_STR_EQ(sm_status_name(SM_ERR_BUFFER_TOO_SMALL), "buffer too small");
    ASSERT_STR_EQ(sm_status_name((sm_status)999), "unknown status");
    return 0;
}

/* The inverse of sm_name_to_posix, which is what --list needs to name what /dev/shm holds. */
TEST(name_from_posix)
{
    char out[64];
    sm_error err;
    ASSERT_EQ_INT(sm_name_from_posix("/SampleMap.1000", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Local\\SampleMap");
    ASSERT_EQ_INT(sm_name_from_posix("/SampleMap.ctl.1000", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Local\\SampleMap.ctl");
    ASSERT_EQ_INT(sm_name_from_posix("/Shared", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Global\\Shared");
    ASSERT_EQ_INT(sm_name_from_posix("/Shared.ctl", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Global\\Shared.ctl");
    /* Another user's Local object, and names no SampleMap name maps to. */
    ASSERT_EQ_INT(sm_name_from_posix("/SampleMap.1001", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "uid 1000");
    ASSERT_EQ_INT(sm_name_from_posix("SampleMap", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_EQ_INT(sm_name_from_posix("/", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_EQ_INT(sm_name_from_posix("/a/b", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_EQ_INT(sm_name_from_posix("/X.1000", 1000, out, 4, &err), SM_ERR_INVALID_ARGUMENT);
    /* Every name comes back as itself. */
    const char *names[] = {"Local\\A", "Local\\A.5", "Global\\B", "Global\\B.x"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char posix[64];
        ASSERT_EQ_INT(sm_name_to_posix(names[i], 42, posix, sizeof posix, &err), SM_OK);
        ASSERT_EQ_INT(sm_name_from_posix(posix, 42, out, sizeof out, &err), SM_OK);
        ASSERT_STR_EQ(out, names[i]);
    }
    return 0;
}

TEST(name_parse_prefixes)
{
    sm_name_scope scope;
    const char *base;
    ASSERT_EQ_INT(sm_name_parse("Local\\SampleMap", &scope, &base, NULL), SM_OK);
    ASSERT_EQ_INT(scope, SM_SCOPE_LOCAL);
    ASSERT_STR_EQ(base, "SampleMap");
    ASSERT_EQ_INT(sm_name_parse("Global\\Shared.1", &scope, &base, NULL), SM_OK);
    ASSERT_EQ_INT(scope, SM_SCOPE_GLOBAL);
    ASSERT_STR_EQ(base, "Shared.1");
    ASSERT_EQ_INT(sm_name_parse("Bare", &scope, &base, NULL), SM_OK);
    ASSERT_EQ_INT(scope, SM_SCOPE_LOCAL);
    ASSERT_STR_EQ(base, "Bare");
    ASSERT_EQ_INT(sm_name_parse("Карта", &scope, &base, NULL), SM_OK); /* UTF-8 names are fine */
    return 0;
}

TEST(name_parse_rejects)
{
    sm_error err;
    ASSERT_EQ_INT(sm_name_parse("", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "mapping name is empty");
    ASSERT_EQ_INT(sm_name_parse(NULL, NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_EQ_INT(sm_name_parse("Local\\", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "nothing after its prefix");
    ASSERT_EQ_INT(sm_name_parse("Local\\a/b", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "contains '/'");
    ASSERT_EQ_INT(sm_name_parse("Global\\a\\b", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "contains '\\'");
    ASSERT_EQ_INT(sm_name_parse("local\\x", NULL, NULL, &err), SM_ERR_NAME); /* prefix is case-sensitive */
    ASSERT_EQ_INT(sm_name_parse("x/y\n", NULL, NULL, &err), SM_ERR_NAME); /* fuzz find */
    ASSERT(strchr(err.message, '\n') == NULL); /* reported as the control character, one line */
    ASSERT_EQ_INT(sm_name_parse("a\tb", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "control character 0x09 at byte 1");
    char long_name[260];
    memset(long_name, 'n', 250);
    long_name[250] = '\0';
    ASSERT_EQ_INT(sm_name_parse(long_name, NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "250 bytes");
    return 0;
}

TEST(name_to_posix)
{
    char out[64];
    ASSERT_EQ_INT(sm_name_to_posix("Local\\SampleMap", 1000, out, sizeof out, NULL), SM_OK);
    ASSERT_STR_EQ(out, "/SampleMap.1000");
    ASSERT_EQ_INT(sm_name_to_posix("SampleMap", 0, out, sizeof out, NULL), SM_OK);
    ASSERT_STR_EQ(out, "/SampleMap.0");
    ASSERT_EQ_INT(sm_name_to_posix("Global\\SampleMap", 1000, out, sizeof out, NULL), SM_OK);
    ASSERT_STR_EQ(out, "/SampleMap");
    ASSERT_EQ_INT(sm_name_to_posix("Local\\SampleMap.ctl", 1000, out, sizeof out, NULL), SM_OK);
    ASSERT_STR_EQ(out, "/SampleMap.ctl.1000");
    sm_error err;
    ASSERT_EQ_INT(sm_name_to_posix("Local\\SampleMap", 1000, out, 8, &err),
                  SM_ERR_INVALID_ARGUMENT);
    ASSERT_EQ_INT(sm_name_to_posix("a/b", 1000, out, sizeof out, &err), SM_ERR_NAME);
    return 0;
}

TEST(name_to_posix_one_to_one)
{
    char out[64];
    sm_error err;
    /* Global\X.1000 would be /X.1000, the object of Local\X for uid 1000: refused. */
    ASSERT_EQ_INT(sm_name_to_posix("Global\\X.1000", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "ends in '.1000'");
    ASSERT_EQ_INT(sm_name_to_posix("Global\\X.ctl.0", 0, out, sizeof out, &err), SM_ERR_NAME);
    /* Digits elsewhere, or a dot not followed by digits only, are fine. */
    ASSERT_EQ_INT(sm_name_to_posix("Global\\X.1a", 0, out, sizeof out, &err), SM_OK);
    ASSERT_EQ_INT(sm_name_to_posix("Global\\Map2", 0, out, sizeof out, &err), SM_OK);
    ASSERT_EQ_INT(sm_name_to_posix("Global\\X.", 0, out, sizeof out, &err), SM_OK);
    ASSERT_EQ_INT(sm_name_to_posix("Local\\X.1000", 0, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "/X.1000.0");
    return 0;
}

TEST(name_to_posix_length)
{
    char out[64];
    sm_error err;
    /* uid 1000: 31 - '/' - ".ctl" - ".1000" leaves 21 bytes for the base. */
    ASSERT_EQ_INT(sm_name_to_posix("Local\\aaaaaaaaaaaaaaaaaaaaa", 1000, out, sizeof out, &err),
                  SM_OK);
    ASSERT_EQ_INT(strlen(out) + strlen(SM_NAME_CONTROL_SUFFIX), SM_POSIX_NAME_MAX);
    ASSERT_EQ_INT(sm_name_to_posix("Local\\aaaaaaaaaaaaaaaaaaaaaa", 1000, out, sizeof out, &err),
                  SM_ERR_NAME);
    ASSERT_STR_EQ(err.message, "mapping name 'Local\\aaaaaaaaaaaaaaaaaaaaaa' is too long for "
                               "POSIX shared memory: use at most 21 bytes after the prefix "
                               "(object names are limited to 31 bytes)");
    /* The companion of a name that fits fits too. */
    ASSERT_EQ_INT(
        sm_name_to_posix("Local\\aaaaaaaaaaaaaaaaaaaaa.ctl", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_EQ_INT(strlen(out), SM_POSIX_NAME_MAX);
    /* Global names have no uid tag, so they may be longer. */
    ASSERT_EQ_INT(sm_name_to_posix("Global\\aaaaaaaaaaaaaaaaaaaaaaaaaa", 1000, out, sizeof out,
                                   &err),
                  SM_OK);
    return 0;
}

TEST(name_with_suffix)
{
    ASSERT(sm_name_is_companion("Local\\X.ctl"));
    ASSERT(!sm_name_is_companion("Local\\X.ct"));
    ASSERT(!sm_name_is_companion(".ct"));
    ASSERT(!sm_name_is_companion(NULL));
    char out[32];
    sm_error err;
    ASSERT_EQ_INT(sm_name_with_suffix("Local\\X", ".ctl", out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Local\\X.ctl");
    ASSERT_EQ_INT(sm_name_with_suffix("Local\\XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", ".ctl", out,
                                      sizeof out, &err),
                  SM_ERR_INVALID_ARGUMENT);
    return 0;
}
