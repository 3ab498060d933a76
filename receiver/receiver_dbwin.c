/*
 * receiver_dbwin.c - samplemap-receiver --dbwin: the monitor of the
 * debug-output channel (dbwin.h, docs/dbwin.md). The copy of each message and
 * its writer's name are the library's, which releases the writer at once;
 * formatting and output happen after, while the next writer has the buffer.
 */
#include "receiver_dbwin.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "advice.h"
#include "json.h"
#include "os_process.h"
#include "platform.h"
#include "receiver_core.h"

void receiver_dbwin_describe(const sm_dbwin_entry *raw, receiver_dbwin_entry *out)
{
    long long seconds = 0;
    long nanoseconds = 0;
    sm_platform_wall_time(&seconds, &nanoseconds);
    sm_json_format_time(seconds, nanoseconds, out->time, sizeof out->time);
    out->pid = raw->pid;
    snprintf(out->process, sizeof out->process, "%s", raw->process); /* named by the library */
    out->length = sm_dbwin_text_to_utf8(raw->text, raw->length, out->text, sizeof out->text,
                                        &out->ill_formed);
}

size_t receiver_dbwin_format(const char *time, unsigned long pid, const char *process,
                             const char *text, size_t length, char *out, size_t size)
{
    static char escaped[RECEIVER_LINE_BYTES(RECEIVER_DBWIN_TEXT_BYTES)];
    if (length > RECEIVER_DBWIN_TEXT_BYTES - 1)
        length = RECEIVER_DBWIN_TEXT_BYTES - 1;
    (void)receiver_core_escape(text, length, escaped); /* ends in '\n' */
    int n = snprintf(out, size, "%s [%lu %s] %s", time, pid, process, escaped);
    return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

size_t receiver_dbwin_line(const receiver_dbwin_entry *entry, char *out, size_t size)
{
    return receiver_dbwin_format(entry->time, entry->pid, entry->process, entry->text,
                                 entry->length, out, size);
}

static bool print_json(const receiver_dbwin_entry *entry, const char *buffer)
{
    sm_json_begin(stdout, "dbwin");
    fprintf(stdout, ",\"pid\":%lu", entry->pid);
    sm_json_key_string(stdout, "process", entry->process);
    sm_json_key_string(stdout, "text", entry->text);
    fprintf(stdout, ",\"ill_formed\":%s", entry->ill_formed ? "true" : "false");
    sm_json_key_string(stdout, "buffer", buffer);
    sm_json_end(stdout);
    return fflush(stdout) == 0 && !ferror(stdout);
}

static volatile sig_atomic_t stop_signal;

int receiver_dbwin_run(const sm_app_options *opts)
{
    static receiver_dbwin_entry entry;
    static sm_dbwin_entry raw;
    static char line[RECEIVER_LINE_BYTES(sizeof entry.text) + 128];
    sm_error err;
    sm_platform_catch_stop_signals(&stop_signal);
    unsigned long long deadline =
        opts->timeout_s > 0 ? sm_monotonic_ms() + (unsigned long long)(opts->timeout_s * 1000.0)
                            : 0;
    FILE *log = NULL;
    if (opts->log_path != NULL) {
        log = sm_platform_fopen(opts->log_path, "ab");
        if (log == NULL) {
            char words[128];
            fprintf(stderr, "%s: cannot open --log file '%s': %s\n", opts->program, opts->log_path,
                    sm_errno_text(errno, words, sizeof words));
            return SM_EXIT_FAILURE;
        }
    }
    const char *buffer_name = opts->dbwin_name != NULL ? opts->dbwin_name : SM_DBWIN_NAME;
    char where[160];
    snprintf(where, sizeof where, "%s%s", opts->global ? "Global\\" : "", buffer_name);
    sm_dbwin_monitor *monitor = NULL;
    if (sm_dbwin_monitor_open(opts->dbwin_name, opts->global, &monitor, &err) != SM_OK) {
        fprintf(stderr, "%s: %s\n", opts->program, err.message);
        if (log != NULL)
            (void)fclose(log);
        return SM_EXIT_FAILURE;
    }
    /* The ready line: writers started after it are heard. */
    fprintf(stderr, "%s: ready: debug-output monitor of %s (pid %lu)\n", opts->program, where,
            sm_process_id());
    (void)fflush(stderr);
    if (deadline != 0)
        sm_platform_interrupt_after(deadline); /* a stdout nobody drains must not hold us */
    int code = SM_EXIT_OK;
    unsigned long received = 0;
    while (!stop_signal) {
        unsigned long long now = sm_monotonic_ms();
        if (deadline != 0 && now >= deadline) {
            if (opts->count > 0) {
                fprintf(stderr, "%s: timed out after %g s with %lu of %ld messages\n",
                        opts->program, opts->timeout_s, received, opts->count);
                code = SM_EXIT_TIMEOUT;
            }
            break;
        }
        /* Bounded waits, so Ctrl+C and --timeout are seen within 200 ms. */
        unsigned wait = deadline != 0 && deadline - now < 200 ? (unsigned)(deadline - now) : 200;
        sm_status status = sm_dbwin_monitor_next(monitor, wait, &raw, &err);
        if (status == SM_ERR_TIMEOUT)
            continue;
        if (status != SM_OK) {
            fprintf(stderr, "%s: %s\n", opts->program, err.message);
            code = SM_EXIT_FAILURE;
            break;
        }
        received++;
        receiver_dbwin_describe(&raw, &entry);
        receiver_dbwin_line(&entry, line, sizeof line);
        bool written = opts->json    ? print_json(&entry, where)
                       : opts->print ? fputs(line, stdout) >= 0 && fflush(stdout) == 0
                                     : true;
        /* The writer is gone already: a line we cannot write is lost, and we say so and stop. */
        if (!written || (log != NULL && (fputs(line, log) < 0 || fflush(log) != 0))) {
            char words[128];
            fprintf(stderr, "%s: message %lu from pid %lu could not be written to %s: %s\n",
                    opts->program, received, entry.pid,
                    written ? "the --log file" : "standard output",
                    sm_errno_text(errno, words, sizeof words));
            code = SM_EXIT_OUTPUT;
            break;
        }
        if (entry.ill_formed)
            fprintf(stderr,
                    "%s: message %lu from pid %lu: bytes that are not text were shown as "
                    "U+FFFD\n",
                    opts->program, received, entry.pid);
        if (opts->count > 0 && received >= (unsigned long)opts->count)
            break;
    }
    sm_dbwin_monitor_close(monitor);
    if (log != NULL && fclose(log) != 0 && code == SM_EXIT_OK)
        code = SM_EXIT_OUTPUT;
    if (stop_signal) {
        char what[96];
        snprintf(what, sizeof what, "%lu debug message%s received", received,
                 received == 1 ? "" : "s");
        return sm_app_stopped(opts, (int)stop_signal, what);
    }
    return code;
}
