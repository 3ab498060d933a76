/*
 * sender_gui.c - the sender window: edit, count, queue, send, show what happened.
 *
 * With --wake the queue is pumped when the channel signals "slot free" (a
 * helper thread sleeps in sm_channel_wait_free and posts an SDL user event),
 * so "delivered" shows and the next queued message goes in as soon as a
 * receiver took the last; the delivery timer stays as the fallback.
 */
#include "sender_gui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform.h"
#include "send_queue.h"
#include "sender_words.h"
#include "text.h"
#include "trace.h"
#include "ui_app.h"
#include "ui_clock.h"
#include "ui_controls.h"
#include "ui_drawcheck.h"
#include "ui_errorview.h"
#include "ui_fieldinput.h"
#include "ui_listmenu.h"
#include "ui_loglist.h"
#include "ui_step.h"
#include "ui_text.h"
#include "ui_texts.h"
#include "ui_waker.h"
#include "ui_widgets.h"

/* The window checks delivery at most this often, however small --interval is. */
#define SENDER_GUI_MIN_POLL_MS 50u
/* The helper's wait is bounded so closing the window never waits longer than this for it. */
#define SENDER_WAKE_WAIT_MS 200u

typedef struct sender_gui {
    const sm_app_options *opts;
    sm_ui_window ui;
    sm_ui_app app;
    sm_channel *channel;    /* NULL when the mapping could not be opened */
    sm_ui_error_view error; /* why not, with Retry */
    send_queue queue;
    sm_ui_edit edit;       /* the text being written */
    char composition[256]; /* IME text not yet committed */
    sm_ui_field_view field_view;
    size_t units;                 /* UTF-16 units the text needs */
    bool text_valid;              /* the text is valid UTF-8 (always, unless pasted oddly) */
    char reason[400];             /* why the last send was refused, or "" */
    sm_ui_loglist sent;           /* what was sent, with its state */
    Uint64 next_poll;             /* when the queue is pumped next */
    SDL_Rect field, button, list; /* layout of the last frame, for hit tests */
    enum { FOCUS_FIELD, FOCUS_SEND, FOCUS_LIST } focus; /* where keys go; Tab moves it */
    bool send_hover;                                    /* the mouse is over Send */
    SDL_Rect counter;                                   /* the counter's row in the last frame */
    bool status_cut;          /* the status line's text needed an ellipsis */
    char traced[300];         /* the last "rects" line printed */
    char help[1600];          /* the F1 overlay's text */
    unsigned long changes;    /* state changes reported by the queue, ever */
    bool held;                /* the last pump found the lock held by another process */
    bool confirm_close;       /* asking whether to close with messages undelivered */
    bool confirm_on_withdraw; /* the question's focus: false = Keep waiting (the default) */
    SDL_Rect keep_button, withdraw_button; /* its two answers, for hit tests */
    /* The context menus (at most one open): the field's and the sent list's. */
    sm_ui_menu field_menu;    /* Undo, Cut, Copy, Paste, Select all (ui_fieldinput.h) */
    sm_ui_listmenu list_menu; /* Copy, Copy with details, Select all, Clear (ui_listmenu.h) */
    /*
     * --wake: the helper thread (ui_waker.h) waits on "slot free" only while
     * armed (the queue holds something); NULL = the delivery timer only.
     */
    sm_ui_waker *waker;
} sender_gui;

static void confirm_event(sender_gui *gui, const SDL_Event *event);

/* Pumps the queue; a lock held by another process is shown in the status line, not waited for. */
static void pump(sender_gui *gui)
{
    bool held = send_queue_pump(&gui->queue, NULL) == SM_ERR_HELD;
    if (held != gui->held)
        gui->app.dirty = true;
    gui->held = held;
}

static SDL_Color state_color(const sender_gui *gui, send_state state)
{
    const sm_ui_theme *theme = gui->ui.theme;
    switch (sender_words_tone(state, gui->opts->classic)) {
    case SENDER_TONE_WAITING: return theme->warning;
    case SENDER_TONE_ACTIVE: return theme->accent;
    case SENDER_TONE_GOOD: return theme->good;
    case SENDER_TONE_NEUTRAL: return theme->dim;
    case SENDER_TONE_BAD: return theme->error;
    }
    return theme->dim;
}

/* The queue's listener: updates the list and traces the change (--trace state). */
static void on_state(void *context, const send_item *item, const sm_error *err)
{
    sender_gui *gui = context;
    char header[160];
    gui->changes++;
    sender_words_header(header, sizeof header, item->id, item->state, gui->opts->classic,
                        sm_ui_clock_shown(time(NULL)));
    sm_ui_loglist_set_header(&gui->sent, item->id, header, state_color(gui, item->state));
    if (err != NULL) {
        sm_trace(SM_TRACE_STATE, "%s %lu: %s", sender_words_state(item->state), item->id,
                 err->message);
        snprintf(gui->reason, sizeof gui->reason, "Message #%lu failed: %s", item->id,
                 err->message);
    } else {
        sm_trace(SM_TRACE_STATE, "%s %lu", sender_words_state(item->state), item->id);
    }
    gui->app.dirty = true;
}

