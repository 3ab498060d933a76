/*
 * receiver_dbwin.h - the receiver as a debug-output monitor (--dbwin): what
 * both faces do with a DBWIN entry (decode, name its process, format, log),
 * and the headless run (--print, --json, --log, --count, --timeout).
 */
#ifndef SAMPLEMAP_RECEIVER_DBWIN_H
#define SAMPLEMAP_RECEIVER_DBWIN_H

#include <stdbool.h>
#include <stdio.h>

#include "dbwin.h"
#include "options.h"

/* The longest text of one entry in UTF-8, with its NUL: each buffer byte is at most 3. */
#define RECEIVER_DBWIN_TEXT_BYTES (SM_DBWIN_TEXT_MAX * 3 + 1)

/* One entry for people: when, who, and the text as UTF-8. */
typedef struct receiver_dbwin_entry {
    unsigned long pid;
    char process[SM_DBWIN_PROCESS_BYTES]; /* the writer's name (sm_dbwin_entry's) */
    char time[48];                        /* local arrival time, ISO 8601 with milliseconds */
    bool ill_formed; /* bytes not valid in the writer's code page: each became U+FFFD */
    size_t length;   /* bytes in text */
    char text[RECEIVER_DBWIN_TEXT_BYTES]; /* UTF-8, trailing newline trimmed */
} receiver_dbwin_entry;

/* Fills out from what the monitor copied (conversion, process name, time). */
void receiver_dbwin_describe(const sm_dbwin_entry *raw, receiver_dbwin_entry *out);

/*
 * The --print / --log line of an entry, NUL-terminated, '\n' included:
 * "<time> [<pid> <process>] <text>", the text escaped as receiver_core_escape
 * does (one entry, one line). Returns its length.
 */
size_t receiver_dbwin_line(const receiver_dbwin_entry *entry, char *out, size_t size);

/*
 * The same line from its parts (the window's Save writes its entries with it): text is
 * cut to RECEIVER_DBWIN_TEXT_BYTES - 1 bytes, the most an entry holds.
 */
size_t receiver_dbwin_format(const char *time, unsigned long pid, const char *process,
                             const char *text, size_t length, char *out, size_t size);

/* The headless monitor; returns SM_EXIT_*. */
int receiver_dbwin_run(const sm_app_options *opts);

#endif
