/* test_channel.c - the locked protocol with two channel handles in one process. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "hook.h"
#include "mapping.h"
#include "name.h"
#include "os_process.h"
#include "spin_budget.h"
#include "test.h"

/* Opens a sender and a receiver handle on a fresh channel. */
static void close_pair(const char *name, sm_channel *tx, sm_channel *rx)
{
    sm_error err;
    sm_channel_close(tx);
    sm_channel_close(rx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
}

TEST(channel_send_receive)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("chan", name, sizeof name, 0, &tx, &rx);
    const uint16_t text[] = {0x043C, 0x0438, 0x0440, 0xD83D, 0xDE00}; /* мир😀 */
    bool delivered = true;
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    ASSERT_EQ(sm_channel_try_send(tx, text, 5, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 5);
    ASSERT_MEM_EQ(message.units, text, sizeof text);
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_EMPTY); /* delivered once */
    close_pair(name, tx, rx);
    return 0;
}

TEST(channel_full_slot_busy)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("busy", name, sizeof name, 0, &tx, &rx);
    const uint16_t first[] = {'1'}, second[] = {'2'};
    sm_ticket other;
    ASSERT_EQ(sm_channel_try_send(tx, first, 1, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_send(rx, second, 1, &other, &err), SM_BUSY); /* not overwritten */
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.units[0], '1');
    ASSERT_EQ(sm_channel_try_send(rx, second, 1, &other, &err), SM_OK);
    /* Ours was taken and another message now sits there: still "delivered". */
    bool delivered = false;
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_EQ(sm_channel_try_receive(tx, &message, &err), SM_OK);
    ASSERT_EQ(message.units[0], '2');
    /* ABA: ours is taken and another sender puts in the SAME text. Only the counter can tell. */
    ASSERT_EQ(sm_channel_try_send(tx, first, 1, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_send(rx, first, 1, &other, &err), SM_OK);
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_EQ(sm_channel_poll_delivery(rx, &other, &delivered, &err), SM_OK);
    ASSERT(!delivered); /* and the second one is rightly still waiting */
    ASSERT_EQ(sm_channel_try_send(tx, first, 0, &ticket, &err), SM_ERR_TEXT_INVALID);
    /* Streaming without a ticket: the same exclusion, nothing to track. */
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_send(tx, second, 1, NULL, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_send(tx, first, 1, NULL, &err), SM_BUSY);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.units[0], '2');
    close_pair(name, tx, rx);
    return 0;
}

