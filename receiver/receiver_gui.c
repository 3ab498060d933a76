/*
 * receiver_gui.c - the receiver window: poll on a timer, log, scroll.
 *
 * With --wake a helper thread sleeps in sm_channel_wait_message and posts an
 * SDL user event when a writer signals, so the window takes the message at
 * once instead of at its next poll; the timer poll stays as the fallback that
 * still finds a classic writer's message (it never signals).
 */
#include "receiver_gui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "advice.h"
#include "byteview.h"
#include "os_process.h"
#include "platform.h"
#include "receiver_core.h"
#include "receiver_dbwin.h"
#include "trace.h"
#include "ui_app.h"
#include "ui_byteview.h"
#include "ui_clock.h"
#include "ui_controls.h"
#include "ui_drawcheck.h"
#include "ui_errorview.h"
#include "ui_listmenu.h"
#include "ui_loglist.h"
#include "ui_promptbar.h"
#include "ui_step.h"
#include "ui_text.h"
#include "ui_texts.h"
#include "ui_waker.h"
#include "ui_widgets.h"

/*
 * The helper thread's wait is bounded so it sees the stop flag soon after the
 * window closes (closing waits at most this long), and at least this long so a
 * tiny --interval does not turn the idle thread into a spinner.
 */
#define RECEIVER_WAKE_WAIT_MAX_MS 200u
#define RECEIVER_WAKE_WAIT_MIN_MS 20u
/* The save prompt's default: a file in the current directory. */
#define RECEIVER_SAVE_DEFAULT "samplemap-log.txt"

/* What the prompt bar is asking for (one bar at a time). */
typedef enum receiver_prompt {
    RECEIVER_PROMPT_FIND,
    RECEIVER_PROMPT_FILTER,
    RECEIVER_PROMPT_SAVE,
} receiver_prompt;

/* Poll mode: the next poll after one that took a message (see on_tick). */
#define RECEIVER_BURST_POLL_MS 1u
/* Poll mode: after a take, look again this often, this long, for a refill (see take_waiting). */
#define RECEIVER_REFILL_NAP_US 200u
#define RECEIVER_REFILL_WAIT_US 2000u

typedef struct receiver_gui {
    const sm_app_options *opts;
    sm_ui_window ui;
    sm_ui_app app;
    receiver_core core;         /* channel + log file, shared with the headless face */
    bool open;                  /* core is open */
    sm_ui_error_view error;     /* why it is not, with Retry */
    char poll_error[400];       /* the last failed poll, shown until one succeeds */
    bool held;                  /* the last poll found the lock held by another process */
    char notice[480];           /* the mapping was replaced and reopened (shown until a message) */
    Uint64 next_identity_check; /* SDL_GetTicks64 time to look whether the name was replaced */
    sm_ui_loglist log;          /* messages received */
    Uint64 next_poll;           /* SDL_GetTicks64 time of the next poll */
    Uint64 busy_until;          /* poll mode: poll fast until then (see on_tick) */
    SDL_Rect list;              /* layout of the last frame */
    SDL_Rect clear;             /* the Clear button, in the last frame */
    bool clear_focus;           /* Tab moved the keyboard focus from the list to Clear */
    bool clear_hover;           /* the mouse is over Clear */
    SDL_Rect pause;             /* the Pause/Resume button, in the last frame */
    bool pause_focus;           /* Tab moved the keyboard focus to Pause */
    bool pause_hover;           /* the mouse is over Pause */
    /* The log viewer: find, filter, save (one prompt bar), pause, the context menu. */
    sm_ui_promptbar prompt;
    receiver_prompt prompt_kind;
    char filter_line[256];    /* the filter bar's text, as typed */
    char saved[480];          /* the last save's result, shown in the heading */
    bool paused;              /* messages are taken and kept in kept, not shown */
    sm_ui_loglist kept;       /* taken while paused; moved to log on resume */
    unsigned long held_count; /* messages taken while paused */
    /* The log's context menu (ui_listmenu.h). */
    sm_ui_listmenu menu;
    char viewer_traced[200]; /* the last "viewer ..." trace line */
    char help[3200];         /* the F1 overlay's text */
    sm_ui_waker *waker;      /* --wake: the helper thread; NULL = timer polls only */
    /* --trace frames: "frame <seq> <CLOCK_MONOTONIC ns>" per message shown, and
       "resized <w> <h> <ns>" per new size. */
    unsigned long traced;            /* the last sequence number traced */
    int traced_width, traced_height; /* the window size last traced ("resized w h ns") */
    /* --trace layout: "layout <seq> missing=<n> <runs>" per line of each message shown. */
    size_t layout_traced;   /* log entries traced */
    char view_traced[2048]; /* the last "view" line printed */
    /* F2: the view's bytes (sm_channel_inspect, never locked or cleared) instead of the list. */
    bool bytes_shown;
    int bytes_scroll;            /* first row shown */
    int bytes_rows_fit;          /* rows the last frame had room for */
    sm_channel_snapshot *looks;  /* three: the look shown, the one before it, the next one */
    int now, before;             /* indices into looks; -1 = none */
    unsigned long bytes_changes; /* looks that differed from the one before */
    /* --dbwin: the debug-output monitor instead of the channel (core.channel stays NULL). */
    sm_dbwin_monitor *dbwin;
    FILE *dbwin_log; /* --log */
} receiver_gui;

/* Takes a look at the bytes; keeps it (and marks what changed) only if something changed. */
static void look_at_bytes(receiver_gui *gui)
{
    sm_error err;
    if (!gui->bytes_shown || !gui->open || gui->looks == NULL || gui->dbwin != NULL)
        return;
    int spare = 0;
    while (spare == gui->now || spare == gui->before)
        spare++;
    if (sm_channel_inspect(gui->core.channel, &gui->looks[spare], &err) != SM_OK)
        return; /* a damaged channel: the next poll reports it */
    if (gui->now >= 0 && !sm_byteview_differs(&gui->looks[spare], &gui->looks[gui->now]))
        return;
    /*
     * The "changed" highlight compares with the last look whose bytes differed: a look in
     * which only the control line moved (the lock, a counter) keeps it, so a changed unit
     * stays marked until the bytes change again - also across the stops of --step.
     */
    const sm_channel_snapshot *shown = gui->now >= 0 ? &gui->looks[gui->now] : NULL;
    bool bytes_moved = shown == NULL || shown->view_bytes != gui->looks[spare].view_bytes ||
                       memcmp(shown->bytes, gui->looks[spare].bytes, shown->view_bytes) != 0;
    if (bytes_moved)
        gui->before = gui->now;
    gui->now = spare;
    gui->bytes_changes++;
    gui->app.dirty = true;
    /* --trace state: which look is on screen, unit 0, the terminator, how many units are marked. */
    const sm_channel_snapshot *now = &gui->looks[gui->now];
    const sm_channel_snapshot *base = gui->before >= 0 ? &gui->looks[gui->before] : NULL;
    size_t marked = 0;
    for (size_t i = 0; base != NULL && base->view_bytes == now->view_bytes && i < now->view_bytes;
         i += 2)
        marked += memcmp(now->bytes + i, base->bytes + i, 2) != 0;
    sm_trace(SM_TRACE_STATE, "bytes look %lu unit0=%02x%02x terminator=%zu changed=%zu",
             gui->bytes_changes, now->bytes[1], now->bytes[0], sm_byteview_terminator(now), marked);
}

