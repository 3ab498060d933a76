/* test_options.c - the shared command line of both apps. */
#include "name.h"
#include "options.h"
#include "test.h"
#include "trace.h"

static int parse(sm_app_kind kind, sm_app_options *opts, char *error, size_t size, int argc,
                 char **argv)
{
    return sm_app_parse(argc, argv, kind, opts, error, size);
}

TEST(options_parse)
{
    sm_app_options opts;
    char error[200];
    char *defaults[] = {"/usr/bin/samplemap-receiver"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 1, defaults), SM_EXIT_OK);
    ASSERT_STR_EQ(opts.program, "samplemap-receiver");
    ASSERT_STR_EQ(opts.name, SM_NAME_DEFAULT);
    ASSERT_EQ(opts.interval_ms, 200);
    ASSERT(!opts.headless);
    ASSERT(!opts.wake);
    sm_app_options_free(&opts);

    /* --wake on both apps; not with --classic (the classic protocol has no signals). */
    char *wake_rx[] = {"r", "--wake", "--print"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 3, wake_rx), SM_EXIT_OK);
    ASSERT(opts.wake);
    sm_app_options_free(&opts);
    char *wake_tx[] = {"s", "--wake", "--message", "x"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 4, wake_tx), SM_EXIT_OK);
    ASSERT(opts.wake);
    sm_app_options_free(&opts);
    char *wake_classic[] = {"s", "--wake", "--classic"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 3, wake_classic), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--wake and --classic");
    sm_app_options_free(&opts);

    char *receiver[] = {"r", "--print", "--count",   "5",     "--timeout=2.5", "--interval",
                        "7", "--name",  "Global\\X", "--log", "out.txt"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 11, receiver), SM_EXIT_OK);
    ASSERT(opts.print && opts.headless);
    ASSERT_EQ(opts.count, 5);
    ASSERT_NEAR(opts.timeout_s, 2.5, 0);
    ASSERT_EQ(opts.interval_ms, 7);
    ASSERT_STR_EQ(opts.name, "Global\\X");
    ASSERT_STR_EQ(opts.log_path, "out.txt");
    sm_app_options_free(&opts);

    char *sender[] = {"s", "--message", "a", "--message=b=c", "--timeout", "0"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 6, sender), SM_EXIT_OK);
    ASSERT_EQ(opts.message_count, 2);
    ASSERT_STR_EQ(opts.messages[0], "a");
    ASSERT_STR_EQ(opts.messages[1], "b=c");
    ASSERT_NEAR(opts.timeout_s, 0, 0);
    ASSERT_EQ(opts.interval_ms, 10);
    sm_app_options_free(&opts);
    return 0;
}

/* Expects argv to be refused with a message containing expected. */
static void refused(sm_app_kind kind, int argc, char **argv, const char *expected)
{
    sm_app_options opts;
    char error[200] = "";
    ASSERT_EQ(parse(kind, &opts, error, sizeof error, argc, argv), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, expected);
    sm_app_options_free(&opts);
}

TEST(options_errors)
{
    char *unknown[] = {"s", "--frobnicate"};
    refused(SM_APP_SENDER, 2, unknown, "unknown option '--frobnicate'");
    char *wrong_app[] = {"s", "--print"};
    refused(SM_APP_SENDER, 2, wrong_app, "it is a receiver option");
    char *missing[] = {"r", "--count"};
    refused(SM_APP_RECEIVER, 2, missing, "--count needs a value");
    char *bad_count[] = {"r", "--count", "0"};
    refused(SM_APP_RECEIVER, 3, bad_count, "--count needs a whole number");
    char *bad_interval[] = {"r", "--interval", "1.5"};
    refused(SM_APP_RECEIVER, 3, bad_interval, "--interval needs whole milliseconds");
    char *bad_timeout[] = {"s", "--timeout", "-1"};
    refused(SM_APP_SENDER, 3, bad_timeout, "--timeout needs seconds");
    char *nan_timeout[] = {"s", "--timeout", "nan"};
    refused(SM_APP_SENDER, 3, nan_timeout, "--timeout needs seconds");
    char *both[] = {"s", "--stdin", "--message", "x"};
    refused(SM_APP_SENDER, 4, both, "cannot be combined");
    char *switch_value[] = {"s", "--stdin=yes"};
    refused(SM_APP_SENDER, 2, switch_value, "takes no value");
    return 0;
}

