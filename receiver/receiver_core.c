/* receiver_core.c - take, number, decode and log; shared by the CLI and the window. */
#include "receiver_core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os_process.h"
#include "platform.h"

sm_status receiver_core_open(receiver_core *core, const sm_app_options *opts,
                             unsigned long long deadline_ms, sm_error *err)
{
    memset(core, 0, sizeof *core);
    core->log_path = opts->log_path;
    /* Opened before the channel: a --log we cannot write must fail before anything is taken. */
    if (opts->log_path != NULL) {
        core->log = sm_platform_fopen(opts->log_path, "ab");
        if (core->log == NULL) {
            int error_number = errno;
            char words[128];
            return sm_error_set_os(
                err, SM_ERR_SYSTEM, (unsigned long)error_number, "fopen",
                "cannot open --log file '%s': %s", opts->log_path,
                error_number == ENXIO ? "it is a FIFO that no process reads; start its reader first"
                                      : sm_errno_text(error_number, words, sizeof words));
        }
        /* Unbuffered: a line that fails part-way leaves no bytes behind in stdio to come out later.
         */
        (void)setvbuf(core->log, NULL, _IONBF, 0);
    }
    /* --peek only looks: it must not create a mapping that the program it watches has not made. */
    sm_status status = sm_channel_open_until(opts->name, opts->view_bytes, !opts->peek, deadline_ms,
                                             &core->channel, err);
    if (status != SM_OK) {
        receiver_core_close(core);
        return status;
    }
    sm_channel_set_classic(core->channel, opts->classic);
    sm_channel_set_wake(core->channel, opts->wake);
    /* Sized from the channel: the view's units hold any message, and a view with no terminator. */
    core->capacity = SM_SLOT_VIEW_UNITS(sm_channel_view_bytes(core->channel));
    core->units = malloc(core->capacity * sizeof *core->units);
    core->text = malloc(SM_UTF8_BYTES_FOR_UNITS(core->capacity));
    core->line = malloc(RECEIVER_LINE_BYTES(core->capacity));
    if (core->units == NULL || core->text == NULL || core->line == NULL) {
        size_t capacity = core->capacity;
        receiver_core_close(core);
        return sm_error_set(err, SM_ERR_SYSTEM, "out of memory for the buffers of a %zu-unit view",
                            capacity);
    }
    return SM_OK;
}

void receiver_core_close(receiver_core *core)
{
    sm_channel_close(core->channel);
    core->channel = NULL;
    free(core->units);
    free(core->text);
    free(core->line);
    core->units = NULL;
    core->text = core->line = NULL;
    /* Every line was flushed and checked as it was written: nothing is left to lose here. */
    if (core->log != NULL)
        (void)fclose(core->log);
    core->log = NULL;
}

/* Decodes a message from the wire into out, in the core's buffers (sequence 0, arrival time now).
 */
static void decode(const receiver_core *core, const sm_message *message, received_message *out)
{
    out->sequence = 0;
    out->when = time(NULL);
    out->unterminated = message->unterminated;
    out->units = message->count;
    out->text = core->text;
    out->line = core->line;
    out->length = sm_utf16_to_utf8(message->units, message->count, out->text,
                                   SM_UTF8_BYTES_FOR_UNITS(core->capacity), &out->ill_formed);
}

sm_status receiver_core_peek(receiver_core *core, received_message *out, sm_error *err)
{
    sm_message message = SM_MESSAGE_INIT(core->units, core->capacity);
    sm_status status = sm_channel_peek(core->channel, &message, err);
    if (status == SM_OK)
        decode(core, &message, out);
    return status;
}

/*
 * One --log line, whole or not at all: a write that fails part-way (a full
 * disk, ulimit -f) is cut back to where the line began, so the message, which
 * is then put back, is logged once and whole by the next receiver, and that
 * receiver's line does not start glued to a cut one (process.log_line_whole).
 */
static bool write_log_line(FILE *log, const received_message *message)
{
    long long start = sm_platform_file_size(log);
    if (start < 0)
        return false;
    if (receiver_core_write_line(log, message))
        return true;
    int error_number = errno;
    (void)sm_platform_truncate(log, start); /* if even this fails, the write error is what counts */
    errno = error_number;
    return false;
}

