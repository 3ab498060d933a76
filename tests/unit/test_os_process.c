/* test_os_process.c - the OS seam's process half (os_process.h): clocks, sleeps, yields, scheduling
 * hints. */
#include <stdatomic.h>

#include "os_process.h"
#include "test.h"

TEST(clock_and_sleep)
{
    unsigned long long before = sm_monotonic_ms();
    sm_sleep_ms(20);
    unsigned long long after = sm_monotonic_ms();
    ASSERT_GE(after, before + 19); /* at least the time asked for (1 ms of clock granularity) */
    ASSERT_NE(sm_process_id(), 0);
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
    ASSERT_EQ(calls, 100);
    return 0;
}

static _Atomic int contention_spin_stop;

static int contention_spinner(void *arg)
{
    (void)arg;
    while (!atomic_load(&contention_spin_stop))
        sm_cpu_relax();
    return 0;
}

/* On a thread of its own: its one-CPU affinity must not leak into other tests. */
static int contended_while_a_thread_spins_beside(void *arg)
{
    (void)arg;
    if (!test_thread_pin_one_cpu()) { /* not Linux: no count of ready threads, always false */
        ASSERT(!sm_cpus_contended());
        return 0;
    }
    atomic_store(&contention_spin_stop, 0);
    test_thread *spinner = test_thread_start(contention_spinner, NULL); /* same CPU (inherited) */
    bool contended = false;
    unsigned long long end = sm_monotonic_ms() + 2000;
    while (!contended && sm_monotonic_ms() < end) {
        contended = sm_cpus_contended();
        sm_sleep_us(SM_CONTENTION_CHECK_US / 2); /* the answer is cached that long */
    }
    atomic_store(&contention_spin_stop, 1);
    ASSERT_EQ(test_thread_join(spinner), 0);
    ASSERT(contended);
    return 0;
}

/*
 * sm_cpus_contended: a thread pinned to one CPU, with a second thread
 * spinning on the same CPU, sees two ready threads for one CPU - contended,
 * so a waiter there sleeps instead of spinning (channel.c's wait_word).
 * "Not contended" is not asserted: other tests and engineers share the CPUs.
 */
TEST(mapping_cpus_contended)
{
    ASSERT_EQ(test_thread_join(test_thread_start(contended_while_a_thread_spins_beside, NULL)), 0);
    return 0;
}

/* On a thread of its own: its one-CPU affinity must not leak into other tests. */
static int single_cpu_once_pinned(void *arg)
{
    (void)arg;
    bool before = sm_single_cpu();
    if (!test_thread_pin_one_cpu()) { /* not Linux: nothing to pin with here */
        ASSERT_EQ(before, false);
        return 0;
    }
    sm_sleep_us(SM_CONTENTION_CHECK_US + 500); /* the answer is cached that long */
    ASSERT_EQ(sm_single_cpu(), true);
    return 0;
}

/*
 * sm_single_cpu: a thread pinned to one CPU says so after the cache time,
 * so a waiter there sleeps instead of spinning (channel.c's wait_word).
 * Elsewhere (no affinity to pin) it says false, so waiters spin as before.
 */
TEST(mapping_single_cpu)
{
    ASSERT_EQ(test_thread_join(test_thread_start(single_cpu_once_pinned, NULL)), 0);
    return 0;
}

/* On a thread of its own (its nice value and slice must not leak into other tests). */
static int quick_wake_keeps_nice(void *arg)
{
    (void)arg;
    long long before = test_thread_slice_ns();
    if (before < 0) { /* no such request here (Windows, other POSIX systems) */
        ASSERT(!sm_thread_request_quick_wake());
        return 0;
    }
    ASSERT(test_thread_set_nice(3));
    ASSERT(sm_thread_request_quick_wake());
    long long after = test_thread_slice_ns();
    if (test_os_has_custom_slices())
        ASSERT_EQ(after, SM_QUICK_WAKE_SLICE_US * 1000ll);
    else
        ASSERT_EQ(after, before);     /* accepted and ignored */
    ASSERT_EQ(test_thread_nice(), 3); /* only the slice changed */
    return 0;
}

static int quick_wake_leaves_idle_policy(void *arg)
{
    (void)arg;
    if (!test_thread_set_idle_policy())
        return 0; /* no idle policy here */
    long long before = test_thread_slice_ns();
    ASSERT(!sm_thread_request_quick_wake());
    ASSERT_EQ(test_thread_slice_ns(), before);
    return 0;
}

/*
 * sm_thread_request_quick_wake gives the calling thread the short slice and
 * changes nothing else: a thread at nice 3 stays at 3 (a request that wrote
 * nice 0 back would fail here, or be refused for an ordinary user), and an
 * idle-policy thread is left alone. Windows: false, nothing to ask.
 * bench's pipe-quick-idle row shows what the slice is worth.
 */
TEST(mapping_quick_wake_request)
{
    ASSERT_EQ(test_thread_join(test_thread_start(quick_wake_keeps_nice, NULL)), 0);
    ASSERT_EQ(test_thread_join(test_thread_start(quick_wake_leaves_idle_policy, NULL)), 0);
    return 0;
}

TEST(process_name)
{
    char name[64];
#if defined(__linux__)
    /* The kernel's comm: the executable's name cut to 15 bytes. */
    ASSERT(sm_process_name(sm_process_id(), name, sizeof name));
    ASSERT_STR_EQ(name, "samplemap_unit_");
#elif defined(_WIN32)
    ASSERT(sm_process_name(sm_process_id(), name, sizeof name));
    ASSERT_STR_EQ(name, "samplemap_unit_tests.exe");
#endif
    /* No such process: false and an empty name (pid 0 is never a user process). */
    ASSERT(!sm_process_name(0, name, sizeof name));
    ASSERT_STR_EQ(name, "");
    ASSERT(!sm_process_name(1234, name, 0));
    return 0;
}
