/*
 * receiver_core.h - what both faces of the receiver do with a message:
 * take it from the channel, number it, decode it to UTF-8 (marking
 * ill-formed text) and append it to the --log file.
 */
#ifndef SAMPLEMAP_RECEIVER_CORE_H
#define SAMPLEMAP_RECEIVER_CORE_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "../common/app/options.h"
#include "../common/ipc/channel.h"
#include "../common/ipc/text.h"

typedef struct receiver_core {
    sm_channel *channel; /* the open channel */
    FILE *log;           /* --log file or NULL */
    unsigned long received; /* messages taken so far */
} receiver_core;

typedef struct received_message {
    unsigned long sequence;  /* 1, 2, ... in order of arrival */
    time_t when;             /* local arrival time */
    bool ill_formed;         /* lone surrogates were replaced with U+FFFD */
    bool unterminated;       /* the view had no terminator: all its units taken */
    size_t units;            /* UTF-16 units the message had on the wire */
    size_t length;           /* bytes in text */
    char text[SM_UTF8_BYTES_FOR_UNITS(SM_SLOT_UNITS_MAX)]; /* UTF-8, NUL-terminated */
} received_message;

/* Opens the channel and the log; on failure writes a one-line reason to error. */
sm_status receiver_core_open(receiver_core *core, const sm_app_options *opts, sm_error *err);
void receiver_core_close(receiver_core *core);

/* Takes one message if there is one: SM_OK (out filled, logged), SM_EMPTY, or an error. */
sm_status receiver_core_poll(receiver_core *core, received_message *out, sm_error *err);

/*
 * Looks at the slot without taking (--peek): SM_OK with out filled (sequence
 * 0, not logged, not counted), SM_EMPTY, or an error. See sm_channel_peek.
 */
sm_status receiver_core_peek(receiver_core *core, received_message *out, sm_error *err);

/* One-line note for a message with ill-formed text, or NULL when it is clean. */
const char *receiver_core_warning(const received_message *message);

#endif
