/*
 * test_ui_waker.c - the windows' helper thread (ui_waker.h) with a real
 * channel and SDL's event queue, no window: SDL_INIT_EVENTS needs no display.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <SDL.h>

#include "channel.h"
#include "os_process.h"
#include "ui_waker.h"

/* How many waker events arrive within ms (at least one wait of ms, even if none come). */
static int events_within(Uint32 type, unsigned ms)
{
    int count = 0;
    unsigned long long end = sm_monotonic_ms() + ms;
    for (;;) {
        SDL_PumpEvents();
        SDL_Event event;
        while (SDL_PeepEvents(&event, 1, SDL_GETEVENT, type, type) == 1)
            count++;
        if (sm_monotonic_ms() >= end)
            return count;
        sm_sleep_ms(5);
    }
}

/*
 * Armed on "data ready": no event while the slot is empty (a waker that
 * posts without a message fails here), exactly one per wake however long the
 * slot stays full (one that floods the queue fails), another only after a
 * re-arm, none once the message was taken; stop returns within a wait.
 */
TEST(ui_waker_one_event_per_wake)
{
    ASSERT_EQ(SDL_Init(SDL_INIT_EVENTS), 0);
    char name[64];
    sm_error err;
    sm_channel *tx = NULL, *rx = NULL;
    test_unique_name(name, sizeof name, "waker");
    sm_channel_unlink(name, NULL, &err);
    ASSERT_EQ(sm_channel_open(name, &tx, &err), SM_OK);
    ASSERT_EQ(sm_channel_open(name, &rx, &err), SM_OK);
    sm_channel_set_wake(tx, true);
    sm_channel_set_wake(rx, true);
    char error[200];
    sm_ui_waker *waker =
        sm_ui_waker_start(rx, SM_UI_WAKE_ON_MESSAGE, 50, true, error, sizeof error);
    ASSERT_NOT_NULL(waker);
    Uint32 type = sm_ui_waker_event(waker);
    ASSERT_NE(type, 0);
    ASSERT_EQ(events_within(type, 150), 0); /* empty slot: nothing to say */

    sm_ticket ticket;
    static const uint16_t text[] = {'h', 'i'};
    ASSERT_EQ(sm_channel_try_send(tx, text, 2, &ticket, &err), SM_OK);
    ASSERT_EQ(events_within(type, 300), 1); /* the slot stays full: still one event */
    sm_ui_waker_arm(waker);                 /* acted without taking it: told again */
    ASSERT_EQ(events_within(type, 300), 1);
    TEST_MESSAGE(message);
    ASSERT_EQ(sm_channel_try_receive(rx, &message, &err), SM_OK);
    sm_ui_waker_arm(waker);
    ASSERT_EQ(events_within(type, 150), 0); /* taken: nothing more */

    unsigned long long start = sm_monotonic_ms();
    sm_ui_waker_stop(waker);
    ASSERT_LT(sm_monotonic_ms() - start, 2000);
    sm_ui_waker_stop(NULL);
    sm_ui_waker_arm(NULL);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ(sm_channel_unlink(name, NULL, &err), SM_OK);
    SDL_Quit();
    return 0;
}
#else
TEST(ui_waker_one_event_per_wake)
{
    return TEST_SKIPPED; /* built without SDL2: there are no windows to wake */
}
#endif
