/* options.c - the one command-line parser of both apps. */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "hook.h"
#include "name.h"
#include "slot.h"
#include "trace.h"

#ifndef SAMPLEMAP_VERSION
#define SAMPLEMAP_VERSION "0.0.0"
#endif

#define FOR_SENDER 1u
#define FOR_RECEIVER 2u
#define FOR_BOTH 3u

typedef enum flag_id {
    FLAG_HELP,
    FLAG_VERSION,
    FLAG_NAME,
    FLAG_UNLINK,
    FLAG_MESSAGE,
    FLAG_STDIN,
    FLAG_PRINT,
    FLAG_COUNT,
    FLAG_TIMEOUT,
    FLAG_INTERVAL,
    FLAG_LOG,
    FLAG_CLASSIC,
    FLAG_GEOMETRY,
    FLAG_WAKE,
    FLAG_VIEW_SIZE,
    FLAG_PEEK,
    FLAG_JSON,
    FLAG_WATCH,
    FLAG_ALL,
    FLAG_STEP,
    FLAG_LIST,
    FLAG_PAUSE_AT,
    FLAG_TRACE,
    FLAG_DBWIN,
    FLAG_GLOBAL,
    FLAG_THEME,
} flag_id;

typedef struct flag_spec {
    flag_id id;
    const char *name;  /* "--name" */
    const char *value; /* metavariable, NULL for switches */
    unsigned apps;     /* FOR_SENDER / FOR_RECEIVER */
    const char *help;  /* one line for --help */
} flag_spec;

static const flag_spec flags[] = {
    {FLAG_MESSAGE, "--message", "TEXT", FOR_SENDER, "send TEXT (repeatable; sent in order)"},
    {FLAG_STDIN, "--stdin", NULL, FOR_SENDER, "send each line of standard input as a message"},
    {FLAG_PRINT, "--print", NULL, FOR_RECEIVER, "print each message as a UTF-8 line on stdout"},
    {FLAG_PEEK, "--peek", NULL, FOR_RECEIVER,
     "print what the slot holds now without taking it; exit 0, 6 if it is empty, 7 if "
     "no such mapping exists"},
    {FLAG_LIST, "--list", NULL, FOR_RECEIVER,
     "list the channels you can see (like ipcs): view size, a message waiting, taken count, "
     "creator and last user, stale; with --unlink remove the stale ones; with --json one "
     "object each"},
    {FLAG_WATCH, "--watch", NULL, FOR_RECEIVER,
     "with --peek: show the view's bytes (hex and UTF-16) and the control fields every "
     "--interval ms when they change; Ctrl+C, --count N views or --timeout S ends it"},
    {FLAG_ALL, "--all", NULL, FOR_RECEIVER,
     "with --watch: print every row of the view, not only those up to the terminator"},
    {FLAG_STEP, "--step", NULL, FOR_BOTH,
     "stop at each protocol step (lock taken, body written, unit 0 published, ...) until "
     "Enter (window: Step); no default --timeout then"},
    {FLAG_PAUSE_AT, "--pause-at", "POINT", FOR_BOTH,
     "stop at protocol POINT each time it is passed, saying so on stderr, until Enter (the "
     "end of standard input ends the pauses); kill the process there to show that crash; "
     "'--pause-at help' lists the points"},
    {FLAG_TRACE, "--trace", "LIST", FOR_BOTH,
     "window only: print diagnostic lines on stdout for the categories in LIST (state, "
     "fonts, frames, layout or all; state's first line is 'ready' after the first frame); "
     "'--trace help' lists them"},
    {FLAG_JSON, "--json", NULL, FOR_BOTH,
     "one JSON object per line on stdout: each message (receiver) or each queued/delivered/"
     "withdrawn event (sender); see docs/json.md"},
    {FLAG_COUNT, "--count", "N", FOR_RECEIVER, "exit after N messages (--watch: N views)"},
    {FLAG_LOG, "--log", "FILE", FOR_RECEIVER, "append each message to FILE (UTF-8 lines)"},
    {FLAG_TIMEOUT, "--timeout", "S", FOR_BOTH,
     "the upper bound of the whole run, every wait included (sender: of each message, the "
     "first with the opening; default 10; receiver: none; 0 = forever)"},
    {FLAG_INTERVAL, "--interval", "MS", FOR_BOTH,
     "poll every MS milliseconds (receiver default 200, sender 10)"},
    {FLAG_GEOMETRY, "--geometry", "X,Y", FOR_BOTH,
     "window only: put the window's top-left corner at X,Y (the demo launcher uses it)"},
    {FLAG_THEME, "--theme", "THEME", FOR_BOTH,
     "window only: light, dark, contrast (high contrast) or system (the default: what the "
     "desktop asks for, docs/manual.md#themes)"},
    {FLAG_CLASSIC, "--classic", NULL, FOR_BOTH,
     "teaching mode: the classic unsafe protocol (no lock: messages can be lost or torn)"},
    {FLAG_WAKE, "--wake", NULL, FOR_BOTH,
     "wake mode: be woken when the other side publishes/frees the slot (spin a few us, then "
     "sleep; --interval stays the fallback poll)"},
    {FLAG_NAME, "--name", "NAME", FOR_BOTH,
     "mapping name (default Local\\SampleMap; with --dbwin, POSIX: the buffer's, default "
     "DBWIN_BUFFER)"},
    {FLAG_DBWIN, "--dbwin", NULL, FOR_BOTH,
     "debug output (DBWIN_BUFFER, what OutputDebugString writes): the receiver is the monitor, "
     "the sender writes like OutputDebugString (docs/dbwin.md)"},
    {FLAG_GLOBAL, "--global", NULL, FOR_BOTH,
     "with --dbwin: the Global\\ objects (every session; Windows needs the right to create "
     "global objects)"},
    {FLAG_VIEW_SIZE, "--view-size", "BYTES", FOR_BOTH,
     "size of the view in bytes (even, 4 to 65536; default 2048, the classic layout): holds "
     "BYTES/2-1 UTF-16 units"},
    {FLAG_UNLINK, "--unlink", NULL, FOR_BOTH, "remove the named mapping (POSIX) and exit"},
    {FLAG_HELP, "--help", NULL, FOR_BOTH, "show this help and exit"},
    {FLAG_VERSION, "--version", NULL, FOR_BOTH, "show the version and exit"},
};

