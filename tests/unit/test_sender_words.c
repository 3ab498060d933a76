/* test_sender_words.c - the sender window's plain wording of states and limits (no SDL). */
#include <time.h>

#include "sender_words.h"
#include "test.h"

/* Words a newcomer would not know; the F1 help explains them, the list and counter do not. */
static void assert_plain(const char *text)
{
    ASSERT_NOT_CONTAINS(text, "slot");
    ASSERT_NOT_CONTAINS(text, "UTF-16");
    ASSERT_NOT_CONTAINS(text, "units");
    ASSERT_NOT_CONTAINS(text, "view");
}

TEST(sender_words_plain)
{
    char out[200], clock[16];
    time_t when = 1700000000;
    ASSERT_GT(strftime(clock, sizeof clock, "%H:%M:%S", localtime(&when)), 0);
    const send_state states[] = {SEND_QUEUED, SEND_SENT, SEND_DELIVERED, SEND_FAILED};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        for (int classic = 0; classic <= 1; classic++) {
            sender_words_header(out, sizeof out, 7, states[i], classic, when);
            assert_plain(out);
            /* The number, then the time it reached this state. */
            ASSERT_MEM_EQ(out, "#7  ", 4);
            ASSERT_CONTAINS(out, clock);
        }
    }
    sender_words_header(out, sizeof out, 3, SEND_DELIVERED, false, when);
    ASSERT_CONTAINS(out, "delivered");
    /* Classic mode cannot know: the header says so, and it is not coloured as a success. */
    sender_words_header(out, sizeof out, 3, SEND_DELIVERED, true, when);
    ASSERT_CONTAINS(out, "delivery unknown");
    ASSERT_NOT_CONTAINS(out, "delivered");
    ASSERT_EQ(sender_words_tone(SEND_DELIVERED, true), SENDER_TONE_NEUTRAL);
    ASSERT_EQ(sender_words_tone(SEND_DELIVERED, false), SENDER_TONE_GOOD);
    ASSERT_EQ(sender_words_tone(SEND_FAILED, false), SENDER_TONE_BAD);
    /* Too long: how much, the limit and what to remove, in plain words. */
    sender_words_too_long(out, sizeof out, 1030, 1023);
    assert_plain(out);
    ASSERT_CONTAINS(out, "1030");
    ASSERT_CONTAINS(out, "1023");
    ASSERT_CONTAINS(out, "Remove 7");
    ASSERT_STR_EQ(sender_words_state(SEND_SENT), "sent"); /* the stdout trace keeps its words */
    return 0;
}
