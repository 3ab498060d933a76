/* advice.c - the way out of each error, in the apps' command-line terms. */
#include "advice.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const char *sm_app_advice(sm_status code, const char *name)
{
    /* A Global object is writable by every local user: a Local name keeps others out. */
    bool global = name != NULL && strncmp(name, "Global\\", 7) == 0;
    switch (code) {
    case SM_ERR_HELD: return "resume or end that process, or raise --timeout";
    case SM_ERR_TIMEOUT: return "start a receiver or raise --timeout";
    case SM_ERR_DAMAGED:
        return global ? "remove it with --unlink when no one uses it and start again, or use a "
                        "Local name"
                      : "remove it with --unlink when no one uses it and start again";
    case SM_ERR_VERSION:
        return "use one build for both sides, or remove it with --unlink when no one uses it, "
               "or choose another --name";
    case SM_ERR_ABI:
        return "run both sides with the same bitness, or use a Global\\ name, whose lock (flock) "
               "any bitness shares";
    case SM_ERR_WRONG_SIZE:
        return "remove it with --unlink (or close the program that made it) or choose another "
               "--name; or, if that program uses a smaller view, pass its size with --view-size";
    case SM_ERR_FOREIGN_OWNER:
        return "remove it with --unlink (as its owner, or root) or choose another --name";
    case SM_ERR_PERMISSION: return "choose another --name";
    case SM_ERR_NO_SPACE: return "free some space, or choose another --name";
    default: return ""; /* the message itself says what to do, or there is nothing a flag changes */
    }
}

void sm_app_advise(sm_error *err, const char *name)
{
    const char *advice = sm_app_advice(err->code, name);
    size_t length = strlen(err->message), advice_length = strlen(advice);
    if (advice_length == 0 ||
        (length >= advice_length && strcmp(err->message + length - advice_length, advice) == 0))
        return;
    /* Cut, never overflowed: snprintf stops at the end of the field. */
    (void)snprintf(err->message + length, sizeof err->message - length, "; %s", advice);
}

int sm_app_stopped(const sm_app_options *opts, int signal_number, const char *what)
{
    fprintf(stderr, "%s: stopped by %s; %s\n", opts->program,
            signal_number == SIGINT    ? "SIGINT (Ctrl+C)"
            : signal_number == SIGTERM ? "SIGTERM"
                                       : "SIGHUP",
            what);
    return 128 + signal_number;
}

void sm_app_report(const sm_app_options *opts, sm_error *err)
{
    sm_app_advise(err, opts->name);
    sm_app_error(opts, err->message);
}
