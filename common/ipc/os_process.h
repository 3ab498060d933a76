/*
 * os_process.h - the OS seam's second, smaller half: who we are, what time
 * it is, and what the C library calls an errno value. The process id, a
 * sleep and a monotonic clock, for messages, polling loops and timeouts, and
 * the scheduling hints a waiting thread gives (yield, quick wake). No
 * mapping in here: see mapping.h for that.
 *
 * One backend per OS, chosen by CMake like the mapping backend:
 * os_process_posix.c (getpid, nanosleep, CLOCK_MONOTONIC, strerror_r) or
 * os_process_win32.c (GetCurrentProcessId, Sleep, QueryPerformanceCounter,
 * strerror_s). None of these can fail on a working system, so none reports
 * an error; the quick-wake request, a hint, says only whether the OS took it.
 * Private to the library and the apps: a program using the installed library
 * has sm_channel_clock_ms for deadlines.
 */
#ifndef SAMPLEMAP_IPC_OS_PROCESS_H
#define SAMPLEMAP_IPC_OS_PROCESS_H

#include <stdbool.h>
#include <stddef.h>
#if !defined(__x86_64__) && !defined(__i386__) && !defined(__aarch64__) && !defined(__arm__)
#include <stdatomic.h> /* sm_cpu_relax's fallback */
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Process id of the caller, for messages and test hooks. */
unsigned long sm_process_id(void);

/*
 * True if a process with this id exists now (POSIX: kill(pid, 0), which also
 * counts one of another user's, EPERM; Windows: OpenProcess and its exit
 * code). An id can be reused after its process ended, so "alive" means "some
 * process has this id": good enough to call a channel stale, not proof.
 */
bool sm_process_alive(unsigned long pid);

/*
 * The name of the running process pid, as UTF-8 in out (e.g. "notepad.exe"):
 * Linux: /proc/<pid>/comm (at most 15 bytes, the kernel's cut); Windows: the
 * file name of QueryFullProcessImageNameW. False (out "") when the process
 * is gone, not ours to look at, or the system has no such lookup.
 */
bool sm_process_name(unsigned long pid, char *out, size_t size);

/* Sleeps for at least milliseconds (0 = just yield); used by the polling loops. */
void sm_sleep_ms(unsigned milliseconds);

/*
 * Sleeps for at least microseconds (0 = just yield), for polls finer than a
 * millisecond. POSIX: nanosleep. Windows: rounded up to whole milliseconds,
 * the resolution of Sleep.
 */
void sm_sleep_us(unsigned microseconds);

/*
 * Gives the CPU to another thread that is ready to run on it, if any, and
 * returns at once otherwise: a spinning waiter calls it so that a peer it
 * woke, queued on the spinner's own CPU, runs now instead of after the spin.
 * POSIX: sched_yield. Windows: SwitchToThread.
 */
void sm_yield_cpu(void);

/*
 * True when more threads are ready to run than the calling thread has CPUs
 * (its affinity), not counting one: then a spinning waiter would hold a CPU
 * another thread is waiting for, perhaps the very peer it waits on, so it
 * should sleep at once. The one not counted is the hand-over's other side: a
 * sender and a receiver both running on a 2-CPU machine are the quiet case,
 * and counting them made every spin stop there (the bench's quiet p99 went
 * from 2.6 to 46 us). Linux: the running count of /proc/loadavg (the caller
 * included) against sched_getaffinity, looked up at most every SM_CONTENTION_CHECK_US per
 * thread (the answer may be that old). Elsewhere, or if /proc is not
 * readable: false, so waiters spin as before. A hint only: nothing waits on it.
 */
#define SM_CONTENTION_CHECK_US 2000u
bool sm_cpus_contended(void);

/*
 * True when the calling thread may run on one CPU only (its affinity: taskset,
 * a container's cpuset, a one-CPU machine): then a spinning waiter would hold
 * the very CPU its peer needs to take the step it waits for, so it sleeps at
 * once, even where sm_cpus_contended, which leaves the peer out of its count,
 * says no. Linux: sched_getaffinity, looked up at most every
 * SM_CONTENTION_CHECK_US per thread. Windows: GetProcessAffinityMask, as often.
 * Elsewhere: false. A hint only: nothing waits on it.
 */
bool sm_single_cpu(void);

/*
 * Asks the OS to run the calling thread the moment it is woken: for a thread
 * that sleeps waiting for messages (sm_channel_wait_message asks once per
 * thread). Linux: a short time slice, SM_QUICK_WAKE_SLICE_US, through
 * sched_setattr's sched_runtime. Since Linux 6.12 the scheduler (EEVDF) lets
 * a woken thread whose slice is shorter than the running thread's preempt it
 * at once, so a receiver woken by a sender runs on the sender's CPU right
 * after the wake call, instead of after the sender's next system call; older
 * kernels accept the request and ignore it. Only the slice changes: the
 * policy and nice value are kept, and a real-time or idle-policy thread is
 * left alone. Windows: nothing to ask, it already boosts a thread's priority
 * for a moment when its wait ends. Returns true if the OS took the request.
 */
#define SM_QUICK_WAKE_SLICE_US 100u
bool sm_thread_request_quick_wake(void);

/*
 * One CPU pause inside a spin loop: no system call, tells the CPU we are
 * spinning (it saves power and lets the sibling hyper-thread run). A CPU
 * instruction, not an OS call, so it is inline here for both backends.
 */
static inline void sm_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield");
#else
    atomic_signal_fence(memory_order_seq_cst);
#endif
}

/* A monotonic clock in milliseconds, for timeouts. */
unsigned long long sm_monotonic_ms(void);

/* The same clock in nanoseconds, for bounded spinning and latency figures. */
unsigned long long sm_monotonic_ns(void);

/*
 * The C library's words for the errno value error_number ("No space left on
 * device"), written into out (size > 0) and returned. Thread-safe, unlike
 * strerror: a second thread's error cannot overwrite the text. An unknown
 * number gives "error N".
 */
const char *sm_errno_text(int error_number, char *out, size_t size);

#ifdef __cplusplus
}
#endif

#endif