/* The longest text the view holds: 1023 units by default, fewer with a small --view-size. */
static size_t max_units(const sender_gui *gui)
{
    return sm_app_max_units(gui->opts, gui->channel);
}

static void recount(sender_gui *gui)
{
    sm_error err;
    gui->units = 0;
    sm_status status =
        sm_utf8_to_utf16(gui->edit.text, gui->edit.length, NULL, 0, &gui->units, &err);
    gui->text_valid = status == SM_OK || status == SM_ERR_TEXT_TOO_LONG;
    gui->reason[0] = '\0';
    if (!gui->text_valid)
        snprintf(gui->reason, sizeof gui->reason, "Cannot be sent: %s", err.message);
    else if (gui->units > max_units(gui))
        sender_words_too_long(gui->reason, sizeof gui->reason, gui->units, max_units(gui));
}

static bool can_send(const sender_gui *gui)
{
    return gui->channel != NULL && gui->edit.length > 0 && gui->text_valid &&
           gui->units <= max_units(gui);
}

static void arm_waker(sender_gui *gui); /* below, with the helper thread */
static void make_help(sender_gui *gui); /* below, with the drawing */

static void open_mapping(sender_gui *gui);
static void stop_waker(sender_gui *gui);

/*
 * Before each send and on each timer tick: is the name still ours? Another
 * program may have removed the object (--unlink, "Remove and retry") and made
 * a new one, which receivers that start now read. With nothing undelivered the
 * window moves to it; with messages waiting in the old one it says so, as
 * moving would split them from their slot.
 */
static void check_replaced(sender_gui *gui)
{
    if (gui->channel == NULL || !sm_channel_replaced(gui->channel))
        return;
    if (send_queue_active(&gui->queue)) {
        snprintf(gui->reason, sizeof gui->reason,
                 "The mapping was replaced by another program: %zu undelivered message(s) wait "
                 "in the old one, which no new receiver reads. Close this window (withdrawing "
                 "them) and start it again.",
                 gui->queue.count);
        return;
    }
    unsigned long next_id = gui->queue.next_id; /* the list's numbers go on */
    stop_waker(gui);
    send_queue_free(&gui->queue);
    sm_channel_close(gui->channel);
    gui->channel = NULL;
    open_mapping(gui);
    gui->queue.next_id = next_id;
    if (gui->channel == NULL)
        return; /* the error view says why */
    snprintf(gui->reason, sizeof gui->reason,
             "Mapping replaced by another program: now sending to the new one.");
    sm_trace(SM_TRACE_STATE, "mapping replaced: reopened");
}

static void submit(sender_gui *gui)
{
    check_replaced(gui);
    if (gui->channel == NULL)
        return;
    if (gui->composition[0] != '\0')
        return; /* Enter belongs to the IME while it composes */
    sm_error err;
    unsigned long id = 0;
    if (send_queue_push(&gui->queue, gui->edit.text, gui->edit.length, &id, &err) != SM_OK) {
        snprintf(gui->reason, sizeof gui->reason, "Not sent: %s", err.message);
        sm_trace(SM_TRACE_STATE, "refused: %s", err.message);
        return;
    }
    char header[160];
    sender_words_header(header, sizeof header, id, SEND_QUEUED, gui->opts->classic,
                        sm_ui_clock_shown(time(NULL)));
    char blank[80]; /* sent as typed, but said, so the entry does not look empty */
    sm_ui_loglist_add(
        &gui->sent, id, header, gui->ui.theme->warning, gui->edit.text, gui->edit.length,
        sm_ui_blank_note(gui->edit.text, gui->edit.length, blank, sizeof blank) ? blank : NULL);
    gui->sent.scroll = 0; /* show what was just sent */
    sm_ui_edit_clear(&gui->edit);
    recount(gui);
    pump(gui); /* into an empty slot at once */
    arm_waker(gui);
    unsigned period = gui->opts->interval_ms;
    gui->next_poll =
        SDL_GetTicks64() + (period < SENDER_GUI_MIN_POLL_MS ? SENDER_GUI_MIN_POLL_MS : period);
}

/* Lets the helper wait for "slot free" while the queue holds something. */
static void arm_waker(sender_gui *gui)
{
    if (send_queue_active(&gui->queue))
        sm_ui_waker_arm(gui->waker);
}

static void start_waker(sender_gui *gui)
{
    char error[200];
    gui->waker = sm_ui_waker_start(gui->channel, SM_UI_WAKE_ON_FREE, SENDER_WAKE_WAIT_MS, false,
                                   error, sizeof error);
    if (gui->waker == NULL) /* not fatal: the delivery timer still moves the queue, only later */
        fprintf(stderr, "%s: --wake: no helper thread (%s); checking delivery on a timer\n",
                gui->opts->program, error);
}