/* At a --step point: the slot may change under the stopped window (ui_step.h). */
static void on_stopped(void *context)
{
    look_at_bytes(context);
}

/*
 * The list a new entry goes into: the one shown, or while paused the one kept aside
 * (sm_ui_loglist_take_all moves it over on resume). Entries that carry a process get it
 * with sm_ui_loglist_set_origin on this same list.
 */
static sm_ui_loglist *incoming_list(receiver_gui *gui)
{
    return gui->paused ? &gui->kept : &gui->log;
}

static void show_message(receiver_gui *gui, const received_message *message)
{
    char when[32], header[160];
    time_t when_shown = sm_ui_clock_shown(message->when);
    struct tm *local = localtime(&when_shown);
    if (local == NULL || strftime(when, sizeof when, "%H:%M:%S", local) == 0)
        snprintf(when, sizeof when, "--:--:--");
    const char *warning = receiver_core_warning(message);
    gui->notice[0] = '\0'; /* a message came: the reopening was seen to work */
    snprintf(header, sizeof header, "#%lu  %s%s", message->sequence, when,
             warning != NULL ? "  ill-formed" : "");
    const sm_ui_theme *theme = gui->ui.theme;
    char blank[80]; /* a message of spaces would look like an empty entry: say what it is */
    const char *note = warning != NULL ? warning
                       : sm_ui_blank_note(message->text, message->length, blank, sizeof blank)
                           ? blank
                           : NULL;
    /* Paused: taken all the same (senders never wait for the reader), kept aside and counted. */
    gui->held_count += gui->paused;
    sm_ui_loglist_add(incoming_list(gui), message->sequence, header,
                      warning != NULL ? theme->warning : theme->dim, message->text, message->length,
                      note);
    sm_ui_app_unread(&gui->app, 1); /* counted in the title while the window is not in use */
}

/* Takes one message if there is one and shows it (or the error); returns the status. */
static sm_status poll_once(receiver_gui *gui)
{
    received_message message; /* its text and units are in the core's buffers */
    sm_error err;
    sm_status status = receiver_core_poll(&gui->core, &message, &err);
    if ((status == SM_ERR_HELD) != gui->held) {
        gui->app.dirty = true;
        /* A trace line, so scripts can follow the status line. */
        sm_trace(SM_TRACE_STATE, "%s", status == SM_ERR_HELD ? "channel held" : "channel free");
    }
    gui->held = status == SM_ERR_HELD;
    if (status == SM_OK) {
        show_message(gui, &message);
        gui->poll_error[0] = '\0';
        gui->app.dirty = true;
    } else if (status != SM_EMPTY) {
        sm_app_advise(&err, gui->opts->name);
        snprintf(gui->poll_error, sizeof gui->poll_error, "%s: %s",
                 status == SM_ERR_HELD            ? "Waiting"
                 : status == SM_ERR_TEXT_TOO_LONG ? "Not taken"
                                                  : "Receiving failed",
                 err.message);
        gui->app.dirty = true;
    } else if (gui->poll_error[0] != '\0') {
        gui->poll_error[0] = '\0';
        gui->app.dirty = true;
    }
    return status;
}

/*
 * Takes every message that is waiting before the window draws again: the slot
 * holds one, but queued senders refill it soon after each take: within
 * microseconds in wake mode; in poll mode at their next poll, so after a take
 * it naps RECEIVER_REFILL_NAP_US and looks again, for at most
 * RECEIVER_REFILL_WAIT_US since the last take (sleeps, so next to no CPU;
 * the SDL timer's 1 ms is the finest poll otherwise). Not in classic mode,
 * where the slow poll is the lesson. Bounded by a frame's time so input and
 * drawing still get their turn; returns SM_OK when that bound ended it (more
 * may be waiting), else the last poll's status (SM_EMPTY: all taken).
 */
static sm_status take_waiting(receiver_gui *gui)
{
    Uint64 until = SDL_GetTicks64() + SM_UI_FRAME_MS;
    bool naps = gui->waker == NULL && !gui->opts->classic;
    bool took = false;
    unsigned napped_us = 0;
    sm_status status;
    for (;;) {
        status = poll_once(gui);
        if (status == SM_OK) {
            took = true;
            napped_us = 0;
        } else if (status == SM_EMPTY && naps && took && napped_us < RECEIVER_REFILL_WAIT_US) {
            sm_sleep_us(RECEIVER_REFILL_NAP_US);
            napped_us += RECEIVER_REFILL_NAP_US;
        } else {
            return status;
        }
        if (SDL_GetTicks64() >= until)
            return status;
    }
}

static void start_waker(receiver_gui *gui);
static void stop_waker(receiver_gui *gui);

/*
 * Once a second: is the name still ours? Another program may have removed the
 * object (--unlink, "Remove and retry") and made a new one; senders that start
 * now reach that one, so the window moves to it and says so, instead of
 * waiting on an object nobody can reach any more.
 */
static void check_replaced(receiver_gui *gui, Uint64 now)
{
    if (now < gui->next_identity_check)
        return;
    gui->next_identity_check = now + 1000;
    if (!sm_channel_replaced(gui->core.channel))
        return;
    sm_channel *fresh = NULL;
    sm_error err;
    if (sm_channel_open_sized(gui->opts->name, gui->opts->view_bytes, &fresh, &err) != SM_OK) {
        snprintf(gui->notice, sizeof gui->notice,
                 "The mapping was removed by another program "
                 "and cannot be made again: %s",
                 err.message);
        return;
    }
    stop_waker(gui); /* it waits on the old channel */
    sm_channel_close(gui->core.channel);
    gui->core.channel = fresh;
    sm_channel_set_classic(fresh, gui->opts->classic);
    sm_channel_set_wake(fresh, gui->opts->wake);
    sm_channel_set_lock_timeout(fresh, SM_UI_LOCK_TIMEOUT_MS);
    if (gui->opts->wake)
        start_waker(gui);
    snprintf(gui->notice, sizeof gui->notice,
             "Mapping replaced by another program: now reading the new one");
    sm_trace(SM_TRACE_STATE, "mapping replaced: reopened");
    gui->app.dirty = true;
}

/*
 * --dbwin: takes what writers wrote, for at most a frame's time. After each
 * message the next writer gets a moment (RECEIVER_REFILL_WAIT_US) to write, so
 * a burst is taken in one go; each wait is the library's, bounded.
 */
