/* os_process_posix.c - the POSIX backend of os_process.h: getpid, nanosleep, CLOCK_MONOTONIC. */
#define _DEFAULT_SOURCE /* syscall() */
#define _GNU_SOURCE     /* sched_getaffinity, CPU_COUNT */
#define _POSIX_C_SOURCE 200809L

#include "os_process.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

unsigned long sm_process_id(void)
{
    return (unsigned long)getpid();
}

bool sm_process_alive(unsigned long pid)
{
    if (pid == 0 || pid > (unsigned long)INT_MAX)
        return false;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

bool sm_process_name(unsigned long pid, char *out, size_t size)
{
    if (size == 0)
        return false;
    out[0] = '\0';
#if defined(__linux__)
    char path[64];
    snprintf(path, sizeof path, "/proc/%lu/comm", pid);
    int fd = pid == 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t got = read(fd, out, size - 1);
    (void)close(fd); /* read-only: nothing to lose */
    if (got <= 0)
        return false;
    out[got] = '\0';
    out[strcspn(out, "\n")] = '\0'; /* the kernel ends it with a newline */
    return out[0] != '\0';
#else
    (void)pid;
    return false;
#endif
}

/* Its only error, ENOSYS, cannot happen on a system with threads. */
void sm_yield_cpu(void)
{
    (void)sched_yield();
}

#if defined(__linux__)
/*
 * /proc/loadavg reads "0.52 0.58 0.59 3/612 4242": the fourth field's first
 * number is how many threads are running or ready to run right now (the
 * reader among them). Returns it, or -1.
 */
static long running_threads(void)
{
    char text[128];
    int fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    const char *p = text;
    for (int field = 0; field < 3 && p != NULL; field++)
        p = strchr(p, ' ') != NULL ? strchr(p, ' ') + 1 : NULL;
    if (p == NULL)
        return -1;
    char *end;
    long running = strtol(p, &end, 10);
    return end != p && *end == '/' ? running : -1;
}

/*
 * What a waiter knows of the CPUs, looked at again every SM_CONTENTION_CHECK_US, per thread:
 * its own affinity, and no sharing between threads to get wrong.
 */
typedef struct cpu_view {
    unsigned long long checked_ns;
    bool contended; /* more threads ready than CPUs (see os_process.h) */
    bool single;    /* this thread may run on one CPU only */
} cpu_view;

static const cpu_view *look_at_cpus(void)
{
    static _Thread_local cpu_view view;
    unsigned long long now = sm_monotonic_ns();
    if (view.checked_ns != 0 && now - view.checked_ns < SM_CONTENTION_CHECK_US * 1000ull)
        return &view;
    view.checked_ns = now;
    cpu_set_t cpus;
    bool known = sched_getaffinity(0, sizeof cpus, &cpus) == 0;
    long running = running_threads();
    view.single = known && CPU_COUNT(&cpus) == 1;
    /* No way to tell: spin as before. + 1: the peer (see os_process.h). */
    view.contended = known && running >= 0 && running > CPU_COUNT(&cpus) + 1;
    return &view;
}

bool sm_cpus_contended(void)
{
    return look_at_cpus()->contended;
}

bool sm_single_cpu(void)
{
    return look_at_cpus()->single;
}
#else
bool sm_cpus_contended(void)
{
    return false; /* no count of ready threads here */
}

bool sm_single_cpu(void)
{
    return false; /* no portable affinity call */
}
#endif

#if defined(__linux__) && defined(SYS_sched_getattr) && defined(SYS_sched_setattr)
/* The kernel's struct sched_attr, first version (48 bytes): glibc before 2.41 declares none. */
typedef struct sm_sched_attr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
} sm_sched_attr;
#define SM_SCHED_OTHER 0
#define SM_SCHED_BATCH 3
#define SM_SCHED_FLAG_RESET_ON_FORK 0x01

bool sm_thread_request_quick_wake(void)
{
    sm_sched_attr attr;
    memset(&attr, 0, sizeof attr);
    /* Read first, so the policy and nice value are written back unchanged. */
    if (syscall(SYS_sched_getattr, 0, &attr, (unsigned)sizeof attr, 0u) != 0)
        return false;
    if (attr.policy != SM_SCHED_OTHER && attr.policy != SM_SCHED_BATCH)
        return false; /* real-time or idle: its own rules, not ours to change */
    attr.size = (uint32_t)sizeof attr;
    attr.flags &= SM_SCHED_FLAG_RESET_ON_FORK;
    /* For these policies sched_runtime is the slice (6.12+), clamped by the kernel to 0.1-100 ms.
     */
    attr.runtime = SM_QUICK_WAKE_SLICE_US * 1000ull;
    return syscall(SYS_sched_setattr, 0, &attr, 0u) == 0;
}
#else
bool sm_thread_request_quick_wake(void)
{
    return false; /* no such request on this system */
}
#endif

static void sleep_for(struct timespec delay)
{
    /* A signal cuts the sleep short: nanosleep left the rest in delay, so sleep that. */
    while (nanosleep(&delay, &delay) != 0 && errno == EINTR) {
    }
}

void sm_sleep_ms(unsigned milliseconds)
{
    struct timespec delay = {(time_t)(milliseconds / 1000), (long)(milliseconds % 1000) * 1000000L};
    sleep_for(delay);
}

void sm_sleep_us(unsigned microseconds)
{
    struct timespec delay = {(time_t)(microseconds / 1000000u),
                             (long)(microseconds % 1000000u) * 1000L};
    sleep_for(delay);
}

unsigned long long sm_monotonic_ns(void)
{
    struct timespec now;
    /* Cannot fail: CLOCK_MONOTONIC is mandatory in POSIX.1-2008 and &now is valid. */
    (void)clock_gettime(CLOCK_MONOTONIC, &now);
    return (unsigned long long)now.tv_sec * 1000000000ull + (unsigned long long)now.tv_nsec;
}

unsigned long long sm_monotonic_ms(void)
{
    return sm_monotonic_ns() / 1000000ull;
}

/*
 * strerror_r comes in two kinds: XSI (returns 0 and fills the buffer; what
 * _POSIX_C_SOURCE alone gets on glibc, and what musl and the BSDs have) and
 * GNU (returns a pointer that may or may not be the buffer; with
 * _GNU_SOURCE). _Generic picks the matching reader from the return type, so
 * either kind compiles and works.
 */
static const char *xsi_result(int rc, char *out)
{
    return rc == 0 ? out : NULL;
}
static const char *gnu_result(char *text, char *out)
{
    (void)out;
    return text;
}

const char *sm_errno_text(int error_number, char *out, size_t size)
{
    out[0] = '\0';
    const char *text = _Generic(strerror_r(error_number, out, size),
                                int: xsi_result, char *: gnu_result)(
        strerror_r(error_number, out, size), out);
    if (text == NULL || text[0] == '\0') {
        (void)snprintf(out, size, "error %d", error_number); /* truncation is fine */
        return out;
    }
    if (text != out)
        (void)snprintf(out, size, "%s", text);
    return out;
}
