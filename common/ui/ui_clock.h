/*
 * ui_clock.h - the wall-clock time the windows show next to messages.
 *
 * The reference-image tests (tests/gui/reftest.py) need the same pixels on
 * every run, so the test-only environment hook SAMPLEMAP_TEST_FIXED_TIME=<seconds
 * since 1970> replaces every time shown with that one (shown in the local time
 * zone: the tests set TZ=UTC). Only what is displayed changes; the --log file and
 * the protocol never read this clock.
 */
#ifndef SAMPLEMAP_UI_CLOCK_H
#define SAMPLEMAP_UI_CLOCK_H

#include <time.h>

/* actual, or the fixed time of SAMPLEMAP_TEST_FIXED_TIME when it is set. */
time_t sm_ui_clock_shown(time_t actual);

#endif