static void dbwin_tick(receiver_gui *gui)
{
    static sm_dbwin_entry raw;
    static receiver_dbwin_entry entry;
    static char line[RECEIVER_LINE_BYTES(sizeof entry.text) + 128];
    Uint64 until = SDL_GetTicks64() + SM_UI_FRAME_MS;
    unsigned wait_ms = 0;
    sm_error err;
    sm_status status;
    while ((status = sm_dbwin_monitor_next(gui->dbwin, wait_ms, &raw, &err)) == SM_OK) {
        receiver_dbwin_describe(&raw, &entry);
        unsigned long number = ++gui->core.received;
        char header[200], when[16];
        snprintf(when, sizeof when, "%.8s", entry.time + 11); /* HH:MM:SS of the --log time */
        /* A test build's frozen clock (ui_clock.h) replaces the time shown, not the --log one. */
        time_t now = time(NULL), shown = sm_ui_clock_shown(now);
        struct tm *local = shown != now ? localtime(&shown) : NULL;
        if (local != NULL)
            (void)strftime(when, sizeof when, "%H:%M:%S", local);
        snprintf(header, sizeof header, "#%lu  %s%s", number, when,
                 entry.ill_formed ? "  ill-formed" : "");
        /* Paused: taken all the same (a writer never waits for the reader), kept aside. */
        gui->held_count += gui->paused;
        sm_ui_loglist *list = incoming_list(gui);
        sm_ui_loglist_add(list, number, header,
                          entry.ill_formed ? gui->ui.theme->warning : gui->ui.theme->dim,
                          entry.text, entry.length,
                          entry.ill_formed ? "bytes that are not text are shown as U+FFFD" : NULL);
        /* The pid and process go to the list's process column (and its process filter). */
        (void)sm_ui_loglist_set_origin(list, number, entry.pid, entry.process, entry.time);
        /* Each debug line is what this window receives, so each counts as unread. */
        sm_ui_app_unread(&gui->app, 1);
        if (gui->dbwin_log != NULL) {
            receiver_dbwin_line(&entry, line, sizeof line);
            if (fputs(line, gui->dbwin_log) < 0 || fflush(gui->dbwin_log) != 0)
                snprintf(gui->poll_error, sizeof gui->poll_error,
                         "Writing the --log file failed: entries from #%lu are not in it", number);
        }
        gui->app.dirty = true;
        wait_ms = 2;
        if (SDL_GetTicks64() >= until)
            break;
    }
    if (status != SM_OK && status != SM_ERR_TIMEOUT) {
        snprintf(gui->poll_error, sizeof gui->poll_error, "Receiving failed: %s", err.message);
        gui->app.dirty = true;
    }
    /* While messages flow, look again at once; else at --interval's pace. */
    Uint64 now = SDL_GetTicks64();
    gui->next_poll = now + (wait_ms != 0 ? RECEIVER_BURST_POLL_MS : gui->opts->interval_ms);
}

static void on_tick(void *context)
{
    receiver_gui *gui = context;
    if (gui->dbwin != NULL) {
        dbwin_tick(gui);
        return;
    }
    check_replaced(gui, SDL_GetTicks64());
    unsigned long before = gui->core.received;
    sm_status status = take_waiting(gui);
    if (status == SM_OK || status == SM_EMPTY)
        sm_ui_waker_arm(gui->waker); /* a failed poll had left it waiting for a go-ahead */
    look_at_bytes(gui);
    Uint64 now = SDL_GetTicks64();
    /*
     * Poll mode while messages flow: for one interval after a take, look
     * every RECEIVER_BURST_POLL_MS, as a sender with more queued refills the
     * slot at once; the interval's cadence resumes when none came for that
     * long. Not in classic mode, where the slow poll is the lesson (messages
     * overwritten before they are read).
     */
    if (gui->core.received != before)
        gui->busy_until = now + gui->opts->interval_ms;
    if (now < gui->busy_until && gui->waker == NULL && !gui->opts->classic) {
        gui->next_poll = now + RECEIVER_BURST_POLL_MS;
        return;
    }
    /* Keep the cadence: the next poll is one interval after this one was due. */
    gui->next_poll += gui->opts->interval_ms;
    if (gui->next_poll <= now)
        gui->next_poll = now + gui->opts->interval_ms;
}

static Uint64 next_deadline(void *context)
{
    receiver_gui *gui = context;
    return gui->open ? gui->next_poll : 0;
}

/* --wake: the shared helper thread (ui_waker.h) asks for a poll when a message is there. */
static void start_waker(receiver_gui *gui)
{
    unsigned wait_ms = gui->opts->interval_ms;
    if (wait_ms > RECEIVER_WAKE_WAIT_MAX_MS)
        wait_ms = RECEIVER_WAKE_WAIT_MAX_MS;
    if (wait_ms < RECEIVER_WAKE_WAIT_MIN_MS)
        wait_ms = RECEIVER_WAKE_WAIT_MIN_MS;
    char error[200];
    gui->waker = sm_ui_waker_start(gui->core.channel, SM_UI_WAKE_ON_MESSAGE, wait_ms, true, error,
                                   sizeof error);
    if (gui->waker == NULL) /* not fatal: the timer poll still receives everything, only later */
        fprintf(stderr, "%s: --wake: no helper thread (%s); polling every %u ms instead\n",
                gui->opts->program, error, gui->opts->interval_ms);
}

static void stop_waker(receiver_gui *gui)
{
    sm_ui_waker_stop(gui->waker);
    gui->waker = NULL;
}

/* Opens the mapping (at start and on Retry); on failure the window explains why. */
static bool open_mapping(void *context)
{
    receiver_gui *gui = context;
    sm_error err;
    if (gui->opts->dbwin) {
        /* Another monitor owning the buffer is shown with Retry, never taken over. */
        gui->open = sm_dbwin_monitor_open(gui->opts->dbwin_name, gui->opts->global, &gui->dbwin,
                                          &err) == SM_OK;
        if (gui->open && gui->opts->log_path != NULL && gui->dbwin_log == NULL) {
            gui->dbwin_log = sm_platform_fopen(gui->opts->log_path, "ab");
            if (gui->dbwin_log == NULL) {
                (void)sm_error_set(&err, SM_ERR_SYSTEM, "cannot open --log file '%s'",
                                   gui->opts->log_path);
                sm_dbwin_monitor_close(gui->dbwin);
                gui->dbwin = NULL;
                gui->open = false;
            }
        }
        if (!gui->open) {
            if (err.code == SM_ERR_WRONG_SIZE) /* "Remove" would remove a SampleMap name */
                err.code = SM_ERR_SYSTEM;
            sm_ui_error_view_set(&gui->error, gui->opts, &err);
            return false;
        }
        sm_trace(SM_TRACE_STATE, "debug-output monitor open");
        gui->next_poll = SDL_GetTicks64();
        return true;
    }
    gui->open = receiver_core_open(&gui->core, gui->opts, 0, &err) == SM_OK;
    if (!gui->open) {
        sm_ui_error_view_set(&gui->error, gui->opts, &err);
        return false;
    }
    sm_trace(SM_TRACE_STATE, "mapping open"); /* a Retry worked */
    /* The window never blocks its event loop on the lock: a short bound, then "held". */
    sm_channel_set_lock_timeout(gui->core.channel, SM_UI_LOCK_TIMEOUT_MS);
    if (gui->opts->wake)
        start_waker(gui);
    gui->next_poll = SDL_GetTicks64(); /* the first poll at once */
    return true;
}

