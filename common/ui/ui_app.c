/* ui_app.c - the shared sleep / handle / tick / redraw loop. */
#include "ui_app.h"

#include "../ipc/channel.h"
#include "ui_textcache.h"
#include "ui_widgets.h"

#include <stdio.h>

static void handle_window_event(sm_ui_app *app, const SDL_Event *event)
{
    switch (event->window.event) {
    case SDL_WINDOWEVENT_CLOSE: sm_ui_app_request_close(app); break;
    case SDL_WINDOWEVENT_SIZE_CHANGED:
    case SDL_WINDOWEVENT_DISPLAY_CHANGED:
        sm_ui_window_refresh_size(app->ui);
        app->dirty = true;
        break;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_SHOWN:
    case SDL_WINDOWEVENT_RESTORED: app->dirty = true; break;
    default: break;
    }
}

void sm_ui_app_request_close(sm_ui_app *app)
{
    /* The window may ask first (the sender with undelivered messages). */
    app->done = app->may_close == NULL || app->may_close(app->context);
    app->dirty = true;
}

/* The shortcuts every window has; true when the event was one of them. */
static bool common_shortcut(sm_ui_app *app, const SDL_Event *event)
{
    if (event->type == SDL_KEYDOWN) {
        SDL_Keycode key = event->key.keysym.sym;
        bool ctrl = (event->key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
        if (ctrl && (key == SDLK_q || key == SDLK_w)) {
            sm_ui_app_request_close(app);
            return true;
        }
        if (key == SDLK_F1 && app->help_title != NULL) {
            app->help_shown = !app->help_shown;
            app->dirty = true;
            printf("help %s\n", app->help_shown ? "shown" : "hidden"); /* for tests */
            fflush(stdout);
            return true;
        }
    }
    if (!app->help_shown)
        return false;
    /* The overlay is modal: Escape or a click closes it, other input waits. */
    if ((event->type == SDL_KEYDOWN && event->key.keysym.sym == SDLK_ESCAPE) ||
        event->type == SDL_MOUSEBUTTONDOWN) {
        app->help_shown = false;
        app->dirty = true;
        printf("help hidden\n");
        fflush(stdout);
    }
    return event->type == SDL_KEYDOWN || event->type == SDL_TEXTINPUT ||
           event->type == SDL_MOUSEBUTTONDOWN || event->type == SDL_MOUSEBUTTONUP ||
           event->type == SDL_MOUSEWHEEL;
}

static void handle(sm_ui_app *app, const SDL_Event *event)
{
    if (event->type == SDL_RENDER_DEVICE_RESET || event->type == SDL_RENDER_TARGETS_RESET) {
        /* A GPU renderer lost its textures (SDL_RENDER_DRIVER=direct3d...): draw anew. */
        sm_ui_textcache_clear();
        app->dirty = true;
    } else if (event->type == SDL_QUIT)
        sm_ui_app_request_close(app);
    else if (event->type == SDL_WINDOWEVENT)
        handle_window_event(app, event);
    else if (!common_shortcut(app, event))
        app->event(app->context, event);
}

static void redraw(sm_ui_app *app, bool *shown)
{
    const sm_ui_theme *theme = app->ui->theme;
    SDL_SetRenderDrawColor(app->ui->renderer, theme->background.r, theme->background.g,
                           theme->background.b, 255);
    SDL_RenderClear(app->ui->renderer);
    app->draw(app->context);
    if (app->help_shown)
        sm_ui_help_draw(app->ui, app->help_title, app->help_body);
    SDL_RenderPresent(app->ui->renderer);
    sm_ui_textcache_end_frame();
    if (app->presented != NULL)
        app->presented(app->context);
    app->dirty = false;
    if (!*shown) {
        sm_ui_window_show(app->ui);
        *shown = true;
        /* Tests wait for this line instead of guessing how long startup takes. */
        printf("ready");
        if (app->ready != NULL)
            app->ready(app->context);
        printf("\n");
        fflush(stdout);
    }
}

/* The earlier of two SDL_GetTicks64 deadlines, 0 meaning none. */
static Uint64 earlier(Uint64 a, Uint64 b) { return a == 0 || (b != 0 && b < a) ? b : a; }

void sm_ui_app_run(sm_ui_app *app)
{
    bool shown = false;
    Uint64 next_frame = 0; /* no frame before this time: see SM_UI_FRAME_MS */
#ifdef SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE
    /* Closing the window is a request the app may decline (may_close), not an SDL_QUIT. */
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
#endif
    app->dirty = true;
    while (!app->done) {
        Uint64 now = SDL_GetTicks64();
        if (app->dirty && now >= next_frame) {
            redraw(app, &shown);
            next_frame = now + SM_UI_FRAME_MS;
        }
        Uint64 deadline = app->deadline(app->context);
        /* A change waiting for its frame: wake for it, and meanwhile keep handling events. */
        Uint64 wake_at = app->dirty ? earlier(deadline, next_frame) : deadline;
        SDL_Event event;
        if (sm_ui_wait(&event, wake_at)) {
            handle(app, &event);
            while (!app->done && SDL_PollEvent(&event))
                handle(app, &event);
        }
        if (deadline != 0 && SDL_GetTicks64() >= deadline)
            app->tick(app->context);
    }
}

void sm_ui_title(char *out, size_t out_size, const char *role, const char *name, bool classic)
{
    snprintf(out, out_size, "SampleMap %s \xE2\x80\x94 %s%s", role, name,
             classic ? " (CLASSIC, unsafe)" : "");
}

const char *sm_ui_classic_banner(bool classic)
{
    return classic ? "CLASSIC MODE: no lock, no ordering \xE2\x80\x94 messages can be lost or torn"
                   : NULL;
}

void sm_ui_mapping_error_text(sm_status code, const char *name, const char *program,
                              const char *message, char *title, size_t title_size, char *body,
                              size_t body_size)
{
    snprintf(title, title_size, "Cannot use the mapping \xE2\x80\x9C%s\xE2\x80\x9D", name);
    char what[400];
    switch (code) {
    case SM_ERR_WRONG_SIZE:
        snprintf(what, sizeof what,
                 "Another program made an object with this name but a different size, so it "
                 "is not a SampleMap view. Close that program, or remove the object with "
                 "\xE2\x80\x9C%s --unlink --name %s\xE2\x80\x9D, or start both apps with "
                 "another --name.", program, name);
        break;
    case SM_ERR_FOREIGN_OWNER:
    case SM_ERR_PERMISSION:
        snprintf(what, sizeof what,
                 "The object belongs to another user or may not be opened by you. Start both "
                 "apps with a name of your own, e.g. \xE2\x80\x9C%s --name "
                 "Local\\Mine\xE2\x80\x9D.", program);
        break;
    case SM_ERR_NAME:
        snprintf(what, sizeof what,
                 "Fix the --name: Local\\X, Global\\X or X, with a short X without slashes "
                 "(see \xE2\x80\x9C%s --help\xE2\x80\x9D).", program);
        break;
    default:
        snprintf(what, sizeof what, "Check the reason above, then start %s again.", program);
        break;
    }
    snprintf(body, body_size, "%s\n\nWhat to do: %s\n\nThen press Retry (Enter)%s, or close this "
             "window to quit.", message, what,
             code == SM_ERR_WRONG_SIZE ? "; \xE2\x80\x9CRemove and retry\xE2\x80\x9D removes the "
                                         "object for you and makes a new one"
                                       : "");
}

bool sm_ui_app_window_open(sm_ui_window *ui, const char *role, const sm_app_options *opts)
{
    char title[300], error[400];
    sm_ui_title(title, sizeof title, role, opts->name, opts->classic);
    sm_ui_window_spec spec = {title, 560, 520, SM_UI_APP_MIN_WIDTH, SM_UI_APP_MIN_HEIGHT,
                              opts->has_position, opts->window_x, opts->window_y};
    if (sm_ui_window_open(ui, &spec, error, sizeof error))
        return true;
    sm_app_error(opts, error);
    return false;
}

void sm_ui_status_origin(char *out, size_t out_size, const char *name,
                         const sm_channel *channel)
{
    snprintf(out, out_size, "%s \xC2\xB7 %s", name,
             channel == NULL                ? "not open"
             : sm_channel_created(channel) ? "created here"
                                            : "opened existing");
}
