/*
 * hooks.h - what the apps hang on the library's protocol points (ipc/hook.h):
 * --pause-at and the --step mode of the headless faces (docs/diagnostics.md).
 *
 * --pause-at POINT: each time the process passes POINT it prints
 * "samplemap: paused at POINT (pid N)" on stderr and waits for a line on
 * stdin; a lecturer (or a test) kills it there to show what that crash leaves
 * behind, or presses Enter to go on. End of input ends the pauses.
 *
 * --step (headless): at each protocol step the process prints
 * "step: WHAT [POINT] - press Enter to go on" on stderr and waits for one
 * line on stdin. End of input ends stepping: the run goes on without stops.
 */
#ifndef SAMPLEMAP_APP_HOOKS_H
#define SAMPLEMAP_APP_HOOKS_H

#include <stdio.h>

#include "options.h"

/* Installs the --pause-at pause (if given) and, if step_on_stdin, the stdin stepper. */
void sm_app_hooks_install(const sm_app_options *opts, bool step_on_stdin);

/* The --pause-at pause alone, for a window that installs a stepper of its own (no-op when unset).
 */
void sm_app_pause_point(const char *point);

/* Prints every protocol point with its one-line description (--pause-at help). */
void sm_app_print_points(FILE *out);

#endif