TEST(channel_withdraw)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("wd", name, sizeof name, 0, &tx, &rx);
    const uint16_t text[] = {'w', 'd'};
    bool withdrawn = false;
    ASSERT_EQ(sm_channel_try_send(tx, text, 2, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_withdraw(tx, &ticket, &withdrawn, &err), SM_OK);
    ASSERT(withdrawn);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    /* Once delivered, a withdraw changes nothing and says so. */
    ASSERT_EQ(sm_channel_try_send(tx, text, 2, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(sm_channel_withdraw(tx, &ticket, &withdrawn, &err), SM_OK);
    ASSERT(!withdrawn);
    close_pair(name, tx, rx);
    return 0;
}

TEST(channel_send_wait_timeout)
{
    TEST_MESSAGE(message);
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("swt", name, sizeof name, 0, &tx, &rx);
    const uint16_t text[] = {'t'};
    /* No receiver takes it: the wait ends, the message is withdrawn, the slot is empty. */
    ASSERT_EQ(sm_channel_send_wait(tx, text, 1, 50, 5, &err), SM_ERR_TIMEOUT);
    ASSERT_CONTAINS(err.message, "no receiver read the message");
    ASSERT_CONTAINS(err.message, "withdrawn");
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    close_pair(name, tx, rx);
    return 0;
}

/* A receiver that holds the lock across the sender's deadline (held_at_deadline_*). */
typedef struct held_at_deadline {
    _Atomic int published;         /* the sender's message is in the slot (writer-unlocked) */
    _Atomic int send_returned;     /* sm_channel_send_wait came back */
    unsigned long long release_ms; /* when the receiver lets the lock go at the latest */
    sm_channel *rx;
} held_at_deadline;

static void held_at_deadline_hook(const char *point, void *ctx)
{
    held_at_deadline *held = ctx;
    if (strcmp(point, "writer-unlocked") == 0)
        atomic_store(&held->published, 1);
    else if (strcmp(point, "reader-locked") == 0)
        while (!atomic_load(&held->send_returned) && sm_monotonic_ms() < held->release_ms)
            sm_yield_cpu();
}

static int held_at_deadline_receiver(void *arg)
{
    held_at_deadline *held = arg;
    while (!atomic_load(&held->published))
        sm_yield_cpu();
    /* A buffer too small for the message: the receiver locks, looks, and leaves it there. */
    uint16_t units[1];
    sm_message small = SM_MESSAGE_INIT(units, 1);
    sm_error err;
    return sm_channel_try_receive(held->rx, &small, &err) == SM_ERR_BUFFER_TOO_SMALL ? 0 : 1;
}

/*
 * A receiver holding the lock for a moment at the sender's deadline does not make the sender
 * say "held": the look the deadline cut short is no verdict, and the withdraw's grace gets the
 * lock once the receiver lets go. Before, the sender ended at once with "not known whether
 * delivered" (seen under Wine against a receiver polling every 1 ms with a smaller view).
 */
TEST(channel_send_wait_withdraws_past_a_brief_holder)
{
    TEST_MESSAGE(message);
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("swh", name, sizeof name, 0, &tx, &rx);
    held_at_deadline held = {.rx = rx};
    const unsigned timeout_ms = 200;
    unsigned long long start = sm_monotonic_ms();
    /* Held from the publish until the send returned, or 10 ms past the deadline at most: well
       inside the withdraw's grace, so only a sender that gives up at the deadline sees it. */
    held.release_ms = start + timeout_ms + 10;
    sm_hook_set(held_at_deadline_hook, &held);
    test_thread *receiver = test_thread_start(held_at_deadline_receiver, &held);
    const uint16_t text[] = {'h', 'e', 'l', 'd'};
    sm_status status = sm_channel_send_wait(tx, text, 4, timeout_ms, 5, &err);
    atomic_store(&held.send_returned, 1);
    ASSERT_EQ(test_thread_join(receiver), 0);
    sm_hook_set(NULL, NULL);
    if (status != SM_ERR_TIMEOUT)
        fprintf(stderr, "send_wait: %s\n", err.message);
    ASSERT_EQ(status, SM_ERR_TIMEOUT);
    ASSERT_CONTAINS(err.message, "withdrawn");
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    close_pair(name, tx, rx);
    return 0;
}

/*
 * Every wait of a send ends at its deadline, whatever poll_ms says: a poll of
 * 5 s with a 50 ms timeout once waited the whole 5 s (between two looks).
 */
TEST(channel_send_wait_interval_capped)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("swi", name, sizeof name, 0, &tx, &rx);
    const uint16_t waiting[] = {'w'}, text[] = {'t'};
    for (int wake = 0; wake < 2; wake++) {
        sm_channel_set_wake(tx, wake != 0);
        /* No receiver: phase 2 (waiting for delivery) with a poll far beyond the deadline. */
        unsigned long long start = sm_monotonic_ms();
        ASSERT_EQ(sm_channel_send_wait(tx, text, 1, 50, 5000, &err), SM_ERR_TIMEOUT);
        ASSERT_LT(sm_monotonic_ms() - start, 2000);
        ASSERT_CONTAINS(err.message, "withdrawn");
        /* A full slot: phase 1 (waiting for room), through send_until's absolute deadline. */
        ASSERT_EQ(sm_channel_try_send(rx, waiting, 1, &ticket, &err), SM_OK);
        start = sm_monotonic_ms();
        ASSERT_EQ(sm_channel_send_until(tx, text, 1, start + 50, 5000, &err), SM_ERR_TIMEOUT);
        ASSERT_LT(sm_monotonic_ms() - start, 2000);
        ASSERT_CONTAINS(err.message, "stayed full for the ");
        ASSERT_EQ(sm_channel_try_receive(tx, &message, &err), SM_OK);
    }
    close_pair(name, tx, rx);
    return 0;
}

TEST(channel_send_wait_slot_full)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("swf", name, sizeof name, 0, &tx, &rx);
    const uint16_t waiting[] = {'w'}, text[] = {'t'};
    ASSERT_EQ(sm_channel_try_send(rx, waiting, 1, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_send_wait(tx, text, 1, 50, 5, &err), SM_ERR_TIMEOUT);
    ASSERT_CONTAINS(err.message, "stayed full");
    /* The unread message was not overwritten. */
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.units[0], 'w');
    close_pair(name, tx, rx);
    return 0;
}

TEST(channel_unlink)
{
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("cul", name, sizeof name, 0, &tx, &rx);
    sm_channel_close(rx);
    sm_channel_close(tx);
    bool removed = false;
    ASSERT_EQ(sm_channel_unlink(name, &removed, &err), SM_OK);
    ASSERT_EQ(sm_channel_open(name, &tx, &err), SM_OK);
    ASSERT(sm_channel_created(tx)); /* a fresh object after unlink (or last close on Windows) */
    /* Removed while open: "removed" must match what the next open finds (see mapping_unlink). */
    removed = false;
    ASSERT_EQ(sm_channel_unlink(name, &removed, &err), SM_OK);
    ASSERT_EQ(sm_channel_open(name, &rx, &err), SM_OK);
    ASSERT_EQ(sm_channel_created(rx), removed);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    ASSERT_EQ(sm_channel_open("Local\\no/slash", &tx, &err), SM_ERR_NAME);
    /* ".ctl" names are the companions' own (fuzz find: they would not fit with theirs). */
    ASSERT_EQ(sm_channel_open("Local\\aaaaaaaaaaaaaaaaaaaaa.ctl", &tx, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "reserved for each channel's control object");
    ASSERT_EQ(sm_channel_unlink("Local\\x.ctl", NULL, &err), SM_ERR_NAME);
    return 0;
}

TEST(channel_classic_mode)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("cls", name, sizeof name, 0, &tx, &rx);
    ASSERT(!sm_channel_classic(tx));
    sm_channel_set_classic(tx, true);
    sm_channel_set_classic(rx, true);
    ASSERT(sm_channel_classic(tx));
    const uint16_t first[] = {'1'}, second[] = {'2'};
    bool delivered = false;
    ASSERT_EQ(sm_channel_try_send(tx, first, 1, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_send(tx, second, 1, &ticket, &err),
              SM_OK); /* overwrites: never busy */
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered); /* fire and forget: nothing is tracked */
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.units[0], '2'); /* '1' was lost, as in the classic samples */
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    ASSERT_EQ(sm_channel_send_wait(tx, first, 1, 50, 5, &err), SM_OK); /* returns at once */
    close_pair(name, tx, rx);
    return 0;
}

