/* test_mapping.c - the OS seam, through mapping.h only (runs on every backend). */
#include <stdint.h>

#include "mapping.h"
#include "test.h"

TEST(mapping_create_then_open)
{
    char name[64];
    test_unique_name(name, sizeof name, "map");
    sm_mapping *first = NULL, *second = NULL;
    sm_error err;
    sm_mapping_unlink(name, NULL, &err); /* a leftover from a crashed run */
    ASSERT_EQ_INT(sm_mapping_open(name, 2048, &first, &err), SM_OK);
    ASSERT(sm_mapping_created(first));
    ASSERT_EQ_INT(sm_mapping_size(first), 2048);
    ASSERT_STR_EQ(sm_mapping_name(first), name);
    ASSERT(strlen(sm_mapping_os_name(first)) > 0);
    unsigned char *a = sm_mapping_view(first);
    for (size_t i = 0; i < 2048; i++)
        ASSERT_EQ_INT(a[i], 0); /* a new object starts zero-filled: an empty slot */
    ASSERT_EQ_INT(sm_mapping_open(name, 2048, &second, &err), SM_OK);
    ASSERT(!sm_mapping_created(second));
    unsigned char *b = sm_mapping_view(second);
    ASSERT(a != b);
    a[7] = 42; /* both views show the same memory */
    ASSERT_EQ_INT(b[7], 42);
    sm_mapping *third = NULL;
    ASSERT_EQ_INT(sm_mapping_open_existing(name, 2048, &third, &err), SM_OK);
    ASSERT(!sm_mapping_created(third));
    sm_mapping_close(third);
    sm_mapping_close(second);
    sm_mapping_close(first);
    sm_mapping_close(NULL);
    ASSERT_EQ_INT(sm_mapping_unlink(name, NULL, &err), SM_OK);
    return 0;
}

TEST(mapping_open_existing_missing)
{
    char name[64];
    test_unique_name(name, sizeof name, "none");
    sm_mapping *m = NULL;
    sm_error err;
    ASSERT_EQ_INT(sm_mapping_open_existing(name, 2048, &m, &err), SM_ERR_NOT_FOUND);
    ASSERT(m == NULL);
    ASSERT_CONTAINS(err.message, name);
    ASSERT_EQ_INT(sm_mapping_open("Local\\bad/name", 2048, &m, &err), SM_ERR_NAME);
    ASSERT_EQ_INT(sm_mapping_open(name, 0, &m, &err), SM_ERR_INVALID_ARGUMENT);
    return 0;
}

TEST(mapping_lock_unlock)
{
    char name[64];
    test_unique_name(name, sizeof name, "lock");
    sm_mapping *m = NULL;
    sm_error err;
    ASSERT_EQ_INT(sm_mapping_open(name, 64, &m, &err), SM_OK);
    ASSERT_EQ_INT(sm_mapping_lock(m, SM_WAIT_FOREVER, &err), SM_OK);
    sm_mapping_unlock(m);
    ASSERT_EQ_INT(sm_mapping_lock(m, SM_WAIT_FOREVER, &err), SM_OK); /* released, so it can be taken again */
    sm_mapping_unlock(m);
    sm_mapping_close(m);
    sm_mapping_unlink(name, NULL, &err);
    return 0;
}

TEST(mapping_lock_times_out)
{
    if (!sm_mapping_view_lock_supported())
        return TEST_SKIPPED; /* Windows: the named mutex is recursive per thread; see process tests */
    char name[64];
    test_unique_name(name, sizeof name, "lkt");
    sm_mapping *first = NULL, *second = NULL;
    sm_error err;
    ASSERT_EQ_INT(sm_mapping_open(name, 128, &first, &err), SM_OK);
    ASSERT_EQ_INT(sm_mapping_open(name, 128, &second, &err), SM_OK);
    /* Two opens are two holders of the flock: the second waits its bound, then says why. */
    ASSERT_EQ_INT(sm_mapping_lock(first, SM_WAIT_FOREVER, &err), SM_OK);
    ASSERT_EQ_INT(sm_mapping_lock(second, 30, &err), SM_ERR_HELD);
    ASSERT_CONTAINS(err.message, "is held by another process: its lock stayed taken for 30 ms");
    ASSERT_EQ_INT(sm_mapping_lock(second, 0, &err), SM_ERR_HELD);
    sm_mapping_unlock(first);
    ASSERT_EQ_INT(sm_mapping_lock(second, 0, &err), SM_OK);
    sm_mapping_unlock(second);
    sm_mapping_close(second);
    sm_mapping_close(first);
    sm_mapping_unlink(name, NULL, &err);
    return 0;
}

