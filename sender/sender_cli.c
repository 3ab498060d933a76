/* sender_cli.c - the headless sender: --message TEXT... or --stdin, each waited for. */
#include "sender_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "channel.h"
#include "json.h"
#include "os_process.h"
#include "platform.h"
#include "sender_dbwin.h"
#include "text.h"

/* What one message is, for its --json lines. */
typedef struct message_ref {
    unsigned long index; /* 1, 2, ... in the order given */
    const char *text;    /* UTF-8 as given */
    size_t length;       /* bytes of text */
} message_ref;

/* Set by SIGINT/SIGTERM/SIGHUP (platform.h): the send in flight is withdrawn, then we exit. */
static volatile sig_atomic_t stop_signal;

/*
 * One --json line about a message; reason may be NULL. A failed write is not
 * an error of the send: the message's fate is decided and the exit code and
 * stderr say it, so the report's stream is not checked here.
 */
static void report_cause(const sm_app_options *opts, const char *event, const message_ref *ref,
                         size_t units, const char *reason, const char *cause)
{
    if (!opts->json)
        return;
    sm_json_begin(stdout, event);
    fprintf(stdout, ",\"index\":%lu,\"text\":", ref->index);
    sm_json_string(stdout, ref->text, ref->length);
    fprintf(stdout, ",\"units\":%zu", units);
    sm_json_key_string(stdout, "name", opts->name);
    fprintf(stdout, ",\"view_bytes\":%zu", opts->view_bytes);
    if (reason != NULL)
        sm_json_key_string(stdout, "reason", reason);
    if (cause != NULL)
        sm_json_key_string(stdout, "cause", cause);
    sm_json_end(stdout);
}

static void report(const sm_app_options *opts, const char *event, const message_ref *ref,
                   size_t units, const char *reason)
{
    report_cause(opts, event, ref, units, reason, NULL);
}

/* Why a send failed, in one word for scripts (--json "cause"): docs/json.md lists them. */
static const char *failure_cause(sm_status status, const sm_channel *channel)
{
    switch (status) {
    case SM_ERR_TIMEOUT: return sm_channel_last_send_published(channel) ? "not_taken" : "slot_full";
    case SM_ERR_HELD: return "held";
    case SM_ERR_CANCELLED: return "interrupted";
    default: return "error";
    }
}

/* Converts one message; on refusal prints why (with where) and returns SM_EXIT_BAD_TEXT. */
static int encode_message(const sm_app_options *opts, const char *where, const message_ref *ref,
                          uint16_t *units, size_t max_units, size_t *count)
{
    sm_error err;
    *count = 0;
    if (ref->length == 0) {
        fprintf(stderr,
                "%s: %s: empty message: an empty string means 'slot empty' on the wire, "
                "so it cannot be sent\n",
                opts->program, where);
        report(opts, "refused", ref, 0, "empty message");
        return SM_EXIT_BAD_TEXT;
    }
    /* The limit follows the view: --view-size 256 holds 127 units, the default 1023. */
    if (sm_utf8_to_utf16(ref->text, ref->length, units, max_units, count, &err) != SM_OK) {
        fprintf(stderr, "%s: %s: %s\n", opts->program, where, err.message);
        report(opts, "refused", ref, *count, err.message);
        return SM_EXIT_BAD_TEXT;
    }
    return SM_EXIT_OK;
}

/* The --timeout in milliseconds (0 = no limit; a positive one is at least 1 ms). */
static unsigned timeout_ms_of(const sm_app_options *opts)
{
    unsigned timeout_ms = (unsigned)(opts->timeout_s * 1000.0 + 0.5);
    if (opts->timeout_s > 0 && timeout_ms == 0)
        timeout_ms = 1;
    return timeout_ms;
}

/*
 * Sends one message and waits for its fate until deadline (a time of
 * sm_monotonic_ms(), 0 = no limit): --timeout from when the sender began on
 * it, the opening of the channel included for the first message.
 */