static unsigned app_bit(sm_app_kind kind)
{
    return kind == SM_APP_SENDER ? FOR_SENDER : FOR_RECEIVER;
}

static const char *base_name(const char *path)
{
    const char *base = path;
    for (const char *p = path; *p != '\0'; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    return base;
}

/* Parses a decimal number within [low, high]; false on anything else. */
static bool parse_number(const char *text, double low, double high, bool integer, double *out)
{
    char *end = NULL;
    errno = 0;
    double value = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !isfinite(value) || value < low ||
        value > high)
        return false;
    if (integer && value != floor(value))
        return false;
    *out = value;
    return true;
}

int sm_app_parse(int argc, char **argv, sm_app_kind kind, sm_app_options *opts, char *error,
                 size_t error_size)
{
    memset(opts, 0, sizeof *opts);
    opts->kind = kind;
    opts->program = argc > 0 ? base_name(argv[0]) : "samplemap";
    opts->name = SM_NAME_DEFAULT;
    opts->interval_ms = kind == SM_APP_SENDER ? 10 : 200;
    opts->timeout_s = kind == SM_APP_SENDER ? 10.0 : 0.0;
    opts->view_bytes = SM_SLOT_BYTES;
    opts->messages = calloc((size_t)(argc > 0 ? argc : 1), sizeof *opts->messages);
    if (opts->messages == NULL) {
        snprintf(error, error_size, "out of memory");
        return SM_EXIT_FAILURE;
    }

    bool timeout_given = false;
    bool name_given = false;
    bool unlink_alone = true; /* --unlink with nothing that sends or receives */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        /* The usual short forms of the two flags every command has. */
        if (strcmp(arg, "-h") == 0)
            arg = "--help";
        else if (strcmp(arg, "-V") == 0)
            arg = "--version";
        if (strcmp(arg, "--") == 0) {
            /* The end of the options: what follows are texts to send, even "-x" or "--help". */
            if (kind == SM_APP_RECEIVER && i + 1 < argc) {
                snprintf(error, error_size,
                         "the receiver takes no arguments, only options; "
                         "'%s' after '--' is one",
                         argv[i + 1]);
                return SM_EXIT_USAGE;
            }
            for (i++; i < argc; i++)
                opts->messages[opts->message_count++] = argv[i];
            opts->headless |= opts->message_count > 0;
            break;
        }
        const char *inline_value = NULL;
        size_t arg_length = strlen(arg);
        const char *equals = strchr(arg, '=');
        if (strncmp(arg, "--", 2) == 0 && equals != NULL) {
            arg_length = (size_t)(equals - arg); /* --flag=value */
            inline_value = equals + 1;
        }
        const flag_spec *spec = NULL;
        for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++)
            if (strlen(flags[f].name) == arg_length && strncmp(flags[f].name, arg, arg_length) == 0)
                spec = &flags[f];
        if (spec == NULL || (spec->apps & app_bit(kind)) == 0) {
            snprintf(error, error_size, "unknown option '%s'%s; see --help", arg,
                     spec != NULL ? (kind == SM_APP_SENDER ? " (it is a receiver option)"
                                                           : " (it is a sender option)")
                                  : "");
            return SM_EXIT_USAGE;
        }
        const char *value = NULL;
        if (spec->value != NULL) {
            if (inline_value != NULL) {
                value = inline_value;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                snprintf(error, error_size, "option %s needs a value (%s)", spec->name,
                         spec->value);
                return SM_EXIT_USAGE;
            }
        } else if (inline_value != NULL) {
            snprintf(error, error_size, "option %s takes no value", spec->name);
            return SM_EXIT_USAGE;
        }

        double number = 0;
        timeout_given |= spec->id == FLAG_TIMEOUT;
        unlink_alone &= spec->id == FLAG_UNLINK || spec->id == FLAG_NAME || spec->id == FLAG_LIST ||
                        spec->id == FLAG_JSON || spec->id == FLAG_VIEW_SIZE ||
                        spec->id == FLAG_HELP || spec->id == FLAG_VERSION;
        switch (spec->id) {
        case FLAG_HELP: opts->help = true; break;
        case FLAG_VERSION: opts->version = true; break;
        case FLAG_UNLINK:
            opts->unlink = true;
            opts->headless = true;
            break;
        case FLAG_NAME:
            opts->name = value;
            name_given = true;
            break;
        case FLAG_DBWIN: opts->dbwin = true; break;
        case FLAG_GLOBAL: opts->global = true; break;
        case FLAG_MESSAGE:
            opts->messages[opts->message_count++] = value;
            opts->headless = true;
            break;
        case FLAG_STDIN:
            opts->from_stdin = true;
            opts->headless = true;
            break;
        case FLAG_PRINT:
            opts->print = true;
            opts->headless = true;
            break;
        case FLAG_PEEK:
            opts->peek = true;
            opts->headless = true;
            break;
        case FLAG_LIST:
            opts->list = true;
            opts->headless = true;
            break;
        case FLAG_JSON:
            opts->json = true;
            if (kind == SM_APP_RECEIVER)
                opts->headless = true; /* the receiver's JSON face is its headless one */
            break;
        case FLAG_VIEW_SIZE:
            if (!parse_number(value, SM_SLOT_BYTES_MIN, SM_SLOT_BYTES_MAX, true, &number) ||
                fmod(number, 2.0) != 0) {
                snprintf(error, error_size,
                         "--view-size needs an even number of bytes from %d "
                         "to %d (2048 is the classic layout), not '%s'",
                         SM_SLOT_BYTES_MIN, SM_SLOT_BYTES_MAX, value);
                return SM_EXIT_USAGE;
            }
            opts->view_bytes = (size_t)number;
            break;
        case FLAG_WATCH: opts->watch = true; break;
        case FLAG_ALL: opts->all_rows = true; break;
        case FLAG_STEP: opts->step = true; break;
        case FLAG_PAUSE_AT:
            if (strcmp(value, "help") == 0) {
                opts->pause_help = true;
            } else if (sm_hook_find(value) == NULL) {
                snprintf(error, error_size,
                         "--pause-at: no protocol point '%.60s'; "
                         "'--pause-at help' lists them",
                         value);
                return SM_EXIT_USAGE;
            } else {
                opts->pause_at = value;
            }
            break;
        case FLAG_TRACE:
            if (strcmp(value, "help") == 0)
                opts->trace_help = true;
            else if (!sm_trace_parse(value, &opts->trace, error, error_size))
                return SM_EXIT_USAGE;
            break;
        case FLAG_LOG: opts->log_path = value; break;
        case FLAG_CLASSIC: opts->classic = true; break;
        case FLAG_WAKE: opts->wake = true; break;
        case FLAG_COUNT:
            if (!parse_number(value, 1, 1e9, true, &number)) {
                snprintf(error, error_size,
                         "--count needs a whole number from 1 to 1000000000, "
                         "not '%s'",
                         value);
                return SM_EXIT_USAGE;
            }
            opts->count = (long)number;
            break;
        case FLAG_TIMEOUT:
            /* Bounded so it fits the unsigned milliseconds every wait takes: never wrapped. */
            if (!parse_number(value, 0, SM_TIMEOUT_MAX_S, false, &number)) {
                snprintf(error, error_size,
                         "--timeout needs seconds from 0 to %d (e.g. 2.5, or 0 "
                         "for no limit), not '%s'",
                         SM_TIMEOUT_MAX_S, value);
                return SM_EXIT_USAGE;
            }
            opts->timeout_s = number;
            break;
        case FLAG_GEOMETRY: {
            /* Two whole numbers; negative values are allowed (multi-monitor layouts). */
            int x = 0, y = 0, used = 0;
            if (sscanf(value, "%d,%d%n", &x, &y, &used) != 2 || value[used] != '\0' ||
                x < -100000 || x > 100000 || y < -100000 || y > 100000) {
                snprintf(error, error_size,
                         "--geometry needs X,Y in pixels (e.g. 40,60), "
                         "not '%s'",
                         value);
                return SM_EXIT_USAGE;
            }
            opts->has_position = true;
            opts->window_x = x;
            opts->window_y = y;
            break;
        }
        case FLAG_THEME: {
            static const char *const names[] = {"system", "light", "dark", "contrast"};
            size_t n = 0;
            while (n < sizeof names / sizeof names[0] && strcmp(value, names[n]) != 0)
                n++;
            if (n == sizeof names / sizeof names[0]) {
                snprintf(error, error_size,
                         "--theme needs light, dark, contrast or system, not '%.60s'", value);
                return SM_EXIT_USAGE;
            }
            opts->theme = (sm_app_theme)n; /* names[] is in sm_app_theme's order */
            break;
        }
        case FLAG_INTERVAL:
            if (!parse_number(value, 1, 60000, true, &number)) {
                snprintf(error, error_size,
                         "--interval needs whole milliseconds from 1 to 60000, "
                         "not '%s'",
                         value);
                return SM_EXIT_USAGE;
            }
            opts->interval_ms = (unsigned)number;
            break;
        }
    }
    if (opts->list && !unlink_alone) {
        snprintf(error, error_size,
                 "--list only lists (and with --unlink removes the stale "
                 "channels): it takes --json and --unlink, nothing that sends or receives");
        return SM_EXIT_USAGE;
    }
    if (opts->unlink && (!unlink_alone || opts->message_count > 0)) {
        snprintf(error, error_size,
                 "--unlink removes the mapping and exits, so it cannot be "
                 "combined with sending, receiving or their options; run it on its own");
        return SM_EXIT_USAGE;
    }
    if (opts->global && !opts->dbwin) {
        snprintf(error, error_size,
                 "--global chooses the debug-output objects of every session: add --dbwin "
                 "(SampleMap names take Global\\ in --name)");
        return SM_EXIT_USAGE;
    }
    if (opts->dbwin) {
        const char *other = opts->classic                       ? "--classic"
                            : opts->wake                        ? "--wake"
                            : opts->peek                        ? "--peek"
                            : opts->list                        ? "--list"
                            : opts->unlink                      ? "--unlink"
                            : opts->step                        ? "--step"
                            : opts->pause_at                    ? "--pause-at"
                            : opts->view_bytes != SM_SLOT_BYTES ? "--view-size"
                                                                : NULL;
        if (other != NULL) {
            snprintf(error, error_size,
                     "--dbwin runs the debug-output protocol, which has no %s; drop one", other);
            return SM_EXIT_USAGE;
        }
        opts->dbwin_name = name_given ? opts->name : NULL;
        if (kind == SM_APP_SENDER && opts->json) {
            snprintf(error, error_size,
                     "--dbwin writes like OutputDebugString, which reports nothing in JSON; drop "
                     "--json (the exit code says whether a monitor took each message)");
            return SM_EXIT_USAGE;
        }
        if (kind == SM_APP_SENDER && !opts->headless && !opts->help && !opts->version) {
            snprintf(error, error_size,
                     "--dbwin writes what --message TEXT or --stdin gives; add one");
            return SM_EXIT_USAGE;
        }
    }
    if (opts->wake && opts->classic) {
        snprintf(error, error_size,
                 "--wake and --classic cannot be combined: the classic "
                 "protocol has no signals; use one");
        return SM_EXIT_USAGE;
    }
    if (opts->message_count > 0 && opts->from_stdin) {
        snprintf(error, error_size, "--message and --stdin cannot be combined; use one");
        return SM_EXIT_USAGE;
    }
    if (opts->json && opts->print) {
        snprintf(error, error_size,
                 "--json and --print cannot be combined: --json already "
                 "prints each message (as JSON); use one");
        return SM_EXIT_USAGE;
    }
    if (opts->watch && !opts->peek) {
        snprintf(error, error_size, "--watch repeats the --peek view: add --peek");
        return SM_EXIT_USAGE;
    }
    if (opts->all_rows && !opts->watch) {
        snprintf(error, error_size, "--all chooses the rows --watch prints: add --peek --watch");
        return SM_EXIT_USAGE;
    }
    if (opts->watch && opts->json) {
        snprintf(error, error_size, "--watch prints a byte view, not JSON: drop --json or --watch");
        return SM_EXIT_USAGE;
    }
    if (opts->trace != 0 && opts->headless) {
        snprintf(error, error_size,
                 "--trace follows the windows; the headless run prints its "
                 "results already (--json for more): drop --trace");
        return SM_EXIT_USAGE;
    }
    if (opts->pause_at != NULL && opts->from_stdin) {
        snprintf(error, error_size,
                 "--pause-at waits for Enter on standard input, so it cannot "
                 "be combined with --stdin; send with --message");
        return SM_EXIT_USAGE;
    }
    if (opts->step && opts->from_stdin) {
        snprintf(error, error_size,
                 "--step waits for Enter on standard input, so it cannot be "
                 "combined with --stdin; send with --message");
        return SM_EXIT_USAGE;
    }
    if (opts->step && opts->peek) {
        snprintf(error, error_size,
                 "--peek takes no protocol steps (it never locks or clears), "
                 "so --step does not apply; drop one");
        return SM_EXIT_USAGE;
    }
    /* A person reads each step: the default --timeout would withdraw the message meanwhile. */
    if (opts->step && !timeout_given)
        opts->timeout_s = 0.0;
    if (opts->peek && opts->log_path != NULL) {
        snprintf(error, error_size,
                 "--peek looks and takes nothing, so --log does not apply; "
                 "drop it or drop --peek");
        return SM_EXIT_USAGE;
    }
    if (opts->peek && !opts->watch && opts->count > 0) {
        snprintf(error, error_size,
                 "--peek looks once and takes nothing, so --count does not "
                 "apply (it counts views with --watch); drop it or add --watch");
        return SM_EXIT_USAGE;
    }
    if (opts->json && kind == SM_APP_SENDER && opts->message_count == 0 && !opts->from_stdin &&
        !opts->unlink && !opts->help && !opts->version) {
        snprintf(error, error_size,
                 "--json reports headless sends: add --message TEXT or "
                 "--stdin");
        return SM_EXIT_USAGE;
    }
    return SM_EXIT_OK;
}

