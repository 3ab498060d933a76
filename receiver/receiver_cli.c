/*
 * receiver_cli.c - the headless receiver: poll and print one line per message
 * (UTF-8 text, or JSON with --json), or look once without taking (--peek).
 */
#include "receiver_cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>

#include "advice.h"
#include "json.h"
#include "os_process.h"
#include "platform.h"
#include "receiver_core.h"
#include "receiver_dbwin.h"
#include "receiver_list.h"
#include "receiver_watch.h"

/*
 * One --json line for a message: event "message" (taken) or "peek" (looked at;
 * NULL = empty, and "exists": false when there is no mapping at all). False if
 * writing or flushing it failed (a closed pipe, a full disk).
 */
static bool print_json(const sm_app_options *opts, const char *event,
                       const received_message *message, bool exists)
{
    sm_json_begin(stdout, event);
    if (message != NULL) {
        fprintf(stdout, ",\"sequence\":%lu,\"text\":", message->sequence);
        sm_json_string(stdout, message->text, message->length);
        fprintf(stdout, ",\"units\":%zu,\"ill_formed\":%s,\"unterminated\":%s", message->units,
                message->ill_formed ? "true" : "false", message->unterminated ? "true" : "false");
    }
    fprintf(stdout, ",\"empty\":%s", message == NULL ? "true" : "false");
    if (!exists)
        fprintf(stdout, ",\"exists\":false");
    sm_json_key_string(stdout, "name", opts->name);
    fprintf(stdout, ",\"view_bytes\":%zu", opts->view_bytes);
    sm_json_end(stdout);
    return fflush(stdout) == 0 && !ferror(stdout);
}

/*
 * --peek: one look at the slot, nothing taken. Exit 0 with the text (or a JSON
 * line) when a message is there, SM_EXIT_EMPTY when the slot is empty,
 * SM_EXIT_NO_MAPPING when nothing has created the mapping (so a script can
 * tell "started, nothing sent" from "not started"), SM_EXIT_TIMEOUT when
 * another process held the lock for the whole bound.
 */
static int peek_once(const sm_app_options *opts, received_message *message)
{
    receiver_core core;
    sm_error err;
    /* No mapping at all reads as an empty slot, with its own exit code. */
    unsigned long long deadline =
        opts->timeout_s > 0 ? sm_monotonic_ms() + (unsigned long long)(opts->timeout_s * 1000.0)
                            : 0;
    sm_status status = receiver_core_open(&core, opts, deadline, &err);
    bool exists = status != SM_ERR_NOT_FOUND;
    if (status == SM_OK) {
        /* The look's lock wait: SM_CHANNEL_LOCK_TIMEOUT_MS, or what is left of --timeout. */
        if (deadline != 0) {
            unsigned long long now = sm_monotonic_ms();
            unsigned long long left = deadline > now ? deadline - now : 0;
            if (left < SM_CHANNEL_LOCK_TIMEOUT_MS)
                sm_channel_set_lock_timeout(core.channel, (unsigned)left);
        }
        status = receiver_core_peek(&core, message, &err);
    } else if (!exists) {
        status = SM_EMPTY;
    }
    if (status != SM_OK && status != SM_EMPTY) {
        receiver_core_close(&core);
        sm_app_report(opts, &err);
        /* A lock held past its bound is the "held" exit, as for every other mode. */
        return status == SM_ERR_HELD ? SM_EXIT_TIMEOUT : SM_EXIT_FAILURE;
    }
    /* Nothing was taken, so a failed output loses nothing: it is only reported. */
    bool written = true;
    if (opts->json) {
        written = print_json(opts, "peek", status == SM_OK ? message : NULL, exists);
    } else if (status == SM_OK) {
        written = receiver_core_write_line(stdout, message);
    } else if (exists) {
        fprintf(stderr, "%s: the slot of '%s' is empty\n", opts->program, opts->name);
    } else {
        fprintf(stderr, "%s: there is no mapping named '%s' (nothing has created it yet)\n",
                opts->program, opts->name);
    }
    if (!written) {
        receiver_core_close(&core);
        sm_app_error(opts, "writing to standard output failed");
        return SM_EXIT_OUTPUT;
    }
    if (status == SM_OK && receiver_core_warning(message) != NULL)
        fprintf(stderr, "%s: %s\n", opts->program, receiver_core_warning(message));
    receiver_core_close(&core); /* after the output: the message is in its buffers */
    return status == SM_OK ? SM_EXIT_OK : exists ? SM_EXIT_EMPTY : SM_EXIT_NO_MAPPING;
}

/* Set by SIGINT/SIGTERM/SIGHUP (platform.h): finish the message in hand, then exit. */
static volatile sig_atomic_t stop_signal;

