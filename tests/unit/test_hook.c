/* test_hook.c - the protocol points (hook.h) and the lock-free snapshot (sm_channel_inspect). */
#include <stdint.h>
#include <string.h>

#include "channel.h"
#include "hook.h"
#include "mapping.h"
#include "test.h"

/* What the recording hook saw: the points in order, and a look at the slot at some of them. */
typedef struct recorder {
    char points[1024];       /* "a,b,c," */
    sm_channel *observer;    /* a second handle, to inspect from inside the hook */
    uint16_t unit0_seen;     /* unit 0 at classic-after-unit0 / writer-after-body */
    uint16_t unit1_seen;     /* unit 1 there */
    sm_lock_state lock_seen; /* the lock state at writer-locked */
    unsigned long owner_seen;
    unsigned char bytes[SM_SLOT_BYTES]; /* the observer's view, in look */
    sm_channel_snapshot look;           /* the last inspect from inside the hook */
} recorder;

static void record(const char *point, void *ctx)
{
    recorder *r = ctx;
    strncat(r->points, point, sizeof r->points - strlen(r->points) - 2);
    strcat(r->points, ",");
    sm_error err;
    if (strcmp(point, "classic-after-unit0") == 0 || strcmp(point, "writer-after-body") == 0) {
        ASSERT_EQ(sm_channel_inspect(r->observer, &r->look, &err), SM_OK);
        r->unit0_seen = (uint16_t)(r->look.bytes[0] | r->look.bytes[1] << 8);
        r->unit1_seen = (uint16_t)(r->look.bytes[2] | r->look.bytes[3] << 8);
    }
    if (strcmp(point, "writer-locked") == 0) {
        ASSERT_EQ(sm_channel_inspect(r->observer, &r->look, &err), SM_OK);
        r->lock_seen = r->look.lock_state;
        r->owner_seen = r->look.lock_owner;
    }
}

TEST(hook_points_table)
{
    size_t count = 0;
    const sm_hook_point *points = sm_hook_points(&count);
    ASSERT_GE(count, 16);
    for (size_t i = 0; i < count; i++) {
        ASSERT_EQ(sm_hook_find(points[i].name), &points[i]);
        ASSERT_GT(strlen(points[i].description), 5);
    }
    ASSERT(sm_hook_find("writer-locked")->protocol_step);
    ASSERT(!sm_hook_find("creator-before-size")->protocol_step);
    ASSERT_NULL(sm_hook_find("no-such-point"));
    ASSERT_NULL(sm_hook_find(NULL));
    return 0;
}

TEST(hook_order_safe_and_classic)
{
    TEST_MESSAGE(message);
    sm_ticket ticket;
    char name[64];
    sm_channel *tx, *rx;
    sm_error err;
    test_open_pair("hook", name, sizeof name, 0, &tx, &rx);
    /* One round first, so the lock's one-time set-up ("lock-init") is not in the record. */
    const uint16_t hi[] = {'h', 'i'};
    ASSERT_EQ(sm_channel_try_send(tx, hi, 2, &ticket, &err), SM_OK);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    static recorder r;
    memset(&r, 0, sizeof r);
    r.observer = rx;
    r.look = (sm_channel_snapshot)SM_CHANNEL_SNAPSHOT_INIT(r.bytes, sizeof r.bytes);
    sm_hook_set(record, &r);

    const uint16_t ok[] = {'o', 'k'};
    ASSERT_EQ(sm_channel_try_send(tx, ok, 2, &ticket, &err), SM_OK);
    ASSERT_STR_EQ(r.points, "writer-before-lock,writer-locked,writer-after-body,"
                            "writer-after-publish,writer-unlocked,");
    /* At writer-after-body the body is there but unit 0 is not: the slot still looks empty. */
    ASSERT_EQ(r.unit0_seen, 0);
    ASSERT_EQ(r.unit1_seen, 'k');
    /* The lock as a look sees it while this thread holds it. */
    if (strcmp(r.look.lock_kind, "robust mutex in the control object") == 0) {
        ASSERT_EQ(r.lock_seen, SM_LOCK_HELD);
        ASSERT_EQ(r.owner_seen, sm_process_id()); /* the main thread's id is the pid */
    } else {
        ASSERT_EITHER(r.lock_seen, SM_LOCK_HELD, SM_LOCK_UNKNOWN);
    }
    r.points[0] = '\0';
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_STR_EQ(r.points, "reader-locked,reader-after-copy,reader-after-clear,reader-unlocked,");

    /* Classic: unit 0 goes first, so a look between it and the body sees the old tail. */
    const uint16_t old_text[] = {'o', 'l', 'd'}, new_text[] = {'N', 'E', 'W'};
    sm_channel_set_classic(tx, true);
    sm_channel_set_classic(rx, true);
    ASSERT_EQ(sm_channel_try_send(tx, old_text, 3, NULL, &err), SM_OK);
    r.points[0] = '\0';
    ASSERT_EQ(sm_channel_try_send(tx, new_text, 3, NULL, &err), SM_OK);
    ASSERT_STR_EQ(r.points, "classic-after-unit0,classic-after-body,");
    ASSERT_EQ(r.unit0_seen, 'N');
    ASSERT_EQ(r.unit1_seen, 'l'); /* torn: "Nld" */
    r.points[0] = '\0';
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_STR_EQ(r.points, "classic-reader-after-copy,classic-reader-after-clear,");

    /* Removed: nothing is called any more. */
    sm_hook_set(NULL, NULL);
    r.points[0] = '\0';
    ASSERT_EQ(sm_channel_try_send(tx, hi, 2, NULL, &err), SM_OK);
    ASSERT_STR_EQ(r.points, "");
    sm_channel_close(tx);
    sm_channel_close(rx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}