static void stop_waker(sender_gui *gui)
{
    sm_ui_waker_stop(gui->waker);
    gui->waker = NULL;
}

#ifdef SAMPLEMAP_TEST_HOOKS
/*
 * Test-only IME stand-in (compiled only with the CMake option SAMPLEMAP_TEST_HOOKS, never
 * into a release): Xvfb has no input method, so with SAMPLEMAP_TEST_IME=TEXT set,
 * F12 posts the SDL_TEXTEDITING event an IME would send while composing TEXT and F11 the
 * SDL_TEXTINPUT that commits it. The window handles them as it handles a real IME's.
 */
static bool test_ime_key(SDL_Keycode key)
{
    char text[sizeof((SDL_TextEditingEvent *)0)->text];
    if ((key != SDLK_F12 && key != SDLK_F11) ||
        !sm_platform_getenv("SAMPLEMAP_TEST_IME", text, sizeof text))
        return false;
    SDL_Event event;
    SDL_zero(event);
    if (key == SDLK_F12) {
        event.type = SDL_TEXTEDITING;
        snprintf(event.edit.text, sizeof event.edit.text, "%s", text);
        event.edit.length = 0;
    } else {
        event.type = SDL_TEXTINPUT;
        snprintf(event.text.text, sizeof event.text.text, "%s", text);
    }
    (void)SDL_PushEvent(&event); /* a test stand-in: a full queue only drops one keystroke */
    return true;
}
#else
static bool test_ime_key(SDL_Keycode key)
{
    (void)key;
    return false; /* a release build has no stand-in: F11 and F12 do nothing */
}
#endif

/*
 * What the field made of event: the counter follows every change of the text;
 * a right click, the Menu key or Shift+F10 opens its menu.
 */
static void field_result(sender_gui *gui, sm_ui_field_result result, const SDL_Event *event)
{
    if (result == SM_UI_FIELD_IGNORED)
        return;
    if (result == SM_UI_FIELD_MENU)
        sm_ui_field_menu_open(&gui->ui, &gui->field_view, &gui->edit, event, &gui->field_menu);
    else if (result == SM_UI_FIELD_CHANGED)
        recount(gui);
    else if (result == SM_UI_FIELD_FULL)
        snprintf(gui->reason, sizeof gui->reason, "The text does not fit in the field.");
    gui->app.dirty = true;
}

static void on_key(sender_gui *gui, const SDL_Event *event)
{
    const SDL_KeyboardEvent *key = &event->key;
    if (test_ime_key(key->keysym.sym))
        return;
    if (gui->composition[0] != '\0')
        return; /* editing keys go to the IME while it composes */
    SDL_Keycode sym = key->keysym.sym;
    bool shift = (key->keysym.mod & KMOD_SHIFT) != 0;
    if (sym == SDLK_TAB) { /* field -> Send -> list -> field; Shift+Tab the other way */
        gui->focus = (gui->focus + (shift ? 2 : 1)) % 3;
        gui->app.dirty = true;
        return;
    }
    if (gui->focus == FOCUS_LIST) {
        if (sym == SDLK_MENU || sym == SDLK_APPLICATION || (shift && sym == SDLK_F10)) {
            int x, y; /* at the selected entry if it is in view, else the list's corner */
            sm_ui_loglist_menu_point(&gui->ui, &gui->sent, &x, &y);
            sm_ui_listmenu_open(&gui->list_menu, &gui->sent, x, y, false);
            gui->app.dirty = true;
            return;
        }
        gui->app.dirty |= sm_ui_loglist_handle(&gui->ui, &gui->sent, gui->list, event, true);
        return;
    }
    bool enter = sym == SDLK_RETURN || sym == SDLK_KP_ENTER;
    if ((enter && !shift && gui->focus == FOCUS_FIELD) ||
        ((enter || sym == SDLK_SPACE) && gui->focus == FOCUS_SEND)) {
        submit(gui); /* Shift+Enter is the field's: a line break */
        gui->app.dirty = true;
        return;
    }
    if (gui->focus == FOCUS_FIELD)
        field_result(gui, sm_ui_field_handle(&gui->ui, &gui->field_view, &gui->edit, event), event);
}

/*
 * An open context menu takes every key and click (it is modal, as menus are);
 * true when the event was its.
 */
static bool menu_event(sender_gui *gui, const SDL_Event *event)
{
    if (!gui->field_menu.open && !gui->list_menu.menu.open)
        return false;
    bool changed = false;
    if (gui->field_menu.open) {
        int choice = sm_ui_menu_handle(&gui->ui, &gui->field_menu, event, &changed);
        if (choice != SM_UI_MENU_NONE)
            field_result(gui, sm_ui_field_menu_choose(&gui->edit, choice), event);
    } else {
        int choice = sm_ui_listmenu_handle(&gui->ui, &gui->list_menu, event, &changed);
        if (choice != SM_UI_MENU_NONE)
            (void)sm_ui_listmenu_do(&gui->sent, choice); /* the sender's list has no filter */
    }
    gui->app.dirty = true;
    return event->type == SDL_KEYDOWN || event->type == SDL_TEXTINPUT ||
           event->type == SDL_TEXTEDITING || event->type == SDL_MOUSEBUTTONDOWN ||
           event->type == SDL_MOUSEBUTTONUP || event->type == SDL_MOUSEMOTION ||
           event->type == SDL_MOUSEWHEEL;
}