TEST(options_step_and_watch)
{
    sm_app_options opts;
    char error[400];
    char *step[] = {"s", "--step", "--message", "x"};
    ASSERT_EQ(sm_app_parse(4, step, SM_APP_SENDER, &opts, error, sizeof error), SM_EXIT_OK);
    ASSERT(opts.step);
    ASSERT_NEAR(opts.timeout_s, 0.0, 0); /* a person reads each step: no default timeout */
    sm_app_options_free(&opts);
    char *step_timeout[] = {"s", "--step", "--timeout", "3", "--message", "x"};
    ASSERT_EQ(sm_app_parse(6, step_timeout, SM_APP_SENDER, &opts, error, sizeof error), SM_EXIT_OK);
    ASSERT_NEAR(opts.timeout_s, 3.0, 0); /* an explicit one stays */
    sm_app_options_free(&opts);
    char *watch[] = {"r", "--peek", "--watch", "--all", "--count", "2"};
    ASSERT_EQ(sm_app_parse(6, watch, SM_APP_RECEIVER, &opts, error, sizeof error), SM_EXIT_OK);
    ASSERT(opts.peek && opts.watch && opts.all_rows && opts.headless);
    ASSERT_EQ(opts.count, 2);
    sm_app_options_free(&opts);
    char *watch_sender[] = {"s", "--watch"};
    ASSERT_EQ(sm_app_parse(2, watch_sender, SM_APP_SENDER, &opts, error, sizeof error),
              SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "it is a receiver option");
    sm_app_options_free(&opts);
    return 0;
}

/* Parses argv for kind; returns the exit code and leaves the error text in error. */
static int parse_args(sm_app_kind kind, int argc, char **argv, sm_app_options *opts, char *error)
{
    int code = sm_app_parse(argc, argv, kind, opts, error, 300);
    sm_app_options_free(opts);
    return code;
}

TEST(options_layout_peek_json)
{
    sm_app_options opts;
    char error[300] = "";
    char *defaults[] = {"r"};
    ASSERT_EQ(parse_args(SM_APP_RECEIVER, 1, defaults, &opts, error), SM_EXIT_OK);
    ASSERT_EQ(opts.view_bytes, 2048);
    ASSERT(!opts.peek && !opts.json);
    char *small[] = {"r", "--view-size", "256", "--peek", "--json"};
    ASSERT_EQ(parse_args(SM_APP_RECEIVER, 5, small, &opts, error), SM_EXIT_OK);
    ASSERT_EQ(opts.view_bytes, 256);
    ASSERT(opts.peek && opts.json && opts.headless);
    char *json_only[] = {"r", "--json"};
    ASSERT_EQ(parse_args(SM_APP_RECEIVER, 2, json_only, &opts, error), SM_EXIT_OK);
    ASSERT(opts.json && opts.headless && !opts.print);
    char *sender_json[] = {"s", "--json", "--view-size=4", "--message", "x"};
    ASSERT_EQ(parse_args(SM_APP_SENDER, 5, sender_json, &opts, error), SM_EXIT_OK);
    ASSERT_EQ(opts.view_bytes, 4);
    ASSERT(opts.json);

    const char *bad_sizes[] = {"1023", "2", "0", "65538", "-4", "2k", ""};
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
        char *argv[] = {"s", "--view-size", (char *)bad_sizes[i]};
        ASSERT_EQ(parse_args(SM_APP_SENDER, 3, argv, &opts, error), SM_EXIT_USAGE);
        ASSERT_CONTAINS(error, "--view-size needs an even number of bytes from 4 to 65536");
    }
    char *peek_sender[] = {"s", "--peek"};
    ASSERT_EQ(parse_args(SM_APP_SENDER, 2, peek_sender, &opts, error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "it is a receiver option");
    char *both[] = {"r", "--json", "--print"};
    ASSERT_EQ(parse_args(SM_APP_RECEIVER, 3, both, &opts, error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--json and --print cannot be combined");
    char *peek_count[] = {"r", "--peek", "--count", "2"};
    ASSERT_EQ(parse_args(SM_APP_RECEIVER, 4, peek_count, &opts, error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--peek looks once");
    char *json_nothing[] = {"s", "--json"};
    ASSERT_EQ(parse_args(SM_APP_SENDER, 2, json_nothing, &opts, error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--json reports headless sends");
    return 0;
}

/* --pause-at takes a point the library has (or "help"); --trace a list of categories (or "help").
 */
TEST(options_pause_at_and_trace)
{
    sm_app_options opts;
    char error[200];
    char *pause[] = {"s", "--pause-at", "writer-after-body", "--message", "x"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 5, pause), SM_EXIT_OK);
    ASSERT_STR_EQ(opts.pause_at, "writer-after-body");
    sm_app_options_free(&opts);
    char *pause_help[] = {"r", "--pause-at=help"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 2, pause_help), SM_EXIT_OK);
    ASSERT(opts.pause_help);
    ASSERT_NULL(opts.pause_at);
    sm_app_options_free(&opts);
    char *trace[] = {"r", "--trace", "state,fonts", "--trace=layout"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 4, trace), SM_EXIT_OK);
    ASSERT_EQ(opts.trace, SM_TRACE_STATE | SM_TRACE_FONTS | SM_TRACE_LAYOUT);
    sm_app_options_free(&opts);
    char *trace_all[] = {"s", "--trace", "all"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 3, trace_all), SM_EXIT_OK);
    ASSERT_EQ(opts.trace, SM_TRACE_STATE | SM_TRACE_FONTS | SM_TRACE_FRAMES | SM_TRACE_LAYOUT);
    sm_app_options_free(&opts);
    char *trace_help[] = {"s", "--trace", "help"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 3, trace_help), SM_EXIT_OK);
    ASSERT(opts.trace_help);
    ASSERT_EQ(opts.trace, 0);
    sm_app_options_free(&opts);

    char *unknown_point[] = {"s", "--pause-at", "writer-asleep"};
    refused(SM_APP_SENDER, 3, unknown_point,
            "no protocol point 'writer-asleep'; '--pause-at help'");
    char *unknown_category[] = {"r", "--trace", "state,colours"};
    refused(SM_APP_RECEIVER, 3, unknown_category, "no category 'colours'; '--trace help'");
    char *empty_category[] = {"r", "--trace", "state,"};
    refused(SM_APP_RECEIVER, 3, empty_category, "no category ''");
    char *headless_trace[] = {"r", "--trace", "state", "--print"};
    refused(SM_APP_RECEIVER, 4, headless_trace, "--trace follows the windows");
    char *pause_stdin[] = {"s", "--pause-at", "writer-locked", "--stdin"};
    refused(SM_APP_SENDER, 4, pause_stdin, "cannot be combined with --stdin");
    return 0;
}

TEST(options_dbwin)
{
    sm_app_options opts;
    char error[300];
    /* The receiver's window or headless monitor; --name (POSIX) picks the buffer, else NULL. */
    char *window[] = {"r", "--dbwin"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 2, window), SM_EXIT_OK);
    ASSERT(opts.dbwin);
    ASSERT(!opts.headless);
    ASSERT_NULL(opts.dbwin_name);
    sm_app_options_free(&opts);
    char *headless[] = {"r", "--dbwin", "--global", "--json", "--name", "buf"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 6, headless), SM_EXIT_OK);
    ASSERT(opts.headless);
    ASSERT(opts.global);
    ASSERT_STR_EQ(opts.dbwin_name, "buf");
    sm_app_options_free(&opts);
    /* --global needs --dbwin; --dbwin refuses what its protocol does not have. */
    char *global_alone[] = {"r", "--global", "--print"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 3, global_alone), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "add --dbwin");
    sm_app_options_free(&opts);
    char *with_wake[] = {"r", "--dbwin", "--wake", "--print"};
    ASSERT_EQ(parse(SM_APP_RECEIVER, &opts, error, sizeof error, 4, with_wake), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "has no --wake");
    sm_app_options_free(&opts);
    /* The sender writes only headless, and reports by its exit code, not JSON. */
    char *sender_window[] = {"s", "--dbwin"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 2, sender_window), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--message TEXT or --stdin");
    sm_app_options_free(&opts);
    char *sender_json[] = {"s", "--dbwin", "--json", "--message", "x"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 5, sender_json), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "drop --json");
    sm_app_options_free(&opts);
    char *sender[] = {"s", "--dbwin", "--message", "x", "--stdin"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 5, sender), SM_EXIT_USAGE);
    sm_app_options_free(&opts);
    char *sender_ok[] = {"s", "--dbwin", "--message", "x"};
    ASSERT_EQ(parse(SM_APP_SENDER, &opts, error, sizeof error, 4, sender_ok), SM_EXIT_OK);
    ASSERT(opts.dbwin);
    sm_app_options_free(&opts);
    return 0;
}

