/*
 * advice.h - what the user of SampleMap's programs can do about an error,
 * in their own terms: the command-line flags.
 *
 * The IPC library's messages say what happened (error.h); the way out that
 * names --name, --timeout, --unlink or --view-size is added here, by status
 * code, so the library stays usable by programs that have no such flags.
 */
#ifndef SAMPLEMAP_APP_ADVICE_H
#define SAMPLEMAP_APP_ADVICE_H

#include "error.h"
#include "options.h"

/*
 * The advice for code on the channel called name (which decides whether a
 * Local name would help), or "" when the message says all there is to do.
 */
const char *sm_app_advice(sm_status code, const char *name);

/*
 * Appends "; <advice>" to err->message (cut, never overflowed, to fit), once:
 * a message that already ends in the advice is left alone.
 */
void sm_app_advise(sm_error *err, const char *name);

/* sm_app_advise for the channel of opts, then sm_app_error: the one-line report of a failure. */
void sm_app_report(const sm_app_options *opts, sm_error *err);

/*
 * After SIGINT, SIGTERM or SIGHUP (sm_platform_catch_stop_signals): says on
 * stderr "<program>: stopped by <signal>; <what>" and returns the exit code,
 * 128 + the signal's number, as a shell reports a program a signal ended.
 */
int sm_app_stopped(const sm_app_options *opts, int signal_number, const char *what);

#endif
