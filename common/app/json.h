/*
 * json.h - the JSON Lines output of --json (receiver, sender, benchmark).
 *
 * One object per line, UTF-8, snake_case keys; every object has "event", a
 * local wall-clock "time" (ISO 8601 with milliseconds and UTC offset) and
 * "monotonic_ns" (the clock of sm_monotonic_ns, for intervals). The schema is
 * in docs/json.md. Strings are escaped here, by JSON's rules, independently
 * of how --print/--log render line breaks: JSON is its own format.
 */
#ifndef SAMPLEMAP_APP_JSON_H
#define SAMPLEMAP_APP_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Writes length bytes of text as a quoted JSON string: '"', '\\' and every
 * control character are escaped (\n, \r, \t, \b, \f or \u00XX), U+2028 and
 * U+2029 too (JavaScript readers split lines there). Text that is not valid
 * UTF-8 has each non-ASCII byte written as \ufffd, so the output is always
 * valid JSON.
 */
void sm_json_string(FILE *out, const char *text, size_t length);

/* Writes `"key":` then the quoted string (NUL-terminated text). */
void sm_json_key_string(FILE *out, const char *key, const char *text);

/*
 * Starts an object: `{"event":"<event>","time":"...","monotonic_ns":N`, the
 * time read now. Continue with `,"key":value` pairs and end with sm_json_end.
 */
void sm_json_begin(FILE *out, const char *event);

/* Ends the object with "}\n" and flushes, so a pipe reader sees each line at once. */
void sm_json_end(FILE *out);

/* Formats a local time as ISO 8601 with milliseconds and offset: "2026-11-23T14:12:08.123+01:00".
 */
void sm_json_format_time(long long seconds, long nanoseconds, char *out, size_t out_size);

#endif