int receiver_cli_run(const sm_app_options *opts)
{
    receiver_core core;
    sm_error err;
    received_message message; /* its text and units are in the core's buffers */
    if (opts->dbwin)
        return receiver_dbwin_run(opts);
    if (opts->watch)
        return receiver_watch_run(opts);
    if (opts->list)
        return receiver_list_run(opts);
    if (opts->peek)
        return peek_once(opts, &message);
    /*
     * Ctrl+C, SIGTERM, SIGHUP: a message taken is printed or put back first
     * (never lost). Caught before the ready line, so a signal sent on seeing it is ours.
     */
    sm_platform_catch_stop_signals(&stop_signal);
    /* One deadline for the whole run, opening included: --timeout bounds it all. */
    unsigned long long deadline =
        opts->timeout_s > 0 ? sm_monotonic_ms() + (unsigned long long)(opts->timeout_s * 1000.0)
                            : 0;
    if (receiver_core_open(&core, opts, deadline, &err) != SM_OK) {
        sm_app_report(opts, &err);
        return SM_EXIT_FAILURE;
    }
    sm_channel_set_cancel(core.channel, &stop_signal);
    /* The "ready" line lets scripts and tests start senders only after we listen. */
    fprintf(stderr, "%s: ready: '%s' (%s, %zu-byte view), %s, %s every %u ms%s\n", opts->program,
            sm_channel_name(core.channel), sm_channel_os_name(core.channel),
            sm_channel_view_bytes(core.channel),
            sm_channel_created(core.channel) ? "created it" : "opened the existing one",
            opts->wake ? "wake mode, fallback poll" : "polling", opts->interval_ms,
            opts->classic ? ", CLASSIC mode (no lock: messages may be lost or torn)" : "");
    (void)fflush(stderr); /* unbuffered already; a closed stderr leaves nobody to tell */

    /* A stdout or --log FIFO nobody drains must not hold us past --timeout either. */
    if (deadline != 0)
        sm_platform_interrupt_after(deadline);
    int code = SM_EXIT_OK;
    bool held_reported = false;
    bool left_reported = false; /* said once that a message too long for our view stays */
    while (!stop_signal) {
        /* The lock wait ends with --timeout; without one, a held channel is reported, then waited
         * for. */
        unsigned long long left = deadline == 0                  ? SM_CHANNEL_LOCK_TIMEOUT_MS
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
            sm_app_report(opts, &err);
            code = SM_EXIT_TIMEOUT;
            break;
        }
        held_reported = false;
        bool left_in_slot = status == SM_ERR_TEXT_TOO_LONG;
        if (left_in_slot && !left_reported)
            fprintf(stderr, "%s: %s; a receiver with the sender's --view-size takes it\n",
                    opts->program, err.message);
        left_reported = left_in_slot;
        if (status == SM_OK) {
            bool written = opts->json ? print_json(opts, "message", &message, true)
                                      : !opts->print || receiver_core_write_line(stdout, &message);
            if (!written) {
                if (errno == EINTR) /* interrupted at --timeout: stdio may still hold the line */
                    sm_platform_discard_stdout();
                receiver_core_output_failed(&core, &message,
                                            opts->json ? "standard output (--json)"
                                                       : "standard output (--print)",
                                            errno, &err);
                sm_app_report(opts, &err);
                code = SM_EXIT_OUTPUT;
                break;
            }
            const char *warning = receiver_core_warning(&message);
            if (warning != NULL)
                fprintf(stderr, "%s: message %lu: %s\n", opts->program, message.sequence, warning);
            /* Shown first, as its sender was told; then whatever damage came with the take. */
            if (sm_channel_check(core.channel, &err) != SM_OK) {
                sm_app_report(opts, &err);
                code = SM_EXIT_FAILURE;
                break;
            }
            if (opts->count > 0 && core.received >= (unsigned long)opts->count)
                break;
            continue; /* drain at once: another sender may be waiting */
        }
        if (status != SM_EMPTY && !left_in_slot) {
            sm_app_report(opts, &err);
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
        if (left_in_slot)
            sm_sleep_ms(
                wait); /* the slot stays full until someone else acts: no wake to wait for */
        else
            (void)sm_channel_wait_message(core.channel, wait); /* the loop's poll looks anyway */
    }
    receiver_core_close(&core);
    if (stop_signal) {
        char what[96];
        snprintf(what, sizeof what, "%lu message%s received, none taken was lost", core.received,
                 core.received == 1 ? "" : "s");
        return sm_app_stopped(opts, (int)stop_signal, what);
    }
    return code;
}
