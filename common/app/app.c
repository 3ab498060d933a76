/* app.c - the shared main(): one place for parsing, --unlink and choosing the face. */
#include "app.h"

#include <errno.h>
#include <stdio.h>

#include "advice.h"
#include "channel.h"
#include "hooks.h"
#include "os_process.h"
#include "platform.h"
#include "trace.h"

static int unlink_channel(const sm_app_options *opts)
{
    sm_error err;
    bool removed = false;
    if (sm_channel_unlink(opts->name, &removed, &err) != SM_OK) {
        sm_app_report(opts, &err);
        return SM_EXIT_FAILURE;
    }
    fprintf(stderr, "%s: %s '%s'\n", opts->program,
            removed ? "removed mapping" : "nothing to remove for mapping", opts->name);
    return SM_EXIT_OK;
}

/* --help and --version are output like any other: a failed write is an error (exit 1). */
static int finish_stdout(const sm_app_options *opts, const char *what)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return SM_EXIT_OK;
    char words[128], message[200];
    snprintf(message, sizeof message, "writing %s to standard output failed: %s", what,
             errno != 0 ? sm_errno_text(errno, words, sizeof words) : "write error");
    sm_app_error(opts, message);
    return SM_EXIT_FAILURE;
}

int sm_app_main(int argc, char **argv, sm_app_kind kind, sm_app_face headless, sm_app_face gui)
{
    sm_app_options opts;
    char error[400];
    sm_platform_init(&argc, &argv); /* UTF-8 argv and byte-exact stdio on every OS */
    int code = sm_app_parse(argc, argv, kind, &opts, error, sizeof error);
    if (code != SM_EXIT_OK) {
        sm_app_error(&opts, error);
        if (code == SM_EXIT_USAGE)
            fprintf(stderr, "Try '%s --help' for the list of options.\n", opts.program);
    } else if (opts.help) {
        sm_app_print_usage(&opts, false);
        code = finish_stdout(&opts, "--help");
    } else if (opts.version) {
        sm_app_print_version(&opts);
        code = finish_stdout(&opts, "--version");
    } else if (opts.pause_help || opts.trace_help) {
        if (opts.pause_help)
            sm_app_print_points(stdout);
        if (opts.trace_help)
            sm_trace_print_categories(stdout);
        code = finish_stdout(&opts, opts.pause_help ? "--pause-at help" : "--trace help");
    } else if (opts.unlink && !opts.list) {
        code = unlink_channel(&opts);
    } else if (opts.headless) {
        sm_app_hooks_install(&opts, true);
        code = headless(&opts);
    } else if (gui != NULL) {
        sm_app_hooks_install(&opts, false); /* the window steps with its own button */
        sm_trace_enable(opts.trace);
        code = gui(&opts);
    } else {
        sm_app_error(&opts, kind == SM_APP_SENDER
                                ? "this build has no window (SDL2 was not found when it was "
                                  "built); use --message TEXT or --stdin"
                                : "this build has no window (SDL2 was not found when it was "
                                  "built); use --print");
        code = SM_EXIT_USAGE;
    }
    sm_app_options_free(&opts);
    return code;
}
