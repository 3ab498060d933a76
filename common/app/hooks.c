/* hooks.c - --pause-at and the headless --step, on the library's hook points. */
#include "hooks.h"

#include <stdio.h>
#include <string.h>

#include "hook.h"
#include "os_process.h"

/* Set once, in sm_app_hooks_install, before any channel is open. */
static const char *pause_at;
static bool stepping;

/* Reads up to the end of the line; false at the end of input. */
static bool wait_for_enter(void)
{
    int c;
    while ((c = getchar()) != EOF && c != '\n') {
        /* the rest of the line */
    }
    return c != EOF;
}

void sm_app_pause_point(const char *point)
{
    if (pause_at == NULL || strcmp(pause_at, point) != 0)
        return;
    fprintf(stderr, "samplemap: paused at %s (pid %lu)\n", point, sm_process_id());
    (void)fflush(stderr); /* a diagnostic: if stderr is gone, nobody is left to tell */
    /* The wait has no bound of its own: the point of the pause is a process stopped here. */
    if (!wait_for_enter())
        pause_at = NULL; /* input ended: the run goes on without pauses */
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
    if (!wait_for_enter()) {
        stepping = false;
        fprintf(stderr, "step: standard input ended; running on without stops\n");
        (void)fflush(stderr); /* a diagnostic: if stderr is gone, nobody is left to tell */
    }
}

static void on_point(const char *point, void *ctx)
{
    (void)ctx;
    sm_app_pause_point(point);
    step_on_stdin(point);
}

void sm_app_print_points(FILE *out)
{
    size_t count = 0;
    const sm_hook_point *points = sm_hook_points(&count);
    for (size_t i = 0; i < count; i++)
        fprintf(out, "%-26s %s%s\n", points[i].name, points[i].description,
                points[i].protocol_step ? "" : " [opening; not a --step stop]");
}

void sm_app_hooks_install(const sm_app_options *opts, bool step_on_stdin_wanted)
{
    pause_at = opts->pause_at;
    stepping = opts->step && step_on_stdin_wanted;
    /* Nothing asked for: no hook, so each point costs the library one branch. */
    if (pause_at != NULL || stepping)
        sm_hook_set(on_point, NULL);
}