void sm_app_options_free(sm_app_options *opts)
{
    free(opts->messages);
    opts->messages = NULL;
}

/* --help fits an 80-column terminal (and help2man's man page): lines wrap at this width. */
#define HELP_WIDTH 79

/*
 * Prints left (padded to indent columns, or on its own line if longer), then
 * text word-wrapped to HELP_WIDTH, continuation lines indented by indent.
 */
static void print_wrapped(FILE *out, const char *left, int indent, const char *text)
{
    int column = fprintf(out, "%s", left);
    if (column > indent - 1) {
        fputc('\n', out);
        column = 0;
    }
    fprintf(out, "%*s", indent - column, "");
    column = indent;
    while (*text != '\0') {
        size_t word = strcspn(text, " ");
        if (column > indent && column + 1 + (int)word > HELP_WIDTH) {
            fprintf(out, "\n%*s", indent, "");
            column = indent;
        } else if (column > indent) {
            fputc(' ', out);
            column++;
        }
        fwrite(text, 1, word, out);
        column += (int)word;
        text += word;
        while (*text == ' ')
            text++;
    }
    fputc('\n', out);
}

void sm_app_print_usage(const sm_app_options *opts, bool to_stderr)
{
    FILE *out = to_stderr ? stderr : stdout;
    bool sender = opts->kind == SM_APP_SENDER;
    fprintf(out, "usage: %s [options]\n", opts->program);
    fprintf(out, sender ? "Sends Unicode text through the named shared-memory view (2 KB unless\n"
                          "--view-size says otherwise).\n"
                          "With no --message/--stdin it opens the sender window.\n"
                        : "Receives messages from the named shared-memory view (2 KB unless\n"
                          "--view-size says otherwise).\n"
                          "With no --print it opens the receiver window.\n");
    fprintf(out, "\noptions:\n");
    for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
        if ((flags[f].apps & app_bit(opts->kind)) == 0)
            continue;
        char left[40];
        const char *short_form = flags[f].id == FLAG_HELP      ? "-h, "
                                 : flags[f].id == FLAG_VERSION ? "-V, "
                                                               : "";
        snprintf(left, sizeof left, "  %s%s%s%s", short_form, flags[f].name,
                 flags[f].value ? " " : "", flags[f].value ? flags[f].value : "");
        print_wrapped(out, left, 22, flags[f].help);
    }
    if (sender)
        print_wrapped(out, "  -- TEXT...", 22,
                      "ends the options: each TEXT after it is sent as a message, even one that "
                      "starts with '-'");
    /* One code per entry, so help2man turns them into the man page's list too. */
    fprintf(out, "\nexit codes:\n");
    print_wrapped(out, "  0", 5,
                  sender ? "ok: every message delivered"
                         : "ok: the messages asked for were received");
    print_wrapped(out, "  1", 5, "the mapping could not be used (the message says why)");
    print_wrapped(out, "  2", 5, "usage error: unknown option or bad value");
    print_wrapped(out, "  3", 5,
                  sender ? "timed out: a message was not delivered (and was withdrawn), or the "
                           "lock was held past --timeout"
                         : "timed out: fewer than --count messages arrived, or the lock was held "
                           "past --timeout (--peek: 5 s, or --timeout if shorter)");
    print_wrapped(out, "  4", 5,
                  "text refused: invalid UTF-8, empty, or over BYTES/2-1 UTF-16 "
                  "units (1023 in the default view)");
    if (!sender) {
        print_wrapped(out, "  5", 5,
                      "--print or --log could not be written (the message was "
                      "put back)");
        print_wrapped(out, "  6", 5, "--peek found the slot empty");
        print_wrapped(out, "  7", 5, "--peek found no such mapping (nothing has created it)");
    }
}

void sm_app_print_version(const sm_app_options *opts)
{
    printf("%s %s (wire: UTF-16LE string in a 2048-byte view, classic-compatible)\n", opts->program,
           SAMPLEMAP_VERSION);
}

void sm_app_error(const sm_app_options *opts, const char *message)
{
    fprintf(stderr, "%s: %s\n", opts->program, message);
}

size_t sm_app_max_units(const sm_app_options *opts, const sm_channel *channel)
{
    return channel != NULL ? sm_channel_max_units(channel) : SM_SLOT_TEXT_UNITS(opts->view_bytes);
}