/* Wake mode: the waits return at once when signalled, and time out boundedly. */
TEST(channel_wake_waits)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("wake", name, sizeof name, 0, &tx, &rx);
    sm_channel_set_wake(tx, true);
    sm_channel_set_wake(rx, true);
    ASSERT(sm_channel_wake(rx));
    const uint16_t text[] = {'w', 'a', 'k', 'e'};

    /* Empty slot: wait_message times out (spin, then sleep) and says so. */
    unsigned long long start = sm_monotonic_ms();
    ASSERT(!sm_channel_wait_message(rx, 30));
    unsigned long long took = sm_monotonic_ms() - start;
    ASSERT_GE(took, 25);
    ASSERT_LT(took, 2000);
    /* ... and wait_free sees the free slot at once. */
    ASSERT(sm_channel_wait_free(tx, 5000));

    ASSERT_EQ(sm_channel_try_send(tx, text, 4, &ticket, &err), SM_OK);
    start = sm_monotonic_ms();
    ASSERT(sm_channel_wait_message(rx, 5000)); /* full: at once */
    ASSERT(!sm_channel_wait_free(tx, 30));     /* full: times out */
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT(sm_channel_wait_free(tx, 5000)); /* taken: at once */
    bool delivered = false;
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_LT(sm_monotonic_ms() - start, 2000);

    /* send_wait in wake mode with a receiver that never comes: withdrawn at the timeout. */
    ASSERT_EQ(sm_channel_send_wait(tx, text, 4, 50, 10, &err), SM_ERR_TIMEOUT);
    ASSERT(sm_channel_wait_free(tx, 0));
    close_pair(name, tx, rx);
    return 0;
}

/* One wait on its own thread, which reports whether its slice became the quick-wake slice. */
typedef struct slice_waiter {
    sm_channel *channel;
    bool for_message; /* true: wait_message; false: wait_free */
    long long before, after;
} slice_waiter;

static int slice_waiter_run(void *arg)
{
    slice_waiter *waiter = arg;
    waiter->before = test_thread_slice_ns();
    if (waiter->for_message)
        (void)sm_channel_wait_message(waiter->channel, 1);
    else
        (void)sm_channel_wait_free(waiter->channel, 1);
    waiter->after = test_thread_slice_ns();
    return 0;
}

static long long slice_after_wait(sm_channel *channel, bool for_message, long long *before)
{
    slice_waiter waiter = {channel, for_message, 0, 0};
    ASSERT_EQ(test_thread_join(test_thread_start(slice_waiter_run, &waiter)), 0);
    *before = waiter.before;
    return waiter.after;
}

/*
 * A thread that waits for a message in wake mode asks for the quick-wake
 * slice (os_process.h); a sender waiting for a free slot does not (the
 * scheduler lets a woken receiver preempt its sender only if the receiver's
 * slice is the shorter), and neither does a poll-mode receiver.
 */
TEST(channel_receiver_asks_quick_wake)
{
    if (!test_os_has_custom_slices() || test_thread_slice_ns() < 0)
        return TEST_SKIPPED;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("qw", name, sizeof name, 0, &tx, &rx);
    long long before;
    /* Poll mode: the empty slot's wait_message sleeps, asks nothing. */
    ASSERT_EQ(slice_after_wait(rx, true, &before), before);
    sm_channel_set_wake(tx, true);
    sm_channel_set_wake(rx, true);
    ASSERT_EQ(slice_after_wait(rx, true, &before), SM_QUICK_WAKE_SLICE_US * 1000ll);
    ASSERT_NE(before, SM_QUICK_WAKE_SLICE_US * 1000ll);
    const uint16_t text[] = {'q'};
    ASSERT_EQ(sm_channel_try_send(tx, text, 1, NULL, &err), SM_OK);
    ASSERT_EQ(slice_after_wait(tx, false, &before), before); /* full slot: the sender waits */
    close_pair(name, tx, rx);
    return 0;
}

/* What the other side does after a pause of WAKE_DELAY_MS, on its own thread. */
typedef struct wake_peer {
    sm_channel *channel;
    bool send; /* true: send one message; false: take one */
} wake_peer;

#define WAKE_DELAY_MS 100
#define WAKE_WAIT_MS 10000

static int wake_peer_run(void *arg)
{
    wake_peer *peer = arg;
    sm_error err;
    static const uint16_t text[] = {'l', 'a', 't', 'e'};
    sm_ticket later;
    TEST_MESSAGE(taken);
    sm_sleep_ms(WAKE_DELAY_MS);
    if (peer->send)
        ASSERT_EQ(sm_channel_try_send(peer->channel, text, 4, &later, &err), SM_OK);
    else
        ASSERT_EQ(sm_channel_try_receive(peer->channel, &taken, &err), SM_OK);
    return 0;
}

/*
 * A wake from another thread ends a long wait: not before the peer acted
 * (a wait that returns at once fails the lower bound) and long before the
 * wait's own timeout (a wake that does nothing sleeps WAKE_WAIT_MS and fails
 * the upper bound). Both directions: "data ready" and "slot free".
 */
