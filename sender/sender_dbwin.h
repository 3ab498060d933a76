/* sender_dbwin.h - samplemap-sender --dbwin: writes debug output like OutputDebugString. */
#ifndef SAMPLEMAP_SENDER_DBWIN_H
#define SAMPLEMAP_SENDER_DBWIN_H

#include "options.h"

/* Writes each --message (or --stdin line) through sm_dbwin_write; returns SM_EXIT_*. */
int sender_dbwin_run(const sm_app_options *opts);

#endif
