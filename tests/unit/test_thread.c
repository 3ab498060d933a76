/*
 * test_thread.c - one helper thread for the unit tests that need two threads
 * contending (locks, waits). CreateThread on Windows, pthreads elsewhere:
 * the only per-OS code of the unit tests, kept out of the tests themselves.
 */
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
    ASSERT(thread != NULL);
    thread->fn = fn;
    thread->arg = arg;
    thread->handle = CreateThread(NULL, 0, trampoline, thread, 0, NULL);
    ASSERT(thread->handle != NULL);
    return thread;
}

int test_thread_join(test_thread *thread)
{
    ASSERT(WaitForSingleObject(thread->handle, INFINITE) == WAIT_OBJECT_0);
    CloseHandle(thread->handle);
    int result = thread->result;
    free(thread);
    return result;
}
#else
#include <pthread.h>

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
    ASSERT(thread != NULL);
    thread->fn = fn;
    thread->arg = arg;
    ASSERT(pthread_create(&thread->handle, NULL, trampoline, thread) == 0);
    return thread;
}

int test_thread_join(test_thread *thread)
{
    ASSERT(pthread_join(thread->handle, NULL) == 0);
    int result = thread->result;
    free(thread);
    return result;
}
#endif
