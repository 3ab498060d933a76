/*
 * hooks.h - what the apps hang on the library's protocol points (ipc/hook.h):
 * the crash tests' pause and the --step mode of the headless faces.
 *
 * SAMPLEMAP_TEST_PAUSE_AT=POINT: at POINT the process prints
 * "samplemap: paused at POINT (pid N)" on stderr and blocks reading stdin; a
 * test kills it there, or resumes it by closing stdin. This is test-only
 * behaviour, so it lives here in the apps and not in samplemap_ipc: a program
 * using the library never reacts to the variable.
 *
 * --step (headless): at each protocol step the process prints
 * "step: WHAT [POINT] - press Enter to go on" on stderr and waits for one
 * line on stdin. End of input ends stepping: the run goes on without stops.
 */
#ifndef SAMPLEMAP_APP_HOOKS_H
#define SAMPLEMAP_APP_HOOKS_H

#include "options.h"

/* Installs the pause (if SAMPLEMAP_TEST_PAUSE_AT is set) and, if step_on_stdin, the stdin stepper. */
void sm_app_hooks_install(const sm_app_options *opts, bool step_on_stdin);

/* The test pause alone, for a window that installs a stepper of its own (no-op when unset). */
void sm_app_test_pause(const char *point);

#endif
