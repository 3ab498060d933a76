/* receiver_cli.h - the headless face of samplemap-receiver. */
#ifndef SAMPLEMAP_RECEIVER_CLI_H
#define SAMPLEMAP_RECEIVER_CLI_H

#include "options.h"

/* Prints each message as a UTF-8 line until --count or --timeout; returns SM_EXIT_*. */
int receiver_cli_run(const sm_app_options *opts);

#endif
