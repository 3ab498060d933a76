/*
 * test_main.c - runs one unit test named on the command line (ctest runs each
 * as its own test), or all of them when given none.
 */
#include <stdio.h>
#include <string.h>

#include "mapping.h"
#include "os_process.h"
#include "test.h"

typedef struct test_entry {
    const char *name;
    int (*run)(void);
} test_entry;

static const test_entry tests[] = {
#undef TEST
#define TEST(name) {#name, test_##name},
#include "test_list.h"
#undef TEST
};

/*
 * Every name a test made, so that its objects are removed after the test and
 * when an ASSERT fails (test_abort): a failing test (lab exercise 2 makes one
 * fail on purpose) would otherwise leave them in /dev/shm.
 */
static char made_names[64][64];
static size_t made_count;

void test_unique_name(char *out, size_t size, const char *tag)
{
    snprintf(out, size, "Local\\ut%lu%s", sm_process_id(), tag);
    for (size_t i = 0; i < made_count; i++)
        if (strcmp(made_names[i], out) == 0)
            return;
    if (made_count < sizeof made_names / sizeof made_names[0] && strlen(out) < sizeof made_names[0])
        strcpy(made_names[made_count++], out);
}

/* Removes what the last test's names still hold: a channel's pair, or a plain mapping. */
static void remove_made_objects(void)
{
    sm_error err;
    for (size_t i = 0; i < made_count; i++) {
        (void)sm_channel_unlink(made_names[i], NULL, &err); /* nothing there is fine */
        (void)sm_mapping_unlink(made_names[i], NULL, &err);
    }
    made_count = 0;
}

_Noreturn void test_abort(void)
{
    remove_made_objects();
    abort();
}

void test_open_pair(const char *tag, char *name, size_t size, size_t view_bytes, sm_channel **tx,
                    sm_channel **rx)
{
    sm_error err;
    test_unique_name(name, size, tag);
    (void)sm_channel_unlink(name, NULL, &err); /* a leftover of an aborted run, or nothing */
    ASSERT_EQ(view_bytes == 0 ? sm_channel_open(name, tx, &err)
                              : sm_channel_open_sized(name, view_bytes, tx, &err),
              SM_OK);
    ASSERT(sm_channel_created(*tx));
    ASSERT_EQ(view_bytes == 0 ? sm_channel_open(name, rx, &err)
                              : sm_channel_open_sized(name, view_bytes, rx, &err),
              SM_OK);
    ASSERT(!sm_channel_created(*rx));
    ASSERT_STR_EQ(sm_channel_name(*rx), name);
    ASSERT_GT(strlen(sm_channel_os_name(*rx)), 0);
}

int main(int argc, char **argv)
{
    size_t count = sizeof tests / sizeof tests[0];
    int failures = 0, ran = 0;
    for (size_t i = 0; i < count; i++) {
        if (argc > 1 && strcmp(argv[1], tests[i].name) != 0)
            continue;
        ran++;
        int code = tests[i].run();
        remove_made_objects();
        if (code == TEST_SKIPPED && argc > 1)
            return TEST_SKIPPED;
        printf("%s %s\n",
               code == 0              ? "ok  "
               : code == TEST_SKIPPED ? "skip"
                                      : "FAIL",
               tests[i].name);
        failures += code != 0 && code != TEST_SKIPPED;
    }
    if (ran == 0) {
        fprintf(stderr, "unknown test '%s'\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
