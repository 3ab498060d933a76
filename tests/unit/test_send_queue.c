/* test_send_queue.c - the sender window's queue: order, refusal, waiting for a full slot. */
#include <stdint.h>

#include "channel.h"
#include "send_queue.h"
#include "test.h"

typedef struct seen {
    int events;
    send_state last_state;
    unsigned long last_id;
} seen;

static void listen(void *context, const send_item *item, const sm_error *err)
{
    seen *s = context;
    (void)err;
    s->events++;
    s->last_state = item->state;
    s->last_id = item->id;
}

TEST(send_queue_push_refuses)
{
    send_queue queue;
    seen s = {0};
    unsigned long id = 0;
    sm_error err;
    send_queue_init(&queue, NULL, listen, &s);
    ASSERT_EQ(send_queue_push(&queue, "", 0, &id, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_CONTAINS(err.message, "the message is empty");
    ASSERT_EQ(send_queue_push(&queue, "a\xff", 2, &id, &err), SM_ERR_TEXT_INVALID);
    ASSERT_CONTAINS(err.message, "byte offset 1");
    static char big[1100];
    memset(big, 'z', 1024);
    ASSERT_EQ(send_queue_push(&queue, big, 1024, &id, &err), SM_ERR_TEXT_TOO_LONG);
    ASSERT_CONTAINS(err.message, "1024 UTF-16 units");
    ASSERT_EQ(s.events, 0); /* nothing refused was queued */
    ASSERT(!send_queue_active(&queue));
    send_queue_free(&queue);
    return 0;
}

TEST(send_queue_waits_for_the_slot)
{
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("sq", name, sizeof name, 0, &tx, &rx);
    /* Someone else's unread message fills the slot. */
    sm_ticket other;
    TEST_MESSAGE(message);
    const uint16_t blocker[] = {'X'};
    ASSERT_EQ(sm_channel_try_send(rx, blocker, 1, &other, &err), SM_OK);

    send_queue queue;
    seen s = {0};
    unsigned long first = 0, second = 0;
    send_queue_init(&queue, tx, listen, &s);
    ASSERT_EQ(send_queue_push(&queue, "один", strlen("один"), &first, &err), SM_OK);
    ASSERT_EQ(send_queue_push(&queue, "two", 3, &second, &err), SM_OK);
    ASSERT_EQ(second, first + 1);
    ASSERT_EQ(send_queue_waiting(&queue), 2);
    ASSERT_EQ(send_queue_pump(&queue, &err), SM_OK); /* slot full: nothing overwritten */
    ASSERT_EQ(send_queue_waiting(&queue), 2);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.units[0], 'X');

    ASSERT_EQ(send_queue_pump(&queue, &err), SM_OK); /* first goes in, second waits */
    ASSERT_EQ(s.last_state, SEND_SENT);
    ASSERT_EQ(s.last_id, first);
    ASSERT_EQ(send_queue_waiting(&queue), 1);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.count, 4);
    ASSERT_EQ(message.units[0], 0x043E); /* о */

    ASSERT_EQ(send_queue_pump(&queue, &err), SM_OK); /* first delivered, second sent */
    ASSERT_EQ(s.last_id, second);
    ASSERT_EQ(s.last_state, SEND_SENT);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ(message.units[0], 't');
    ASSERT_EQ(send_queue_pump(&queue, &err), SM_OK);
    ASSERT_EQ(s.last_state, SEND_DELIVERED);
    ASSERT(!send_queue_active(&queue));

    send_queue_free(&queue);
    sm_channel_close(tx);
    sm_channel_close(rx);
    sm_channel_unlink(name, NULL, &err);
    return 0;
}

TEST(send_queue_withdraw_all)
{
    char name[64];
    sm_channel *tx;
    sm_error err;
    test_unique_name(name, sizeof name, "sqw");
    sm_channel_unlink(name, NULL, &err);
    ASSERT_EQ(sm_channel_open(name, &tx, &err), SM_OK);
    send_queue queue;
    seen s = {0};
    unsigned long id = 0;
    send_queue_init(&queue, tx, listen, &s);
    ASSERT_EQ(send_queue_push(&queue, "in the slot", 11, &id, &err), SM_OK);
    ASSERT_EQ(send_queue_pump(&queue, &err), SM_OK);
    ASSERT_EQ(send_queue_push(&queue, "queued", 6, &id, &err), SM_OK);
    size_t withdrawn = 9, delivered = 9;
    ASSERT_EQ(send_queue_withdraw_all(&queue, &withdrawn, &delivered, &err), SM_OK);
    ASSERT_EQ(withdrawn, 2);
    ASSERT_EQ(delivered, 0);
    ASSERT(!send_queue_active(&queue));
    sm_message m;
    ASSERT_EQ(sm_channel_try_receive(tx, &m, &err), SM_EMPTY); /* taken back: the slot is empty */
    send_queue_free(&queue);
    sm_channel_close(tx);
    sm_channel_unlink(name, NULL, &err);
    return 0;
}
