/*
 * litmus_storeload.c - the one reordering x86 does: a store followed by a load of another
 * address (StoreLoad). Two threads, many runs; in each run, from x = y = 0:
 *
 *     thread 1: x = 1; r1 = y;          thread 2: y = 1; r2 = x;
 *
 * In program order at least one load comes after the other thread's store, so r1 == r2 == 0
 * looks impossible. On x86 it happens: each store waits in its CPU's store buffer while the
 * load after it already reads memory. --order says how the stores and loads are made:
 *   relaxed   plain stores and loads (what memory_order_relaxed and _release compile to on x86)
 *   release   store release, load acquire: still a plain MOV each on x86, still reorders
 *   seq_cst   store and load seq_cst: the store is an XCHG, which drains the store buffer
 *   fence     relaxed store, atomic_thread_fence(seq_cst) (MFENCE), relaxed load
 * The wake handshake of the channel (signal_word / wait_word in common/ipc/channel.c) is this
 * shape: "bump the word, then load the sleepers" against "add a sleeper, then load the word".
 * It is correct only because both pairs are seq_cst (lab exercise 6 shows a lost wake-up).
 *
 * usage: litmus_storeload [--order relaxed|release|seq_cst|fence] [--runs N] [--seed N]
 *                         [--seconds S]
 * Prints how many runs saw r1 == r2 == 0, of how many: --seconds stops earlier once S seconds
 * passed (each run needs both threads on a CPU at once, so a busy machine may do a hundredth of
 * the runs in the same time; ctest gives it 20 s, see tests/threads/CMakeLists.txt). Exit 0, except
 * 1 when seq_cst or fence saw one (the C11 memory model forbids it there; that would be a compiler
 * or CPU bug) and 2 on bad usage. How often relaxed reorders depends on the CPU and on what else
 * runs (on the shared two-core VM where it was written, from tens to thousands per million runs): a
 * demonstration, not a benchmark. threads.litmus_seq_cst and threads.litmus_fence check that those
 * two never show it.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum order { ORDER_RELAXED, ORDER_RELEASE, ORDER_SEQ_CST, ORDER_FENCE };
static const char *const order_names[] = {"relaxed", "release", "seq_cst", "fence"};

/* On separate cache lines, so the two stores do not share one. */
static _Alignas(64) _Atomic int x;
static _Alignas(64) _Atomic int y;
static _Alignas(64) _Atomic unsigned long start_run; /* thread 1 starts run n by storing n */
static _Alignas(64) _Atomic unsigned long done_runs[2];
static int r[2];
static enum order order = ORDER_RELAXED;
static unsigned long runs = 1000000;
static _Atomic bool stopping; /* set before the last start_run store when --seconds ran out */

/* The store-then-load of one thread, in the chosen order. */
static int store_then_load(_Atomic int *mine, _Atomic int *other)
{
    switch (order) {
    case ORDER_RELAXED:
        atomic_store_explicit(mine, 1, memory_order_relaxed);
        return atomic_load_explicit(other, memory_order_relaxed);
    case ORDER_RELEASE:
        atomic_store_explicit(mine, 1, memory_order_release);
        return atomic_load_explicit(other, memory_order_acquire);
    case ORDER_SEQ_CST: atomic_store(mine, 1); return atomic_load(other);
    case ORDER_FENCE:
        atomic_store_explicit(mine, 1, memory_order_relaxed);
        atomic_thread_fence(memory_order_seq_cst);
        return atomic_load_explicit(other, memory_order_relaxed);
    }
    return -1;
}

/* Spins until *word reaches value; yields now and then, as two cores are shared. */
static void wait_for(_Atomic unsigned long *word, unsigned long value)
{
    for (unsigned spins = 1; atomic_load_explicit(word, memory_order_acquire) < value; spins++)
        if (spins % 1024 == 0)
            sched_yield();
}

/* A few dozen iterations of nothing, so the two threads' stores line up differently each run. */
static void jitter(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    for (volatile unsigned i = (*seed >> 16) % 16; i > 0; i--) {
    }
}

static void *second_thread(void *arg)
{
    unsigned seed = *(unsigned *)arg ^ 0x9e3779b9u;
    for (unsigned long n = 1; n <= runs; n++) {
        wait_for(&start_run, n);
        if (atomic_load_explicit(&stopping, memory_order_acquire))
            break;
        jitter(&seed);
        r[1] = store_then_load(&y, &x);
        atomic_store_explicit(&done_runs[1], n, memory_order_release);
    }
    return NULL;
}

static double seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    unsigned seed = 1;
    double seconds = 0;                 /* 0: no time bound */
    for (int i = 1; i < argc; i += 2) { /* every option takes a value */
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--order") == 0 && value) {
            int found = -1;
            for (int k = 0; k < 4; k++)
                if (strcmp(value, order_names[k]) == 0)
                    found = k;
            if (found < 0) {
                fprintf(stderr,
                        "litmus_storeload: --order must be relaxed, release, seq_cst or fence, not "
                        "'%s'\n",
                        value);
                return 2;
            }
            order = (enum order)found;
        } else if (strcmp(argv[i], "--runs") == 0 && value && atol(value) > 0) {
            runs = strtoul(value, NULL, 10);
        } else if (strcmp(argv[i], "--seconds") == 0 && value && atof(value) > 0) {
            seconds = atof(value);
        } else if (strcmp(argv[i], "--seed") == 0 && value) {
            seed = (unsigned)strtoul(value, NULL, 10);
        } else {
            fprintf(stderr,
                    "usage: litmus_storeload [--order relaxed|release|seq_cst|fence] [--runs N>0] "
                    "[--seed N] [--seconds S>0]\n");
            return 2;
        }
    }
    pthread_t other;
    if (pthread_create(&other, NULL, second_thread, &seed) != 0) {
        fprintf(stderr, "litmus_storeload: pthread_create failed\n");
        return 1;
    }
    unsigned long both_zero = 0, done = 0;
    unsigned my_seed = seed;
    double deadline = seconds > 0 ? seconds_now() + seconds : 0;
    for (unsigned long n = 1; n <= runs; n++) {
        if (deadline > 0 && n % 256 == 0 && seconds_now() >= deadline) {
            /* Release: the other thread, woken by run n's start, sees stopping and ends. */
            atomic_store_explicit(&stopping, true, memory_order_release);
            atomic_store_explicit(&start_run, n, memory_order_release);
            break;
        }
        atomic_store_explicit(&x, 0, memory_order_relaxed);
        atomic_store_explicit(&y, 0, memory_order_relaxed);
        /* Release: the resets above happen-before the other thread's run n. */
        atomic_store_explicit(&start_run, n, memory_order_release);
        jitter(&my_seed);
        r[0] = store_then_load(&x, &y);
        wait_for(&done_runs[1], n);
        if (r[0] == 0 && r[1] == 0)
            both_zero++;
        done = n;
    }
    pthread_join(other, NULL);
    printf("%s: %lu of %lu runs saw r1 == r2 == 0 (each load passed its own thread's store)%s\n",
           order_names[order], both_zero, done,
           done < runs ? "; --seconds ran out before --runs" : "");
    bool forbidden = (order == ORDER_SEQ_CST || order == ORDER_FENCE) && both_zero > 0;
    if (forbidden)
        fprintf(stderr,
                "litmus_storeload: %s must never show r1 == r2 == 0: the ordering is broken\n",
                order_names[order]);
    return forbidden ? 1 : 0;
}
