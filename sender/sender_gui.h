/*
 * sender_gui.h - the sender's window: a text field with a live UTF-16
 * counter, a Send button, and the list of sent messages with their state.
 */
#ifndef SAMPLEMAP_SENDER_GUI_H
#define SAMPLEMAP_SENDER_GUI_H

#include "options.h"

/*
 * Runs the window until it is closed. Besides drawing, it writes one line per
 * event on stdout for scripts and tests: "ready", "queued N", "sent N",
 * "delivered N", "failed N: why", "refused: why". Returns SM_EXIT_OK, or
 * SM_EXIT_FAILURE when no window could be opened or the mapping was unusable.
 */
int sender_gui_run(const sm_app_options *opts);

#endif
