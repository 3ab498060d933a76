/* os_process_win32.c - the Windows backend of os_process.h: process id, Sleep, QPC clock. */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include "os_process.h"

#include <stdio.h>
#include <string.h>

unsigned long sm_process_id(void)
{
    return (unsigned long)GetCurrentProcessId();
}

bool sm_process_alive(unsigned long pid)
{
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
    if (process == NULL)
        return GetLastError() == ERROR_ACCESS_DENIED; /* exists, but not ours to open */
    DWORD code = 0;
    bool alive = GetExitCodeProcess(process, &code) && code == STILL_ACTIVE;
    CloseHandle(process);
    return alive;
}

bool sm_process_name(unsigned long pid, char *out, size_t size)
{
    if (size == 0)
        return false;
    out[0] = '\0';
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
    if (process == NULL)
        return false;
    WCHAR path[MAX_PATH * 2];
    DWORD length = MAX_PATH * 2;
    bool found = QueryFullProcessImageNameW(process, 0, path, &length) != 0;
    CloseHandle(process);
    if (!found)
        return false;
    const WCHAR *base = path;
    for (DWORD i = 0; i < length; i++)
        if (path[i] == L'\\' || path[i] == L'/')
            base = path + i + 1;
    int written = WideCharToMultiByte(CP_UTF8, 0, base, -1, out, (int)size, NULL, NULL);
    if (written <= 0) {
        out[0] = '\0';
        return false;
    }
    return true;
}

/*
 * The performance counter, not GetTickCount64: the tick count advances in
 * scheduler ticks of 10-16 ms, so a 20 ms sleep could measure as 15 ms and
 * timeouts would be coarse. QPC is monotonic and sub-microsecond.
 */
unsigned long long sm_monotonic_ns(void)
{
    LARGE_INTEGER counter, frequency;
    /* Both cannot fail on Windows XP and later (documented), so their results are not checked. */
    (void)QueryPerformanceCounter(&counter);
    (void)QueryPerformanceFrequency(&frequency);
    unsigned long long ticks = (unsigned long long)counter.QuadPart;
    unsigned long long hz = (unsigned long long)frequency.QuadPart;
    /* Split so ticks * 10^9 cannot overflow after long uptimes. */
    return ticks / hz * 1000000000ull + ticks % hz * 1000000000ull / hz;
}

unsigned long long sm_monotonic_ms(void)
{
    return sm_monotonic_ns() / 1000000ull;
}

/* Returns whether another thread ran; either way there is nothing to do. */
void sm_yield_cpu(void)
{
    (void)SwitchToThread();
}

/* No cheap count of ready threads here: waiters spin as before (os_process.h). */
bool sm_cpus_contended(void)
{
    return false;
}

/* The process's affinity: a thread's own cannot be read without setting it. */
bool sm_single_cpu(void)
{
    static _Thread_local unsigned long long checked_ns;
    static _Thread_local bool single;
    unsigned long long now = sm_monotonic_ns();
    if (checked_ns != 0 && now - checked_ns < SM_CONTENTION_CHECK_US * 1000ull)
        return single;
    checked_ns = now;
    DWORD_PTR process_mask = 0, system_mask = 0;
    single = GetProcessAffinityMask(GetCurrentProcess(), &process_mask, &system_mask) &&
             process_mask != 0 && (process_mask & (process_mask - 1)) == 0;
    return single;
}

/*
 * Nothing to ask: "the system temporarily boosts the thread's priority when it
 * is taken out of a wait state" (SetThreadPriorityBoost's documentation), so a
 * receiver woken by its event already runs ahead of the sender that set it.
 */
bool sm_thread_request_quick_wake(void)
{
    return false;
}

void sm_sleep_ms(unsigned milliseconds)
{
    if (milliseconds == 0) {
        Sleep(0); /* just yield, as a zero poll interval asks */
        return;
    }
    /* Sleep() is rounded to scheduler ticks and may wake early by our clock: top it up. */
    unsigned long long deadline = sm_monotonic_ms() + milliseconds;
    unsigned long long now;
    while ((now = sm_monotonic_ms()) < deadline)
        Sleep((DWORD)(deadline - now));
}

void sm_sleep_us(unsigned microseconds)
{
    /* Sleep counts whole milliseconds: round up, never down to a busy loop. */
    sm_sleep_ms(microseconds / 1000u + (microseconds % 1000u != 0));
}

/* strerror_s fills the caller's buffer: thread-safe where strerror is not. */
const char *sm_errno_text(int error_number, char *out, size_t size)
{
    if (strerror_s(out, size, error_number) != 0 || out[0] == '\0')
        (void)snprintf(out, size, "error %d", error_number); /* truncation is fine */
    return out;
}
