/* sender_words.c - the sender window's wording of states and limits. */
#include "sender_words.h"

#include <stdio.h>

const char *sender_words_state(send_state state)
{
    switch (state) {
    case SEND_QUEUED: return "queued";
    case SEND_SENT: return "sent";
    case SEND_DELIVERED: return "delivered";
    case SEND_FAILED: return "failed";
    }
    return "?";
}

void sender_words_header(char *out, size_t size, unsigned long id, send_state state, bool classic,
                         time_t when)
{
    char clock[16];
    struct tm *local = localtime(&when);
    if (local == NULL || strftime(clock, sizeof clock, "%H:%M:%S", local) == 0)
        snprintf(clock, sizeof clock, "--:--:--");
    const char *words = "";
    switch (state) {
    case SEND_QUEUED:
        words = "queued \xC2\xB7 waiting until the receiver has read the previous message";
        break;
    case SEND_SENT: words = "sent \xC2\xB7 not yet read by a receiver"; break;
    /* The classic protocol cannot know whether anyone read it: say so, not "delivered". */
    case SEND_DELIVERED:
        words = classic ? "written \xC2\xB7 classic mode: delivery unknown" : "delivered";
        break;
    case SEND_FAILED: words = "failed"; break;
    }
    snprintf(out, size, "#%lu  %s  %s", id, clock, words);
}

sender_tone sender_words_tone(send_state state, bool classic)
{
    switch (state) {
    case SEND_QUEUED: return SENDER_TONE_WAITING;
    case SEND_SENT: return SENDER_TONE_ACTIVE;
    case SEND_DELIVERED: return classic ? SENDER_TONE_NEUTRAL : SENDER_TONE_GOOD;
    case SEND_FAILED: return SENDER_TONE_BAD;
    }
    return SENDER_TONE_NEUTRAL;
}

void sender_words_too_long(char *out, size_t size, size_t units, size_t max)
{
    /* The counter counts what the wire counts: most characters 1, emoji and rare scripts 2. */
    snprintf(out, size, "Too long to send: %zu of at most %zu (emoji count as 2). Remove %zu.",
             units, max, units - max);
}
