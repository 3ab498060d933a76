/*
 * platform_posix.c - the POSIX side of platform.h: start-up has nothing to do
 * (argv and the standard streams are bytes already, UTF-8 the usual
 * locale); the wall clock is clock_gettime.
 */
#define _POSIX_C_SOURCE 200809L
#include "platform.h"

#include <time.h>

void sm_platform_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

void sm_platform_wall_time(long long *seconds, long *nanoseconds)
{
    struct timespec now = {0, 0};
    clock_gettime(CLOCK_REALTIME, &now);
    *seconds = (long long)now.tv_sec;
    *nanoseconds = now.tv_nsec;
}
