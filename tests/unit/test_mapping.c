/* test_mapping.c - the OS seam, through mapping.h only (runs on every backend). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#if defined(__linux__) || defined(__FreeBSD__)
#include <pthread.h> /* sizeof(pthread_mutex_t): the in-view lock's ABI */
#endif

#include "mapping.h"
#include "os_process.h"
#include "test.h"

TEST(mapping_create_then_open)
{
    char name[64];
    test_unique_name(name, sizeof name, "map");
    sm_mapping *first = NULL, *second = NULL;
    sm_error err;
    sm_mapping_unlink(name, NULL, &err); /* a leftover from a crashed run */
    ASSERT_EQ(sm_mapping_open(name, 2048, &first, &err), SM_OK);
    ASSERT(sm_mapping_created(first));
    ASSERT_EQ(sm_mapping_size(first), 2048);
    ASSERT_STR_EQ(sm_mapping_name(first), name);
    ASSERT_GT(strlen(sm_mapping_os_name(first)), 0);
    unsigned char *a = sm_mapping_view(first);
    for (size_t i = 0; i < 2048; i++)
        ASSERT_EQ(a[i], 0); /* a new object starts zero-filled: an empty slot */
    ASSERT_EQ(sm_mapping_open(name, 2048, &second, &err), SM_OK);
    ASSERT(!sm_mapping_created(second));
    unsigned char *b = sm_mapping_view(second);
    ASSERT_NE(a, b);
    a[7] = 42; /* both views show the same memory */
    ASSERT_EQ(b[7], 42);
    sm_mapping *third = NULL;
    ASSERT_EQ(sm_mapping_open_existing(name, 2048, &third, &err), SM_OK);
    ASSERT(!sm_mapping_created(third));
    sm_mapping_close(third);
    sm_mapping_close(second);
    sm_mapping_close(first);
    sm_mapping_close(NULL);
    ASSERT_EQ(sm_mapping_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/*
 * sm_mapping_open_until: creates or only opens as asked, and a deadline that
 * has already passed still allows one try (an open that needs no wait works).
 */
TEST(mapping_open_until)
{
    char name[64];
    test_unique_name(name, sizeof name, "mou");
    sm_mapping *made = NULL, *found = NULL, *missing = NULL;
    sm_error err;
    sm_mapping_unlink(name, NULL, &err);
    ASSERT_EQ(sm_mapping_open_until(name, 256, false, sm_monotonic_ms() + 1000, &missing, &err),
              SM_ERR_NOT_FOUND);
    ASSERT_NULL(missing);
    ASSERT_EQ(sm_mapping_open_until(name, 256, true, sm_monotonic_ms() + 1000, &made, &err), SM_OK);
    ASSERT(sm_mapping_created(made));
    ASSERT_EQ(sm_mapping_open_until(name, 256, false, sm_monotonic_ms() - 1, &found, &err), SM_OK);
    ASSERT(!sm_mapping_created(found));
    ((unsigned char *)sm_mapping_view(made))[3] = 7;
    ASSERT_EQ(((unsigned char *)sm_mapping_view(found))[3], 7);
    sm_mapping_close(found);
    sm_mapping_close(made);
    ASSERT_EQ(sm_mapping_unlink(name, NULL, &err), SM_OK);
    return 0;
}

TEST(mapping_open_existing_missing)
{
    char name[64];
    test_unique_name(name, sizeof name, "none");
    sm_mapping *m = NULL;
    sm_error err;
    ASSERT_EQ(sm_mapping_open_existing(name, 2048, &m, &err), SM_ERR_NOT_FOUND);
    ASSERT_NULL(m);
    ASSERT_CONTAINS(err.message, name);
    ASSERT_EQ(sm_mapping_open("Local\\bad/name", 2048, &m, &err), SM_ERR_NAME);
    ASSERT_EQ(sm_mapping_open(name, 0, &m, &err), SM_ERR_INVALID_ARGUMENT);
    return 0;
}

TEST(mapping_lock_unlock)
{
    char name[64];
    test_unique_name(name, sizeof name, "lock");
    sm_mapping *m = NULL;
    sm_error err;
    ASSERT_EQ(sm_mapping_open(name, 128, &m, &err), SM_OK);
    /* Without state bytes, and with them (the object itself offers them here). */
    ASSERT_EQ(sm_mapping_lock(m, NULL, 0, SM_WAIT_FOREVER, &err), SM_OK);
    sm_mapping_unlock(m, NULL, 0);
    ASSERT_EQ(sm_mapping_lock(m, NULL, 0, SM_WAIT_FOREVER, &err),
              SM_OK); /* released, so it can be taken again */
    sm_mapping_unlock(m, NULL, 0);
    ASSERT_EQ(sm_mapping_lock(m, m, 64, 1000, &err), SM_OK);
    sm_mapping_unlock(m, m, 64);
    ASSERT_EQ(sm_mapping_lock(m, m, 64, 1000, &err), SM_OK);
    sm_mapping_unlock(m, m, 64);
    /* State bytes that would not fit in their view, or are misaligned, are refused, not overrun. */
    ASSERT_EQ(sm_mapping_lock(m, m, 100, 1000, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_EQ(sm_mapping_lock(m, m, 4, 1000, &err), SM_ERR_INVALID_ARGUMENT);
    sm_mapping_close(m);
    ASSERT_EQ(sm_mapping_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/*
 * One user of the lock with its own opens of both objects, as another
 * process has: flock contends between open descriptions, not threads.
 */
typedef struct lock_user {
    sm_mapping *data, *state;
    volatile int held;    /* set by the holder thread once it has the lock */
    volatile int release; /* set by the main thread: unlock now */
    int rounds;           /* lock_counter: increments to make */
} lock_user;

#define LOCK_STATE_OFFSET 64
#define LOCK_ROUNDS 2000

static void lock_user_open(lock_user *user, const char *name, const char *state_name)
{
    sm_error err;
    memset(user, 0, sizeof *user);
    ASSERT_EQ(sm_mapping_open(name, 2048, &user->data, &err), SM_OK);
    ASSERT_EQ(sm_mapping_open(state_name, 128, &user->state, &err), SM_OK);
}

static void lock_user_close(lock_user *user)
{
    sm_mapping_close(user->state);
    sm_mapping_close(user->data);
}

/* Holds the lock until told to release it. */
static int lock_holder(void *arg)
{
    lock_user *user = arg;
    sm_error err;
    ASSERT_EQ(sm_mapping_lock(user->data, user->state, LOCK_STATE_OFFSET, 5000, &err), SM_OK);
    user->held = 1;
    while (!user->release)
        sm_sleep_ms(1);
    sm_mapping_unlock(user->data, user->state, LOCK_STATE_OFFSET);
    return 0;
}

/*
 * Increments a counter in the shared view under the lock, as a read, a yield
 * and a write: without mutual exclusion two threads lose increments.
 */
static int lock_counter(void *arg)
{
    lock_user *user = arg;
    sm_error err;
    volatile uint32_t *counter = (volatile uint32_t *)sm_mapping_view(user->data);
    for (int i = 0; i < user->rounds; i++) {
        ASSERT_EQ(sm_mapping_lock(user->data, user->state, LOCK_STATE_OFFSET, 5000, &err), SM_OK);
        uint32_t seen = *counter;
        if (i % 8 == 0)
            sm_sleep_ms(0);
        *counter = seen + 1;
        sm_mapping_unlock(user->data, user->state, LOCK_STATE_OFFSET);
    }
    return 0;
}

/*
 * The lock of one name scope, whatever kind the backend chose for it: a
 * second user waits its whole bound for a held lock (never less), gets it
 * once released, and two users never interleave inside it. The kill-the-
 * holder half needs processes: process.killed_writer_holding_lock (Local)
 * and process.killed_writer_holding_lock_global.
 */
static int lock_contends(const char *prefix, const char *tag)
{
    char name[64], state_name[80];
    sm_error err;
    char local[64];
    test_unique_name(local, sizeof local, tag);
    snprintf(name, sizeof name, "%s%s", prefix, strchr(local, '\\') + 1);
    snprintf(state_name, sizeof state_name, "%s.st", name);
    sm_mapping_unlink(name, NULL, &err);
    sm_mapping_unlink(state_name, NULL, &err);
    lock_user holder, waiter;
    sm_mapping *probe = NULL;
    sm_status opened = sm_mapping_open(name, 2048, &probe, &err);
    if (opened == SM_ERR_PERMISSION)
        return TEST_SKIPPED; /* Windows without SeCreateGlobalPrivilege */
    ASSERT_EQ(opened, SM_OK);
    sm_mapping_close(probe);
    lock_user_open(&holder, name, state_name);
    lock_user_open(&waiter, name, state_name);

    /* Mutual exclusion: two threads, each with its own opens, count to 2 * LOCK_ROUNDS. */
    *(volatile uint32_t *)sm_mapping_view(holder.data) = 0;
    holder.rounds = waiter.rounds = LOCK_ROUNDS;
    test_thread *thread = test_thread_start(lock_counter, &holder);
    ASSERT_EQ(lock_counter(&waiter), 0);
    ASSERT_EQ(test_thread_join(thread), 0);
    ASSERT_EQ(*(volatile uint32_t *)sm_mapping_view(waiter.data), 2 * LOCK_ROUNDS);

    /* Held: the other user waits its whole bound, then gets it once released. */
    thread = test_thread_start(lock_holder, &holder);
    while (!holder.held)
        sm_sleep_ms(1);
    unsigned long long start = sm_monotonic_ms();
    ASSERT_EQ(sm_mapping_lock(waiter.data, waiter.state, LOCK_STATE_OFFSET, 100, &err),
              SM_ERR_HELD);
    unsigned long long waited = sm_monotonic_ms() - start;
    ASSERT_GE(waited, 99);   /* waited its bound: a lock that gives up at once fails here */
    ASSERT_LT(waited, 3000); /* and not much more */
    ASSERT_EQ(err.code, SM_ERR_HELD);
    /* The message gives the time really waited, not the bound asked for. */
    const char *said = strstr(err.message, "for the ");
    ASSERT_NOT_NULL(said);
    unsigned long long said_ms = strtoull(said + strlen("for the "), NULL, 10);
    ASSERT_GE(said_ms, 99);
    ASSERT_LE(said_ms, waited);
    ASSERT_CONTAINS(err.message, " ms waited");
    ASSERT_EQ(sm_mapping_lock(waiter.data, waiter.state, LOCK_STATE_OFFSET, 0, &err), SM_ERR_HELD);
    holder.release = 1;
    ASSERT_EQ(sm_mapping_lock(waiter.data, waiter.state, LOCK_STATE_OFFSET, 5000, &err), SM_OK);
    sm_mapping_unlock(waiter.data, waiter.state, LOCK_STATE_OFFSET);
    ASSERT_EQ(test_thread_join(thread), 0);

    lock_user_close(&waiter);
    lock_user_close(&holder);
    ASSERT_EQ(sm_mapping_unlink(state_name, NULL, &err), SM_OK);
    ASSERT_EQ(sm_mapping_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/* POSIX: the robust mutex in the state bytes; Windows: the named mutex. */
TEST(lock_contends_local)
{
    return lock_contends("Local\\", "lkl");
}

/* POSIX: flock on the data object; Windows: the named mutex. */
TEST(lock_contends_global)
{
    return lock_contends("Global\\", "lkg");
}

/* The in-view mutex of a Local name has this ABI's layout; flock and named mutexes have none. */
TEST(mapping_lock_abi)
{
    char local[64], global[64];
    test_unique_name(local, sizeof local, "abi");
    snprintf(global, sizeof global, "Global\\%s", strchr(local, '\\') + 1);
    sm_mapping *l = NULL, *g = NULL;
    sm_error err;
    ASSERT_EQ(sm_mapping_open(local, 128, &l, &err), SM_OK);
#if defined(__linux__) || defined(__FreeBSD__)
    uint32_t expected = (uint32_t)(sizeof(void *) * 8) << 16 | (uint32_t)sizeof(pthread_mutex_t);
    ASSERT_EQ(sm_mapping_lock_abi(l), expected);
    ASSERT_EQ(sm_mapping_lock_abi(l) >> 16, sizeof(void *) == 8 ? 64 : 32);
#else
    ASSERT_EQ(sm_mapping_lock_abi(l), 0); /* Windows: a named mutex, the same for any bitness */
#endif
    sm_status opened = sm_mapping_open(global, 128, &g, &err);
    if (opened == SM_OK) { /* Windows without SeCreateGlobalPrivilege refuses Global names */
        ASSERT_EQ(sm_mapping_lock_abi(g), 0);
        sm_mapping_close(g);
        ASSERT_EQ(sm_mapping_unlink(global, NULL, &err), SM_OK);
    }
    sm_mapping_close(l);
    ASSERT_EQ(sm_mapping_unlink(local, NULL, &err), SM_OK);
    return 0;
}

TEST(mapping_unlink)
{
    char name[64];
    test_unique_name(name, sizeof name, "unl");
    sm_mapping *m = NULL;
    sm_error err;
    bool removed = true;
    ASSERT_EQ(sm_mapping_unlink(name, &removed, &err), SM_OK);
    ASSERT(!removed); /* nothing there yet */
    ASSERT_EQ(sm_mapping_open(name, 64, &m, &err), SM_OK);
    sm_mapping_close(m);
    ASSERT_EQ(sm_mapping_unlink(name, &removed, &err), SM_OK);
    /* POSIX removes the object; on Windows it already died with its last handle. */
    ASSERT_EQ(sm_mapping_open(name, 64, &m, &err), SM_OK);
    ASSERT(sm_mapping_created(m));
    /*
     * Removed while still open: POSIX removes the name (removed = true), so
     * the next open creates a new object; Windows cannot (removed = false),
     * so the next open finds the one still held. Either way "removed" must
     * match what the next open sees.
     */
    removed = false;
    ASSERT_EQ(sm_mapping_unlink(name, &removed, &err), SM_OK);
    sm_mapping *next = NULL;
    ASSERT_EQ(sm_mapping_open(name, 64, &next, &err), SM_OK);
    ASSERT_EQ(sm_mapping_created(next), removed);
    sm_mapping_close(next);
    sm_mapping_close(m);
    ASSERT_EQ(sm_mapping_unlink(name, NULL, &err), SM_OK);
    ASSERT_EQ(sm_mapping_unlink("Local\\a/b", &removed, &err), SM_ERR_NAME);
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
    ASSERT_EQ(sm_mapping_open(name, 100, &small, &err), SM_OK);
    ASSERT_EQ(sm_mapping_open(name, 8192, &m, &err), SM_ERR_WRONG_SIZE);
    ASSERT_NULL(m);
    ASSERT_CONTAINS(err.message, "smaller than the 8192-byte view");
    ASSERT_CONTAINS(err.message, "another program made it"); /* what happened, on every OS */
    ASSERT_EQ(sm_mapping_open_existing(name, 8192, &m, &err), SM_ERR_WRONG_SIZE);
    /* A larger existing object is fine: the view maps its first bytes. */
    ASSERT_EQ(sm_mapping_open(name, 64, &m, &err), SM_OK);
    sm_mapping_close(m);
    sm_mapping_close(small);
    sm_mapping_unlink(name, NULL, &err);
    return 0;
}

/* The OS seam's wake words: a wait on a word that already moved returns at once. */
TEST(mapping_wait_wake_word)
{
    char name[64];
    sm_mapping *m;
    sm_error err;
    test_unique_name(name, sizeof name, "word");
    sm_mapping_unlink(name, NULL, &err);
    ASSERT_EQ(sm_mapping_open(name, 64, &m, &err), SM_OK);
    volatile uint32_t *word = (volatile uint32_t *)((char *)sm_mapping_view(m) + 16);
    *word = 7;
    unsigned long long start = sm_monotonic_ms();
    sm_mapping_wait_word(m, 16, 6, 5000); /* 7 != 6: no sleep */
    ASSERT_LT(sm_monotonic_ms() - start, 2000);
    sm_mapping_wake_word(m, 16);          /* nobody asleep: harmless */
    sm_mapping_wait_word(m, 16, 7, 20);   /* equal: sleeps until the timeout (or a stale event) */
    sm_mapping_wait_word(m, 18, 7, 5000); /* misaligned: refused, returns */
    ASSERT_LT(sm_monotonic_ms() - start, 4000);
    unsigned long long ns0 = sm_monotonic_ns();
    ASSERT_GE(sm_monotonic_ns(), ns0);
    /* The sub-millisecond sleep sleeps at least that long (Windows: a whole millisecond). */
    ns0 = sm_monotonic_ns();
    sm_sleep_us(300);
    unsigned long long slept = sm_monotonic_ns() - ns0;
    ASSERT_GE(slept, 300000ull);
    ASSERT_LT(slept, 2000000000ull);
    sm_sleep_us(0); /* just a yield */
    sm_mapping_close(m);
    ASSERT_EQ(sm_mapping_unlink(name, NULL, &err), SM_OK);
    return 0;
}
