/* receiver_list.h - samplemap-receiver --list: the channels this user can see, like ipcs. */
#ifndef SAMPLEMAP_RECEIVER_LIST_H
#define SAMPLEMAP_RECEIVER_LIST_H

#include "options.h"

/*
 * One line (or, with --json, one JSON object) per channel: name, scope, view
 * size, layout version, whether a message waits, how many were taken, who
 * made it and who last opened it to send or receive (pids, alive or gone), and
 * "stale" when neither of those two processes is alive. With --unlink the stale
 * ones are removed too. Returns SM_EXIT_OK, or SM_EXIT_FAILURE where the OS
 * cannot list its objects.
 */
int receiver_list_run(const sm_app_options *opts);

#endif
