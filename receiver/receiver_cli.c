/* receiver_cli.c - the headless receiver: poll, print one UTF-8 line per message. */
#include "receiver_cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>

#include "../common/ipc/mapping.h"
#include "receiver_core.h"

int receiver_cli_run(const sm_app_options *opts)
{
    receiver_core core;
    sm_error err;
    static received_message message; /* 3 KB: kept off the stack */
    if (receiver_core_open(&core, opts, &err) != SM_OK) {
        sm_app_error(opts, err.message);
        return SM_EXIT_FAILURE;
    }
    /* The "ready" line lets scripts and tests start senders only after we listen. */
    fprintf(stderr, "%s: ready: '%s' (%s), %s it, %s every %u ms%s\n", opts->program,
            sm_channel_name(core.channel), sm_channel_os_name(core.channel),
            sm_channel_created(core.channel) ? "created" : "opened existing",
            opts->wake ? "wake mode, fallback poll" : "polling", opts->interval_ms,
            opts->classic ? ", CLASSIC mode (no lock: messages may be lost or torn)" : "");
    fflush(stderr);

    unsigned long long deadline =
        opts->timeout_s > 0 ? sm_monotonic_ms() + (unsigned long long)(opts->timeout_s * 1000.0)
                            : 0;
    int code = SM_EXIT_OK;
    bool held_reported = false;
    for (;;) {
        /* The lock wait ends with --timeout; without one, a held channel is reported, then waited for. */
        unsigned long long left = deadline == 0 ? SM_CHANNEL_LOCK_TIMEOUT_MS
                                  : deadline > sm_monotonic_ms() ? deadline - sm_monotonic_ms()
                                                                 : 0;
        sm_channel_set_lock_timeout(core.channel, (unsigned)left);
        sm_status status = receiver_core_poll(&core, &message, &err);
        if (status == SM_ERR_HELD && deadline == 0) {
            if (!held_reported)
                fprintf(stderr, "%s: %s; still waiting (give --timeout to stop instead)\n",
                        opts->program, err.message);
            held_reported = true;
            continue;
        }
        if (status == SM_ERR_HELD) {
            sm_app_error(opts, err.message);
            code = SM_EXIT_TIMEOUT;
            break;
        }
        held_reported = false;
        if (status == SM_OK) {
            if (opts->print && !receiver_core_write_line(stdout, &message)) {
                receiver_core_output_failed(&core, &message, "standard output (--print)", errno,
                                            &err);
                sm_app_error(opts, err.message);
                code = SM_EXIT_OUTPUT;
                break;
            }
            const char *warning = receiver_core_warning(&message);
            if (warning != NULL)
                fprintf(stderr, "%s: message %lu: %s\n", opts->program, message.sequence, warning);
            if (opts->count > 0 && core.received >= (unsigned long)opts->count)
                break;
            continue; /* drain at once: another sender may be waiting */
        }
        if (status != SM_EMPTY) {
            sm_app_error(opts, err.message);
            code = core.output_failed ? SM_EXIT_OUTPUT : SM_EXIT_FAILURE;
            break;
        }
        unsigned long long now = sm_monotonic_ms();
        if (deadline != 0 && now >= deadline) {
            if (opts->count > 0) {
                fprintf(stderr, "%s: timed out after %g s with %lu of %ld messages\n",
                        opts->program, opts->timeout_s, core.received, opts->count);
                code = SM_EXIT_TIMEOUT;
            }
            break;
        }
        unsigned wait = opts->interval_ms;
        if (deadline != 0 && deadline - now < wait)
            wait = (unsigned)(deadline - now);
        /* Poll mode sleeps the interval; wake mode spins briefly, then sleeps until signalled. */
        sm_channel_wait_message(core.channel, wait);
    }
    receiver_core_close(&core);
    return code;
}