/* Opens the mapping (at start and on Retry); on failure the window explains why. */
static void open_mapping(sender_gui *gui)
{
    sm_error err;
    if (sm_channel_open_sized(gui->opts->name, gui->opts->view_bytes, &gui->channel, &err) !=
        SM_OK) {
        gui->channel = NULL;
        sm_ui_error_view_set(&gui->error, gui->opts, &err);
    } else {
        sm_channel_set_classic(gui->channel, gui->opts->classic);
        sm_channel_set_wake(gui->channel, gui->opts->wake);
        /* The window never blocks its event loop on the lock: a short bound, then "held". */
        sm_channel_set_lock_timeout(gui->channel, SM_UI_LOCK_TIMEOUT_MS);
        if (gui->opts->wake)
            start_waker(gui);
    }
    send_queue_init(&gui->queue, gui->channel, on_state, gui); /* empty: nothing was sendable */
}

static void make_help(sender_gui *gui);

/* Retry's opener (sm_ui_error_view_act): true once the mapping opened. */
static bool reopen_mapping(void *context)
{
    sender_gui *gui = context;
    open_mapping(gui);
    if (gui->channel == NULL)
        return false;
    sm_trace(SM_TRACE_STATE, "mapping open"); /* a Retry worked */
    make_help(gui);                           /* the mode may have changed (wake helper) */
    return true;
}

static void on_event(void *context, const SDL_Event *event)
{
    sender_gui *gui = context;
    if (gui->confirm_close && (event->type == SDL_KEYDOWN || event->type == SDL_MOUSEBUTTONDOWN ||
                               event->type == SDL_TEXTINPUT || event->type == SDL_TEXTEDITING)) {
        confirm_event(gui, event);
        return;
    }
    if (gui->channel == NULL) {
        gui->field_menu.open = gui->list_menu.menu.open = false; /* nothing to act on */
        sm_ui_error_action action = sm_ui_error_view_handle(&gui->ui, &gui->error, event);
        if (action != SM_UI_ERROR_NONE) {
            (void)sm_ui_error_view_act(&gui->error, gui->opts, action, reopen_mapping, gui);
            gui->app.dirty = true;
        }
        return;
    }
    if (gui->waker != NULL && event->type == sm_ui_waker_event(gui->waker)) {
        unsigned long before = gui->changes;
        pump(gui);
        /*
         * Re-arm only if the pump moved something; otherwise (e.g. the slot
         * was freed by someone else's take and ours is still queued behind a
         * full slot again) the timer pumps and re-arms, so no wake loop.
         */
        if (gui->changes != before)
            arm_waker(gui);
        return;
    }
    if (menu_event(gui, event))
        return;
    if (event->type == SDL_MOUSEMOTION) { /* Send lights up under the mouse */
        int x = event->motion.x, y = event->motion.y;
        sm_ui_mouse_to_px(&gui->ui, &x, &y);
        bool hover = sm_ui_hit(gui->button, x, y);
        gui->app.dirty |= hover != gui->send_hover;
        gui->send_hover = hover;
    }
    switch (event->type) {
    case SDL_TEXTINPUT:
        gui->composition[0] = '\0';
        if (gui->focus == FOCUS_FIELD) /* a Space that pressed Send is not text */
            field_result(gui, sm_ui_field_handle(&gui->ui, &gui->field_view, &gui->edit, event),
                         event);
        gui->app.dirty = true;
        break;
    case SDL_TEXTEDITING:
        snprintf(gui->composition, sizeof gui->composition, "%s", event->edit.text);
        gui->app.dirty = true;
        break;
    case SDL_TEXTEDITING_EXT: /* a composition longer than SDL_TEXTEDITINGEVENT_TEXT_SIZE */
        snprintf(gui->composition, sizeof gui->composition, "%s",
                 event->editExt.text != NULL ? event->editExt.text : "");
        SDL_free(event->editExt.text);
        gui->app.dirty = true;
        break;
    case SDL_KEYDOWN:
        if (event->key.keysym.sym == SDLK_PAGEUP || event->key.keysym.sym == SDLK_PAGEDOWN)
            gui->app.dirty |= sm_ui_loglist_handle(&gui->ui, &gui->sent, gui->list, event, true);
        else
            on_key(gui, event);
        break;
    case SDL_MOUSEWHEEL: /* the field's text when the pointer is over it, else the list */
        if (sm_ui_field_handle(&gui->ui, &gui->field_view, &gui->edit, event) == SM_UI_FIELD_MOVED)
            gui->app.dirty = true;
        else
            gui->app.dirty |= sm_ui_loglist_handle(&gui->ui, &gui->sent, gui->list, event, false);
        break;
    case SDL_MOUSEBUTTONDOWN: {
        int x = event->button.x, y = event->button.y;
        sm_ui_mouse_to_px(&gui->ui, &x, &y);
        if (event->button.button == SDL_BUTTON_LEFT && sm_ui_hit(gui->button, x, y) &&
            can_send(gui)) {
            submit(gui);
            gui->app.dirty = true;
        } else {
            sm_ui_field_result result =
                sm_ui_field_handle(&gui->ui, &gui->field_view, &gui->edit, event);
            if (result != SM_UI_FIELD_IGNORED)
                gui->focus = FOCUS_FIELD; /* first: the menu is drawn for the focused field */
            else if (sm_ui_hit(gui->list, x, y)) /* select, scrollbar, "new" marker */
                gui->focus = FOCUS_LIST;
            field_result(gui, result, event);
            if (result == SM_UI_FIELD_IGNORED)
                gui->app.dirty |=
                    sm_ui_loglist_handle(&gui->ui, &gui->sent, gui->list, event, false);
            if (result == SM_UI_FIELD_IGNORED && event->button.button == SDL_BUTTON_RIGHT &&
                sm_ui_hit(gui->list, x, y)) /* the entry under it is selected by now */
                sm_ui_listmenu_open(&gui->list_menu, &gui->sent, x, y, false);
            gui->app.dirty = true;
        }
        break;
    }
    case SDL_MOUSEMOTION: /* the field and the list follow drags */
    case SDL_MOUSEBUTTONUP:
        field_result(gui, sm_ui_field_handle(&gui->ui, &gui->field_view, &gui->edit, event), event);
        gui->app.dirty |= sm_ui_loglist_handle(&gui->ui, &gui->sent, gui->list, event, false);
        break;
    default: break;
    }
}

