/*
 * trace.h - the windows' --trace: diagnostic lines on standard output, only
 * for the categories asked for (docs/diagnostics.md).
 *
 * A window prints nothing on stdout unless --trace names a category; then
 * each event of that category is one line, flushed at once, so a script or a
 * test can follow the window line by line. "state" holds the readiness signal:
 * the line "ready ..." after the window's first frame.
 */
#ifndef SAMPLEMAP_APP_TRACE_H
#define SAMPLEMAP_APP_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h" /* SM_PRINTF_LIKE */

/* The categories, one bit each. */
enum {
    SM_TRACE_STATE = 1u << 0,  /* what the window did: ready, mapping open, delivered N, ... */
    SM_TRACE_FONTS = 1u << 1,  /* which file each font face was loaded from */
    SM_TRACE_FRAMES = 1u << 2, /* receiver: one line per message shown, with its frame's time */
    SM_TRACE_LAYOUT = 1u << 3, /* where the widgets are; the runs of each line shown */
};

/*
 * Parses a comma-separated list of category names ("state,fonts", or "all")
 * into *mask (bits added to it). Returns false, with a one-line error naming
 * the word and "--trace help", on an unknown or empty name.
 */
bool sm_trace_parse(const char *list, unsigned *mask, char *error, size_t error_size);

/* Prints each category with its one-line description (--trace help). */
void sm_trace_print_categories(FILE *out);

/* Turns on the categories of mask for the whole process (before the window opens). */
void sm_trace_enable(unsigned mask);

/* True when category was asked for: callers building a line in pieces check this first. */
bool sm_trace_on(unsigned category);

/* Prints one line (format, then a newline) on stdout and flushes, if category is on. */
SM_PRINTF_LIKE(2, 3) void sm_trace(unsigned category, const char *format, ...);

#endif
