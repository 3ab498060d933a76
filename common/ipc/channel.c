/* channel.c - the slot protocol under the cross-process lock, with delivery tracking. */
#include "channel.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapping.h"
#include "name.h"
#include "test_hook.h"

/* The companion control object: counters that the classic 2 KB format has no room for. */
typedef struct sm_control {
    _Atomic uint64_t taken;     /* messages receivers have removed from the slot */
    _Atomic uint64_t published; /* messages senders have put into the slot */
    uint64_t reserved[6];       /* room for later protocol versions; zero */
} sm_control;

#define SM_CONTROL_BYTES 64
_Static_assert(sizeof(sm_control) == SM_CONTROL_BYTES, "control object layout is fixed");

struct sm_channel {
    sm_mapping *data;    /* the classic 2 KB view; its lock guards every slot change */
    sm_mapping *control; /* "<name>.ctl": the counters */
    bool classic;        /* teaching mode: the unsafe classic protocol */
};

static sm_control *control_of(sm_channel *channel)
{
    return sm_mapping_view(channel->control);
}

sm_status sm_channel_open(const char *name, sm_channel **out, sm_error *err)
{
    char control_name[300];
    *out = NULL;
    sm_channel *channel = calloc(1, sizeof *channel);
    if (channel == NULL)
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
    sm_status status = sm_mapping_open(name, SM_SLOT_BYTES, &channel->data, err);
    if (status == SM_OK)
        status = sm_name_with_suffix(name, SM_NAME_CONTROL_SUFFIX, control_name,
                                     sizeof control_name, err);
    if (status == SM_OK)
        status = sm_mapping_open(control_name, SM_CONTROL_BYTES, &channel->control, err);
    if (status != SM_OK) {
        sm_channel_close(channel);
        return status;
    }
    *out = channel;
    return SM_OK;
}

void sm_channel_close(sm_channel *channel)
{
    if (channel == NULL)
        return;
    sm_mapping_close(channel->control);
    sm_mapping_close(channel->data);
    free(channel);
}

sm_status sm_channel_unlink(const char *name, bool *removed, sm_error *err)
{
    char control_name[300];
    sm_status status = sm_mapping_unlink(name, removed, err);
    if (status == SM_OK)
        status = sm_name_with_suffix(name, SM_NAME_CONTROL_SUFFIX, control_name,
                                     sizeof control_name, err);
    if (status == SM_OK)
        status = sm_mapping_unlink(control_name, NULL, err);
    return status;
}

void sm_channel_set_classic(sm_channel *channel, bool classic) { channel->classic = classic; }
bool sm_channel_classic(const sm_channel *channel) { return channel->classic; }

bool sm_channel_created(const sm_channel *channel) { return sm_mapping_created(channel->data); }
const char *sm_channel_name(const sm_channel *channel) { return sm_mapping_name(channel->data); }
const char *sm_channel_os_name(const sm_channel *channel)
{
    return sm_mapping_os_name(channel->data);
}

sm_status sm_channel_try_send(sm_channel *channel, const uint16_t *units, size_t count,
                              sm_ticket *ticket, sm_error *err)
{
    void *view = sm_mapping_view(channel->data);
    if (channel->classic) {
        if (ticket != NULL)
            ticket->count = 0; /* nothing to track: the classic protocol cannot tell */
        return sm_slot_classic_store(view, units, count, err);
    }
    sm_test_pause_point("writer-before-lock");
    sm_status status = sm_mapping_lock(channel->data, err);
    if (status != SM_OK)
        return status;
    sm_test_pause_point("writer-locked");
    status = sm_slot_write_body(view, units, count, err);
    if (status == SM_OK) {
        /* A writer killed here has written only the body: unit 0 is still 0, the slot empty. */
        sm_test_pause_point("writer-after-body");
        sm_slot_publish(view, units[0]);
        sm_control *control = control_of(channel);
        atomic_fetch_add(&control->published, 1);
        ticket->taken_at_publish = atomic_load(&control->taken);
        ticket->count = count;
        memcpy(ticket->units, units, count * sizeof units[0]);
        sm_test_pause_point("writer-after-publish");
    }
    sm_mapping_unlock(channel->data);
    return status;
}

