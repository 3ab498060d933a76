/* hooks.c - the crash tests' pause and the headless --step, on the library's hook points. */
#include "hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hook.h"
#include "os_process.h"

/* Read once, in sm_app_hooks_install, before any channel is open. */
static const char *pause_at;
static bool stepping;

void sm_app_test_pause(const char *point)
{
    if (pause_at == NULL || strcmp(pause_at, point) != 0)
        return;
    fprintf(stderr, "samplemap: paused at %s (pid %lu)\n", point, sm_process_id());
    (void)fflush(stderr); /* a diagnostic: if stderr is gone, nobody is left to tell */
    while (getchar() != EOF) {
        /* wait for the test to close our stdin (resume) or to kill us */
    }
}

/*
 * One stop of --step. The process may hold the channel lock here (that is the
 * lesson: every peer now waits, bounded by its own --timeout), so the wait is
 * for a person and has no bound of its own; end of input stops stepping.
 */
static void step_on_stdin(const char *point)
{
    const sm_hook_point *known = sm_hook_find(point);
    if (!stepping || known == NULL || !known->protocol_step)
        return;
    fprintf(stderr, "step: %s [%s] - press Enter to go on\n", known->description, point);
    (void)fflush(stderr); /* a diagnostic: if stderr is gone, nobody is left to tell */
    int c;
    while ((c = getchar()) != EOF && c != '\n') {
        /* the rest of the line */
    }
    if (c == EOF) {
        stepping = false;
        fprintf(stderr, "step: standard input ended; running on without stops\n");
        (void)fflush(stderr); /* a diagnostic: if stderr is gone, nobody is left to tell */
    }
}

static void on_point(const char *point, void *ctx)
{
    (void)ctx;
    sm_app_test_pause(point);
    step_on_stdin(point);
}

void sm_app_hooks_install(const sm_app_options *opts, bool step_on_stdin_wanted)
{
    pause_at = getenv("SAMPLEMAP_TEST_PAUSE_AT");
    if (pause_at != NULL && pause_at[0] == '\0')
        pause_at = NULL;
    stepping = opts->step && step_on_stdin_wanted;
    /* Nothing asked for: no hook, so each point costs the library one branch. */
    if (pause_at != NULL || stepping)
        sm_hook_set(on_point, NULL);
}
