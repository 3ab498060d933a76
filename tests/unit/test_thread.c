/*
 * test_thread.c - one helper thread for the unit tests that need two threads
 * contending (locks, waits), and the calling thread's scheduling, which the
 * quick-wake tests read. CreateThread on Windows, pthreads elsewhere: the
 * only per-OS code of the unit tests, kept out of the tests themselves.
 */
#if !defined(_WIN32)
#define _GNU_SOURCE /* SCHED_IDLE */
#endif
#include "test.h"

#if defined(_WIN32)
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

struct test_thread {
    HANDLE handle;
    int (*fn)(void *);
    void *arg;
    int result;
};

static DWORD WINAPI trampoline(LPVOID param)
{
    test_thread *thread = param;
    thread->result = thread->fn(thread->arg);
    return 0;
}

test_thread *test_thread_start(int (*fn)(void *), void *arg)
{
    test_thread *thread = calloc(1, sizeof *thread);
    ASSERT_NOT_NULL(thread);
    thread->fn = fn;
    thread->arg = arg;
    thread->handle = CreateThread(NULL, 0, trampoline, thread, 0, NULL);
    ASSERT_NOT_NULL(thread->handle);
    return thread;
}

int test_thread_join(test_thread *thread)
{
    ASSERT_EQ(WaitForSingleObject(thread->handle, INFINITE), WAIT_OBJECT_0);
    CloseHandle(thread->handle);
    int result = thread->result;
    free(thread);
    return result;
}

long long test_thread_slice_ns(void)
{
    return -1;
}
bool test_os_has_custom_slices(void)
{
    return false;
}
bool test_thread_set_nice(int nice)
{
    (void)nice;
    return false;
}
int test_thread_nice(void)
{
    return 0;
}
bool test_thread_set_idle_policy(void)
{
    return false;
}
bool test_thread_pin_one_cpu(void)
{
    return false;
}
#else
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/utsname.h>

struct test_thread {
    pthread_t handle;
    int (*fn)(void *);
    void *arg;
    int result;
};

static void *trampoline(void *param)
{
    test_thread *thread = param;
    thread->result = thread->fn(thread->arg);
    return NULL;
}

test_thread *test_thread_start(int (*fn)(void *), void *arg)
{
    test_thread *thread = calloc(1, sizeof *thread);
    ASSERT_NOT_NULL(thread);
    thread->fn = fn;
    thread->arg = arg;
    ASSERT_EQ(pthread_create(&thread->handle, NULL, trampoline, thread), 0);
    return thread;
}

int test_thread_join(test_thread *thread)
{
    ASSERT_EQ(pthread_join(thread->handle, NULL), 0);
    int result = thread->result;
    free(thread);
    return result;
}

long long test_thread_slice_ns(void)
{
    FILE *file = fopen("/proc/thread-self/sched", "r");
    if (file == NULL)
        return -1;
    char line[256];
    long long slice = -1;
    while (fgets(line, sizeof line, file) != NULL)
        if (sscanf(line, "se.slice : %lld", &slice) == 1)
            break;
    fclose(file);
    return slice;
}

bool test_os_has_custom_slices(void)
{
    struct utsname name;
    int major = 0, minor = 0;
    if (uname(&name) != 0 || strcmp(name.sysname, "Linux") != 0 ||
        sscanf(name.release, "%d.%d", &major, &minor) != 2)
        return false;
    return major > 6 || (major == 6 && minor >= 12);
}

/* On Linux, PRIO_PROCESS with who 0 is the calling thread, not the whole process. */
bool test_thread_set_nice(int nice)
{
    return setpriority(PRIO_PROCESS, 0, nice) == 0;
}
int test_thread_nice(void)
{
    return getpriority(PRIO_PROCESS, 0);
}

bool test_thread_pin_one_cpu(void)
{
#if defined(__linux__)
    cpu_set_t set, one;
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return false;
    CPU_ZERO(&one);
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET(cpu, &set)) {
            CPU_SET(cpu, &one);
            return sched_setaffinity(0, sizeof one, &one) == 0;
        }
    return false;
#else
    return false;
#endif
}

bool test_thread_set_idle_policy(void)
{
#if defined(SCHED_IDLE)
    struct sched_param param = {0};
    return sched_setscheduler(0, SCHED_IDLE, &param) == 0;
#else
    return false;
#endif
}
#endif
