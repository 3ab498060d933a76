/* test_name.c - mapping names (name.h): Local/Global/bare, and their POSIX form. */
#include <string.h>

#include "name.h"
#include "test.h"

/* The inverse of sm_name_to_posix, which is what --list needs to name what /dev/shm holds. */
TEST(name_from_posix)
{
    char out[64];
    sm_error err;
    ASSERT_EQ(sm_name_from_posix("/SampleMap.1000", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Local\\SampleMap");
    ASSERT_EQ(sm_name_from_posix("/SampleMap.ctl.1000", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Local\\SampleMap.ctl");
    ASSERT_EQ(sm_name_from_posix("/Shared", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Global\\Shared");
    ASSERT_EQ(sm_name_from_posix("/Shared.ctl", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Global\\Shared.ctl");
    /* Another user's Local object, and names no SampleMap name maps to. */
    ASSERT_EQ(sm_name_from_posix("/SampleMap.1001", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "uid 1000");
    ASSERT_EQ(sm_name_from_posix("SampleMap", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_EQ(sm_name_from_posix("/", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_EQ(sm_name_from_posix("/a/b", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_EQ(sm_name_from_posix("/X.1000", 1000, out, 4, &err), SM_ERR_INVALID_ARGUMENT);
    /* Every name comes back as itself. */
    const char *names[] = {"Local\\A", "Local\\A.5", "Global\\B", "Global\\B.x"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char posix[64];
        ASSERT_EQ(sm_name_to_posix(names[i], 42, posix, sizeof posix, &err), SM_OK);
        ASSERT_EQ(sm_name_from_posix(posix, 42, out, sizeof out, &err), SM_OK);
        ASSERT_STR_EQ(out, names[i]);
    }
    return 0;
}

TEST(name_parse_prefixes)
{
    sm_name_scope scope;
    const char *base;
    ASSERT_EQ(sm_name_parse("Local\\SampleMap", &scope, &base, NULL), SM_OK);
    ASSERT_EQ(scope, SM_SCOPE_LOCAL);
    ASSERT_STR_EQ(base, "SampleMap");
    ASSERT_EQ(sm_name_parse("Global\\Shared.1", &scope, &base, NULL), SM_OK);
    ASSERT_EQ(scope, SM_SCOPE_GLOBAL);
    ASSERT_STR_EQ(base, "Shared.1");
    ASSERT_EQ(sm_name_parse("Bare", &scope, &base, NULL), SM_OK);
    ASSERT_EQ(scope, SM_SCOPE_LOCAL);
    ASSERT_STR_EQ(base, "Bare");
    ASSERT_EQ(sm_name_parse("Карта", &scope, &base, NULL), SM_OK); /* UTF-8 names are fine */
    return 0;
}

TEST(name_parse_rejects)
{
    sm_error err;
    ASSERT_EQ(sm_name_parse("", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "mapping name is empty");
    ASSERT_EQ(sm_name_parse(NULL, NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_EQ(sm_name_parse("Local\\", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "nothing after its prefix");
    ASSERT_EQ(sm_name_parse("Local\\a/b", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "contains '/'");
    ASSERT_EQ(sm_name_parse("Global\\a\\b", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "contains '\\'");
    ASSERT_EQ(sm_name_parse("local\\x", NULL, NULL, &err),
              SM_ERR_NAME);                                           /* prefix is case-sensitive */
    ASSERT_EQ(sm_name_parse("x/y\n", NULL, NULL, &err), SM_ERR_NAME); /* fuzz find */
    ASSERT_NULL(strchr(err.message, '\n')); /* reported as the control character, one line */
    ASSERT_EQ(sm_name_parse("a\tb", NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "control character 0x09 at byte 1");
    char long_name[260];
    memset(long_name, 'n', 250);
    long_name[250] = '\0';
    ASSERT_EQ(sm_name_parse(long_name, NULL, NULL, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "250 bytes");
    return 0;
}

TEST(name_to_posix)
{
    char out[64];
    ASSERT_EQ(sm_name_to_posix("Local\\SampleMap", 1000, out, sizeof out, NULL), SM_OK);
    ASSERT_STR_EQ(out, "/SampleMap.1000");
    ASSERT_EQ(sm_name_to_posix("SampleMap", 0, out, sizeof out, NULL), SM_OK);
    ASSERT_STR_EQ(out, "/SampleMap.0");
    ASSERT_EQ(sm_name_to_posix("Global\\SampleMap", 1000, out, sizeof out, NULL), SM_OK);
    ASSERT_STR_EQ(out, "/SampleMap");
    ASSERT_EQ(sm_name_to_posix("Local\\SampleMap.ctl", 1000, out, sizeof out, NULL), SM_OK);
    ASSERT_STR_EQ(out, "/SampleMap.ctl.1000");
    sm_error err;
    ASSERT_EQ(sm_name_to_posix("Local\\SampleMap", 1000, out, 8, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_EQ(sm_name_to_posix("a/b", 1000, out, sizeof out, &err), SM_ERR_NAME);
    return 0;
}

TEST(name_to_posix_one_to_one)
{
    char out[64];
    sm_error err;
    /* Global\X.1000 would be /X.1000, the object of Local\X for uid 1000: refused. */
    ASSERT_EQ(sm_name_to_posix("Global\\X.1000", 1000, out, sizeof out, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "ends in '.1000'");
    ASSERT_EQ(sm_name_to_posix("Global\\X.ctl.0", 0, out, sizeof out, &err), SM_ERR_NAME);
    /* Digits elsewhere, or a dot not followed by digits only, are fine. */
    ASSERT_EQ(sm_name_to_posix("Global\\X.1a", 0, out, sizeof out, &err), SM_OK);
    ASSERT_EQ(sm_name_to_posix("Global\\Map2", 0, out, sizeof out, &err), SM_OK);
    ASSERT_EQ(sm_name_to_posix("Global\\X.", 0, out, sizeof out, &err), SM_OK);
    ASSERT_EQ(sm_name_to_posix("Local\\X.1000", 0, out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "/X.1000.0");
    return 0;
}

TEST(name_to_posix_length)
{
    char out[64];
    sm_error err;
    /* uid 1000: 31 - '/' - ".ctl" - ".1000" leaves 21 bytes for the base. */
    ASSERT_EQ(sm_name_to_posix("Local\\aaaaaaaaaaaaaaaaaaaaa", 1000, out, sizeof out, &err), SM_OK);
    ASSERT_EQ(strlen(out) + strlen(SM_NAME_CONTROL_SUFFIX), SM_POSIX_NAME_MAX);
    ASSERT_EQ(sm_name_to_posix("Local\\aaaaaaaaaaaaaaaaaaaaaa", 1000, out, sizeof out, &err),
              SM_ERR_NAME);
    ASSERT_STR_EQ(err.message, "mapping name 'Local\\aaaaaaaaaaaaaaaaaaaaaa' is too long for "
                               "POSIX shared memory: use at most 21 bytes after the prefix "
                               "(object names are limited to 31 bytes)");
    /* The companion of a name that fits fits too. */
    ASSERT_EQ(sm_name_to_posix("Local\\aaaaaaaaaaaaaaaaaaaaa.ctl", 1000, out, sizeof out, &err),
              SM_OK);
    ASSERT_EQ(strlen(out), SM_POSIX_NAME_MAX);
    /* Global names have no uid tag, so they may be longer. */
    ASSERT_EQ(sm_name_to_posix("Global\\aaaaaaaaaaaaaaaaaaaaaaaaaa", 1000, out, sizeof out, &err),
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
    ASSERT_EQ(sm_name_with_suffix("Local\\X", ".ctl", out, sizeof out, &err), SM_OK);
    ASSERT_STR_EQ(out, "Local\\X.ctl");
    ASSERT_EQ(
        sm_name_with_suffix("Local\\XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", ".ctl", out, sizeof out, &err),
        SM_ERR_INVALID_ARGUMENT);
    return 0;
}
