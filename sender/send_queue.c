/* send_queue.c - ordered, non-blocking delivery of the window's messages. */
#include "send_queue.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void send_queue_init(send_queue *queue, sm_channel *channel, send_queue_listener listener,
                     void *context)
{
    memset(queue, 0, sizeof *queue);
    queue->channel = channel;
    queue->next_id = 1;
    queue->listener = listener;
    queue->context = context;
}

void send_queue_free(send_queue *queue)
{
    for (size_t i = 0; i < queue->count; i++)
        free(queue->items[i].units);
    free(queue->items);
    memset(queue, 0, sizeof *queue);
}

static void notify(send_queue *queue, const send_item *item, const sm_error *err)
{
    if (queue->listener != NULL)
        queue->listener(queue->context, item, err);
}

/* Drops items[0] (delivered or failed). */
static void pop_front(send_queue *queue)
{
    free(queue->items[0].units);
    memmove(queue->items, queue->items + 1, (queue->count - 1) * sizeof *queue->items);
    queue->count--;
}

sm_status send_queue_push(send_queue *queue, const char *text, size_t length, unsigned long *id,
                          sm_error *err)
{
    if (length == 0)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT,
                            "the message is empty, and an empty text is how the shared memory "
                            "says 'no message', so it cannot be sent; type something first");
    size_t count = 0;
    sm_status status = sm_utf8_to_utf16(text, length, NULL, 0, &count, err);
    if (status != SM_OK && status != SM_ERR_TEXT_TOO_LONG)
        return status;
    /* The limit follows the channel's view (--view-size); without a channel, the classic one. */
    size_t limit =
        queue->channel != NULL ? sm_channel_max_units(queue->channel) : (size_t)SM_TEXT_MAX_UNITS;
    if (count > limit)
        return sm_error_set(err, SM_ERR_TEXT_TOO_LONG,
                            "too long: %zu UTF-16 units, the view holds at most %zu plus the "
                            "terminator; shorten it by %zu",
                            count, limit, count - limit);
    if (queue->count == queue->capacity) {
        size_t capacity = queue->capacity ? queue->capacity * 2 : 8;
        send_item *items = realloc(queue->items, capacity * sizeof *items);
        if (items == NULL)
            return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
        queue->items = items;
        queue->capacity = capacity;
    }
    send_item item = {queue->next_id, SEND_QUEUED, malloc(count * sizeof(uint16_t)), count};
    if (item.units == NULL)
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
    status = sm_utf8_to_utf16(text, length, item.units, count, &item.count, err);
    if (status != SM_OK) {
        free(item.units);
        return status;
    }
    queue->next_id++;
    queue->items[queue->count++] = item;
    *id = item.id;
    notify(queue, &item, NULL);
    return SM_OK;
}

sm_status send_queue_pump(send_queue *queue, sm_error *err)
{
    sm_error local;
    if (err == NULL)
        err = &local;
    while (queue->count > 0) {
        send_item *front = &queue->items[0];
        sm_status status = SM_OK;
        if (front->state == SEND_SENT) {
            bool delivered = false;
            status = sm_channel_poll_delivery(queue->channel, &queue->ticket, &delivered, err);
            if (status == SM_OK && !delivered)
                return SM_OK; /* still in the slot */
            if (status == SM_ERR_HELD)
                return status; /* another process holds the lock: ask again later */
            if (status == SM_OK) {
                front->state = SEND_DELIVERED;
                notify(queue, front, NULL);
                pop_front(queue);
                continue; /* the slot is free: the next one can go now */
            }
        } else {
            status = sm_channel_try_send(queue->channel, front->units, front->count, &queue->ticket,
                                         err);
            if (status == SM_BUSY)
                return SM_OK; /* someone's message fills the slot: wait */
            if (status == SM_ERR_HELD)
                return status; /* nothing was written: stays queued, tried again later */
            if (status == SM_OK) {
                front->state = SEND_SENT; /* its units stay: the ticket refers to them */
                notify(queue, front, NULL);
                return SM_OK;
            }
        }
        front->state = SEND_FAILED;
        notify(queue, front, err);
        pop_front(queue);
        return status;
    }
    return SM_OK;
}

sm_status send_queue_withdraw_all(send_queue *queue, size_t *withdrawn, size_t *delivered,
                                  sm_error *err)
{
    *withdrawn = 0;
    *delivered = 0;
    if (queue->count > 0 && queue->items[0].state == SEND_SENT) {
        bool taken_back = false;
        sm_status status = sm_channel_withdraw(queue->channel, &queue->ticket, &taken_back, err);
        if (status != SM_OK)
            return status;
        if (!taken_back) {
            queue->items[0].state = SEND_DELIVERED;
            notify(queue, &queue->items[0], NULL);
            (*delivered)++;
            pop_front(queue);
        }
    }
    *withdrawn = queue->count;
    while (queue->count > 0)
        pop_front(queue);
    return SM_OK;
}

size_t send_queue_waiting(const send_queue *queue)
{
    size_t waiting = 0;
    for (size_t i = 0; i < queue->count; i++)
        waiting += queue->items[i].state == SEND_QUEUED;
    return waiting;
}

bool send_queue_active(const send_queue *queue)
{
    return queue->count > 0;
}