static Uint64 next_deadline(void *context)
{
    sender_gui *gui = context;
    /* Nothing undelivered: no timer at all, the window sleeps until input. */
    return send_queue_active(&gui->queue) ? gui->next_poll : 0;
}

static void on_tick(void *context)
{
    sender_gui *gui = context;
    check_replaced(gui);
    if (gui->channel == NULL)
        return;
    pump(gui);
    arm_waker(gui);
    unsigned period = gui->opts->interval_ms;
    gui->next_poll =
        SDL_GetTicks64() + (period < SENDER_GUI_MIN_POLL_MS ? SENDER_GUI_MIN_POLL_MS : period);
}

/*
 * Closing with messages undelivered asks first, like an editor with unsaved
 * work, in the window itself (a system dialog needs a helper program on some
 * desktops): Esc, Enter or "Keep waiting" keeps the window and the messages (the
 * safe choice is the default: Enter presses the focused button, which is "Keep
 * waiting" until Tab moves the focus); W or a click on "Withdraw and close" takes
 * them back (send_queue_withdraw_all) and closes.
 * --trace state follows it line by line.
 */
static bool may_close(void *context)
{
    sender_gui *gui = context;
    if (gui->channel == NULL || !send_queue_active(&gui->queue))
        return true;
    gui->field_menu.open = gui->list_menu.menu.open = false; /* the question is modal now */
    gui->confirm_close = true;
    gui->confirm_on_withdraw = false;
    gui->app.dirty = true;
    sm_trace(SM_TRACE_STATE, "confirm close: %zu undelivered", gui->queue.count);
    return false;
}

static void answer_close(sender_gui *gui, bool withdraw)
{
    gui->confirm_close = false;
    gui->app.dirty = true;
    if (!withdraw) {
        sm_trace(SM_TRACE_STATE, "kept open");
        return;
    }
    size_t withdrawn = 0, delivered = 0;
    sm_error err;
    if (send_queue_withdraw_all(&gui->queue, &withdrawn, &delivered, &err) != SM_OK) {
        snprintf(gui->reason, sizeof gui->reason, "Not closed: %s", err.message);
        return;
    }
    sm_trace(SM_TRACE_STATE, "withdrew %zu, delivered meanwhile %zu", withdrawn, delivered);
    gui->app.done = true;
}

