/* json.c - JSON Lines output: string escaping and the common fields of every object. */
#include "json.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "os_process.h"
#include "platform.h"
#include "text.h"

/* True if text is valid UTF-8 (the strict encoder of text.c is the judge). */
static bool valid_utf8(const char *text, size_t length)
{
    size_t units = 0;
    return length == 0 || sm_utf8_to_utf16(text, length, NULL, (size_t)-1, &units, NULL) == SM_OK;
}

/*
 * The writers below leave each put's result unchecked on purpose: a stream's
 * error flag is sticky, and whoever ends the line checks fflush and ferror
 * once (receiver_cli.c's print_json; the sender's report, see there).
 */
void sm_json_string(FILE *out, const char *text, size_t length)
{
    bool valid = valid_utf8(text, length);
    fputc('"', out);
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                fprintf(out, "\\u%04x", c);
            } else if (c >= 0x80 && !valid) {
                fputs("\\ufffd", out);
            } else if (c == 0xe2 && i + 2 < length && (unsigned char)text[i + 1] == 0x80 &&
                       ((unsigned char)text[i + 2] == 0xa8 || (unsigned char)text[i + 2] == 0xa9)) {
                /* U+2028 / U+2029 are valid in JSON but end lines for JavaScript. */
                fprintf(out, "\\u%04x", 0x2000 + (unsigned char)text[i + 2] - 0x80);
                i += 2;
            } else {
                fputc(c, out);
            }
        }
    }
    fputc('"', out);
}

void sm_json_key_string(FILE *out, const char *key, const char *text)
{
    fprintf(out, ",\"%s\":", key);
    sm_json_string(out, text, strlen(text));
}

/* Seconds east of UTC for the local time tm_local of the same instant as tm_utc. */
static long utc_offset_seconds(const struct tm *local, const struct tm *utc)
{
    long days = local->tm_yday - utc->tm_yday;
    if (local->tm_year != utc->tm_year)
        days = local->tm_year > utc->tm_year ? 1 : -1; /* the instant straddles New Year */
    return ((days * 24 + local->tm_hour - utc->tm_hour) * 60 + local->tm_min - utc->tm_min) * 60 +
           local->tm_sec - utc->tm_sec;
}

void sm_json_format_time(long long seconds, long nanoseconds, char *out, size_t out_size)
{
    time_t t = (time_t)seconds;
    struct tm local, utc;
    struct tm *p = localtime(&t);
    if (p == NULL) {
        snprintf(out, out_size, "1970-01-01T00:00:00.000+00:00");
        return;
    }
    local = *p;
    p = gmtime(&t);
    utc = p != NULL ? *p : local;
    long offset = utc_offset_seconds(&local, &utc);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
    long minutes = (offset < 0 ? -offset : offset) / 60;
    snprintf(out, out_size, "%s.%03ld%c%02ld:%02ld", date, nanoseconds / 1000000,
             offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

void sm_json_begin(FILE *out, const char *event)
{
    long long seconds = 0;
    long nanoseconds = 0;
    sm_platform_wall_time(&seconds, &nanoseconds);
    unsigned long long monotonic = sm_monotonic_ns();
    char when[48];
    sm_json_format_time(seconds, nanoseconds, when, sizeof when);
    fprintf(out, "{\"event\":\"%s\",\"time\":\"%s\",\"monotonic_ns\":%llu", event, when, monotonic);
}

void sm_json_end(FILE *out)
{
    fputs("}\n", out);
    (void)fflush(out); /* the caller checks the stream (see above sm_json_string) */
}
