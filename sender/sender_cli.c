/* sender_cli.c - the headless sender: --message TEXT... or --stdin, each waited for. */
#include "sender_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/ipc/channel.h"
#include "../common/ipc/mapping.h"
#include "../common/ipc/text.h"

/* Converts one message; on refusal prints why (with where) and returns SM_EXIT_BAD_TEXT. */
static int encode_message(const sm_app_options *opts, const char *where, const char *text,
                          size_t length, uint16_t *units, size_t *count)
{
    sm_error err;
    if (length == 0) {
        fprintf(stderr, "%s: %s: empty message: an empty string means 'slot empty' on the wire, "
                        "so it cannot be sent\n", opts->program, where);
        return SM_EXIT_BAD_TEXT;
    }
    if (sm_utf8_to_utf16(text, length, units, SM_TEXT_MAX_UNITS, count, &err) != SM_OK) {
        fprintf(stderr, "%s: %s: %s\n", opts->program, where, err.message);
        return SM_EXIT_BAD_TEXT;
    }
    return SM_EXIT_OK;
}

static int send_units(const sm_app_options *opts, sm_channel *channel, const uint16_t *units,
                      size_t count)
{
    sm_error err;
    if (opts->classic) {
        /* The classic sender writes and moves on: it cannot know if anyone read it. */
        if (sm_channel_try_send(channel, units, count, NULL, &err) != SM_OK) {
            sm_app_error(opts, err.message);
            return SM_EXIT_FAILURE;
        }
        sm_sleep_ms(opts->interval_ms); /* the pace of a person typing, not a wait for anyone */
        return SM_EXIT_OK;
    }
    unsigned timeout_ms = (unsigned)(opts->timeout_s * 1000.0 + 0.5);
    if (opts->timeout_s > 0 && timeout_ms == 0)
        timeout_ms = 1;
    /* A stopped peer holding the lock must not outlast --timeout (0: wait as long as it takes). */
    sm_channel_set_lock_timeout(channel, timeout_ms == 0 ? SM_WAIT_FOREVER : timeout_ms);
    sm_status status = sm_channel_send_wait(channel, units, count, timeout_ms, opts->interval_ms,
                                            &err);
    if (status == SM_OK)
        return SM_EXIT_OK;
    sm_app_error(opts, err.message);
    return status == SM_ERR_TIMEOUT || status == SM_ERR_HELD ? SM_EXIT_TIMEOUT : SM_EXIT_FAILURE;
}

/*
 * The longest line that can still be a sendable text: 1023 UTF-16 units are at
 * most 3069 UTF-8 bytes (3 per unit; a 4-byte character takes 2 units), plus
 * a '\r' before the '\n'. Anything longer is refused as soon as it is seen, so
 * memory stays bounded whatever the input.
 */
#define SENDER_LINE_MAX (SM_UTF8_BYTES_FOR_UNITS(SM_TEXT_MAX_UNITS) - 1 + 1)

typedef enum line_result { LINE_OK, LINE_END, LINE_TOO_LONG, LINE_READ_ERROR } line_result;

/* Reads one line into line[SENDER_LINE_MAX + 1]; strips "\n" and "\r\n". */
static line_result read_line(FILE *in, char *line, size_t *length)
{
    size_t used = 0;
    int c = EOF;
    while ((c = fgetc(in)) != EOF && c != '\n') {
        if (used == SENDER_LINE_MAX)
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

int sender_cli_run(const sm_app_options *opts)
{
    uint16_t units[SM_TEXT_MAX_UNITS];
    size_t count = 0;
    char where[64];
    int code = SM_EXIT_OK;

    /* Refuse bad --message text before anything is sent: all or nothing. */
    for (size_t i = 0; i < opts->message_count; i++) {
        snprintf(where, sizeof where, "--message #%zu", i + 1);
        code = encode_message(opts, where, opts->messages[i], strlen(opts->messages[i]), units,
                              &count);
        if (code != SM_EXIT_OK)
            return code;
    }

    sm_channel *channel = NULL;
    sm_error err;
    if (sm_channel_open(opts->name, &channel, &err) != SM_OK) {
        sm_app_error(opts, err.message);
        return SM_EXIT_FAILURE;
    }
    sm_channel_set_classic(channel, opts->classic);
    sm_channel_set_wake(channel, opts->wake);
    if (opts->classic)
        fprintf(stderr, "%s: classic mode: no lock, no delivery check - messages may be lost "
                        "or torn\n", opts->program);
    for (size_t i = 0; i < opts->message_count && code == SM_EXIT_OK; i++) {
        encode_message(opts, "--message", opts->messages[i], strlen(opts->messages[i]), units,
                       &count);
        code = send_units(opts, channel, units, count);
    }
    if (opts->from_stdin) {
        static char line[SENDER_LINE_MAX + 1]; /* 3 KB: kept off the stack */
        size_t length = 0;
        for (unsigned long number = 1; code == SM_EXIT_OK; number++) {
            line_result got = read_line(stdin, line, &length);
            if (got == LINE_END)
                break;
            snprintf(where, sizeof where, "stdin line %lu", number);
            if (got == LINE_TOO_LONG) {
                fprintf(stderr, "%s: %s: longer than %d bytes, so over the limit of %d UTF-16 "
                                "units whatever it holds; split it into shorter lines\n",
                        opts->program, where, SENDER_LINE_MAX, SM_TEXT_MAX_UNITS);
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
            code = encode_message(opts, where, line, length, units, &count);
            if (code == SM_EXIT_OK)
                code = send_units(opts, channel, units, count);
        }
    }
    sm_channel_close(channel);
    return code;
}