/* While the question is shown it is the only thing that takes input. */
static void confirm_event(sender_gui *gui, const SDL_Event *event)
{
    if (event->type == SDL_KEYDOWN) {
        SDL_Keycode key = event->key.keysym.sym;
        if (key == SDLK_ESCAPE)
            answer_close(gui, false);
        else if (key == SDLK_w && (event->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) == 0)
            answer_close(gui, true); /* the destructive choice has its own key */
        else if (key == SDLK_RETURN || key == SDLK_KP_ENTER || key == SDLK_SPACE)
            answer_close(gui, gui->confirm_on_withdraw);
        else if (key == SDLK_TAB || key == SDLK_LEFT || key == SDLK_RIGHT) {
            gui->confirm_on_withdraw = !gui->confirm_on_withdraw;
            gui->app.dirty = true;
        }
    } else if (event->type == SDL_MOUSEBUTTONDOWN && event->button.button == SDL_BUTTON_LEFT) {
        int x = event->button.x, y = event->button.y;
        sm_ui_mouse_to_px(&gui->ui, &x, &y);
        if (sm_ui_hit(gui->keep_button, x, y))
            answer_close(gui, false);
        else if (sm_ui_hit(gui->withdraw_button, x, y))
            answer_close(gui, true);
    }
}

static void draw_confirm(sender_gui *gui, SDL_Rect area)
{
    sm_ui_window *ui = &gui->ui;
    size_t queued = send_queue_waiting(&gui->queue), in_slot = gui->queue.count - queued;
    char title[120], body[400];
    snprintf(title, sizeof title, "Close with %zu message(s) not delivered?", gui->queue.count);
    snprintf(body, sizeof body,
             "%zu in the slot waiting for a receiver, %zu queued behind it.\n\n"
             "Keep waiting (Enter or Esc): the window stays open until a receiver takes them.\n"
             "Withdraw and close (W): they are taken back and never delivered.",
             in_slot, queued);
    int button_h = ui->body.height + 2 * sm_ui_px(ui, 8), gap = sm_ui_px(ui, 8);
    int ring = sm_ui_px(ui, 3); /* room for the focus ring inside the area */
    SDL_Rect panel = {area.x, area.y, area.w, area.h - button_h - gap - ring};
    sm_ui_widget_begin(ui->renderer, "close prompt", area);
    sm_ui_fill(ui, area, ui->theme->background);
    sm_ui_error_panel_draw(ui, panel, title, body);
    int w = sm_ui_px(ui, 150);
    int withdraw_w = sm_ui_text_width(&ui->body, "Withdraw and close (W)", 22) + sm_ui_px(ui, 32);
    gui->withdraw_button = (SDL_Rect){area.x + area.w - withdraw_w - ring,
                                      area.y + area.h - button_h - ring, withdraw_w, button_h};
    gui->keep_button =
        (SDL_Rect){gui->withdraw_button.x - 2 * gap - w, gui->withdraw_button.y, w, button_h};
    sm_ui_button_draw_states(ui, gui->keep_button, "Keep waiting", true, false,
                             !gui->confirm_on_withdraw);
    /* Destructive: outlined in the error colour, never the filled default look. */
    sm_ui_danger_button_draw(ui, gui->withdraw_button, "Withdraw and close (W)",
                             gui->confirm_on_withdraw);
    sm_ui_widget_end(ui->renderer);
}

/* The counter's words; its width is where the reason starts. */
static void counter_text(const sender_gui *gui, char *out, size_t out_size)
{
    /* Says what it counts: UTF-16 units, the view's unit (an emoji is 2, a family of three 8). */
    snprintf(out, out_size, "%zu of %zu UTF-16 units", gui->units, max_units(gui));
}

/* The reason's rectangle right of the counter, as tall as its wrapped lines need. */
static SDL_Rect reason_rect(sender_gui *gui, int x, int y, int width)
{
    char counter[64];
    counter_text(gui, counter, sizeof counter);
    int gap = sm_ui_text_width(&gui->ui.small, counter, strlen(counter)) + sm_ui_px(&gui->ui, 12);
    size_t lines = 1;
    if (gui->reason[0] != '\0' && width - gap > 0) {
        size_t *starts =
            sm_ui_text_wrap(&gui->ui.small, gui->reason, strlen(gui->reason), width - gap, &lines);
        free(starts);
    }
    return (SDL_Rect){x + gap, y, width - gap, (int)(lines > 0 ? lines : 1) * gui->ui.small.height};
}

static void draw_counter(sender_gui *gui, int x, int y)
{
    const sm_ui_theme *theme = gui->ui.theme;
    char counter[64];
    counter_text(gui, counter, sizeof counter);
    /* Warning colour from 90 % of the limit, error colour beyond it. */
    SDL_Color color = gui->units > max_units(gui)             ? theme->error
                      : gui->units >= max_units(gui) * 9 / 10 ? theme->warning
                                                              : theme->dim;
    sm_ui_text_draw(gui->ui.renderer, &gui->ui.small, counter, strlen(counter), x, y, color);
    if (gui->reason[0] != '\0') /* wrapped, never cut: it says why the text was not sent */
        sm_ui_paragraph_draw_small(&gui->ui, reason_rect(gui, x, y, gui->counter.w), gui->reason,
                                   theme->error);
}

