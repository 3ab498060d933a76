/*
 * ui_clock.h - the wall-clock time the windows show next to messages.
 *
 * The reference-image tests (tests/gui/reftest.py) need the same pixels on
 * every run, so a test build's environment hook (ui_clock.c, docs/diagnostics.md:
 * seconds since 1970) replaces every time shown with that one (shown in the local
 * time zone: the tests set TZ=UTC). Only what is displayed changes; the --log file and
 * the protocol never read this clock. Compiled in only with the CMake option
 * SAMPLEMAP_TEST_HOOKS (docs/diagnostics.md); a release build shows the actual time.
 */
#ifndef SAMPLEMAP_UI_CLOCK_H
#define SAMPLEMAP_UI_CLOCK_H

#include <time.h>

/* actual, or (test builds) the fixed time of the environment hook when it is set. */
time_t sm_ui_clock_shown(time_t actual);

#endif