/* Pause and resume: while paused messages are taken as ever, kept in kept and counted. */
static void set_paused(receiver_gui *gui, bool paused)
{
    if (paused == gui->paused)
        return;
    gui->paused = paused;
    if (!paused) {
        sm_trace(SM_TRACE_STATE, "resumed: %lu new while paused", gui->held_count);
        sm_ui_loglist_take_all(&gui->log, &gui->kept); /* oldest first, after what was shown */
        gui->held_count = 0;
    } else {
        sm_trace(SM_TRACE_STATE, "paused");
    }
    gui->app.dirty = true;
}

/*
 * Ctrl+S: writes the shown entries (the filter's hidden ones are not) to path in the
 * --log format, one escaped line each (receiver_core_escape: the same code as --log; a
 * debug-output entry as receiver_dbwin_line writes it for --log, time and process included).
 * The result, or why it failed, is one line: in the heading, or in the prompt to retry.
 */
static bool save_failed(receiver_gui *gui, const char *path, const char *what, int error_number)
{
    /* The name is in the field above the line: the line says what went wrong with it. */
    char words[128];
    snprintf(gui->prompt.status, sizeof gui->prompt.status, "%s: %s", what,
             path[0] == '\0' ? "type a file name"
                             : sm_errno_text(error_number, words, sizeof words));
    gui->prompt.status_error = true;
    sm_trace(SM_TRACE_STATE, "save failed: %.300s: %s", path, gui->prompt.status);
    return false;
}

static bool save_list(receiver_gui *gui, const char *path)
{
    FILE *out = path[0] != '\0' ? sm_platform_fopen(path, "wb") : NULL;
    if (out == NULL)
        return save_failed(gui, path, "Cannot write this file", errno);
    size_t saved = 0;
    bool ok = true;
    errno = 0; /* so a failed write's errno is told apart from an older one */
    for (size_t i = 0; ok && i < gui->log.count; i++) {
        const sm_ui_log_entry *entry = &gui->log.entries[i];
        if (entry->hidden)
            continue;
        const char *text = entry->raw != NULL ? entry->raw : entry->body;
        size_t length = entry->raw != NULL ? entry->raw_length : entry->body_length;
        /* A debug-output entry's line has its time and process too (receiver_dbwin_format). */
        size_t size = RECEIVER_LINE_BYTES(length) + (entry->pid != 0 ? 128 : 0);
        char *line = malloc(size); /* a byte is at most one unit */
        ok = line != NULL;
        if (ok && entry->pid != 0) {
            size_t n = receiver_dbwin_format(entry->stamp, entry->pid, entry->process, text, length,
                                             line, size);
            ok = fwrite(line, 1, n, out) == n;
        } else if (ok) {
            size_t n = receiver_core_escape(text, length, line);
            ok = fwrite(line, 1, n, out) == n;
        }
        free(line);
        saved += ok;
    }
    int error_number = errno;
    ok = fclose(out) == 0 && ok; /* a full disk shows at the close as well */
    error_number = error_number != 0 ? error_number : errno;
    if (!ok)
        return save_failed(gui, path, "Writing this file failed (it may be incomplete)",
                           error_number);
    snprintf(gui->saved, sizeof gui->saved, "Saved %zu entr%s to %.300s%s", saved,
             saved == 1 ? "y" : "ies", path,
             gui->log.hidden > 0 ? " (the filter's hidden ones not)" : "");
    sm_trace(SM_TRACE_STATE, "saved %zu %s", saved, path);
    return true;
}

static void open_prompt(receiver_gui *gui, receiver_prompt kind)
{
    gui->prompt_kind = kind;
    gui->menu.menu.open = false;
    if (kind == RECEIVER_PROMPT_FIND)
        sm_ui_promptbar_open(&gui->prompt, "Find", gui->log.find);
    else if (kind == RECEIVER_PROMPT_FILTER)
        sm_ui_promptbar_open(&gui->prompt, "Show only", gui->filter_line);
    else
        sm_ui_promptbar_open(&gui->prompt, "Save as", RECEIVER_SAVE_DEFAULT);
    sm_trace(SM_TRACE_STATE, "prompt %s",
             kind == RECEIVER_PROMPT_FIND     ? "find"
             : kind == RECEIVER_PROMPT_FILTER ? "filter"
                                              : "save");
    gui->app.dirty = true;
}

static void apply_filter(receiver_gui *gui, const char *line)
{
    snprintf(gui->filter_line, sizeof gui->filter_line, "%.*s", (int)sizeof gui->filter_line - 1,
             line);
    sm_ui_logfilter filter;
    sm_ui_logfilter_parse(gui->filter_line, &filter);
    sm_ui_loglist_set_filter(&gui->log, &filter);
    gui->app.dirty = true;
}

/* An event for the open prompt bar; true when it was the bar's. */
static bool on_prompt(receiver_gui *gui, const SDL_Event *event)
{
    sm_ui_prompt_result result = sm_ui_promptbar_handle(&gui->ui, &gui->prompt, event);
    const char *text = gui->prompt.edit.text;
    switch (result) {
    case SM_UI_PROMPT_IGNORED: return false;
    case SM_UI_PROMPT_MOVED: break;
    case SM_UI_PROMPT_CHANGED:
        if (gui->prompt_kind == RECEIVER_PROMPT_FIND)
            sm_ui_loglist_find(&gui->log, text); /* as typed: the first match shows at once */
        else if (gui->prompt_kind == RECEIVER_PROMPT_FILTER)
            apply_filter(gui, text);
        else
            gui->prompt.status[0] = '\0'; /* a new name: the old error no longer applies */
        break;
    case SM_UI_PROMPT_ACCEPT:
    case SM_UI_PROMPT_BACKWARD:
        if (gui->prompt_kind == RECEIVER_PROMPT_FIND)
            sm_ui_loglist_find_step(&gui->log, result == SM_UI_PROMPT_ACCEPT ? 1 : -1);
        else if (gui->prompt_kind == RECEIVER_PROMPT_FILTER)
            gui->prompt.open = false; /* the filter stays; the heading says so */
        else if (save_list(gui, text))
            gui->prompt.open = false;
        break;
    case SM_UI_PROMPT_CLOSE:
        if (gui->prompt_kind == RECEIVER_PROMPT_FIND)
            sm_ui_loglist_find(&gui->log, NULL); /* no more highlights */
        sm_trace(SM_TRACE_STATE, "prompt closed");
        break;
    }
    gui->app.dirty = true;
    return true;
}

