/*
 * sender_words.h - what the sender window says about a message, in plain
 * words: "waiting its turn", not "waiting for the slot"; "too long", not a
 * count of UTF-16 units (the exact terms are in the F1 help). No SDL here, so
 * the wording is unit-tested.
 */
#ifndef SAMPLEMAP_SENDER_WORDS_H
#define SAMPLEMAP_SENDER_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "send_queue.h"

/* The short state name the window traces on stdout ("queued", "sent", ...). */
const char *sender_words_state(send_state state);

/*
 * The header of a message in the sent list: "#<id>  <HH:MM:SS>  <state and
 * what it means>", the time being when it reached that state.
 */
void sender_words_header(char *out, size_t size, unsigned long id, send_state state, bool classic,
                         time_t when);

/* How a state is coloured: only a delivery known to have happened counts as success. */
typedef enum sender_tone {
    SENDER_TONE_WAITING, /* queued */
    SENDER_TONE_ACTIVE,  /* sent, not yet read */
    SENDER_TONE_GOOD,    /* delivered */
    SENDER_TONE_NEUTRAL, /* classic: written, delivery unknown */
    SENDER_TONE_BAD,     /* failed */
} sender_tone;

sender_tone sender_words_tone(send_state state, bool classic);

/* Why text of units UTF-16 units cannot be sent when the limit is max (units > max). */
void sender_words_too_long(char *out, size_t size, size_t units, size_t max);

#endif
