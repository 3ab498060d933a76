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

#include "channel.h"
#include "options.h"
#include "text.h"

typedef struct receiver_core {
    sm_channel *channel;    /* the open channel */
    FILE *log;              /* --log file or NULL */
    const char *log_path;   /* --log, for messages */
    unsigned long received; /* messages taken so far */
    bool output_failed;     /* an output could not be written: nothing more is taken */
    /*
     * The buffers every take or peek fills, sized from the channel at open:
     * the view's units (view_bytes / 2: even a view with no terminator fits),
     * their UTF-8 and the escaped output line. A received_message points into them.
     */
    uint16_t *units;
    size_t capacity;   /* units in units */
    char *text, *line; /* SM_UTF8_BYTES_FOR_UNITS(capacity), RECEIVER_LINE_BYTES(capacity) */
} receiver_core;

typedef struct received_message {
    unsigned long sequence; /* 1, 2, ... in order of arrival */
    time_t when;            /* local arrival time */
    bool ill_formed;        /* lone surrogates were replaced with U+FFFD */
    bool unterminated;      /* the view had no terminator: all its units taken */
    size_t units;           /* UTF-16 units the message had on the wire */
    size_t length;          /* bytes in text */
    /*
     * Into the core's buffers, valid until its next take or peek or its close:
     * the UTF-8 text (NUL-terminated), its output line (receiver_core_write_line)
     * and the units as taken, to put the message back if output fails.
     */
    char *text, *line;
    sm_message raw;
} received_message;

/*
 * One message per output line (--print, --log): a message may hold line
 * breaks and other control characters, so they are escaped and a script that
 * counts lines counts messages. Escapes: \\ for a backslash, \n \r \t, and
 * \u{HEX} (lowercase hex, e.g. \u{1b}) for the other C0 controls, DEL, the C1
 * controls U+0080-U+009F and U+2028/U+2029 (line and paragraph separators).
 * Every other character, U+FFFD included, is written as UTF-8 unchanged.
 * At most 8 bytes per UTF-16 unit ("\u{2028}"), plus the '\n' and a NUL.
 */
#define RECEIVER_LINE_BYTES(units) (8 * (size_t)(units) + 2) /* "\\u{2028}": 8 bytes for 1 unit */

/*
 * Writes text (the UTF-8 of at most `units` UTF-16 units) escaped, then '\n'
 * and a NUL, into out (RECEIVER_LINE_BYTES(units) bytes); returns the length.
 */
size_t receiver_core_escape(const char *text, size_t length, char *out);

/*
 * Opens the channel and the log; on failure writes a one-line reason to error.
 * Every wait of the opening ends by deadline_ms (sm_monotonic_ms(); 0 = the
 * library's own bound, sm_channel_open_until).
 */
sm_status receiver_core_open(receiver_core *core, const sm_app_options *opts,
                             unsigned long long deadline_ms, sm_error *err);
void receiver_core_close(receiver_core *core);

/*
 * Takes one message if there is one: SM_OK (out filled, logged), SM_EMPTY, or
 * an error. If the --log line cannot be written (a full disk, an I/O error),
 * the message is put back (receiver_core_output_failed) and SM_ERR_SYSTEM
 * says so; after any output failure nothing more is taken.
 */
sm_status receiver_core_poll(receiver_core *core, received_message *out, sm_error *err);

/* Writes message as one escaped line to out and flushes; false if a write or the flush failed. */
bool receiver_core_write_line(FILE *out, const received_message *message);

/*
 * After the output `what` failed with error_number: puts the message back
 * into the slot for the next receiver, stops taking, and explains in err
 * (SM_ERR_SYSTEM) where the message went.
 */
sm_status receiver_core_output_failed(receiver_core *core, const received_message *message,
                                      const char *what, int error_number, sm_error *err);

/*
 * Looks at the slot without taking (--peek): SM_OK with out filled (sequence
 * 0, not logged, not counted), SM_EMPTY, or an error. See sm_channel_peek.
 */
sm_status receiver_core_peek(receiver_core *core, received_message *out, sm_error *err);

/* One-line note for a message with ill-formed text, or NULL when it is clean. */
const char *receiver_core_warning(const received_message *message);

#endif