/* Under the lock: has the ticket's message left the slot through a receiver? */
static bool ticket_delivered(sm_channel *channel, const sm_ticket *ticket)
{
    if (channel->classic)
        return true;
    /*
     * Writers only write into an empty slot, so after our publish the next
     * take is ours: the counter moving proves delivery. A classic receiver
     * does not count, so an empty slot, or one holding other text, proves it too.
     */
    if (atomic_load(&control_of(channel)->taken) != ticket->taken_at_publish)
        return true;
    return !sm_slot_holds(sm_mapping_view(channel->data), ticket->units, ticket->count);
}

sm_status sm_channel_poll_delivery(sm_channel *channel, const sm_ticket *ticket, bool *delivered,
                                   sm_error *err)
{
    if (channel->classic) {
        *delivered = true; /* classic senders fire and forget: no lock, nothing to ask */
        return SM_OK;
    }
    sm_status status = sm_mapping_lock(channel->data, err);
    if (status != SM_OK)
        return status;
    *delivered = ticket_delivered(channel, ticket);
    sm_mapping_unlock(channel->data);
    return SM_OK;
}

sm_status sm_channel_withdraw(sm_channel *channel, const sm_ticket *ticket, bool *withdrawn,
                              sm_error *err)
{
    sm_status status = sm_mapping_lock(channel->data, err);
    if (status != SM_OK)
        return status;
    *withdrawn = !ticket_delivered(channel, ticket);
    if (*withdrawn)
        sm_slot_clear(sm_mapping_view(channel->data));
    sm_mapping_unlock(channel->data);
    return SM_OK;
}

sm_status sm_channel_try_receive(sm_channel *channel, sm_message *out, sm_error *err)
{
    void *view = sm_mapping_view(channel->data);
    if (channel->classic)
        return sm_slot_classic_take(view, out);
    /* Unlocked peek: an empty slot needs no lock, which keeps idle polling cheap. */
    if (sm_slot_is_empty(view)) {
        out->count = 0;
        return SM_EMPTY;
    }
    sm_status status = sm_mapping_lock(channel->data, err);
    if (status != SM_OK)
        return status;
    status = sm_slot_load(view, out);
    if (status == SM_OK) {
        /* A reader killed here leaves the message in the slot: the next reader gets it. */
        sm_test_pause_point("reader-after-copy");
        sm_slot_clear(view);
        atomic_fetch_add(&control_of(channel)->taken, 1);
    }
    sm_mapping_unlock(channel->data);
    return status;
}

sm_status sm_channel_send_wait(sm_channel *channel, const uint16_t *units, size_t count,
                               unsigned timeout_ms, unsigned poll_ms, sm_error *err)
{
    unsigned long long start = sm_monotonic_ms();
    sm_ticket *ticket = malloc(sizeof *ticket);
    if (ticket == NULL)
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
    bool expired = false;
    sm_status status;
    /* Phase 1: wait for an empty slot; never overwrite an unread message. */
    while ((status = sm_channel_try_send(channel, units, count, ticket, err)) == SM_BUSY) {
        if (timeout_ms != 0 && sm_monotonic_ms() - start >= timeout_ms) {
            status = sm_error_set(err, SM_ERR_TIMEOUT,
                                  "not delivered: the slot of '%s' stayed full for %u ms (is a "
                                  "receiver running?); raise --timeout or start a receiver",
                                  sm_channel_name(channel), timeout_ms);
            goto done;
        }
        sm_sleep_ms(poll_ms);
    }
    if (status != SM_OK)
        goto done;
    /* Phase 2: wait until a receiver takes it. */
    for (;;) {
        bool delivered = false;
        status = sm_channel_poll_delivery(channel, ticket, &delivered, err);
        if (status != SM_OK || delivered)
            goto done;
        expired = timeout_ms != 0 && sm_monotonic_ms() - start >= timeout_ms;
        if (expired)
            break;
        sm_sleep_ms(poll_ms);
    }
    bool withdrawn = false;
    status = sm_channel_withdraw(channel, ticket, &withdrawn, err);
    if (status == SM_OK && withdrawn)
        status = sm_error_set(err, SM_ERR_TIMEOUT,
                              "not delivered: no receiver read the message from '%s' within %u "
                              "ms, so it was withdrawn; start a receiver or raise --timeout",
                              sm_channel_name(channel), timeout_ms);
done:
    free(ticket);
    return status;
}