static int send_units(const sm_app_options *opts, sm_channel *channel, const message_ref *ref,
                      const uint16_t *units, size_t count, unsigned long long deadline)
{
    sm_error err;
    report(opts, "queued", ref, count, NULL);
    if (opts->classic) {
        /* The classic sender writes and moves on: it cannot know if anyone read it. */
        if (sm_channel_try_send(channel, units, count, NULL, &err) != SM_OK) {
            sm_app_report(opts, &err);
            report(opts, "failed", ref, count, err.message);
            return SM_EXIT_FAILURE;
        }
        report(opts, "written", ref, count, "classic mode: delivery cannot be known");
        sm_sleep_ms(opts->interval_ms); /* the pace of a person typing, not a wait for anyone */
        return SM_EXIT_OK;
    }
    unsigned timeout_ms = timeout_ms_of(opts);
    /* A stopped peer holding the lock must not outlast --timeout (0: wait as long as it takes). */
    sm_channel_set_lock_timeout(channel, timeout_ms == 0 ? SM_WAIT_FOREVER : timeout_ms);
    sm_status status =
        sm_channel_send_until(channel, units, count, deadline, opts->interval_ms, &err);
    if (status == SM_OK) {
        report(opts, "delivered", ref, count, NULL);
        return SM_EXIT_OK;
    }
    sm_app_report(opts, &err);
    /* A timed-out or interrupted message was withdrawn (or never got in): nobody will read it. */
    bool withdrawn = status == SM_ERR_TIMEOUT || status == SM_ERR_CANCELLED;
    report_cause(opts, withdrawn ? "withdrawn" : "failed", ref, count, err.message,
                 failure_cause(status, channel));
    if (status == SM_ERR_CANCELLED)
        return SM_EXIT_OK; /* the caller sees stop_signal and exits with 128 + its number */
    return status == SM_ERR_TIMEOUT || status == SM_ERR_HELD ? SM_EXIT_TIMEOUT : SM_EXIT_FAILURE;
}

/*
 * The longest line that can still be a sendable text in a view of max_units:
 * each UTF-16 unit is at most 3 UTF-8 bytes (a 4-byte character takes 2
 * units), plus a '\r' before the '\n'. Anything longer is refused as soon as
 * it is seen, so memory stays bounded whatever the input.
 */
#define SENDER_LINE_LIMIT(max_units) (SM_UTF8_BYTES_FOR_UNITS(max_units) - 1 + 1)

typedef enum line_result { LINE_OK, LINE_END, LINE_TOO_LONG, LINE_READ_ERROR } line_result;

/* Reads one line of at most limit bytes into line[limit + 1]; strips "\n" and "\r\n". */
static line_result read_line(FILE *in, char *line, size_t limit, size_t *length)
{
    size_t used = 0;
    int c = EOF;
    while ((c = fgetc(in)) != EOF && c != '\n') {
        if (used == limit)
            return LINE_TOO_LONG;
        line[used++] = (char)c;
    }
    if (c == EOF && ferror(in))
        return LINE_READ_ERROR;
    if (c == EOF && used == 0)
        return LINE_END;
    if (used > 0 && line[used - 1] == '\r')
        used--;
    line[used] = '\0';
    *length = used;
    return LINE_OK;
}

/*
 * The deadline of the next message: the first --message's began before the
 * opening (first_deadline), so a one-message run ends within --timeout; each
 * later one, and each --stdin line, gets its own --timeout from now.
 */
static unsigned long long next_deadline(const sm_app_options *opts, bool *first,
                                        unsigned long long first_deadline)
{
    if (*first) {
        *first = false;
        return first_deadline;
    }
    return timeout_ms_of(opts) == 0 ? 0 : sm_monotonic_ms() + timeout_ms_of(opts);
}

static int send_all(const sm_app_options *opts, uint16_t *units, size_t max_units);

int sender_cli_run(const sm_app_options *opts)
{
    if (opts->dbwin)
        return sender_dbwin_run(opts);
    /* One message's units, sized for the view the channel will have (no 64 KB static). */
    size_t max_units = sm_app_max_units(opts, NULL);
    uint16_t *units = malloc(max_units * sizeof *units);
    if (units == NULL) {
        fprintf(stderr, "%s: out of memory for a %zu-unit message\n", opts->program, max_units);
        return SM_EXIT_FAILURE;
    }
    int code = send_all(opts, units, max_units);
    free(units);
    return code;
}

