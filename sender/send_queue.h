/*
 * send_queue.h - the sender window's messages in order: each is queued,
 * then in the slot (sent), then taken by a receiver (delivered).
 *
 * Only one message of ours is in the slot at a time; the next goes in as soon
 * as the previous one was taken, so nothing is overwritten and order holds.
 * Driven by send_queue_pump on a timer: it never blocks. No SDL here, so the
 * queue is unit-testable with a real channel.
 */
#ifndef SAMPLEMAP_SEND_QUEUE_H
#define SAMPLEMAP_SEND_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "channel.h"

typedef enum send_state {
    SEND_QUEUED,    /* waiting for the slot */
    SEND_SENT,      /* in the slot, not yet taken */
    SEND_DELIVERED, /* a receiver took it */
    SEND_FAILED,    /* the channel failed; the reason was reported */
} send_state;

typedef struct send_item {
    unsigned long id; /* 1, 2, ... in the order accepted */
    send_state state; /* where it is */
    uint16_t *units;  /* the UTF-16 message (the ticket refers to it), freed once delivered */
    size_t count;     /* units in it */
} send_item;

/* Called for each change of state, for the window (and its stdout trace). */
typedef void (*send_queue_listener)(void *context, const send_item *item, const sm_error *err);

typedef struct send_queue {
    sm_channel *channel;          /* not owned */
    send_item *items;             /* not yet delivered, oldest first */
    size_t count, capacity;       /* items in use, allocated */
    unsigned long next_id;        /* id of the next accepted message */
    sm_ticket ticket;             /* of the message in the slot (items[0] when SENT) */
    send_queue_listener listener; /* may be NULL */
    void *context;                /* passed to listener */
} send_queue;

void send_queue_init(send_queue *queue, sm_channel *channel, send_queue_listener listener,
                     void *context);
void send_queue_free(send_queue *queue);

/*
 * Checks text (UTF-8, length bytes) and queues it: SM_OK with *id set, or
 * SM_ERR_TEXT_INVALID / SM_ERR_TEXT_TOO_LONG / SM_ERR_INVALID_ARGUMENT
 * (empty) with the reason in err; refused text is not queued. Call
 * send_queue_pump next to put it into an empty slot at once.
 */
sm_status send_queue_push(send_queue *queue, const char *text, size_t length, unsigned long *id,
                          sm_error *err);

/*
 * Moves the queue along: checks whether the message in the slot was taken and
 * puts the next one in. Returns SM_OK, or a channel error (reported to the
 * listener, the message marked FAILED and dropped).
 */
sm_status send_queue_pump(send_queue *queue, sm_error *err);

/*
 * Takes back everything undelivered (the window closes and its user chose to
 * withdraw): the message in the slot is withdrawn unless a receiver took it
 * meanwhile (then it counts in *delivered and is reported so), and queued
 * ones are dropped; both count in *withdrawn, i.e. never delivered. The queue
 * is empty afterwards. On a channel error nothing is changed.
 */
sm_status send_queue_withdraw_all(send_queue *queue, size_t *withdrawn, size_t *delivered,
                                  sm_error *err);

/* Messages waiting for the slot (not counting the one in it). */
size_t send_queue_waiting(const send_queue *queue);

/* True while anything is undelivered: the window keeps its timer running. */
bool send_queue_active(const send_queue *queue);

#endif
