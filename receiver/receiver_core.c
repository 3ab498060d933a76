/* receiver_core.c - take, number, decode and log; shared by the CLI and the window. */
#include "receiver_core.h"

#include <errno.h>
#include <string.h>

#include "../common/app/platform.h"

sm_status receiver_core_open(receiver_core *core, const sm_app_options *opts, sm_error *err)
{
    memset(core, 0, sizeof *core);
    if (opts->log_path != NULL) {
        core->log = sm_platform_fopen(opts->log_path, "ab");
        if (core->log == NULL)
            return sm_error_set(err, SM_ERR_SYSTEM, "cannot open --log file '%s': %s",
                                opts->log_path, strerror(errno));
    }
    sm_status status = sm_channel_open(opts->name, &core->channel, err);
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

sm_status receiver_core_poll(receiver_core *core, received_message *out, sm_error *err)
{
    sm_message message;
    sm_status status = sm_channel_try_receive(core->channel, &message, err);
    if (status != SM_OK)
        return status;
    out->sequence = ++core->received;
    out->when = time(NULL);
    out->unterminated = message.unterminated;
    out->length = sm_utf16_to_utf8(message.units, message.count, out->text, sizeof out->text,
                                   &out->ill_formed);
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
        return "the view held no terminator: all 1024 units were taken as text";
    if (message->ill_formed)
        return "ill-formed UTF-16 (a lone surrogate) was shown as U+FFFD";
    return NULL;
}