static int send_all(const sm_app_options *opts, uint16_t *units, size_t max_units)
{
    size_t count = 0;
    char where[64];
    int code = SM_EXIT_OK;

    /* Refuse bad --message text before anything is sent: all or nothing. */
    for (size_t i = 0; i < opts->message_count; i++) {
        message_ref ref = {i + 1, opts->messages[i], strlen(opts->messages[i])};
        snprintf(where, sizeof where, "--message #%zu", i + 1);
        code = encode_message(opts, where, &ref, units, max_units, &count);
        if (code != SM_EXIT_OK)
            return code;
    }

    /* Ctrl+C, SIGTERM, SIGHUP: withdraw what is in flight, say so, exit 128 + the signal. */
    sm_platform_catch_stop_signals(&stop_signal);
    sm_channel *channel = NULL;
    sm_error err;
    /* The first message's --timeout starts now: the opening's waits are part of it. */
    unsigned long long first_deadline =
        timeout_ms_of(opts) == 0 ? 0 : sm_monotonic_ms() + timeout_ms_of(opts);
    if (sm_channel_open_until(opts->name, opts->view_bytes, true, first_deadline, &channel, &err) !=
        SM_OK) {
        sm_app_report(opts, &err);
        return SM_EXIT_FAILURE;
    }
    sm_channel_set_classic(channel, opts->classic);
    sm_channel_set_wake(channel, opts->wake);
    sm_channel_set_cancel(channel, &stop_signal);
    if (opts->classic)
        fprintf(stderr,
                "%s: classic mode: no lock, no delivery check - messages may be lost "
                "or torn\n",
                opts->program);
    bool first = true;
    for (size_t i = 0; i < opts->message_count && code == SM_EXIT_OK && !stop_signal; i++) {
        message_ref ref = {i + 1, opts->messages[i], strlen(opts->messages[i])};
        encode_message(opts, "--message", &ref, units, max_units, &count);
        code = send_units(opts, channel, &ref, units, count,
                          next_deadline(opts, &first, first_deadline));
    }
    if (opts->from_stdin) {
        size_t limit = SENDER_LINE_LIMIT(max_units);
        char *line = malloc(limit + 1);
        size_t length = 0;
        if (line == NULL) {
            fprintf(stderr, "%s: out of memory for a %zu-byte line\n", opts->program, limit);
            code = SM_EXIT_FAILURE;
        }
        for (unsigned long number = 1; line != NULL && code == SM_EXIT_OK && !stop_signal;
             number++) {
            line_result got = read_line(stdin, line, limit, &length);
            if (stop_signal)
                break; /* a read cut short by the signal is no input error */
            if (got == LINE_END)
                break;
            snprintf(where, sizeof where, "stdin line %lu", number);
            if (got == LINE_TOO_LONG) {
                fprintf(stderr,
                        "%s: %s: longer than %zu bytes, so over the limit of %zu UTF-16 "
                        "units whatever it holds; split it into shorter lines\n",
                        opts->program, where, limit, max_units);
                code = SM_EXIT_BAD_TEXT;
                break;
            }
            if (got == LINE_READ_ERROR) {
                fprintf(stderr, "%s: %s: reading standard input failed; nothing more was sent\n",
                        opts->program, where);
                code = SM_EXIT_FAILURE;
                break;
            }
            /* Texts may hold NUL bytes; measure by what was read, not strlen. */
            message_ref ref = {number, line, length};
            code = encode_message(opts, where, &ref, units, max_units, &count);
            /* A line's --timeout starts when it was read: waiting for input is not ours. */
            first = false;
            if (code == SM_EXIT_OK)
                code = send_units(opts, channel, &ref, units, count,
                                  next_deadline(opts, &first, first_deadline));
        }
        free(line);
    }
    sm_channel_close(channel);
    if (stop_signal)
        return sm_app_stopped(opts, (int)stop_signal, "no message of ours is left in the slot");
    return code;
}
