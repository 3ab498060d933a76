/*
 * spin_budget.h - how long a wake-mode waiter spins before it sleeps in the
 * kernel (channel.c's wait_word): a decision of its own, so that it can be
 * tested without a clock.
 */
#ifndef SAMPLEMAP_IPC_SPIN_BUDGET_H
#define SAMPLEMAP_IPC_SPIN_BUDGET_H

#include <stdbool.h>

/*
 * The bounded spin before sleeping: a waiter re-reads its word with a CPU
 * pause between reads for at most SM_SPIN_NS (30 us) of wall time (and at most
 * a number of reads, channel.c), then sleeps in the kernel. The bound is long
 * enough to cover a peer that answers at once and short enough that an idle
 * waiter uses no CPU to speak of (the figures are in docs/performance.md).
 */
#define SM_SPIN_NS 30000ull

/*
 * The spin budget is learned, per channel and per word, from the waits of
 * this process (glibc's adaptive mutex keeps such an average): the average
 * wait, where a wait longer than SM_SPIN_NS counts as 0 (no spin would have
 * caught it), moves an eighth of the way to each new one, and the next spin
 * lasts SM_SPIN_MIN_NS plus four times that average, at most SM_SPIN_NS. A
 * receiver that waits 2 us for each message spins about 10 us; one whose
 * messages come every 200 us learns to spin 2 us and sleep, instead of
 * burning 30 us for nothing each time. A new channel's average makes its
 * first wait spin the whole 30 us.
 */
#define SM_SPIN_MIN_NS 2000ull

/*
 * The spin, in ns, of a wait whose learned average is average_ns:
 * - none when sleep_at_once (the CPUs are contended, or this thread may use
 *   one CPU only: a spin would hold a CPU someone waits for, perhaps the peer);
 * - none when peer_asleep and the waiter did not just wake it (woke_peer): a
 *   sleeping peer takes no step until someone wakes it;
 * - the whole SM_SPIN_NS when the waiter's own signal just woke the peer:
 *   the peer comes back from its sleep in tens of microseconds on an idle
 *   CPU of a VM, longer than the budget learned from an awake peer, and a spin
 *   that runs out first sends this side to sleep too, so that both pay a wake
 *   (docs/performance.md has the figures);
 * - else the learned budget.
 */
unsigned long long sm_spin_budget_ns(unsigned long long average_ns, bool sleep_at_once,
                                     bool peer_asleep, bool woke_peer);

#endif