static void open_menu(receiver_gui *gui, int x, int y)
{
    sm_ui_listmenu_open(&gui->menu, &gui->log, x, y, true);
    gui->app.dirty = true;
}

/* The shared list menu's choice; "Filter to this process" is the receiver's own. */
static void on_menu_choice(receiver_gui *gui, int choice)
{
    const sm_ui_log_entry *entry = gui->log.selected && gui->log.sel_focus < gui->log.count
                                       ? &gui->log.entries[gui->log.sel_focus]
                                       : NULL;
    char line[sizeof gui->filter_line];
    if (choice == SM_UI_LISTMENU_FILTER_PROCESS && entry != NULL) {
        if (entry->process[0] != '\0')
            snprintf(line, sizeof line, "process:%s", entry->process);
        else
            snprintf(line, sizeof line, "pid:%lu", entry->pid);
        apply_filter(gui, line);
        sm_trace(SM_TRACE_STATE, "menu chose filter to this process: %s", line);
    } else {
        (void)sm_ui_listmenu_do(&gui->log, choice);
    }
    gui->app.dirty = true;
}

/* The log viewer's keys and the context menu; true when the event was theirs. */
static bool on_viewer_event(receiver_gui *gui, const SDL_Event *event)
{
    if (gui->menu.menu.open) { /* modal while open: every key and click is the menu's */
        bool changed = false;
        int choice = sm_ui_listmenu_handle(&gui->ui, &gui->menu, event, &changed);
        gui->app.dirty |= changed;
        if (choice != SM_UI_MENU_NONE)
            on_menu_choice(gui, choice);
        return event->type == SDL_KEYDOWN || event->type == SDL_TEXTINPUT ||
               event->type == SDL_MOUSEBUTTONDOWN || event->type == SDL_MOUSEBUTTONUP ||
               event->type == SDL_MOUSEMOTION;
    }
    if (event->type == SDL_KEYDOWN) {
        SDL_Keycode key = event->key.keysym.sym;
        SDL_Keymod mod = event->key.keysym.mod;
        bool ctrl = (mod & (KMOD_CTRL | KMOD_GUI)) != 0, shift = (mod & KMOD_SHIFT) != 0;
        if (ctrl && key == SDLK_f) {
            open_prompt(gui, RECEIVER_PROMPT_FIND);
            return true;
        }
        if (ctrl && key == SDLK_h) {
            open_prompt(gui, RECEIVER_PROMPT_FILTER);
            return true;
        }
        if (ctrl && key == SDLK_s) {
            open_prompt(gui, RECEIVER_PROMPT_SAVE);
            return true;
        }
        if ((ctrl && key == SDLK_p) || key == SDLK_PAUSE) {
            set_paused(gui, !gui->paused);
            return true;
        }
        if (key == SDLK_F3) {
            if (gui->log.find[0] == '\0')
                open_prompt(gui, RECEIVER_PROMPT_FIND);
            else
                sm_ui_loglist_find_step(&gui->log, shift ? -1 : 1);
            gui->app.dirty = true;
            return true;
        }
        if (key == SDLK_MENU || key == SDLK_APPLICATION || (shift && key == SDLK_F10)) {
            /* From the keyboard: at the selected entry if it is in view, else the list's corner. */
            int x, y;
            sm_ui_loglist_menu_point(&gui->ui, &gui->log, &x, &y);
            gui->prompt.open = false;
            open_menu(gui, x, y);
            return true;
        }
    }
    if (gui->prompt.open &&
        (event->type == SDL_KEYDOWN || event->type == SDL_TEXTINPUT ||
         event->type == SDL_MOUSEBUTTONDOWN || event->type == SDL_MOUSEBUTTONUP ||
         event->type == SDL_MOUSEMOTION) &&
        on_prompt(gui, event))
        return true;
    if (event->type == SDL_MOUSEBUTTONDOWN && event->button.button == SDL_BUTTON_RIGHT) {
        int x = event->button.x, y = event->button.y;
        sm_ui_mouse_to_px(&gui->ui, &x, &y);
        if (sm_ui_hit(gui->list, x, y)) {
            (void)sm_ui_loglist_handle(&gui->ui, &gui->log, gui->list, event, false);
            open_menu(gui, x, y);
            return true;
        }
    }
    return false;
}