static void on_draw(void *context)
{
    sender_gui *gui = context;
    sm_ui_window *ui = &gui->ui;
    const sm_ui_theme *theme = ui->theme;
    int pad = sm_ui_px(ui, theme->pad), gap = sm_ui_px(ui, 6);
    int status_h = sm_ui_status_height(ui);
    char status[300], right[100];
    sm_ui_status_origin(status, sizeof status, gui->opts->name, gui->channel);
    /* The mode, so nobody wonders why "delivered" shows at once or on the timer's beat. */
    snprintf(right, sizeof right, "%squeue: %zu waiting \xC2\xB7 %s",
             gui->held ? SM_UI_HELD_TEXT " \xC2\xB7 " : "", send_queue_waiting(&gui->queue),
             gui->opts->classic   ? "classic"
             : gui->waker != NULL ? "wake"
                                  : "poll");
    gui->status_cut = sm_ui_status_draw(ui, status, right);

    SDL_Rect main_area = {pad, pad, ui->width - 2 * pad, ui->height - status_h - 2 * pad};
    if (gui->channel == NULL) {
        sm_ui_error_view_draw(ui, &gui->error, main_area);
        return;
    }
    int y = pad;
    const char *banner = sm_ui_classic_banner(gui->opts->classic);
    sm_ui_label_draw(ui, (SDL_Rect){pad, y, main_area.w, ui->small.height},
                     banner != NULL ? banner
                                    : "Message (Enter sends, Shift+Enter starts a new line)",
                     banner != NULL ? theme->error : theme->dim);
    y += ui->small.height + gap / 2;
    int button_w = sm_ui_px(ui, 90);
    int field_h = 3 * ui->body.height + 2 * sm_ui_px(ui, 6);
    gui->field = (SDL_Rect){pad, y, main_area.w - button_w - gap, field_h};
    gui->button = (SDL_Rect){gui->field.x + gui->field.w + gap, y, button_w,
                             ui->body.height + 2 * sm_ui_px(ui, 8)};
    sm_ui_field_draw(ui, gui->field, &gui->edit, gui->composition, gui->focus == FOCUS_FIELD,
                     &gui->field_view);
    sm_ui_button_draw_states(ui, gui->button, "Send", can_send(gui), gui->send_hover,
                             gui->focus == FOCUS_SEND);
    y += field_h + gap / 2;
    gui->counter = (SDL_Rect){pad, y, main_area.w, reason_rect(gui, pad, y, main_area.w).h};
    sm_ui_widget_begin(ui->renderer, "counter", gui->counter);
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, gui->counter);
    draw_counter(gui, pad, y);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
    y += gui->counter.h + gap;
    char heading[80];
    snprintf(heading, sizeof heading, "Sent messages (%zu waiting their turn)",
             send_queue_waiting(&gui->queue));
    sm_ui_label_draw(ui, (SDL_Rect){pad, y, main_area.w, ui->small.height}, heading, theme->dim);
    y += ui->small.height + gap / 2;
    /* Never negative: below the minimum size (no window manager enforcing it) the list
       shrinks to nothing rather than overlap the status line. */
    int list_h = ui->height - status_h - pad - y;
    gui->list = (SDL_Rect){pad, y, main_area.w, list_h > 0 ? list_h : 0};
    sm_ui_loglist_draw(ui, &gui->sent, gui->list);
    if (gui->focus == FOCUS_LIST) /* the list has the keyboard (PageUp/PageDown): say so */
        sm_ui_frame(ui, gui->list, theme->accent, sm_ui_px(ui, 2));
    sm_ui_menu_draw(ui, &gui->field_menu); /* over everything else */
    sm_ui_menu_draw(ui, &gui->list_menu.menu);
    if (gui->confirm_close)
        draw_confirm(gui, main_area);
}

/* --trace layout: where everything went (window coordinates) and the counter, when changed. */
static void on_presented(void *context)
{
    sender_gui *gui = context;
    /* --trace state: where an open menu is drawn, for a test's clicks. */
    sm_ui_menu_trace_place(&gui->ui, &gui->field_menu);
    sm_ui_menu_trace_place(&gui->ui, &gui->list_menu.menu);
    if (!sm_trace_on(SM_TRACE_LAYOUT))
        return;
    float s = gui->ui.scale > 0 ? gui->ui.scale : 1.0f;
    const SDL_Rect *rects[] = {&gui->field, &gui->button, &gui->counter, &gui->list};
    char line[sizeof gui->traced];
    int used = snprintf(line, sizeof line, "rects window=%d,%d status=%d",
                        (int)((float)gui->ui.width / s), (int)((float)gui->ui.height / s),
                        (int)((float)(gui->ui.height - sm_ui_status_height(&gui->ui)) / s));
    const char *names[] = {"field", "button", "counter", "list"};
    for (size_t i = 0; i < 4 && used > 0 && (size_t)used < sizeof line; i++)
        used += snprintf(line + used, sizeof line - (size_t)used, " %s=%d,%d,%d,%d", names[i],
                         (int)((float)rects[i]->x / s), (int)((float)rects[i]->y / s),
                         (int)((float)rects[i]->w / s), (int)((float)rects[i]->h / s));
    if (used > 0 && (size_t)used < sizeof line)
        snprintf(line + used, sizeof line - (size_t)used,
                 " status_cut=%d units=%zu log_wrapped=%zu", gui->status_cut, gui->units,
                 gui->sent.headers_wrapped);
    if (strcmp(line, gui->traced) != 0) {
        sm_trace(SM_TRACE_LAYOUT, "%s", line);
        snprintf(gui->traced, sizeof gui->traced, "%s", line);
    }
}

