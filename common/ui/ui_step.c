/* ui_step.c - the window's --step: a modal wait at each protocol point. */
#include "ui_step.h"

#include <stdio.h>

#include "hook.h"
#include "hooks.h"
#include "trace.h"
#include "ui_widgets.h"

static SDL_threadID window_thread;

/* True when event means "go on": Enter, Space, or a click on the Step button. */
static bool is_step(const sm_ui_app *app, const SDL_Event *event)
{
    if (event->type == SDL_KEYDOWN) {
        SDL_Keycode key = event->key.keysym.sym;
        return key == SDLK_RETURN || key == SDLK_KP_ENTER || key == SDLK_SPACE;
    }
    if (event->type == SDL_MOUSEBUTTONDOWN && event->button.button == SDL_BUTTON_LEFT) {
        int x = event->button.x, y = event->button.y;
        sm_ui_mouse_to_px(app->ui, &x, &y);
        return sm_ui_hit(app->step_button, x, y);
    }
    return false;
}

static void wait_for_step(sm_ui_app *app, const char *point, const char *description)
{
    char text[300];
    snprintf(text, sizeof text, "Step: %s", description);
    app->step_text = text;
    sm_ui_app_frame(app);
    float s = app->ui->scale > 0 ? app->ui->scale : 1.0f;
    sm_trace(SM_TRACE_STATE, "step %s lines=%d button=%d,%d,%d,%d", point, app->step_lines,
             (int)((float)app->step_button.x / s), (int)((float)app->step_button.y / s),
             (int)((float)app->step_button.w / s), (int)((float)app->step_button.h / s));
    for (;;) {
        SDL_Event event;
        /*
         * Wake now and then even without events: the window looks at the shared memory
         * again (app->stopped), so its byte view stays live while the protocol waits here
         * - another process may write into the slot meanwhile (a classic writer does).
         */
        if (!SDL_WaitEventTimeout(&event, (int)SM_UI_STEP_LOOK_MS)) {
            if (app->stopped != NULL)
                app->stopped(app->context);
            if (app->dirty)
                sm_ui_app_frame(app);
            continue;
        }
        if (is_step(app, &event))
            break;
        if (event.type == SDL_QUIT ||
            (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE)) {
            sm_ui_app_request_close(app);
            if (app->done)
                break;
        }
        if (event.type == SDL_WINDOWEVENT) {
            sm_ui_window_refresh_size(app->ui);
            sm_ui_app_frame(app);
        }
        /* Everything else waits: the window is modal while it stands at a step. */
    }
    app->step_text = NULL;
    app->dirty = true;
}

static void on_point(const char *point, void *ctx)
{
    sm_ui_app *app = ctx;
    sm_app_pause_point(point);
    const sm_hook_point *known = sm_hook_find(point);
    /* Only the window's thread may draw; a closing window runs on without stops. */
    if (known == NULL || !known->protocol_step || app->done || SDL_ThreadID() != window_thread)
        return;
    wait_for_step(app, point, known->description);
}

void sm_ui_step_install(sm_ui_app *app)
{
    window_thread = SDL_ThreadID();
    sm_hook_set(on_point, app);
}