TEST(channel_wake_from_peer)
{
    TEST_MESSAGE(message);
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("wkp", name, sizeof name, 0, &tx, &rx);
    sm_channel_set_wake(tx, true);
    sm_channel_set_wake(rx, true);

    wake_peer sender = {tx, true};
    unsigned long long start = sm_monotonic_ms(); /* before the peer starts its pause */
    test_thread *thread = test_thread_start(wake_peer_run, &sender);
    ASSERT(sm_channel_wait_message(rx, WAKE_WAIT_MS));
    unsigned long long took = sm_monotonic_ms() - start;
    ASSERT_EQ(test_thread_join(thread), 0);
    ASSERT_GE(took, WAKE_DELAY_MS - 1); /* 1 ms: the clock's granularity */
    ASSERT_LT(took, WAKE_WAIT_MS / 4);

    /* The slot is full now: the sender waits for "slot free" until the receiver takes it. */
    wake_peer receiver = {rx, false};
    start = sm_monotonic_ms();
    thread = test_thread_start(wake_peer_run, &receiver);
    ASSERT(sm_channel_wait_free(tx, WAKE_WAIT_MS));
    took = sm_monotonic_ms() - start;
    ASSERT_EQ(test_thread_join(thread), 0);
    ASSERT_GE(took, WAKE_DELAY_MS - 1);
    ASSERT_LT(took, WAKE_WAIT_MS / 4);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    close_pair(name, tx, rx);
    return 0;
}

