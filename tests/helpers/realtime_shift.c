/*
 * realtime_shift.c - an LD_PRELOAD shim for the tests only: it moves this
 * process's wall clock (CLOCK_REALTIME as clock_gettime, gettimeofday and
 * time return it) by SAMPLEMAP_TEST_REALTIME_SHIFT_S seconds, and leaves
 * CLOCK_MONOTONIC alone. To the process this is what a wall clock stepped
 * back by that much after it was read looks like (NTP, a person, a VM
 * resumed): the kernel still waits on the real wall clock, so an absolute
 * CLOCK_REALTIME deadline computed from the shifted time lies that far in
 * the future. process.lock_wait_ignores_wall_clock runs the apps under it
 * and shows that their lock waits do not change. Linux (glibc) only.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static long long shift_seconds(void)
{
    const char *value = getenv("SAMPLEMAP_TEST_REALTIME_SHIFT_S");
    return value != NULL ? atoll(value) : 0;
}

static int real_clock_gettime(clockid_t id, struct timespec *now)
{
    static int (*real)(clockid_t, struct timespec *);
    if (real == NULL)
        *(void **)&real = dlsym(RTLD_NEXT, "clock_gettime");
    return real(id, now);
}

int clock_gettime(clockid_t id, struct timespec *now)
{
    int rc = real_clock_gettime(id, now);
    if (rc == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
        now->tv_sec += (time_t)shift_seconds();
    return rc;
}

int gettimeofday(struct timeval *restrict now, void *restrict zone)
{
    (void)zone; /* obsolete; glibc ignores it too */
    struct timespec spec;
    int rc = clock_gettime(CLOCK_REALTIME, &spec);
    if (rc == 0) {
        now->tv_sec = spec.tv_sec;
        now->tv_usec = spec.tv_nsec / 1000;
    }
    return rc;
}

time_t time(time_t *out)
{
    struct timespec spec;
    time_t now = clock_gettime(CLOCK_REALTIME, &spec) == 0 ? spec.tv_sec : (time_t)-1;
    if (out != NULL)
        *out = now;
    return now;
}
