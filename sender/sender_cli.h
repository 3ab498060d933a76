/* sender_cli.h - the headless face of samplemap-sender. */
#ifndef SAMPLEMAP_SENDER_CLI_H
#define SAMPLEMAP_SENDER_CLI_H

#include "options.h"

/* Sends every --message, or each line of stdin, waiting for delivery; returns SM_EXIT_*. */
int sender_cli_run(const sm_app_options *opts);

#endif
