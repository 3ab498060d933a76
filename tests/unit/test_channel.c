/* test_channel.c - the locked protocol with two channel handles in one process. */
#include <stdint.h>

#include "channel.h"
#include "mapping.h"
#include "os_process.h"
#include "test.h"


/* Opens a sender and a receiver handle on a fresh channel. */
static void close_pair(const char *name, sm_channel *tx, sm_channel *rx)
{
    sm_error err;
    sm_channel_close(tx);
    sm_channel_close(rx);
    ASSERT_EQ_INT(sm_channel_unlink(name, NULL, &err), SM_OK);
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
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 5, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.count, 5);
    ASSERT(memcmp(message.units, text, sizeof text) == 0);
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_EMPTY); /* delivered once */
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
    ASSERT_EQ_INT(sm_channel_try_send(tx, first, 1, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_send(rx, second, 1, &other, &err), SM_BUSY); /* not overwritten */
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.units[0], '1');
    ASSERT_EQ_INT(sm_channel_try_send(rx, second, 1, &other, &err), SM_OK);
    /* Ours was taken and another message now sits there: still "delivered". */
    bool delivered = false;
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_EQ_INT(sm_channel_try_receive(tx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.units[0], '2');
    /* ABA: ours is taken and another sender puts in the SAME text. Only the counter can tell. */
    ASSERT_EQ_INT(sm_channel_try_send(tx, first, 1, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_send(rx, first, 1, &other, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_EQ_INT(sm_channel_poll_delivery(rx, &other, &delivered, &err), SM_OK);
    ASSERT(!delivered); /* and the second one is rightly still waiting */
    ASSERT_EQ_INT(sm_channel_try_send(tx, first, 0, &ticket, &err), SM_ERR_TEXT_INVALID);
    /* Streaming without a ticket: the same exclusion, nothing to track. */
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_send(tx, second, 1, NULL, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_send(tx, first, 1, NULL, &err), SM_BUSY);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.units[0], '2');
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
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 2, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_withdraw(tx, &ticket, &withdrawn, &err), SM_OK);
    ASSERT(withdrawn);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    /* Once delivered, a withdraw changes nothing and says so. */
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 2, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_withdraw(tx, &ticket, &withdrawn, &err), SM_OK);
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
    ASSERT_EQ_INT(sm_channel_send_wait(tx, text, 1, 50, 5, &err), SM_ERR_TIMEOUT);
    ASSERT_CONTAINS(err.message, "no receiver read the message");
    ASSERT_CONTAINS(err.message, "withdrawn");
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
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
        ASSERT_EQ_INT(sm_channel_send_wait(tx, text, 1, 50, 5000, &err), SM_ERR_TIMEOUT);
        ASSERT(sm_monotonic_ms() - start < 2000);
        ASSERT_CONTAINS(err.message, "withdrawn");
        /* A full slot: phase 1 (waiting for room), through send_until's absolute deadline. */
        ASSERT_EQ_INT(sm_channel_try_send(rx, waiting, 1, &ticket, &err), SM_OK);
        start = sm_monotonic_ms();
        ASSERT_EQ_INT(sm_channel_send_until(tx, text, 1, start + 50, 5000, &err), SM_ERR_TIMEOUT);
        ASSERT(sm_monotonic_ms() - start < 2000);
        ASSERT_CONTAINS(err.message, "stayed full for the ");
        ASSERT_EQ_INT(sm_channel_try_receive(tx, &message, &err), SM_OK);
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
    ASSERT_EQ_INT(sm_channel_try_send(rx, waiting, 1, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_send_wait(tx, text, 1, 50, 5, &err), SM_ERR_TIMEOUT);
    ASSERT_CONTAINS(err.message, "stayed full");
    /* The unread message was not overwritten. */
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.units[0], 'w');
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
    ASSERT_EQ_INT(sm_channel_unlink(name, &removed, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_open(name, &tx, &err), SM_OK);
    ASSERT(sm_channel_created(tx)); /* a fresh object after unlink (or last close on Windows) */
    /* Removed while open: "removed" must match what the next open finds (see mapping_unlink). */
    removed = false;
    ASSERT_EQ_INT(sm_channel_unlink(name, &removed, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_open(name, &rx, &err), SM_OK);
    ASSERT(sm_channel_created(rx) == removed);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ_INT(sm_channel_unlink(name, NULL, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_open("Local\\no/slash", &tx, &err), SM_ERR_NAME);
    /* ".ctl" names are the companions' own (fuzz find: they would not fit with theirs). */
    ASSERT_EQ_INT(sm_channel_open("Local\\aaaaaaaaaaaaaaaaaaaaa.ctl", &tx, &err), SM_ERR_NAME);
    ASSERT_CONTAINS(err.message, "reserved for each channel's control object");
    ASSERT_EQ_INT(sm_channel_unlink("Local\\x.ctl", NULL, &err), SM_ERR_NAME);
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
    ASSERT_EQ_INT(sm_channel_try_send(tx, first, 1, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_send(tx, second, 1, &ticket, &err), SM_OK); /* overwrites: never busy */
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered); /* fire and forget: nothing is tracked */
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.units[0], '2'); /* '1' was lost, as in the classic samples */
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    ASSERT_EQ_INT(sm_channel_send_wait(tx, first, 1, 50, 5, &err), SM_OK); /* returns at once */
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
    ASSERT(took >= 25 && took < 2000);
    /* ... and wait_free sees the free slot at once. */
    ASSERT(sm_channel_wait_free(tx, 5000));

    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 4, &ticket, &err), SM_OK);
    start = sm_monotonic_ms();
    ASSERT(sm_channel_wait_message(rx, 5000)); /* full: at once */
    ASSERT(!sm_channel_wait_free(tx, 30));     /* full: times out */
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT(sm_channel_wait_free(tx, 5000));    /* taken: at once */
    bool delivered = false;
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT(sm_monotonic_ms() - start < 2000);

    /* send_wait in wake mode with a receiver that never comes: withdrawn at the timeout. */
    ASSERT_EQ_INT(sm_channel_send_wait(tx, text, 4, 50, 10, &err), SM_ERR_TIMEOUT);
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
    ASSERT_EQ_INT(test_thread_join(test_thread_start(slice_waiter_run, &waiter)), 0);
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
    ASSERT(slice_after_wait(rx, true, &before) == before);
    sm_channel_set_wake(tx, true);
    sm_channel_set_wake(rx, true);
    ASSERT(slice_after_wait(rx, true, &before) == SM_QUICK_WAKE_SLICE_US * 1000ll);
    ASSERT(before != SM_QUICK_WAKE_SLICE_US * 1000ll);
    const uint16_t text[] = {'q'};
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 1, NULL, &err), SM_OK);
    ASSERT(slice_after_wait(tx, false, &before) == before); /* full slot: the sender waits */
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
        ASSERT_EQ_INT(sm_channel_try_send(peer->channel, text, 4, &later, &err), SM_OK);
    else
        ASSERT_EQ_INT(sm_channel_try_receive(peer->channel, &taken, &err), SM_OK);
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
    ASSERT_EQ_INT(test_thread_join(thread), 0);
    ASSERT(took >= WAKE_DELAY_MS - 1); /* 1 ms: the clock's granularity */
    ASSERT(took < WAKE_WAIT_MS / 4);

    /* The slot is full now: the sender waits for "slot free" until the receiver takes it. */
    wake_peer receiver = {rx, false};
    start = sm_monotonic_ms();
    thread = test_thread_start(wake_peer_run, &receiver);
    ASSERT(sm_channel_wait_free(tx, WAKE_WAIT_MS));
    took = sm_monotonic_ms() - start;
    ASSERT_EQ_INT(test_thread_join(thread), 0);
    ASSERT(took >= WAKE_DELAY_MS - 1);
    ASSERT(took < WAKE_WAIT_MS / 4);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_EMPTY);
    close_pair(name, tx, rx);
    return 0;
}

