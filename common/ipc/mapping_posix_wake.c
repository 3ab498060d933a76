/*
 * mapping_posix_wake.c - the POSIX backend's wake words (mapping.h:
 * sm_mapping_wait_word, sm_mapping_wake_word).
 *
 * Wake words are futexes on the shared view: FUTEX_WAIT/FUTEX_WAKE without
 * FUTEX_PRIVATE_FLAG, so the kernel keys them by the shm page and a wake in
 * one process reaches a sleeper in another. Systems without futexes sleep a
 * millisecond instead: callers re-check the word, so that is only slower.
 */
#define _DEFAULT_SOURCE /* syscall() */
#define _POSIX_C_SOURCE 200809L

#include "mapping_posix.h"

#include <stdint.h>
#include <time.h>
#if defined(__linux__)
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "os_process.h"

void sm_mapping_wait_word(sm_mapping *mapping, size_t offset, unsigned expected,
                          unsigned timeout_ms)
{
    if (timeout_ms == 0 || offset + 4 > mapping->size || offset % 4 != 0)
        return;
#if defined(__linux__)
    uint32_t *word = (uint32_t *)((char *)mapping->view + offset);
    struct timespec timeout = {(time_t)(timeout_ms / 1000), (long)(timeout_ms % 1000) * 1000000L};
    /*
     * The kernel compares *word with expected under its own lock and sleeps
     * only if they are equal, so a bump + wake between our caller's check and
     * this call is never lost (the call returns EAGAIN at once). EINTR,
     * ETIMEDOUT and spurious returns all just return: the caller re-checks.
     */
    (void)syscall(SYS_futex, word, FUTEX_WAIT, (uint32_t)expected, &timeout, NULL, 0);
#else
    /* No futex: sleep briefly; callers re-check, so this is correct, only slower. */
    (void)expected;
    sm_sleep_ms(1);
#endif
}

void sm_mapping_wake_word(sm_mapping *mapping, size_t offset)
{
    if (offset + 4 > mapping->size || offset % 4 != 0)
        return;
#if defined(__linux__)
    uint32_t *word = (uint32_t *)((char *)mapping->view + offset);
    /* Its only errors are for a bad address or operation, which the checks above exclude. */
    (void)syscall(SYS_futex, word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
#endif
}
