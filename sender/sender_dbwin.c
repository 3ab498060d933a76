/*
 * sender_dbwin.c - samplemap-sender --dbwin: each --message or --stdin line
 * goes to the debug-output monitor through sm_dbwin_write, the call behind
 * sm_debug_output (docs/dbwin.md). Unlike OutputDebugString it tells what
 * happened: exit 1 when no monitor runs (nothing is kept for a later one),
 * 3 when the monitor kept the buffer busy past --timeout.
 */
#include "sender_dbwin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbwin.h"

/* Writes one text; SM_EXIT_OK or the exit code of its failure (reported). */
static int write_one(const sm_app_options *opts, const char *where, const char *text, size_t length)
{
    static char repaired[SM_DBWIN_TEXT_MAX * 3 + 8];
    bool ill_formed = false;
    /* Checked as UTF-8 (the bytes travel as they are: a monitor reads UTF-8 on POSIX). */
    for (size_t done = 0; done < length && !ill_formed;) {
        size_t part = length - done < SM_DBWIN_TEXT_MAX ? length - done : SM_DBWIN_TEXT_MAX;
        part = sm_dbwin_part_length(text + done, length - done, part);
        (void)sm_dbwin_utf8_repair(text + done, part, repaired, sizeof repaired, &ill_formed);
        done += part;
    }
    if (ill_formed || memchr(text, '\0', length) != NULL) {
        fprintf(stderr, "%s: %s: not UTF-8 text (or holds a NUL byte); nothing was written\n",
                opts->program, where);
        return SM_EXIT_BAD_TEXT;
    }
    sm_error err;
    unsigned timeout_ms = opts->timeout_s > 0 ? (unsigned)(opts->timeout_s * 1000.0) : 0xFFFFFFFFu;
    sm_status status = sm_dbwin_write(opts->dbwin_name, opts->global, text, timeout_ms, &err);
    if (status == SM_OK)
        return SM_EXIT_OK;
    fprintf(stderr, "%s: %s: %s\n", opts->program, where,
            err.message); /* it says what became of it */
    return status == SM_ERR_TIMEOUT        ? SM_EXIT_TIMEOUT
           : status == SM_ERR_TEXT_INVALID ? SM_EXIT_BAD_TEXT
                                           : SM_EXIT_FAILURE;
}

int sender_dbwin_run(const sm_app_options *opts)
{
    char where[64];
    for (size_t i = 0; i < opts->message_count; i++) {
        snprintf(where, sizeof where, "--message #%zu", i + 1);
        int code = write_one(opts, where, opts->messages[i], strlen(opts->messages[i]));
        if (code != SM_EXIT_OK)
            return code;
    }
    if (!opts->from_stdin)
        return SM_EXIT_OK;
    char *line = NULL;
    size_t capacity = 0;
    unsigned long number = 0;
    int code = SM_EXIT_OK;
    for (;;) {
        /* A line at a time, any length (long ones go as several messages). */
        size_t length = 0;
        int c;
        while ((c = getchar()) != EOF && c != '\n') {
            if (length + 2 > capacity) {
                size_t grown = capacity == 0 ? 256 : capacity * 2;
                char *bigger = realloc(line, grown);
                if (bigger == NULL) {
                    fprintf(stderr, "%s: out of memory for a stdin line\n", opts->program);
                    free(line);
                    return SM_EXIT_FAILURE;
                }
                line = bigger;
                capacity = grown;
            }
            line[length++] = (char)c;
        }
        if (c == EOF && length == 0)
            break;
        if (length > 0 && line[length - 1] == '\r')
            length--;       /* a CRLF file's line is the same line */
        if (line == NULL) { /* an empty first line: nothing allocated yet */
            line = malloc(1);
            if (line == NULL)
                return SM_EXIT_FAILURE;
            capacity = 1;
        }
        line[length] = '\0';
        snprintf(where, sizeof where, "stdin line %lu", ++number);
        code = write_one(opts, where, line, length);
        if (code != SM_EXIT_OK || c == EOF)
            break;
    }
    free(line);
    if (ferror(stdin) && code == SM_EXIT_OK) {
        fprintf(stderr, "%s: reading standard input failed; nothing more was written\n",
                opts->program);
        code = SM_EXIT_FAILURE;
    }
    return code;
}