/* The OS seam's wake words: a wait on a word that already moved returns at once. */
TEST(mapping_wait_wake_word)
{
    char name[64];
    sm_mapping *m;
    sm_error err;
    test_unique_name(name, sizeof name, "word");
    sm_mapping_unlink(name, NULL, &err);
    ASSERT_EQ_INT(sm_mapping_open(name, 64, &m, &err), SM_OK);
    volatile uint32_t *word = (volatile uint32_t *)((char *)sm_mapping_view(m) + 16);
    *word = 7;
    unsigned long long start = sm_monotonic_ms();
    sm_mapping_wait_word(m, 16, 6, 5000); /* 7 != 6: no sleep */
    ASSERT(sm_monotonic_ms() - start < 2000);
    sm_mapping_wake_word(m, 16); /* nobody asleep: harmless */
    sm_mapping_wait_word(m, 16, 7, 20); /* equal: sleeps until the timeout (or a stale event) */
    sm_mapping_wait_word(m, 18, 7, 5000); /* misaligned: refused, returns */
    ASSERT(sm_monotonic_ms() - start < 4000);
    unsigned long long ns0 = sm_monotonic_ns();
    ASSERT(sm_monotonic_ns() >= ns0);
    /* The sub-millisecond sleep sleeps at least that long (Windows: a whole millisecond). */
    ns0 = sm_monotonic_ns();
    sm_sleep_us(300);
    unsigned long long slept = sm_monotonic_ns() - ns0;
    ASSERT(slept >= 300000ull && slept < 2000000000ull);
    sm_sleep_us(0); /* just a yield */
    sm_mapping_close(m);
    ASSERT_EQ_INT(sm_mapping_unlink(name, NULL, &err), SM_OK);
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
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 4, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    /* The output failed: back in, whole, for the next receiver. */
    ASSERT_EQ_INT(sm_channel_put_back(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.count, 4);
    ASSERT(memcmp(message.units, text, sizeof text) == 0);
    /* A slot filled meanwhile is never overwritten. */
    ASSERT_EQ_INT(sm_channel_try_send(tx, other, 1, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_put_back(rx, &message, &err), SM_BUSY);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.units[0], 'o');
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
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 1, &ticket, &err), SM_OK); /* a free lock: taken */
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    close_pair(name, tx, rx);
    /* Two opens of one object share its identity; a re-created object (POSIX) has another. */
    sm_mapping *a = NULL, *b = NULL;
    test_unique_name(name, sizeof name, "ident");
    ASSERT_EQ_INT(sm_mapping_open(name, 128, &a, &err), SM_OK);
    ASSERT_EQ_INT(sm_mapping_open(name, 128, &b, &err), SM_OK);
    ASSERT(sm_mapping_identity(a) == sm_mapping_identity(b));
    ASSERT(!sm_mapping_damaged(a));
    sm_mapping_close(b);
    b = NULL;
    if (sm_mapping_identity(a) != 0) {
        sm_mapping_unlink(name, NULL, &err);
        ASSERT_EQ_INT(sm_mapping_open(name, 128, &b, &err), SM_OK);
        ASSERT(sm_mapping_identity(a) != sm_mapping_identity(b));
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
    ASSERT_EQ_INT(sm_channel_unlink(name, &removed, &err), SM_OK);
#ifdef _WIN32
    ASSERT(!sm_channel_replaced(tx)); /* still there while we hold it */
#else
    ASSERT(removed);
    ASSERT(sm_channel_replaced(tx)); /* removed */
    sm_channel *fresh;
    ASSERT_EQ_INT(sm_channel_open(name, &fresh, &err), SM_OK);
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
    ASSERT(clock >= before && clock <= after);
    ASSERT(later >= clock + 19); /* at least the sleep (1 ms of clock granularity) */
    return 0;
}
