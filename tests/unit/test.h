/*
 * test.h - the unit tests' tiny framework: ASSERT macros that abort even in
 * release builds, and helpers for unique mapping names (ctest -j safe).
 */
#ifndef SAMPLEMAP_TEST_H
#define SAMPLEMAP_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"

/* Removes the objects of the names this test made, then aborts: a failed ASSERT ends here. */
_Noreturn void test_abort(void);

/* A condition that is true or false in itself; comparisons use ASSERT_EQ and friends below. */
#define ASSERT(cond)                                                                               \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond);           \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

/* Refuses to compile for a floating value, which (long long) would cut: use ASSERT_NEAR. */
#define TEST_INTEGER(x)                                                                            \
    (void)sizeof(char[_Generic((x), float : -1, double : -1, long double : -1, default : 1)])

/*
 * Compares two integers of any integer type (as long long) and, when the
 * comparison fails, prints both expressions with their values: a failed test
 * says what it saw, not only that it saw something else.
 */
#define TEST_COMPARE(a, op, b)                                                                     \
    do {                                                                                           \
        TEST_INTEGER(a);                                                                           \
        TEST_INTEGER(b);                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (!(a_ op b_)) {                                                                         \
            fprintf(stderr, "%s:%d: expected %s %s %s, but %s is %lld and %s is %lld\n", __FILE__, \
                    __LINE__, #a, #op, #b, #a, a_, #b, b_);                                        \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

#define ASSERT_EQ(a, b) TEST_COMPARE(a, ==, b)
#define ASSERT_NE(a, b) TEST_COMPARE(a, !=, b)
#define ASSERT_LT(a, b) TEST_COMPARE(a, <, b)
#define ASSERT_LE(a, b) TEST_COMPARE(a, <=, b)
#define ASSERT_GT(a, b) TEST_COMPARE(a, >, b)
#define ASSERT_GE(a, b) TEST_COMPARE(a, >=, b)

/* value is one of two allowed values (e.g. a lock state that depends on the OS). */
#define ASSERT_EITHER(value, one, other)                                                           \
    do {                                                                                           \
        long long v_ = (long long)(value), one_ = (long long)(one), other_ = (long long)(other);   \
        if (v_ != one_ && v_ != other_) {                                                          \
            fprintf(stderr, "%s:%d: expected %s to be %s (%lld) or %s (%lld), but it is %lld\n",   \
                    __FILE__, __LINE__, #value, #one, one_, #other, other_, v_);                   \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

/* Two doubles within eps of each other (0 for exactly equal). */
#define ASSERT_NEAR(a, b, eps)                                                                     \
    do {                                                                                           \
        double a_ = (double)(a), b_ = (double)(b);                                                 \
        if (!(a_ - b_ <= (eps) && b_ - a_ <= (eps))) {                                             \
            fprintf(stderr,                                                                        \
                    "%s:%d: expected %s == %s (within %g), but they are %.17g and %.17g\n",        \
                    __FILE__, __LINE__, #a, #b, (double)(eps), a_, b_);                            \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

#define ASSERT_NULL(p)                                                                             \
    do {                                                                                           \
        const void *p_ = (const void *)(p);                                                        \
        if (p_ != NULL) {                                                                          \
            fprintf(stderr, "%s:%d: expected %s to be NULL, but it is %p\n", __FILE__, __LINE__,   \
                    #p, p_);                                                                       \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

#define ASSERT_NOT_NULL(p)                                                                         \
    do {                                                                                           \
        if ((p) == NULL) {                                                                         \
            fprintf(stderr, "%s:%d: %s is NULL\n", __FILE__, __LINE__, #p);                        \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

/* size bytes at a and b are equal; else the first offset that differs, with both bytes. */
#define ASSERT_MEM_EQ(a, b, size)                                                                  \
    do {                                                                                           \
        const unsigned char *a_ = (const void *)(a), *b_ = (const void *)(b);                      \
        size_t n_ = (size), i_ = 0;                                                                \
        while (i_ < n_ && a_[i_] == b_[i_])                                                        \
            i_++;                                                                                  \
        if (i_ < n_) {                                                                             \
            fprintf(stderr, "%s:%d: %s and %s differ at byte %zu of %zu: %02x != %02x\n",          \
                    __FILE__, __LINE__, #a, #b, i_, n_, a_[i_], b_[i_]);                           \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

#define ASSERT_STR_EQ(a, b)                                                                        \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (strcmp(a_, b_) != 0) {                                                                 \
            fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, a_, b_);              \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

#define ASSERT_NOT_CONTAINS(haystack, needle)                                                      \
    do {                                                                                           \
        const char *h_ = (haystack), *n_ = (needle);                                               \
        if (strstr(h_, n_) != NULL) {                                                              \
            fprintf(stderr, "%s:%d: \"%s\" contains \"%s\"\n", __FILE__, __LINE__, h_, n_);        \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

#define ASSERT_CONTAINS(haystack, needle)                                                          \
    do {                                                                                           \
        const char *h_ = (haystack), *n_ = (needle);                                               \
        if (strstr(h_, n_) == NULL) {                                                              \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, h_,     \
                    n_);                                                                           \
            test_abort();                                                                          \
        }                                                                                          \
    } while (0)

/* Writes a mapping name unique to this process and tag into out, e.g. "Local\ut1234slot". */
void test_unique_name(char *out, size_t size, const char *tag);

/*
 * Opens a fresh channel under test_unique_name(tag) twice: *tx creates it,
 * *rx opens the existing one (view_bytes 0 = the default 2 KB view).
 */
void test_open_pair(const char *tag, char *name, size_t size, size_t view_bytes, sm_channel **tx,
                    sm_channel **rx);

/*
 * Runs fn(arg) on a new thread (test_thread.c); test_thread_join waits for it
 * and returns what fn returned. Either aborts the test if the OS refuses.
 */
typedef struct test_thread test_thread;
/* Pins the calling thread to the first CPU it may use; threads it starts after inherit that (Linux;
 * else false). */
bool test_thread_pin_one_cpu(void);
test_thread *test_thread_start(int (*fn)(void *), void *arg);
int test_thread_join(test_thread *thread);

/*
 * The calling thread's scheduling, for the quick-wake tests (test_thread.c):
 * its time slice in ns as Linux shows it (/proc/thread-self/sched, se.slice;
 * -1 where the OS shows none), its nice value, and a switch to the idle
 * policy. The set functions return false where the OS has no such thing.
 */
long long test_thread_slice_ns(void);
bool test_os_has_custom_slices(void); /* Linux 6.12 or later: a thread may ask for its own slice */
bool test_thread_set_nice(int nice);
int test_thread_nice(void);
bool test_thread_set_idle_policy(void);

/*
 * Declares the sm_message `name` with a buffer of the default view's units
 * (SM_SLOT_UNITS, 2 KB) on the stack: what a test's takes and peeks on a
 * default-sized channel copy into.
 */
#define TEST_MESSAGE(name)                                                                         \
    uint16_t name##_units[SM_SLOT_UNITS];                                                          \
    sm_message name = SM_MESSAGE_INIT(name##_units, SM_SLOT_UNITS)

/* Exit code that ctest reads as "skipped" (SKIP_RETURN_CODE). */
#define TEST_SKIPPED 77

/* Declares every test from the list, then lets TEST(name) open a definition. */
#define TEST(name) int test_##name(void);
#include "test_list.h"
#undef TEST
#define TEST(name) int test_##name(void)

#endif
