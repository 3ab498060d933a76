/*
 * test_hook.h - lets crash tests stop a real process at an exact protocol step.
 *
 * If the environment variable SAMPLEMAP_TEST_PAUSE_AT names the point, the
 * process prints "samplemap: paused at POINT (pid N)" on stderr and blocks
 * reading stdin: a test kills it there, or resumes it by closing stdin. Tests
 * so never guess a moment with a sleep. Unset, the hook costs one getenv.
 */
#ifndef SAMPLEMAP_IPC_TEST_HOOK_H
#define SAMPLEMAP_IPC_TEST_HOOK_H

void sm_test_pause_point(const char *point);

#endif
