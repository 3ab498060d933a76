/* ui_app.c - the shared sleep / handle / tick / redraw loop. */
#include "ui_app.h"

#include "ui_drawcheck.h"

#include "trace.h"
#include "ui_text.h"
#include "ui_textcache.h"
#include "ui_widgets.h"
#include "ui_zoom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "zoom <asked> drawn=<drawn> body=<px> small=<px>" (--trace state): the fonts' line heights. */
static void trace_zoom(const sm_ui_app *app)
{
    sm_trace(SM_TRACE_STATE, "zoom %d drawn=%d body=%d small=%d", app->ui->zoom,
             app->ui->zoom_drawn, app->ui->body.height, app->ui->small.height);
}

static void handle_window_event(sm_ui_app *app, const SDL_Event *event)
{
    switch (event->window.event) {
    case SDL_WINDOWEVENT_CLOSE: sm_ui_app_request_close(app); break;
    case SDL_WINDOWEVENT_SIZE_CHANGED:
    case SDL_WINDOWEVENT_DISPLAY_CHANGED: {
        int drawn = app->ui->zoom_drawn;
        sm_ui_window_refresh_size(app->ui);
        if (app->ui->zoom_drawn != drawn) /* the window holds more, or less, of the zoom */
            trace_zoom(app);
        app->dirty = true;
        break;
    }
    case SDL_WINDOWEVENT_FOCUS_GAINED:
        if (app->unread > 0) { /* seen now: the count and the request for attention go */
            app->unread = app->unread_shown = 0;
            sm_ui_window_set_unread(app->ui, 0);
            (void)SDL_FlashWindow(app->ui->window, SDL_FLASH_CANCEL);
            sm_trace(SM_TRACE_STATE, "attention cleared");
        }
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

void sm_ui_app_zoom(sm_ui_app *app, int percent)
{
    sm_ui_window_set_zoom(app->ui, percent);
    app->zoom_note_until = SDL_GetTicks64() + SM_UI_ZOOM_NOTE_MS;
    app->dirty = true;
    trace_zoom(app);
}

void sm_ui_app_unread(sm_ui_app *app, unsigned long count)
{
    if (count == 0 || (SDL_GetWindowFlags(app->ui->window) & SDL_WINDOW_INPUT_FOCUS) != 0)
        return;
    app->unread += count;
    app->dirty = true; /* the title follows with the next frame: once per burst, not per message */
}

/* The title and the request for attention, as the unread count now is (with each frame). */
static void show_unread(sm_ui_app *app)
{
    if (app->unread == app->unread_shown)
        return;
    /*
     * Once, on the first unread message, and until focused rather than briefly: whoever
     * was away when it came still sees the taskbar entry marked when back, and more
     * messages do not make it blink again (the count in the title says how many).
     */
    if (app->unread_shown == 0)
        (void)SDL_FlashWindow(app->ui->window, SDL_FLASH_UNTIL_FOCUSED);
    app->unread_shown = app->unread;
    sm_ui_window_set_unread(app->ui, app->unread);
    sm_trace(SM_TRACE_STATE, "attention unread=%lu", app->unread);
}

/* Ctrl+plus, Ctrl+minus, Ctrl+0 (and on the keypad), Ctrl+wheel: true when it was one. */
static bool zoom_shortcut(sm_ui_app *app, const SDL_Event *event)
{
    int direction = 2; /* none */
    if (event->type == SDL_KEYDOWN && (event->key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0) {
        switch (event->key.keysym.sym) {
        case SDLK_PLUS:
        case SDLK_EQUALS: /* the + key without Shift on most layouts */
        case SDLK_KP_PLUS: direction = 1; break;
        case SDLK_MINUS:
        case SDLK_KP_MINUS: direction = -1; break;
        case SDLK_0:
        case SDLK_KP_0: direction = 0; break;
        default: break;
        }
    } else if (event->type == SDL_MOUSEWHEEL && (SDL_GetModState() & (KMOD_CTRL | KMOD_GUI)) != 0) {
        int y = event->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -event->wheel.y : event->wheel.y;
        direction = y > 0 ? 1 : y < 0 ? -1 : 2;
        if (direction == 2)
            return true; /* a sideways Ctrl+wheel: nothing, but not a scroll either */
    }
    if (direction == 2)
        return false;
    sm_ui_app_zoom(app, sm_ui_zoom_step(app->ui->zoom, direction));
    app->zoom_key_down = event->type == SDL_KEYDOWN;
    return true;
}

/* The shortcuts every window has; true when the event was one of them. */
static bool common_shortcut(sm_ui_app *app, const SDL_Event *event)
{
    /* The text a zoom key also typed (Ctrl+= gives "=" on some systems) is not typing. */
    if (event->type == SDL_TEXTINPUT && app->zoom_key_down) {
        app->zoom_key_down = false;
        return true;
    }
    if (event->type == SDL_KEYDOWN || event->type == SDL_KEYUP)
        app->zoom_key_down = false;
    if (zoom_shortcut(app, event))
        return true;
    if (event->type == SDL_KEYDOWN) {
        SDL_Keycode key = event->key.keysym.sym;
        bool ctrl = (event->key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
        if (ctrl && (key == SDLK_q || key == SDLK_w)) {
            sm_ui_app_request_close(app);
            return true;
        }
        if (key == SDLK_F1 && app->help_title != NULL) {
            app->help_shown = !app->help_shown;
            app->help_scroll = 0;
            app->dirty = true;
            sm_trace(SM_TRACE_STATE, "help %s", app->help_shown ? "shown" : "hidden");
            return true;
        }
    }
    if (!app->help_shown)
        return false;
    /* Taller than the window: the wheel and the arrow and page keys scroll it. */
    int line = app->ui->small.height, page = app->ui->height / 2, before = app->help_scroll;
    if (event->type == SDL_MOUSEWHEEL)
        app->help_scroll -= 3 * line * event->wheel.y;
    else if (event->type == SDL_KEYDOWN)
        switch (event->key.keysym.sym) {
        case SDLK_DOWN: app->help_scroll += line; break;
        case SDLK_UP: app->help_scroll -= line; break;
        case SDLK_PAGEDOWN:
        case SDLK_SPACE: app->help_scroll += page; break;
        case SDLK_PAGEUP: app->help_scroll -= page; break;
        case SDLK_HOME: app->help_scroll = 0; break;
        case SDLK_END: app->help_scroll = app->help_most; break;
        default: break;
        }
    app->help_scroll = app->help_scroll > app->help_most ? app->help_most
                       : app->help_scroll < 0            ? 0
                                                         : app->help_scroll;
    if (app->help_scroll != before) {
        app->dirty = true;
        sm_trace(SM_TRACE_STATE, "help scrolled %d of %d", app->help_scroll, app->help_most);
    }
    /* The overlay is modal: Escape or a click closes it, other input waits. */
    if ((event->type == SDL_KEYDOWN && event->key.keysym.sym == SDLK_ESCAPE) ||
        event->type == SDL_MOUSEBUTTONDOWN) {
        app->help_shown = false;
        app->dirty = true;
        sm_trace(SM_TRACE_STATE, "help hidden");
    }
    return event->type == SDL_KEYDOWN || event->type == SDL_TEXTINPUT ||
           event->type == SDL_MOUSEBUTTONDOWN || event->type == SDL_MOUSEBUTTONUP ||
           event->type == SDL_MOUSEWHEEL;
}

static void handle(sm_ui_app *app, const SDL_Event *event)
{
    sm_ui_syscolors changed;
    if (event->type == SDL_RENDER_DEVICE_RESET || event->type == SDL_RENDER_TARGETS_RESET) {
        /* A GPU renderer lost its textures (SDL_RENDER_DRIVER=direct3d...): draw anew. */
        sm_ui_textcache_clear();
        app->dirty = true;
    } else if (event->type == SDL_QUIT)
        sm_ui_app_request_close(app);
    else if (sm_ui_syscolors_changed(event, &changed)) {
        /* The desktop's setting changed (--theme system only): the next frame redraws. */
        app->ui->theme = sm_ui_theme_for_system(&changed);
        snprintf(app->ui->theme_why, sizeof app->ui->theme_why, "system: %s", changed.why);
        sm_trace(SM_TRACE_STATE, "theme %s (%s)", app->ui->theme->name, app->ui->theme_why);
        app->dirty = true;
    } else if (event->type == SDL_WINDOWEVENT)
        handle_window_event(app, event);
    else if (!common_shortcut(app, event))
        app->event(app->context, event);
}

/*
 * The --step bar above the status line: what was just done, and the Step button. The text
 * is wrapped, and the bar grows to hold it: a step's description is the lesson, so it is
 * never cut (the longest take three lines at the windows' default width).
 */
static void draw_step_bar(sm_ui_app *app)
{
    sm_ui_window *ui = app->ui;
    const sm_ui_theme *theme = ui->theme;
    int pad = sm_ui_px(ui, theme->pad), row_h = ui->small.height + 2 * sm_ui_px(ui, 8);
    int button_w = sm_ui_text_width(&ui->small, "Step", 4) + 2 * sm_ui_px(ui, 16);
    /* The explanation wraps (never "…"): the bar grows to hold every line of it. */
    int text_w = ui->width - 3 * pad - button_w;
    size_t lines = 1, length = strlen(app->step_text);
    size_t *starts =
        text_w > 0 ? sm_ui_text_wrap(&ui->small, app->step_text, length, text_w, &lines) : NULL;
    free(starts);
    app->step_lines = lines > 0 ? (int)lines : 1;
    int text_h = app->step_lines * ui->small.height;
    int inner_h = text_h > row_h ? text_h : row_h;
    SDL_Rect bar = {0, ui->height - sm_ui_status_height(ui) - inner_h - 2 * pad, ui->width,
                    inner_h + 2 * pad};
    sm_ui_widget_begin(ui->renderer, "step bar", bar);
    sm_ui_fill(ui, bar, theme->panel);
    sm_ui_frame(ui, bar, theme->accent, sm_ui_px(ui, 2));
    app->step_button = (SDL_Rect){ui->width - pad - button_w, bar.y + pad + (inner_h - row_h) / 2,
                                  button_w, row_h};
    SDL_Rect text = {pad, bar.y + pad + (inner_h - text_h) / 2, text_w > 0 ? text_w : 0, text_h};
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, text);
    sm_ui_paragraph_draw_small(ui, text, app->step_text, theme->text);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_button_draw_states(ui, app->step_button, "Step", true, false, true);
    sm_ui_widget_end(ui->renderer);
}

/* "Zoom 150 %" in a box over the status line's right end, for a moment after a change. */
static void draw_zoom_note(sm_ui_app *app)
{
    sm_ui_window *ui = app->ui;
    char note[64];
    if (ui->zoom_drawn == ui->zoom)
        snprintf(note, sizeof note, "Zoom %d %%", ui->zoom);
    else /* asked for more than the window holds: say what is drawn, and why */
        snprintf(note, sizeof note, "Zoom %d %% (%d %% fits)", ui->zoom, ui->zoom_drawn);
    int pad = sm_ui_px(ui, 6), w = sm_ui_text_width(&ui->small, note, strlen(note)) + 2 * pad;
    int h = ui->small.height + 2 * pad;
    w = w < ui->width ? w : ui->width;
    SDL_Rect box = {ui->width - w, ui->height - h, w, h};
    box.y = box.y < 0 ? 0 : box.y;
    sm_ui_widget_begin(ui->renderer, "zoom note", box);
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, box);
    sm_ui_fill(ui, box, ui->theme->accent);
    sm_ui_text_draw(ui->renderer, &ui->small, note, strlen(note), box.x + pad, box.y + pad,
                    ui->theme->accent_text);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
}

static void redraw(sm_ui_app *app)
{
    const sm_ui_theme *theme = app->ui->theme;
    SDL_SetRenderDrawColor(app->ui->renderer, theme->background.r, theme->background.g,
                           theme->background.b, 255);
    SDL_RenderClear(app->ui->renderer);
    sm_ui_widget_begin(app->ui->renderer, "window",
                       (SDL_Rect){0, 0, app->ui->width, app->ui->height});
    app->draw(app->context);
    if (app->step_text != NULL)
        draw_step_bar(app);
    if (app->help_shown)
        app->help_most =
            sm_ui_help_draw(app->ui, app->help_title, app->help_body, &app->help_scroll);
    if (app->zoom_note_until != 0)
        draw_zoom_note(app);
    sm_ui_widget_end(app->ui->renderer);
    SDL_RenderPresent(app->ui->renderer);
    show_unread(app);
    sm_ui_drawcheck_frame_end();
    sm_ui_textcache_end_frame();
    if (app->presented != NULL)
        app->presented(app->context);
    app->dirty = false;
    if (!app->first_frame_shown) {
        sm_ui_window_show(app->ui);
        app->first_frame_shown = true;
        /* The readiness signal (--trace state): scripts wait for it, never guess. */
        if (sm_trace_on(SM_TRACE_STATE)) {
            printf("ready");
            if (app->ready != NULL)
                app->ready(app->context);
            printf("\n");
            (void)fflush(stdout); /* flushed at once: a script is waiting for this line */
        }
        sm_trace(SM_TRACE_STATE, "theme %s (%s)", app->ui->theme->name, app->ui->theme_why);
        if (app->ui->zoom != SM_UI_ZOOM_DEFAULT) /* a remembered zoom (ui_prefs.h) */
            trace_zoom(app);
    }
}

void sm_ui_app_frame(sm_ui_app *app)
{
    redraw(app);
}

/* The earlier of two SDL_GetTicks64 deadlines, 0 meaning none. */
static Uint64 earlier(Uint64 a, Uint64 b)
{
    return a == 0 || (b != 0 && b < a) ? b : a;
}

void sm_ui_app_run(sm_ui_app *app)
{
    Uint64 next_frame = 0; /* no frame before this time: see SM_UI_FRAME_MS */
#ifdef SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE
    /* Closing the window is a request the app may decline (may_close), not an SDL_QUIT. */
    (void)SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
#endif
    app->dirty = true;
    while (!app->done) {
        Uint64 now = SDL_GetTicks64();
        if (app->zoom_note_until != 0 && now >= app->zoom_note_until) {
            app->zoom_note_until = 0; /* its moment is over: the frame without it */
            app->dirty = true;
        }
        if (app->dirty && now >= next_frame) {
            redraw(app);
            next_frame = now + SM_UI_FRAME_MS;
        }
        Uint64 deadline = app->deadline(app->context);
        /* A change waiting for its frame: wake for it, and meanwhile keep handling events. */
        Uint64 wake_at = app->dirty ? earlier(deadline, next_frame) : deadline;
        wake_at = earlier(wake_at, app->zoom_note_until);
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
