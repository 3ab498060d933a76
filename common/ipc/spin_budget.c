/* spin_budget.c - how long a wake-mode waiter spins before it sleeps (spin_budget.h). */
#include "spin_budget.h"

unsigned long long sm_spin_budget_ns(unsigned long long average_ns, bool sleep_at_once,
                                     bool peer_asleep, bool woke_peer)
{
    if (sleep_at_once)
        return 0;
    if (woke_peer)
        return SM_SPIN_NS;
    if (peer_asleep)
        return 0;
    /* Capped before the multiplication: a garbage average cannot overflow it. */
    if (average_ns >= (SM_SPIN_NS - SM_SPIN_MIN_NS) / 4)
        return SM_SPIN_NS;
    return SM_SPIN_MIN_NS + 4 * average_ns;
}
