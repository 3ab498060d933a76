/*
 * mapping_posix_guard.c - the POSIX backend's SIGBUS guard (mapping_posix.h).
 *
 * Anyone who may write an object may also truncate it - by design every
 * local user for a Global one - and touching a mapped page past the new end
 * raises SIGBUS, which would kill us. So each view is registered here, and a
 * SIGBUS inside one is repaired in the handler: the view's pages are replaced
 * by private zero pages (mmap MAP_FIXED, a plain system call), the access
 * then completes on them, and the view is marked damaged; callers check
 * sm_mapping_damaged and stop with a clear error. A SIGBUS anywhere else gets
 * the previous handler (or the default action), as if we were not here.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#define _POSIX_C_SOURCE 200809L

#include "mapping_posix.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SM_GUARD_SLOTS 64

typedef struct guard_slot {
    _Atomic uintptr_t base; /* view address; 0 = free slot */
    _Atomic size_t length;  /* bytes mapped, rounded up to whole pages */
    _Atomic bool damaged;   /* a SIGBUS was repaired in this view */
} guard_slot;

static guard_slot guard_slots[SM_GUARD_SLOTS];
static struct sigaction guard_previous;
static pthread_once_t guard_once = PTHREAD_ONCE_INIT;
static bool guard_installed;

static void guard_handler(int signal_number, siginfo_t *info, void *context)
{
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < SM_GUARD_SLOTS; i++) {
        uintptr_t base = atomic_load(&guard_slots[i].base);
        size_t length = atomic_load(&guard_slots[i].length);
        if (base <= 1 || address < base || address - base >= length)
            continue;
        if (mmap((void *)base, length, PROT_READ | PROT_WRITE,
                 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED) {
            atomic_store(&guard_slots[i].damaged, true);
            return; /* the faulting access is retried on the zero pages */
        }
    }
    /* Not ours, or not repairable: whatever would have happened without us. */
    if ((guard_previous.sa_flags & SA_SIGINFO) != 0 && guard_previous.sa_sigaction != NULL) {
        guard_previous.sa_sigaction(signal_number, info, context);
        return;
    }
    if (guard_previous.sa_handler != SIG_IGN && guard_previous.sa_handler != SIG_DFL &&
        guard_previous.sa_handler != NULL) {
        guard_previous.sa_handler(signal_number);
        return;
    }
    /* Returning re-runs the access, which now ends the process (SIGBUS is a valid signal). */
    (void)signal(SIGBUS, SIG_DFL);
}

static void guard_install(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = guard_handler;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    (void)sigemptyset(&action.sa_mask); /* cannot fail on a valid set */
    guard_installed = sigaction(SIGBUS, &action, &guard_previous) == 0;
}

int sm_mapping_posix_guard_add(void *view, size_t size)
{
    (void)pthread_once(&guard_once, guard_install); /* errors only for a bad once control */
    if (!guard_installed)
        return -1;
    long page = sysconf(_SC_PAGESIZE);
    size_t length = page > 0 ? (size + (size_t)page - 1) / (size_t)page * (size_t)page : size;
    for (int i = 0; i < SM_GUARD_SLOTS; i++) {
        uintptr_t expected = 0;
        /* Claim the slot (1 = being filled, skipped by the handler), fill it, then publish. */
        if (!atomic_compare_exchange_strong(&guard_slots[i].base, &expected, (uintptr_t)1))
            continue;
        atomic_store(&guard_slots[i].damaged, false);
        atomic_store(&guard_slots[i].length, length);
        atomic_store(&guard_slots[i].base, (uintptr_t)view);
        return i;
    }
    return -1;
}

void sm_mapping_posix_guard_remove(int index)
{
    if (index >= 0)
        atomic_store(&guard_slots[index].base, 0);
}

bool sm_mapping_damaged(const sm_mapping *mapping)
{
    return mapping->guard >= 0 && atomic_load(&guard_slots[mapping->guard].damaged);
}