/* The F1 overlay: what this window does, in the exact terms, and every shortcut. */
static void make_help(sender_gui *gui)
{
    char mode[160];
    if (gui->opts->classic)
        snprintf(mode, sizeof mode,
                 "classic (the old samples' protocol: no lock, no delivery "
                 "report; for teaching)");
    else if (gui->waker != NULL)
        snprintf(mode, sizeof mode, "wake (told at once when the receiver took a message)");
    else
        snprintf(mode, sizeof mode, "poll (checks for delivery every %u ms)",
                 gui->opts->interval_ms < SENDER_GUI_MIN_POLL_MS ? SENDER_GUI_MIN_POLL_MS
                                                                 : gui->opts->interval_ms);
    snprintf(
        gui->help, sizeof gui->help,
        "This window writes your messages into the shared memory named \xE2\x80\x9C%s\xE2\x80\x9D, "
        "where a SampleMap receiver (or a classic sample) reads them. Mode: %s.\n"
        "The shared memory holds one message at a time: the slot, a %zu-byte view with "
        "one UTF-16 string of at most %zu UTF-16 code units (the counter under the field; "
        "most characters are one unit, emoji two). While a message waits in the slot, "
        "yours queue here and go out in order as soon as a receiver takes it. #N counts "
        "the messages this window sent; a receiver numbers what it received, so the "
        "numbers agree only for one sender and one receiver started together.\n\n"
        "Enter: send \xC2\xB7 Shift+Enter: new line \xC2\xB7 Esc: clear the field\n"
        "Ctrl+A, C, X, V: select all, copy, cut, paste \xC2\xB7 Ctrl+Z, Ctrl+Y: undo, redo\n"
        "Right click, Menu or Shift+F10: the field's or the list's menu \xC2\xB7 "
        "middle click: paste the selection (X11)\n"
        "Shift+arrows or a drag: select \xC2\xB7 Ctrl+arrows: by word \xC2\xB7 "
        "Ctrl+Backspace, Ctrl+Delete: a word\n"
        "Tab, Shift+Tab: next, previous control \xC2\xB7 Space or Enter: the focused button\n"
        "PageUp, PageDown: scroll the list \xC2\xB7 Ctrl+plus, Ctrl+minus, Ctrl+0 or "
        "Ctrl+wheel: text zoom\n"
        "Ctrl+Q or Ctrl+W: close \xC2\xB7 F1: this help (Esc closes it)",
        gui->opts->name, mode, gui->opts->view_bytes, max_units(gui));
}

int sender_gui_run(const sm_app_options *opts)
{
    static sender_gui gui; /* large (the edit buffer); one window per process */
    memset(&gui, 0, sizeof gui);
    gui.opts = opts;
    if (!sm_ui_app_window_open(&gui.ui, "sender", opts))
        return SM_EXIT_FAILURE;
    open_mapping(&gui);
    sm_ui_loglist_init(&gui.sent, "Nothing sent yet. Type a message above and press Enter.");
    recount(&gui);
    make_help(&gui);
    gui.app = (sm_ui_app){.ui = &gui.ui,
                          .context = &gui,
                          .event = on_event,
                          .deadline = next_deadline,
                          .tick = on_tick,
                          .draw = on_draw,
                          .may_close = may_close,
                          .presented = on_presented,
                          .help_title = "SampleMap sender \xE2\x80\x94 help",
                          .help_body = gui.help};
    if (opts->step)
        sm_ui_step_install(&gui.app); /* --step: a Step bar at each protocol point */
    sm_ui_app_run(&gui.app);
    stop_waker(&gui); /* before the channel it waits on is closed */

    int code = gui.channel != NULL ? SM_EXIT_OK : SM_EXIT_FAILURE;
    /* A message already in the slot stays there for a later receiver; queued ones end here. */
    size_t waiting = send_queue_waiting(&gui.queue);
    if (send_queue_active(&gui.queue))
        fprintf(stderr,
                "%s: closed with %zu message(s) in the slot for a later receiver and "
                "%zu queued message(s) dropped\n",
                opts->program, gui.queue.count - waiting, waiting);
    sm_ui_loglist_free(&gui.sent);
    sm_ui_edit_free(&gui.edit);
    sm_ui_error_view_free(&gui.error);
    send_queue_free(&gui.queue);
    sm_channel_close(gui.channel);
    sm_ui_window_close(&gui.ui);
    return code;
}
