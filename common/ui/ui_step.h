/*
 * ui_step.h - --step in a window: at each protocol step (ipc/hook.h) the
 * window shows what was just done in a bar with a Step button and waits for
 * Enter, Space or a click on Step, drawing and answering its window meanwhile.
 *
 * The wait happens inside the channel call, on the window's thread: a
 * stepping sender holds the channel lock between "lock taken" and "lock
 * released" for as long as the person likes. That is the lesson - every peer
 * now waits for the lock, each bounded by its own timeout (the windows' 20
 * ms, the CLI's --timeout), and reports the channel as held. Closing the
 * window ends stepping: the operation runs on to its end and the window closes.
 * While it stands at a step, the window looks at the shared memory again every
 * SM_UI_STEP_LOOK_MS (sm_ui_app.stopped), so its byte view stays live.
 * For tests each stop prints "step POINT lines=N button=X,Y,W,H" on stdout (N: the
 * step text's wrapped lines).
 */
#ifndef SAMPLEMAP_UI_STEP_H
#define SAMPLEMAP_UI_STEP_H

#include "ui_app.h"

/* Installs the stepper for app (call on the window's thread, before its loop runs). */
void sm_ui_step_install(sm_ui_app *app);

#endif