sm_status receiver_core_poll(receiver_core *core, received_message *out, sm_error *err)
{
    if (core->output_failed)
        return sm_error_set(err, SM_ERR_SYSTEM, "an output failed before; taking no more messages");
    /* Taken into out->raw, so it can be put back if the output fails. */
    out->raw = (sm_message)SM_MESSAGE_INIT(core->units, core->capacity);
    sm_status status = sm_channel_try_receive(core->channel, &out->raw, err);
    if (status != SM_OK)
        return status;
    decode(core, &out->raw, out);
    out->sequence = ++core->received;
    /* Flushed per message so a test or a tail -f sees it at once. */
    if (core->log != NULL && !write_log_line(core->log, out))
        return receiver_core_output_failed(core, out, "--log file", errno, err);
    return SM_OK;
}

size_t receiver_core_escape(const char *text, size_t length, char *out)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *in = (const unsigned char *)text;
    size_t used = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned code = in[i];
        size_t skip = 0; /* extra input bytes the escape covers */
        if (code == 0xC2 && i + 1 < length && in[i + 1] >= 0x80 && in[i + 1] <= 0x9F) {
            code = in[i + 1]; /* a C1 control, U+0080-U+009F */
            skip = 1;
        } else if (code == 0xE2 && i + 2 < length && in[i + 1] == 0x80 &&
                   (in[i + 2] == 0xA8 || in[i + 2] == 0xA9)) {
            code = 0x2000 | (in[i + 2] - 0x80); /* U+2028 or U+2029 */
            skip = 2;
        } else if (code >= 0x20 && code != 0x7F && code != '\\') {
            out[used++] = (char)code;
            continue;
        }
        out[used++] = '\\';
        if (code == '\\' || code == '\n' || code == '\r' || code == '\t') {
            out[used++] = code == '\n' ? 'n' : code == '\r' ? 'r' : code == '\t' ? 't' : '\\';
        } else {
            char digits[8];
            int n = 0;
            for (unsigned v = code; v != 0 || n == 0; v >>= 4)
                digits[n++] = hex[v & 0xF];
            out[used++] = 'u';
            out[used++] = '{';
            while (n > 0)
                out[used++] = digits[--n];
            out[used++] = '}';
        }
        i += skip;
    }
    out[used++] = '\n';
    out[used] = '\0';
    return used;
}

bool receiver_core_write_line(FILE *out, const received_message *message)
{
    size_t length = receiver_core_escape(message->text, message->length, message->line);
    errno = 0;
    bool written = fwrite(message->line, 1, length, out) == length;
    /* The flush is where a full disk or a closed pipe shows: its result counts too. */
    return fflush(out) == 0 && written && !ferror(out);
}

sm_status receiver_core_output_failed(receiver_core *core, const received_message *message,
                                      const char *what, int error_number, sm_error *err)
{
    core->output_failed = true;
    core->received--; /* not received after all: it goes back for someone else */
    char words[128];
    const char *why = error_number == EINTR ? "nobody read it before --timeout ended"
                      : error_number != 0   ? sm_errno_text(error_number, words, sizeof words)
                                            : "write error";
    sm_error put;
    sm_status status = sm_channel_put_back(core->channel, &message->raw, &put);
    if (status == SM_OK)
        return sm_error_set(err, SM_ERR_SYSTEM,
                            "writing message %lu to the %s failed (%s); it was put back into "
                            "the slot for the next receiver: fix the output and start again",
                            message->sequence, what, why);
    /* The slot filled meanwhile (or the lock is held): the text goes to stderr, the last outlet. */
    receiver_core_escape(message->text, message->length, message->line);
    fprintf(stderr, "samplemap-receiver: message %lu could not be put back (%s); its text: %s",
            message->sequence, put.message, message->line);
    return sm_error_set(err, SM_ERR_SYSTEM,
                        "writing message %lu to the %s failed (%s) and it could not be put back; "
                        "its text is on the line above",
                        message->sequence, what, why);
}

const char *receiver_core_warning(const received_message *message)
{
    if (message->unterminated)
        return "the view held no terminator: all its units were taken as text";
    if (message->ill_formed)
        return "ill-formed UTF-16 (a lone surrogate) was shown as U+FFFD";
    return NULL;
}