static void on_event(void *context, const SDL_Event *event)
{
    receiver_gui *gui = context;
    if (!gui->open) {
        sm_ui_error_action action = sm_ui_error_view_handle(&gui->ui, &gui->error, event);
        if (action != SM_UI_ERROR_NONE) {
            (void)sm_ui_error_view_act(&gui->error, gui->opts, action, open_mapping, gui);
            gui->app.dirty = true;
        }
        return;
    }
    if (gui->waker != NULL && event->type == sm_ui_waker_event(gui->waker)) {
        /* An error leaves the slot full: not re-armed, the timer poll retries at its pace. */
        sm_status status = take_waiting(gui);
        if (status == SM_OK || status == SM_EMPTY)
            sm_ui_waker_arm(gui->waker);
        return;
    }
    if (event->type == SDL_KEYDOWN && event->key.keysym.sym == SDLK_F2) {
        gui->bytes_shown = !gui->bytes_shown;
        gui->bytes_changes = 0;
        gui->now = gui->before = -1; /* a fresh first look: nothing marked as changed */
        gui->app.dirty = true;
        sm_trace(SM_TRACE_STATE, "bytes %s", gui->bytes_shown ? "shown" : "hidden");
        look_at_bytes(gui);
        return;
    }
    if (gui->bytes_shown && (event->type == SDL_MOUSEWHEEL || event->type == SDL_KEYDOWN)) {
        /* The byte view scrolls by rows; everything else waits until F2 hides it. */
        int step = event->type == SDL_MOUSEWHEEL            ? -3 * event->wheel.y
                   : event->key.keysym.sym == SDLK_PAGEDOWN ? gui->bytes_rows_fit
                   : event->key.keysym.sym == SDLK_PAGEUP   ? -gui->bytes_rows_fit
                   : event->key.keysym.sym == SDLK_DOWN     ? 1
                   : event->key.keysym.sym == SDLK_UP       ? -1
                   : event->key.keysym.sym == SDLK_HOME     ? -100000
                                                            : 0;
        int rows = (int)(gui->opts->view_bytes / SM_UI_BYTEVIEW_ROW_BYTES);
        int scroll = gui->bytes_scroll + step;
        scroll = scroll > rows - gui->bytes_rows_fit ? rows - gui->bytes_rows_fit : scroll;
        scroll = scroll < 0 ? 0 : scroll;
        if (scroll != gui->bytes_scroll) {
            gui->bytes_scroll = scroll;
            gui->app.dirty = true;
            sm_trace(SM_TRACE_STATE, "bytes rows from %d, %d shown", scroll, gui->bytes_rows_fit);
        }
        return;
    }
    if (on_viewer_event(gui, event))
        return;
    if (event->type == SDL_KEYDOWN) {
        SDL_Keycode key = event->key.keysym.sym;
        bool ctrl = (event->key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
        bool press = key == SDLK_SPACE || key == SDLK_RETURN || key == SDLK_KP_ENTER;
        if (key == SDLK_TAB) { /* three controls: the list, Pause and Clear */
            bool list = !gui->pause_focus && !gui->clear_focus;
            gui->clear_focus = gui->pause_focus;
            gui->pause_focus = list;
            gui->app.dirty = true;
            return;
        }
        if (gui->pause_focus && press) {
            set_paused(gui, !gui->paused);
            return;
        }
        if ((ctrl && key == SDLK_l) || (gui->clear_focus && press)) {
            sm_ui_loglist_clear(&gui->log);
            gui->app.dirty = true;
            return;
        }
    }
    if (event->type == SDL_MOUSEMOTION) {
        int x = event->motion.x, y = event->motion.y;
        sm_ui_mouse_to_px(&gui->ui, &x, &y);
        bool hover = sm_ui_hit(gui->clear, x, y), pause_hover = sm_ui_hit(gui->pause, x, y);
        gui->app.dirty |= hover != gui->clear_hover || pause_hover != gui->pause_hover;
        gui->clear_hover = hover;
        gui->pause_hover = pause_hover;
    }
    if (event->type == SDL_MOUSEBUTTONDOWN && event->button.button == SDL_BUTTON_LEFT) {
        int x = event->button.x, y = event->button.y;
        sm_ui_mouse_to_px(&gui->ui, &x, &y);
        if (sm_ui_hit(gui->clear, x, y)) {
            sm_ui_loglist_clear(&gui->log);
            gui->app.dirty = true;
            return;
        }
        if (sm_ui_hit(gui->pause, x, y)) {
            set_paused(gui, !gui->paused);
            return;
        }
    }
    if (event->type == SDL_MOUSEWHEEL || event->type == SDL_KEYDOWN ||
        event->type == SDL_MOUSEBUTTONDOWN || event->type == SDL_MOUSEBUTTONUP ||
        event->type == SDL_MOUSEMOTION)
        gui->app.dirty |= sm_ui_loglist_handle(&gui->ui, &gui->log, gui->list, event, true);
}

static void on_draw(void *context)
{
    receiver_gui *gui = context;
    sm_ui_window *ui = &gui->ui;
    const sm_ui_theme *theme = ui->theme;
    int pad = sm_ui_px(ui, theme->pad), gap = sm_ui_px(ui, 6);
    int status_h = sm_ui_status_height(ui);
    char status[300], right[120];
    if (gui->opts->dbwin) /* the debug-output buffer has no channel to describe */
        snprintf(status, sizeof status, "%s%s \xC2\xB7 debug output%s",
                 gui->opts->global ? "Global\\" : "",
                 gui->opts->dbwin_name != NULL ? gui->opts->dbwin_name : SM_DBWIN_NAME,
                 gui->open ? "" : " \xC2\xB7 not open");
    else
        sm_ui_status_origin(status, sizeof status, gui->opts->name,
                            gui->open ? gui->core.channel : NULL);
    /* The mode, so nobody wonders why messages arrive at once or on the poll's beat. */
    if (gui->dbwin != NULL)
        snprintf(right, sizeof right, "%lu received%s \xC2\xB7 debug-output monitor",
                 gui->core.received, gui->paused ? " (paused)" : "");
    else if (gui->waker != NULL)
        snprintf(right, sizeof right, "%s%lu received%s \xC2\xB7 wake (poll %u ms fallback)",
                 gui->held ? SM_UI_HELD_TEXT " \xC2\xB7 " : "", gui->core.received,
                 gui->paused ? " (paused)" : "", gui->opts->interval_ms);
    else
        snprintf(right, sizeof right, "%s%lu received%s \xC2\xB7 %s every %u ms",
                 gui->held ? SM_UI_HELD_TEXT " \xC2\xB7 " : "", gui->core.received,
                 gui->paused ? " (paused)" : "", gui->opts->classic ? "classic poll" : "poll",
                 gui->opts->interval_ms);
    sm_ui_status_draw(ui, status, gui->open ? right : NULL);

    SDL_Rect main_area = {pad, pad, ui->width - 2 * pad, ui->height - status_h - 2 * pad};
    if (!gui->open) {
        sm_ui_error_view_draw(ui, &gui->error, main_area);
        return;
    }
    int y = pad;
    const char *banner = sm_ui_classic_banner(gui->opts->classic);
    /* The viewer's state: paused (and how many wait), the filter (and how many it hides). */
    char viewer[400] = "";
    if (gui->paused)
        snprintf(viewer, sizeof viewer,
                 "Paused: %lu new while paused, taken and kept (Ctrl+P or Resume shows them)",
                 gui->held_count);
    if (gui->log.hidden > 0 || gui->filter_line[0] != '\0') {
        size_t used = strlen(viewer);
        snprintf(viewer + used, sizeof viewer - used,
                 "%sShowing only \xE2\x80\x9C%s\xE2\x80\x9D: %zu of %zu hidden (Ctrl+H)",
                 used > 0 ? " \xC2\xB7 " : "", gui->filter_line, gui->log.hidden, gui->log.count);
    }
    const char *heading = gui->poll_error[0] != '\0' ? gui->poll_error
                          : gui->notice[0] != '\0'   ? gui->notice
                          : gui->bytes_shown      ? "Shared bytes, looked at without the lock (F2: "
                                                    "back to the messages)"
                          : banner != NULL        ? banner
                          : viewer[0] != '\0'     ? viewer
                          : gui->saved[0] != '\0' ? gui->saved
                          : gui->log.scroll > 0   ? "Received messages (scrolled back: End "
                                                    "shows the newest)"
                                                  : "Received messages (newest at the bottom)";
    /*
     * The heading row, with the Clear button (Ctrl+L) at its right end. An
     * explanation (a failed poll, a notice) wraps onto as many lines as it
     * needs rather than ending in "…": the row grows and the list moves down.
     */
    int row_h = ui->small.height + 2 * sm_ui_px(ui, 5);
    int clear_w = sm_ui_text_width(&ui->small, "Clear", 5) + 2 * sm_ui_px(ui, 12);
    gui->clear = (SDL_Rect){pad + main_area.w - clear_w, y, clear_w, row_h};
    const char *pause_label = gui->paused ? "Resume" : "Pause";
    int pause_w = sm_ui_text_width(&ui->small, "Resume", strlen("Resume")) + 2 * sm_ui_px(ui, 12);
    gui->pause = (SDL_Rect){gui->clear.x - gap - pause_w, y, pause_w, row_h};
    clear_w += pause_w + gap; /* the heading leaves room for both buttons */
    SDL_Color heading_color = gui->poll_error[0] != '\0' || gui->notice[0] != '\0' || banner != NULL
                                  ? theme->error
                                  : theme->dim;
    int heading_w = main_area.w - clear_w - gap;
    size_t lines = 1;
    free(heading_w > 0 ? sm_ui_text_wrap(&ui->small, heading, strlen(heading), heading_w, &lines)
                       : NULL);
    int heading_h = row_h;
    if (lines > 1) {
        heading_h = (int)lines * ui->small.height + 2 * sm_ui_px(ui, 5);
        SDL_Rect text = {pad, y + sm_ui_px(ui, 5), heading_w, heading_h - 2 * sm_ui_px(ui, 5)};
        sm_ui_widget_begin(ui->renderer, "heading", (SDL_Rect){pad, y, heading_w, heading_h});
        sm_ui_clip saved = sm_ui_clip_push(ui->renderer, text);
        sm_ui_paragraph_draw_small(ui, text, heading, heading_color);
        sm_ui_clip_pop(ui->renderer, saved);
        sm_ui_widget_end(ui->renderer);
    } else {
        sm_ui_label_draw(ui, (SDL_Rect){pad, y, heading_w, row_h}, heading, heading_color);
    }
    sm_ui_small_button_draw(ui, gui->clear, "Clear", gui->log.count > 0, gui->clear_hover,
                            gui->clear_focus);
    sm_ui_small_button_draw(ui, gui->pause, pause_label, true, gui->pause_hover, gui->pause_focus);
    y += heading_h + gap / 2;
    if (gui->prompt.open && !gui->bytes_shown) { /* find, filter or save: above the list */
        if (gui->prompt_kind == RECEIVER_PROMPT_FIND) {
            if (gui->log.find[0] == '\0')
                gui->prompt.status[0] = '\0';
            else if (gui->log.find_matches == 0)
                snprintf(gui->prompt.status, sizeof gui->prompt.status, "no match");
            else
                snprintf(gui->prompt.status, sizeof gui->prompt.status, "%zu of %zu",
                         gui->log.find_rank, gui->log.find_matches);
            gui->prompt.status_error = gui->log.find[0] != '\0' && gui->log.find_matches == 0;
        } else if (gui->prompt_kind == RECEIVER_PROMPT_FILTER) {
            snprintf(gui->prompt.status, sizeof gui->prompt.status, "%zu hidden", gui->log.hidden);
        }
        int bar_h = sm_ui_promptbar_height(ui, &gui->prompt, main_area.w);
        sm_ui_promptbar_draw(ui, &gui->prompt, (SDL_Rect){pad, y, main_area.w, bar_h}, true);
        y += bar_h + gap / 2;
    }
    gui->list = (SDL_Rect){pad, y, main_area.w, ui->height - status_h - pad - y};
    look_at_bytes(gui); /* also while the window stands at a --step point */
    if (gui->bytes_shown && gui->now >= 0) {
        gui->bytes_rows_fit = sm_ui_byteview_draw(
            ui, gui->list, &gui->looks[gui->now],
            gui->before >= 0 ? &gui->looks[gui->before] : NULL, gui->bytes_scroll);
        return;
    }
    sm_ui_loglist_draw(ui, &gui->log, gui->list);
    if (!gui->clear_focus && !gui->pause_focus && !gui->prompt.open) /* the list has the keyboard */
        sm_ui_frame(ui, gui->list, theme->accent, sm_ui_px(ui, 2));
    sm_ui_menu_draw(ui, &gui->menu.menu); /* over everything else */
}

/* The F1 overlay: what this window does, in the exact terms, and every shortcut. */
static void make_help(receiver_gui *gui)
{
    char mode[160];
    if (gui->waker != NULL)
        snprintf(mode, sizeof mode,
                 "wake (woken at once by a sender, and checking every %u ms "
                 "in case one cannot wake it)",
                 gui->opts->interval_ms);
    else
        snprintf(mode, sizeof mode, "%s (checks for a message every %u ms%s)",
                 gui->opts->classic ? "classic poll: the old samples' protocol, no lock; for "
                                      "teaching"
                                    : "poll",
                 gui->opts->interval_ms,
                 gui->opts->classic ? "" : ", every 1 ms while messages keep coming");
    snprintf(gui->help, sizeof gui->help,
             "This window reads the messages that senders write into the shared memory named "
             "\xE2\x80\x9C%s\xE2\x80\x9D and lists them, oldest at the top. Mode: %s.\n"
             "The shared memory holds one message at a time: the slot, a %zu-byte view with "
             "one UTF-16 string of at most %zu UTF-16 code units. Taking a message empties the "
             "slot, so the next sender may write. Text that is not valid UTF-16 is shown with "
             "\xEF\xBF\xBD and marked. The list keeps the newest %d messages%s. #N counts the "
             "messages this window received, in order; a sender numbers what it sent, so the "
             "numbers agree only for one sender and one receiver started together.\n\n"
             "Click: select a message \xC2\xB7 Shift+click: a range \xC2\xB7 Ctrl+A: all "
             "\xC2\xB7 Ctrl+C: copy their text\n"
             "Wheel, PageUp, PageDown, the scrollbar: scroll \xC2\xB7 Home: oldest "
             "\xC2\xB7 End: newest\n"
             "Ctrl+L or Clear: empty the list \xC2\xB7 Tab: list, Pause or Clear \xC2\xB7 Space or "
             "Enter: the focused button\n"
             "Ctrl+F: find (Enter or F3: next, Shift+Enter or Shift+F3: previous, Esc: close) "
             "\xC2\xB7 Ctrl+H: show only entries containing a text (process:NAME, pid:N, "
             "-process:NAME leave out one) \xC2\xB7 Ctrl+P or Pause: pause and resume (messages "
             "are still taken and counted) \xC2\xB7 Ctrl+S: save the shown entries as --log "
             "lines \xC2\xB7 Right click, Menu or Shift+F10: Copy, Copy with details, Select "
             "all, Filter to this process, Clear\n"
             "F2: the shared bytes (hex and UTF-16, changes marked) \xC2\xB7 Ctrl+plus, "
             "Ctrl+minus, Ctrl+0 or Ctrl+wheel: text zoom \xC2\xB7 Ctrl+Q or "
             "Ctrl+W: close \xC2\xB7 F1: this help (Esc closes it)\n\n"
             "Colours of the shared bytes (F2): unit 0, the \xE2\x80\x9C"
             "full\xE2\x80\x9D "
             "flag: blue, framed \xC2\xB7 the terminator, where a reader stops: orange, "
             "framed \xC2\xB7 text: black \xC2\xB7 zeros past the terminator: grey \xC2\xB7 "
             "light-blue cell: changed since the view before (it stays until the next change). "
             "The view is read without the lock, also while the window stands at a --step "
             "point, so it can show a message half written.",
             gui->opts->name, mode, gui->opts->view_bytes,
             sm_app_max_units(gui->opts, gui->core.channel), SM_UI_LOGLIST_MAX,
             gui->opts->log_path != NULL ? "; the --log file keeps them all" : "");
}

static void on_ready(void *context)
{
    receiver_gui *gui = context;
    /* In window coordinates, which is what a screenshot tool sees at scale 1. */
    float s = gui->ui.scale > 0 ? gui->ui.scale : 1.0f;
    printf(" log=%d,%d,%d,%d", (int)((float)gui->list.x / s), (int)((float)gui->list.y / s),
           (int)((float)gui->list.w / s), (int)((float)gui->list.h / s));
    const SDL_Rect *rects[] = {&gui->clear, &gui->error.retry, &gui->error.remove,
                               &gui->error.text_view.inner, &gui->pause};
    const char *names[] = {"clear", "retry", "remove", "errortext", "pause"};
    for (size_t i = 0; i < 5; i++)
        printf(" %s=%d,%d,%d,%d", names[i], (int)((float)rects[i]->x / s),
               (int)((float)rects[i]->y / s), (int)((float)rects[i]->w / s),
               (int)((float)rects[i]->h / s));
}

/* --trace layout: how each line of each new entry was laid out, with real fonts. */
static void trace_layout(receiver_gui *gui)
{
    for (; gui->layout_traced < gui->log.count; gui->layout_traced++) {
        const sm_ui_log_entry *entry = &gui->log.entries[gui->layout_traced];
        for (size_t i = 0; entry->lines != NULL && i < entry->line_count; i++) {
            char description[2048];
            size_t start = entry->lines[i];
            size_t end =
                start + sm_ui_text_trim_end(entry->body + start, entry->lines[i + 1] - start);
            size_t missing =
                sm_ui_text_describe(&gui->ui.body, entry->body, entry->body_length, start, end,
                                    entry->wrap_width, description, sizeof description);
            sm_trace(SM_TRACE_LAYOUT, "layout %lu missing=%zu %s", entry->id, missing, description);
        }
    }
    /* And the view of the list whenever it changed: what is in view, selected, the marker. */
    char view[sizeof gui->view_traced];
    sm_ui_loglist_describe(&gui->ui, &gui->log, view, sizeof view);
    if (strcmp(view, gui->view_traced) != 0) {
        sm_trace(SM_TRACE_LAYOUT, "view %s", view);
        snprintf(gui->view_traced, sizeof gui->view_traced, "%s", view);
    }
}

/*
 * --trace frames (tools/gui-bench.py): the time the first frame showing each message
 * was presented, on CLOCK_MONOTONIC (the clock of Python's time.monotonic_ns).
 */
static void on_presented(void *context)
{
    receiver_gui *gui = context;
    /* --trace state: the viewer's state whenever it changed (gui_viewer_* scenarios). */
    char viewer[sizeof gui->viewer_traced];
    snprintf(viewer, sizeof viewer,
             "viewer shown=%zu hidden=%zu dropped=%lu match=%zu/%zu paused=%d new=%lu",
             gui->log.count - gui->log.hidden, gui->log.hidden, gui->log.dropped,
             gui->log.find_rank, gui->log.find_matches, gui->paused, gui->held_count);
    sm_ui_menu_trace_place(&gui->ui, &gui->menu.menu); /* where it is drawn, for a test's clicks */
    if (strcmp(viewer, gui->viewer_traced) != 0) {
        sm_trace(SM_TRACE_STATE, "%s", viewer);
        snprintf(gui->viewer_traced, sizeof gui->viewer_traced, "%s", viewer);
    }
    if (sm_trace_on(SM_TRACE_LAYOUT))
        trace_layout(gui);
    if (!sm_trace_on(SM_TRACE_FRAMES))
        return;
    unsigned long long now = sm_monotonic_ns();
    /* And the first frame at each new size, for the resize figure. */
    if (gui->ui.width != gui->traced_width || gui->ui.height != gui->traced_height) {
        gui->traced_width = gui->ui.width;
        gui->traced_height = gui->ui.height;
        sm_trace(SM_TRACE_FRAMES, "resized %d %d %llu", gui->ui.width, gui->ui.height, now);
    }
    while (gui->traced < gui->core.received)
        sm_trace(SM_TRACE_FRAMES, "frame %lu %llu", ++gui->traced, now);
}

int receiver_gui_run(const sm_app_options *opts)
{
    static receiver_gui gui; /* one window per process */
    memset(&gui, 0, sizeof gui);
    gui.opts = opts;
    if (!sm_ui_app_window_open(&gui.ui, "receiver", opts))
        return SM_EXIT_FAILURE;
    sm_ui_loglist_init(&gui.log, opts->dbwin ? "No debug output yet. Start a program that calls "
                                               "OutputDebugString (or samplemap-sender --dbwin)."
                                             : "No messages yet. Start the sender and send one.");
    sm_ui_loglist_init(&gui.kept, NULL);
    /* Three looks, each with the view's bytes (--view-size); without them F2 shows the list. */
    gui.looks = malloc(3 * (sizeof *gui.looks + opts->view_bytes));
    for (size_t i = 0; gui.looks != NULL && i < 3; i++)
        gui.looks[i] = (sm_channel_snapshot)SM_CHANNEL_SNAPSHOT_INIT(
            (unsigned char *)(gui.looks + 3) + i * opts->view_bytes, opts->view_bytes);
    gui.now = gui.before = -1;
    open_mapping(&gui);
    make_help(&gui);
    gui.app = (sm_ui_app){.ui = &gui.ui,
                          .context = &gui,
                          .event = on_event,
                          .deadline = next_deadline,
                          .tick = on_tick,
                          .draw = on_draw,
                          .ready = on_ready,
                          .presented = on_presented,
                          .stopped = on_stopped,
                          .help_title = "SampleMap receiver \xE2\x80\x94 help",
                          .help_body = gui.help};
    if (opts->step)
        sm_ui_step_install(&gui.app); /* --step: a Step bar at each protocol point */
    sm_ui_app_run(&gui.app);
    stop_waker(&gui); /* before the channel it waits on is closed */

    int code = gui.open ? SM_EXIT_OK : SM_EXIT_FAILURE;
    sm_ui_loglist_free(&gui.log);
    sm_ui_loglist_free(&gui.kept);
    sm_ui_promptbar_free(&gui.prompt);
    sm_ui_error_view_free(&gui.error);
    free(gui.looks);
    if (gui.open && gui.dbwin == NULL)
        receiver_core_close(&gui.core);
    sm_dbwin_monitor_close(gui.dbwin);
    if (gui.dbwin_log != NULL)
        (void)fclose(gui.dbwin_log);
    sm_ui_window_close(&gui.ui);
    return code;
}
