/*
 * options.h - the command line shared by samplemap-sender and -receiver.
 *
 * One parser serves both apps so flags, defaults, messages and exit codes
 * cannot drift apart. Each flag says which app accepts it.
 */
#ifndef SAMPLEMAP_APP_OPTIONS_H
#define SAMPLEMAP_APP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes of both apps (also listed in --help and the README). */
enum {
    SM_EXIT_OK = 0,       /* done: delivered / received what was asked */
    SM_EXIT_FAILURE = 1,  /* the mapping could not be used (message says why) */
    SM_EXIT_USAGE = 2,    /* unknown flag or bad value */
    SM_EXIT_TIMEOUT = 3,  /* not delivered / not enough messages within --timeout */
    SM_EXIT_BAD_TEXT = 4, /* text refused: invalid UTF-8, too long, empty */
    SM_EXIT_OUTPUT = 5, /* receiver: --print/--log could not be written; the message was put back */
    SM_EXIT_EMPTY = 6,  /* receiver --peek: the slot is empty (nothing printed) */
    SM_EXIT_NO_MAPPING = 7, /* receiver --peek: no mapping of that name exists */
};

/* The largest --timeout: its milliseconds must fit an unsigned int (about 49.7 days). */
#define SM_TIMEOUT_MAX_S 4294966

typedef enum sm_app_kind { SM_APP_SENDER, SM_APP_RECEIVER } sm_app_kind;

/* --theme: the windows' colours (common/ui/ui_theme.h). */
typedef enum sm_app_theme {
    SM_APP_THEME_SYSTEM,  /* what the desktop asks for (the default) */
    SM_APP_THEME_LIGHT,   /* dark text on light grey */
    SM_APP_THEME_DARK,    /* light text on dark grey */
    SM_APP_THEME_CONTRAST /* high contrast: white and yellow on black */
} sm_app_theme;

typedef struct sm_app_options {
    sm_app_kind kind;    /* which app is parsing */
    const char *program; /* argv[0]'s base name, for messages */
    const char *name;    /* --name, default SM_NAME_DEFAULT */
    bool help;           /* --help */
    bool version;        /* --version */
    bool unlink;         /* --unlink: remove the named objects and exit */
    bool list; /* receiver --list: the channels this user can see (--unlink: the stale ones go) */
    bool headless;         /* any headless flag given: no window */
    const char **messages; /* sender --message TEXT (repeatable), in order */
    size_t message_count;  /* how many --message */
    bool from_stdin;       /* sender --stdin: one message per line */
    bool print;            /* receiver --print: one UTF-8 line per message */
    long count;            /* receiver --count N, 0 = no limit */
    double timeout_s;      /* --timeout S; 0 = wait forever */
    unsigned interval_ms;  /* --interval MS: poll period */
    const char *log_path;  /* receiver --log FILE: append each message */
    bool classic;          /* --classic: the seeds' unsafe protocol, for teaching */
    bool wake;             /* --wake: spin briefly, then sleep until signalled */
    size_t view_bytes;     /* --view-size BYTES: the view's size, default SM_SLOT_BYTES */
    bool peek;             /* receiver --peek: show the slot's message without taking it */
    bool json;             /* --json: one JSON object per line instead of text (docs/json.md) */
    bool watch;            /* receiver --peek --watch: show the view's bytes whenever they change */
    bool all_rows;         /* receiver --all: --watch prints every row, not up to the terminator */
    bool step;             /* --step: stop at each protocol step until Enter / the Step button */
    const char *pause_at;  /* --pause-at POINT: stop once there (one of sm_hook_points()) */
    bool pause_help;       /* --pause-at help: list the points and exit */
    unsigned trace;        /* --trace LIST: the SM_TRACE_* categories the window prints */
    bool trace_help;       /* --trace help: list the categories and exit */
    bool dbwin;            /* --dbwin: the debug-output channel (docs/dbwin.md) */
    bool global;           /* --global: its Global\ objects */
    const char *dbwin_name; /* --dbwin --name NAME, else NULL (DBWIN_BUFFER) */
    bool has_position;      /* --geometry X,Y given (window only) */
    int window_x, window_y; /* --geometry: top-left corner of the window */
    sm_app_theme theme;     /* --theme (window only), default SM_APP_THEME_SYSTEM */
} sm_app_options;

/*
 * Parses argv into opts. Returns SM_EXIT_OK, or SM_EXIT_USAGE after writing a
 * one-line error (naming the flag and what is expected) into error.
 */
int sm_app_parse(int argc, char **argv, sm_app_kind kind, sm_app_options *opts, char *error,
                 size_t error_size);

/* Frees what sm_app_parse allocated. */
void sm_app_options_free(sm_app_options *opts);

struct sm_channel;
/*
 * The longest message, in UTF-16 units: the open channel's own limit
 * (sm_channel_max_units), or, before one is open (channel NULL), what a view
 * of --view-size holds. The one place the apps ask; no app divides a size.
 */
size_t sm_app_max_units(const sm_app_options *opts, const struct sm_channel *channel);

/* Prints the usage text of the app to stdout (for --help) or stderr. */
void sm_app_print_usage(const sm_app_options *opts, bool to_stderr);

/* Prints "<program> <version>" and the protocol description line. */
void sm_app_print_version(const sm_app_options *opts);

/* Prints "<program>: <message>" on stderr, one line. */
void sm_app_error(const sm_app_options *opts, const char *message);

#endif
