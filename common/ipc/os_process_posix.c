/* os_process_posix.c - the POSIX backend of os_process.h: getpid, nanosleep, CLOCK_MONOTONIC. */
#define _POSIX_C_SOURCE 200809L

#include "os_process.h"

#include <errno.h>
#include <time.h>
#include <unistd.h>

unsigned long sm_process_id(void) { return (unsigned long)getpid(); }

void sm_sleep_ms(unsigned milliseconds)
{
    struct timespec delay = {(time_t)(milliseconds / 1000), (long)(milliseconds % 1000) * 1000000L};
    /* A signal cuts the sleep short: nanosleep left the rest in delay, so sleep that. */
    while (nanosleep(&delay, &delay) != 0 && errno == EINTR) {
    }
}

unsigned long long sm_monotonic_ns(void)
{
    struct timespec now;
    /* Cannot fail: CLOCK_MONOTONIC is mandatory in POSIX.1-2008 and &now is valid. */
    (void)clock_gettime(CLOCK_MONOTONIC, &now);
    return (unsigned long long)now.tv_sec * 1000000000ull + (unsigned long long)now.tv_nsec;
}

unsigned long long sm_monotonic_ms(void) { return sm_monotonic_ns() / 1000000ull; }