/* --theme: the four names, system by default; anything else names the valid values. */
TEST(options_theme)
{
    sm_app_options opts;
    char error[400];
    char *none[] = {"r"};
    ASSERT_EQ(sm_app_parse(1, none, SM_APP_RECEIVER, &opts, error, sizeof error), SM_EXIT_OK);
    ASSERT_EQ((int)opts.theme, (int)SM_APP_THEME_SYSTEM);
    sm_app_options_free(&opts);
    const char *names[] = {"system", "light", "dark", "contrast"};
    const sm_app_theme themes[] = {SM_APP_THEME_SYSTEM, SM_APP_THEME_LIGHT, SM_APP_THEME_DARK,
                                   SM_APP_THEME_CONTRAST};
    for (size_t i = 0; i < 4; i++) {
        char *argv[] = {"s", "--theme", (char *)names[i]};
        ASSERT_EQ(sm_app_parse(3, argv, SM_APP_SENDER, &opts, error, sizeof error), SM_EXIT_OK);
        ASSERT_EQ((int)opts.theme, (int)themes[i]);
        sm_app_options_free(&opts);
    }
    char *bad[] = {"r", "--theme=Dark"};
    ASSERT_EQ(sm_app_parse(2, bad, SM_APP_RECEIVER, &opts, error, sizeof error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--theme needs light, dark, contrast or system, not 'Dark'");
    sm_app_options_free(&opts);
    return 0;
}
