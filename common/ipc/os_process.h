/*
 * os_process.h - the OS seam's second, smaller half: who we are and what time
 * it is. The process id, a sleep, and a monotonic clock, for messages,
 * polling loops and timeouts. No mapping in here: see mapping.h for that.
 *
 * One backend per OS, chosen by CMake like the mapping backend:
 * os_process_posix.c (getpid, nanosleep, CLOCK_MONOTONIC) or
 * os_process_win32.c (GetCurrentProcessId, Sleep, QueryPerformanceCounter).
 * None of these can fail on a working system, so none reports an error.
 */
#ifndef SAMPLEMAP_IPC_OS_PROCESS_H
#define SAMPLEMAP_IPC_OS_PROCESS_H

#include <limits.h>

/* A timeout meaning "no bound": only for callers that really may wait for ever. */
#define SM_WAIT_FOREVER UINT_MAX

/* Process id of the caller, for messages and test hooks. */
unsigned long sm_process_id(void);

/* Sleeps for at least milliseconds (0 = just yield); used by the polling loops. */
void sm_sleep_ms(unsigned milliseconds);

/* A monotonic clock in milliseconds, for timeouts. */
unsigned long long sm_monotonic_ms(void);

/* The same clock in nanoseconds, for bounded spinning and latency figures. */
unsigned long long sm_monotonic_ns(void);

#endif