TEST(mapping_unlink)
{
    char name[64];
    test_unique_name(name, sizeof name, "unl");
    sm_mapping *m = NULL;
    sm_error err;
    bool removed = true;
    ASSERT_EQ_INT(sm_mapping_unlink(name, &removed, &err), SM_OK);
    ASSERT(!removed); /* nothing there yet */
    ASSERT_EQ_INT(sm_mapping_open(name, 64, &m, &err), SM_OK);
    sm_mapping_close(m);
    ASSERT_EQ_INT(sm_mapping_unlink(name, &removed, &err), SM_OK);
    /* POSIX removes the object; on Windows it already died with its last handle. */
    ASSERT_EQ_INT(sm_mapping_open(name, 64, &m, &err), SM_OK);
    ASSERT(sm_mapping_created(m));
    sm_mapping_close(m);
    sm_mapping_unlink(name, NULL, &err);
    ASSERT_EQ_INT(sm_mapping_unlink("Local\\a/b", &removed, &err), SM_ERR_NAME);
    return 0;
}

TEST(mapping_wrong_size)
{
    char name[64];
    test_unique_name(name, sizeof name, "size");
    sm_mapping *small = NULL, *m = NULL;
    sm_error err;
    sm_mapping_unlink(name, NULL, &err);
    /* More than a page apart: Windows and Wine may round a section up to whole pages. */
    ASSERT_EQ_INT(sm_mapping_open(name, 100, &small, &err), SM_OK);
    ASSERT_EQ_INT(sm_mapping_open(name, 8192, &m, &err), SM_ERR_WRONG_SIZE);
    ASSERT(m == NULL);
    ASSERT_CONTAINS(err.message, "smaller than the 8192-byte view");
    ASSERT_CONTAINS(err.message, "--name"); /* the way out on every OS */
    ASSERT_EQ_INT(sm_mapping_open_existing(name, 8192, &m, &err), SM_ERR_WRONG_SIZE);
    /* A larger existing object is fine: the view maps its first bytes. */
    ASSERT_EQ_INT(sm_mapping_open(name, 64, &m, &err), SM_OK);
    sm_mapping_close(m);
    sm_mapping_close(small);
    sm_mapping_unlink(name, NULL, &err);
    return 0;
}

TEST(clock_and_sleep)
{
    unsigned long long before = sm_monotonic_ms();
    sm_sleep_ms(20);
    unsigned long long after = sm_monotonic_ms();
    ASSERT(after >= before + 19); /* at least the time asked for (1 ms of clock granularity) */
    ASSERT(sm_process_id() != 0);
    return 0;
}

/*
 * sm_yield_cpu never blocks: it hands the CPU to a thread that is ready, if
 * any, and comes back (a spinning waiter calls it every few microseconds).
 * A yield that slept or waited for an event would hang here until ctest's
 * 60 s timeout; the process.wake_* tests show what it is for.
 */
TEST(mapping_yield_cpu)
{
    unsigned calls = 0;
    for (; calls < 100; calls++)
        sm_yield_cpu();
    ASSERT_EQ_INT(calls, 100);
    return 0;
}

TEST(mapping_view_lock)
{
    if (!sm_mapping_view_lock_supported())
        return TEST_SKIPPED; /* Windows: sm_mapping_lock's named mutex is the lock */
    char name[64];
    test_unique_name(name, sizeof name, "vlk");
    sm_mapping *first = NULL, *second = NULL;
    sm_error err;
    sm_mapping_unlink(name, NULL, &err);
    ASSERT_EQ_INT(sm_mapping_open(name, 128, &first, &err), SM_OK);
    ASSERT_EQ_INT(sm_mapping_open(name, 128, &second, &err), SM_OK);
    /* Taken and released through one view, then through another: one lock in shared memory. */
    ASSERT_EQ_INT(sm_mapping_view_lock(first, 64, 1000, &err), SM_OK);
    sm_mapping_view_unlock(first, 64);
    ASSERT_EQ_INT(sm_mapping_view_lock(second, 64, SM_WAIT_FOREVER, &err), SM_OK);
    sm_mapping_view_unlock(second, 64);
    /* A lock that would not fit in the view is refused, not overrun. */
    ASSERT(sm_mapping_view_lock(first, 100, 1000, &err) != SM_OK);
    sm_mapping_close(second);
    sm_mapping_close(first);
    sm_mapping_unlink(name, NULL, &err);
    return 0;
}
