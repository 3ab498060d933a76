/*
 * receiver_gui.h - the receiver's window: polls every --interval ms and shows
 * each message with its local time and sequence number in a scrolling log.
 */
#ifndef SAMPLEMAP_RECEIVER_GUI_H
#define SAMPLEMAP_RECEIVER_GUI_H

#include "options.h"

/*
 * Runs the window until it is closed; messages are taken, numbered, decoded
 * and --log'ged by receiver_core, exactly as the headless face does. Prints
 * "ready log=X,Y,W,H" (the log area in window coordinates) on stdout once
 * the first frame is shown, for tests. Returns SM_EXIT_OK, or
 * SM_EXIT_FAILURE when no window could be opened or the mapping was unusable.
 */
int receiver_gui_run(const sm_app_options *opts);

#endif
