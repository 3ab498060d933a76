/* receiver_watch.h - `samplemap-receiver --peek --watch`: the view's bytes, printed as they change.
 */
#ifndef SAMPLEMAP_RECEIVER_WATCH_H
#define SAMPLEMAP_RECEIVER_WATCH_H

#include "options.h"

/*
 * Looks at the view every --interval ms (sm_channel_inspect: no lock, no
 * clear, nothing counted) and prints it whenever a byte or a control field
 * changed: a header, the control line and the rows (see byteview.h). Waits for
 * a mapping that does not exist yet. Ends on Ctrl+C, after --count views, or
 * after --timeout seconds (exit 0); SM_EXIT_FAILURE if the channel cannot be
 * used, SM_EXIT_OUTPUT if stdout fails.
 */
int receiver_watch_run(const sm_app_options *opts);

#endif
