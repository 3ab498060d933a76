/* receiver_core.c - take, number, decode and log; shared by the CLI and the window. */
#include "receiver_core.h"

#include <errno.h>
#include <string.h>

sm_status receiver_core_open(receiver_core *core, const sm_app_options *opts, sm_error *err)
{
    memset(core, 0, sizeof *core);
    if (opts->log_path != NULL) {
        core->log = fopen(opts->log_path, "ab");
        if (core->log == NULL)
            return sm_error_set(err, SM_ERR_SYSTEM, "cannot open --log file '%s': %s",
                                opts->log_path, strerror(errno));
    }
    /* --peek only looks: it must not create a mapping that the program it watches has not made. */
    sm_status status =
        opts->peek ? sm_channel_open_existing(opts->name, opts->view_bytes, &core->channel, err)
                   : sm_channel_open_sized(opts->name, opts->view_bytes, &core->channel, err);
    if (status != SM_OK) {
        receiver_core_close(core);
        return status;
    }
    sm_channel_set_classic(core->channel, opts->classic);
    sm_channel_set_wake(core->channel, opts->wake);
    return SM_OK;
}

void receiver_core_close(receiver_core *core)
{
    sm_channel_close(core->channel);
    core->channel = NULL;
    if (core->log != NULL)
        fclose(core->log);
    core->log = NULL;
}

/* Decodes a message from the wire into out (sequence 0, arrival time now). */
static void decode(const sm_message *message, received_message *out)
{
    out->sequence = 0;
    out->when = time(NULL);
    out->unterminated = message->unterminated;
    out->units = message->count;
    out->length = sm_utf16_to_utf8(message->units, message->count, out->text, sizeof out->text,
                                   &out->ill_formed);
}

sm_status receiver_core_peek(receiver_core *core, received_message *out, sm_error *err)
{
    static sm_message message; /* 64 KB: kept off the stack */
    sm_status status = sm_channel_peek(core->channel, &message, err);
    if (status == SM_OK)
        decode(&message, out);
    return status;
}

sm_status receiver_core_poll(receiver_core *core, received_message *out, sm_error *err)
{
    static sm_message message; /* 64 KB: kept off the stack; one receiver per process */
    sm_status status = sm_channel_try_receive(core->channel, &message, err);
    if (status != SM_OK)
        return status;
    decode(&message, out);
    out->sequence = ++core->received;
    if (core->log != NULL) {
        /* Flushed per message so a test or a tail -f sees it at once. */
        fwrite(out->text, 1, out->length, core->log);
        fputc('\n', core->log);
        fflush(core->log);
    }
    return SM_OK;
}

const char *receiver_core_warning(const received_message *message)
{
    if (message->unterminated)
        return "the view held no terminator: all its units were taken as text";
    if (message->ill_formed)
        return "ill-formed UTF-16 (a lone surrogate) was shown as U+FFFD";
    return NULL;
}