TEST(channel_put_back)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("pbk", name, sizeof name, 0, &tx, &rx);
    const uint16_t text[] = {'b', 'a', 'c', 'k'}, other[] = {'o'};
    ASSERT_EQ(sm_channel_try_send(tx, text, 4, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    /* The output failed: back in, whole, for the next receiver. */
    ASSERT_EQ(sm_channel_put_back(rx, &message, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 4);
    ASSERT_MEM_EQ(message.units, text, sizeof text);
    /* A slot filled meanwhile is never overwritten. */
    ASSERT_EQ(sm_channel_try_send(tx, other, 1, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_put_back(rx, &message, &err), SM_BUSY);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.units[0], 'o');
    close_pair(name, tx, rx);
    return 0;
}

TEST(channel_lock_timeout_and_identity)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("lkid", name, sizeof name, 0, &tx, &rx);
    sm_channel_set_lock_timeout(tx, 0);
    const uint16_t text[] = {'x'};
    ASSERT_EQ(sm_channel_try_send(tx, text, 1, &ticket, &err), SM_OK); /* a free lock: taken */
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    close_pair(name, tx, rx);
    /* Two opens of one object share its identity; a re-created object (POSIX) has another. */
    sm_mapping *a = NULL, *b = NULL;
    test_unique_name(name, sizeof name, "ident");
    ASSERT_EQ(sm_mapping_open(name, 128, &a, &err), SM_OK);
    ASSERT_EQ(sm_mapping_open(name, 128, &b, &err), SM_OK);
    ASSERT_EQ(sm_mapping_identity(a), sm_mapping_identity(b));
    ASSERT(!sm_mapping_damaged(a));
    sm_mapping_close(b);
    b = NULL;
    if (sm_mapping_identity(a) != 0) {
        sm_mapping_unlink(name, NULL, &err);
        ASSERT_EQ(sm_mapping_open(name, 128, &b, &err), SM_OK);
        ASSERT_NE(sm_mapping_identity(a), sm_mapping_identity(b));
        sm_mapping_close(b);
    }
    sm_mapping_close(a);
    sm_mapping_unlink(name, NULL, &err);
    return 0;
}

/*
 * A channel notices when its name was removed and when it was made again by
 * someone else: a window then reopens instead of staying on an object no new
 * peer can reach (issue 24). Windows cannot replace an open object: never.
 */
TEST(channel_notices_replaced)
{
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("repl", name, sizeof name, 0, &tx, &rx);
    ASSERT(!sm_channel_replaced(tx));
    ASSERT(!sm_channel_replaced(rx));
    bool removed = false;
    ASSERT_EQ(sm_channel_unlink(name, &removed, &err), SM_OK);
#ifdef _WIN32
    ASSERT(!sm_channel_replaced(tx)); /* still there while we hold it */
#else
    ASSERT(removed);
    ASSERT(sm_channel_replaced(tx)); /* removed */
    sm_channel *fresh;
    ASSERT_EQ(sm_channel_open(name, &fresh, &err), SM_OK);
    ASSERT(sm_channel_replaced(rx)); /* made again: another object */
    ASSERT(!sm_channel_replaced(fresh));
    sm_channel_close(fresh);
#endif
    close_pair(name, tx, rx);
    return 0;
}

/* The deadlines' clock is the monotonic one the library waits on, and it moves forward. */
TEST(channel_clock_ms)
{
    unsigned long long before = sm_monotonic_ms();
    unsigned long long clock = sm_channel_clock_ms();
    sm_sleep_ms(20);
    unsigned long long later = sm_channel_clock_ms();
    unsigned long long after = sm_monotonic_ms();
    ASSERT_GE(clock, before);
    ASSERT_LE(clock, after);
    ASSERT_GE(later, clock + 19); /* at least the sleep (1 ms of clock granularity) */
    return 0;
}

TEST(channel_inspect_takes_nothing)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("insp", name, sizeof name, 256, &tx, &rx);
    unsigned char bytes[256];
    /* A buffer one byte short of the view: refused, nothing copied, the size needed said. */
    sm_channel_snapshot snapshot = SM_CHANNEL_SNAPSHOT_INIT(bytes, sizeof bytes - 1);
    ASSERT_EQ(sm_channel_inspect(rx, &snapshot, &err), SM_ERR_BUFFER_TOO_SMALL);
    ASSERT_EQ(snapshot.view_bytes, 256);
    ASSERT_CONTAINS(err.message, "256");
    snapshot.capacity = sizeof bytes;
    ASSERT_EQ(sm_channel_inspect(rx, &snapshot, &err), SM_OK);
    ASSERT_EQ(snapshot.view_bytes, 256);
    for (size_t i = 0; i < 256; i++)
        ASSERT_EQ(snapshot.bytes[i], 0);
    ASSERT_EQ(snapshot.layout_version, 4);
    ASSERT_EQ(snapshot.taken, 0);
    ASSERT_EQ(snapshot.published, 0);
    ASSERT_EITHER(snapshot.lock_state, SM_LOCK_FREE, SM_LOCK_UNKNOWN);
    ASSERT_NOT_NULL(snapshot.lock_kind);

    const uint16_t text[] = {0x043C, 'x', 0xD83D, 0xDE00}; /* мx😀 */
    ASSERT_EQ(sm_channel_try_send(tx, text, 4, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_inspect(rx, &snapshot, &err), SM_OK);
    const unsigned char wire[] = {0x3C, 0x04, 'x', 0, 0x3D, 0xD8, 0x00, 0xDE, 0, 0};
    ASSERT_MEM_EQ(snapshot.bytes, wire, sizeof wire);
    ASSERT_EQ(snapshot.published, 1);
    ASSERT_EQ(snapshot.data_word, 1);
    ASSERT_EQ(snapshot.taken, 0);
    /* Looking twice took nothing and told nobody: the message is still there, undelivered. */
    ASSERT_EQ(sm_channel_inspect(rx, &snapshot, &err), SM_OK);
    bool delivered = true;
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    ASSERT_EQ(snapshot.free_word, 0);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 4);
    ASSERT_EQ(sm_channel_inspect(rx, &snapshot, &err), SM_OK);
    ASSERT_EQ(snapshot.taken, 1);
    ASSERT_EQ(snapshot.free_word, 1);
    ASSERT_EQ(snapshot.bytes[0] | snapshot.bytes[1], 0); /* cleared: unit 0 only */
    ASSERT_EQ(snapshot.bytes[2], 'x');                   /* the old tail stays */
    sm_channel_close(tx);
    sm_channel_close(rx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

TEST(channel_sized_and_peek)
{
    char name[64];
    sm_error err;
    sm_channel *tx = NULL, *rx = NULL, *bad = NULL;
    static uint16_t text[600];
    uint16_t units[512]; /* the 1024-byte view's units */
    sm_message message = SM_MESSAGE_INIT(units, 512);
    for (size_t i = 0; i < 600; i++)
        text[i] = (uint16_t)('a' + i % 26);
    test_unique_name(name, sizeof name, "lay");
    sm_channel_unlink(name, NULL, &err);
    ASSERT_EQ(sm_channel_open_sized(name, 1023, &bad, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_NULL(bad);
    /* Looking never creates: no data object yet is SM_ERR_NOT_FOUND, and still none after. */
    ASSERT_EQ(sm_channel_open_existing(name, 1024, &bad, &err), SM_ERR_NOT_FOUND);
    ASSERT_EQ(sm_channel_open_existing(name, 1024, &bad, &err), SM_ERR_NOT_FOUND);
    ASSERT_NULL(bad);
    ASSERT_EQ(sm_channel_open_sized(name, 1024, &tx, &err), SM_OK);
    ASSERT_EQ(sm_channel_view_bytes(tx), 1024);
    ASSERT_EQ(sm_channel_max_units(tx), 511);
    ASSERT_EQ(sm_channel_open_sized(name, 256, &rx, &err), SM_OK); /* a smaller view is fine */
    ASSERT_EQ(sm_channel_max_units(rx), 127);
#ifndef _WIN32 /* Windows rounds sections up to pages, so it cannot see a 1 KB object as too small \
                */
    ASSERT_EQ(sm_channel_open_sized(name, 2048, &bad, &err), SM_ERR_WRONG_SIZE);
#endif
    ASSERT_EQ(sm_channel_peek(rx, &message, &err), SM_EMPTY);
    ASSERT_EQ(sm_channel_try_send(tx, text, 512, &(sm_ticket){0}, &err), SM_ERR_TEXT_TOO_LONG);
    sm_ticket ticket;
    ASSERT_EQ(sm_channel_try_send(tx, text, 511, &ticket, &err), SM_OK);

    /* Peeking twice shows the message twice and takes nothing: the sender is not told "delivered".
     */
    sm_channel *peeker = NULL;
    ASSERT_EQ(sm_channel_open_existing(name, 1024, &peeker, &err), SM_OK);
    ASSERT(!sm_channel_created(peeker));
    for (int look = 0; look < 2; look++) {
        ASSERT_EQ(sm_channel_peek(peeker, &message, &err), SM_OK);
        ASSERT_EQ(message.count, 511);
        ASSERT_MEM_EQ(message.units, text, 511 * sizeof text[0]);
    }
    bool delivered = true;
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    ASSERT_EQ(sm_channel_try_receive(peeker, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 511);
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_EQ(sm_channel_peek(peeker, &message, &err), SM_EMPTY);

    /* Classic mode peeks without the lock and still takes nothing. */
    sm_channel_set_classic(peeker, true);
    ASSERT_EQ(sm_channel_try_send(tx, text, 3, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_peek(peeker, &message, &err), SM_OK);
    ASSERT_EQ(sm_channel_peek(peeker, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 3);
    sm_channel_close(peeker);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/* A 32-bit word of the channel's control object, opened as a second mapping (as a peer would). */
static _Atomic uint32_t *control_word(const char *name, size_t offset, sm_mapping **control)
{
    char control_name[80];
    sm_error err;
    *control = NULL;
    if (sm_name_with_suffix(name, SM_NAME_CONTROL_SUFFIX, control_name, sizeof control_name,
                            &err) != SM_OK ||
        sm_mapping_open(control_name, 128, control, &err) != SM_OK)
        return NULL;
    return (_Atomic uint32_t *)((unsigned char *)sm_mapping_view(*control) + offset);
}

static int running_waiter(void *arg)
{
    return sm_channel_wait_message(arg, 5000) ? 0 : 1;
}

/*
 * The running words (offsets 36 and 60): a receiver's wait says it sleeps
 * (0) before it counts itself in data_sleepers, and shows a beat (non-zero)
 * once it is back on a CPU; a sender's wait beats the sender's word. A peer
 * spins only while the other side's word shows it running (wait_word).
 */
TEST(channel_running_words)
{
    char name[64];
    sm_channel *tx, *rx;
    sm_mapping *control = NULL, *control2 = NULL, *control3 = NULL;
    sm_ticket ticket;
    sm_error err;
    test_open_pair("runw", name, sizeof name, 0, &tx, &rx);
    sm_channel_set_wake(tx, true);
    sm_channel_set_wake(rx, true);
    _Atomic uint32_t *receiver_running = control_word(name, 36, &control);
    _Atomic uint32_t *sender_running = control_word(name, 60, &control2);
    _Atomic uint32_t *data_sleepers = control_word(name, 24, &control3);
    ASSERT_NOT_NULL(receiver_running);
    ASSERT_NOT_NULL(sender_running);
    ASSERT_NOT_NULL(data_sleepers);
    uint32_t receiver = atomic_load(receiver_running), sender = atomic_load(sender_running);
    ASSERT_EQ(receiver, 0); /* a new object: nobody has waited */

    test_thread *waiter = test_thread_start(running_waiter, rx);
    unsigned long long end = sm_monotonic_ms() + 5000;
    while (atomic_load(data_sleepers) == 0 && sm_monotonic_ms() < end)
        sm_sleep_ms(1);
    uint32_t sleepers = atomic_load(data_sleepers);
    receiver = atomic_load(receiver_running);
    ASSERT_EQ(sleepers, 1);
    ASSERT_EQ(receiver, 0); /* asleep: said so before it counted itself */
    const uint16_t text[] = {'r', 'u', 'n'};
    ASSERT_EQ(sm_channel_try_send(tx, text, 3, &ticket, &err), SM_OK);
    ASSERT_EQ(test_thread_join(waiter), 0);
    receiver = atomic_load(receiver_running);
    ASSERT_NE(receiver, 0); /* woken: on a CPU again */

    ASSERT_EQ(sender, 0);
    ASSERT(!sm_channel_wait_free(tx, 0)); /* the slot is full: a look, no sleep */
    sender = atomic_load(sender_running);
    ASSERT_NE(sender, 0);

    /* Scribbled words are hints only: a wait on an empty slot still ends at its timeout. */
    TEST_MESSAGE(message);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    atomic_store(receiver_running, 0xdeadbeefu);
    atomic_store(sender_running, 0xdeadbeefu);
    unsigned long long start = sm_monotonic_ms();
    ASSERT(!sm_channel_wait_message(rx, 30));
    unsigned long long took = sm_monotonic_ms() - start;
    ASSERT_GE(took, 25);
    ASSERT_LT(took, 2000);
    sm_mapping_close(control);
    sm_mapping_close(control2);
    sm_mapping_close(control3);
    close_pair(name, tx, rx);
    return 0;
}

/*
 * The control object records its lock's ABI (offset 48): a channel whose word
 * is another ABI's is refused at open with SM_ERR_ABI naming both; with the
 * word put back it opens again. Process tests mix real 32-bit and 64-bit
 * programs (process.abi_*); this runs on every backend.
 */
TEST(channel_refuses_other_lock_abi)
{
    char name[64];
    test_unique_name(name, sizeof name, "labi");
    sm_channel *owner = NULL, *other = NULL;
    sm_mapping *control = NULL;
    sm_error err;
    ASSERT_EQ(sm_channel_open(name, &owner, &err), SM_OK);
    _Atomic uint32_t *word = control_word(name, 48, &control);
    ASSERT_NOT_NULL(word);
    uint32_t mine = atomic_load(word);
    /* Another ABI than ours: i386's 24-byte mutex, unless that is ours, then x86-64's. */
    uint32_t theirs = mine == 0x00200018u ? 0x00400028u : 0x00200018u;
    atomic_store(word, theirs);
    ASSERT_EQ(sm_channel_open(name, &other, &err), SM_ERR_ABI);
    ASSERT_NULL(other);
    ASSERT_CONTAINS(err.message, name);
    ASSERT_CONTAINS(err.message, theirs == 0x00200018u ? "set up by a 32-bit program (its lock: a "
                                                         "24-byte pthread mutex)"
                                                       : "set up by a 64-bit program");
    ASSERT_CONTAINS(err.message, "cannot share it");
    atomic_store(word, mine);
    ASSERT_EQ(sm_channel_open(name, &other, &err), SM_OK);
    sm_channel_close(other);
    sm_mapping_close(control);
    sm_channel_close(owner);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/*
 * A message taken after someone wrote over the control object is still handed
 * out whole (its sender counts it delivered); sm_channel_check then reports
 * the damage. process.taken_message_shown_before_damage does it across processes.
 */
TEST(channel_take_then_check_damage)
{
    char name[64];
    test_unique_name(name, sizeof name, "chk");
    sm_channel *tx = NULL, *rx = NULL;
    sm_mapping *control = NULL;
    sm_error err;
    TEST_MESSAGE(got);
    ASSERT_EQ(sm_channel_open(name, &tx, &err), SM_OK);
    ASSERT_EQ(sm_channel_open(name, &rx, &err), SM_OK);
    ASSERT_EQ(sm_channel_check(rx, &err), SM_OK);
    const uint16_t text[] = {'o', 'k'};
    ASSERT_EQ(sm_channel_try_send(tx, text, 2, NULL, &err), SM_OK);
    _Atomic uint32_t *version = control_word(name, 32, &control);
    ASSERT_NOT_NULL(version);
    uint32_t saved = atomic_load(version);
    atomic_store(version, 0xFFFFFFFFu);
    ASSERT_EQ(sm_channel_try_receive(rx, &got, &err), SM_OK);
    ASSERT_EQ(got.count, 2);
    ASSERT_EQ(got.units[1], 'k');
    ASSERT_EQ(sm_channel_check(rx, &err), SM_ERR_DAMAGED);
    ASSERT_CONTAINS(err.message, "overwritten");
    atomic_store(version, saved);
    ASSERT_EQ(sm_channel_check(rx, &err), SM_OK);
    sm_mapping_close(control);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/*
 * A receiver whose view is smaller than the message never takes it cut: the
 * message stays in the slot (SM_ERR_TEXT_TOO_LONG, saying so), its sender is
 * not told "delivered", and a receiver with a view that holds it takes it whole.
 */
TEST(channel_receive_leaves_longer_message)
{
    char name[64];
    sm_error err;
    sm_channel *tx = NULL, *small = NULL, *large = NULL;
    static uint16_t text[1500];
    uint16_t units[2048]; /* the 4096-byte view's units */
    sm_message message = SM_MESSAGE_INIT(units, 2048);
    sm_ticket ticket;
    for (size_t i = 0; i < 1500; i++)
        text[i] = (uint16_t)('a' + i % 26);
    test_unique_name(name, sizeof name, "leave");
    sm_channel_unlink(name, NULL, &err);
    ASSERT_EQ(sm_channel_open_sized(name, 4096, &tx, &err), SM_OK);
    ASSERT_EQ(sm_channel_open_sized(name, 2048, &small, &err), SM_OK);
    ASSERT_EQ(sm_channel_open_until(name, 4096, false, 0, &large, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_send(tx, text, 1500, &ticket, &err), SM_OK);
    for (int look = 0; look < 2; look++) {
        ASSERT_EQ(sm_channel_try_receive(small, &message, &err), SM_ERR_TEXT_TOO_LONG);
        ASSERT_CONTAINS(err.message, "does not end within this receiver's 2048-byte view");
        ASSERT_CONTAINS(err.message, "left in the slot");
        ASSERT_EQ(message.count, 0);
    }
    bool delivered = true;
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    ASSERT_EQ(sm_channel_try_receive(large, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 1500);
    ASSERT_MEM_EQ(message.units, text, sizeof text);
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    /* A message that fits the small view is taken by it as before. */
    ASSERT_EQ(sm_channel_try_send(tx, text, 1023, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_receive(small, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 1023);
    sm_channel_close(large);
    sm_channel_close(small);
    sm_channel_close(tx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/*
 * A buffer too small for the message in the slot never loses it: a take, a
 * peek and a classic take each return SM_ERR_BUFFER_TOO_SMALL naming the
 * units needed, the message stays in the slot (its sender is not told
 * "delivered", a withdraw still finds it), and a buffer of the size named
 * takes it whole. Here a larger-view sender (4096 bytes) wrote 1500 units and
 * the receiver sized its buffer for the classic view (sm_channel_max_units of
 * a 2048-byte channel, 1023 units).
 */
TEST(channel_buffer_too_small_leaves_message)
{
    char name[64];
    sm_error err;
    sm_channel *tx = NULL, *rx = NULL, *classic = NULL;
    static uint16_t text[1500];
    for (size_t i = 0; i < 1500; i++)
        text[i] = (uint16_t)('a' + i % 26);
    test_unique_name(name, sizeof name, "small");
    sm_channel_unlink(name, NULL, &err);
    ASSERT_EQ(sm_channel_open_sized(name, 8192, &tx, &err), SM_OK);
    ASSERT_EQ(sm_channel_open_sized(name, 4096, &rx, &err), SM_OK);
    ASSERT_EQ(sm_channel_open_sized(name, 4096, &classic, &err), SM_OK);
    sm_channel_set_classic(classic, true);
    uint16_t *units = malloc(2048 * sizeof *units);
    ASSERT_NOT_NULL(units);
    sm_message message = SM_MESSAGE_INIT(units, SM_SLOT_TEXT_UNITS(SM_SLOT_BYTES));
    sm_ticket ticket;
    ASSERT_EQ(sm_channel_try_send(tx, text, 1500, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_ERR_BUFFER_TOO_SMALL);
    ASSERT_EQ(message.count, 1500);
    ASSERT_CONTAINS(err.message, name);
    ASSERT_CONTAINS(err.message, "is 1500 UTF-16 units and the buffer holds 1023");
    ASSERT_CONTAINS(err.message, "left in the slot");
    ASSERT_CONTAINS(err.message, "sm_channel_max_units: 2047");
    ASSERT_EQ(sm_channel_peek(rx, &message, &err), SM_ERR_BUFFER_TOO_SMALL);
    ASSERT_EQ(message.count, 1500);
    ASSERT_EQ(sm_channel_try_receive(classic, &message, &err), SM_ERR_BUFFER_TOO_SMALL);
    ASSERT_EQ(message.count, 1500);
    bool delivered = true;
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    /* Still there for a withdraw... */
    bool withdrawn = false;
    ASSERT_EQ(sm_channel_withdraw(tx, &ticket, &withdrawn, &err), SM_OK);
    ASSERT(withdrawn);
    /* ...and, sent again, for a buffer of the size the error named. */
    ASSERT_EQ(sm_channel_try_send(tx, text, 1500, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_ERR_BUFFER_TOO_SMALL);
    message.capacity = message.count;
    ASSERT_EQ(sm_channel_peek(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 1500);
    message.capacity = sm_channel_max_units(rx);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 1500);
    ASSERT_MEM_EQ(units, text, sizeof text);
    ASSERT_EQ(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    free(units);
    sm_channel_close(classic);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/* sm_channel_list finds a channel (both objects) with its view size; process.list_channels shows
 * the rest. */
static void find_listed(const char *name, size_t view_bytes, void *context)
{
    struct {
        const char *name;
        size_t view_bytes;
        int seen;
    } *want = context;
    if (strcmp(name, want->name) == 0) {
        want->view_bytes = view_bytes;
        want->seen++;
    }
}

TEST(channel_list_and_process_alive)
{
    char name[64];
    test_unique_name(name, sizeof name, "lst");
    sm_channel *channel = NULL;
    sm_error err;
    ASSERT(sm_process_alive(sm_process_id()));
    ASSERT(!sm_process_alive(0));
    ASSERT_EQ(sm_channel_open_sized(name, 256, &channel, &err), SM_OK);
    struct {
        const char *name;
        size_t view_bytes;
        int seen;
    } want = {name, 0, 0};
    sm_status listed = sm_channel_list(find_listed, &want, &err);
#if defined(__linux__)
    ASSERT_EQ(listed, SM_OK);
    ASSERT_EQ(want.seen, 1); /* once: its ".ctl" companion is not a channel of its own */
    ASSERT_EQ(want.view_bytes, 256);
#else
    ASSERT_EQ(listed, SM_ERR_SYSTEM); /* Windows and the BSDs show no list */
    ASSERT_GT(strlen(err.message), 0);
#endif
    sm_channel_close(channel);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    want.seen = 0;
#if defined(__linux__)
    ASSERT_EQ(sm_channel_list(find_listed, &want, &err), SM_OK);
    ASSERT_EQ(want.seen, 0); /* removed: no longer listed */
#endif
    return 0;
}

/*
 * sm_spin_budget_ns: no spin when the waiter must sleep at once (even right
 * after a wake call) or when the peer sleeps unwoken; the whole SM_SPIN_NS
 * right after this side's wake call, whatever was learned (a peer back from a
 * sleep takes longer than an awake one); else SM_SPIN_MIN_NS plus four times
 * the learned average, at most SM_SPIN_NS, a garbage average included.
 */
TEST(channel_spin_budget)
{
    ASSERT_EQ(sm_spin_budget_ns(1000, true, false, false), 0);
    ASSERT_EQ(sm_spin_budget_ns(1000, true, false, true), 0);
    ASSERT_EQ(sm_spin_budget_ns(1000, true, true, true), 0);
    ASSERT_EQ(sm_spin_budget_ns(1000, false, true, false), 0);
    ASSERT_EQ(sm_spin_budget_ns(0, false, true, true), SM_SPIN_NS);
    ASSERT_EQ(sm_spin_budget_ns(0, false, false, true), SM_SPIN_NS);
    ASSERT_EQ(sm_spin_budget_ns(0, false, false, false), SM_SPIN_MIN_NS);
    ASSERT_EQ(sm_spin_budget_ns(1000, false, false, false), SM_SPIN_MIN_NS + 4000);
    ASSERT_EQ(sm_spin_budget_ns((SM_SPIN_NS - SM_SPIN_MIN_NS) / 4 - 1, false, false, false),
              SM_SPIN_NS - 4);
    ASSERT_EQ(sm_spin_budget_ns((SM_SPIN_NS - SM_SPIN_MIN_NS) / 4, false, false, false),
              SM_SPIN_NS);
    ASSERT_EQ(sm_spin_budget_ns(~0ull, false, false, false), SM_SPIN_NS);
    return 0;
}
