/*
 * dbwin.c - what both backends of dbwin.h share: the UTF-8 check and repair
 * of a monitor's text, the cut of a long text into buffer-sized parts, the
 * writers' names, and sm_debug_output (docs/dbwin.md).
 */
#include "dbwin.h"

#include <stdio.h>
#include <string.h>

#include "os_process.h"

void sm_dbwin_name_writer(sm_dbwin_names *names, unsigned long pid, char *out, size_t size)
{
    unsigned long long now = sm_monotonic_ms();
    size_t oldest = 0;
    for (size_t i = 0; i < SM_DBWIN_NAME_CACHE; i++) {
        if (names->recent[i].pid == pid && pid != 0 &&
            now - names->recent[i].when < SM_DBWIN_NAME_CACHE_MS) {
            snprintf(out, size, "%s", names->recent[i].name);
            return;
        }
        if (names->recent[i].when < names->recent[oldest].when)
            oldest = i;
    }
    /* Looked up into the cache's own buffer, so a small out never leaves a cut name there. */
    names->recent[oldest].pid = pid;
    names->recent[oldest].when = now;
    char *name = names->recent[oldest].name;
    if (!sm_process_name(pid, name, sizeof names->recent[oldest].name))
        snprintf(name, sizeof names->recent[oldest].name, "?");
    snprintf(out, size, "%s", name);
}

/* The length of the well-formed UTF-8 sequence at s (left bytes), or 0 if it is ill-formed. */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char low = 0x80, high = 0xBF; /* the second byte's range (RFC 3629 table) */
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            low = 0xA0; /* no overlong forms */
        else if (c == 0xED)
            high = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            low = 0x90;
        else if (c == 0xF4)
            high = 0x8F; /* nothing past U+10FFFF */
    } else
        return 0;
    if (left < need || s[1] < low || s[1] > high)
        return 0;
    for (size_t i = 2; i < need; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return need;
}

size_t sm_dbwin_utf8_repair(const char *bytes, size_t length, char *out, size_t out_size,
                            bool *ill_formed)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    bool bad = false;
    size_t written = 0;
    if (out_size == 0)
        return 0;
    /* The trailing newline a writer adds for the sake of other monitors is not part of the line. */
    if (length > 0 && bytes[length - 1] == '\n')
        length -= length > 1 && bytes[length - 2] == '\r' ? 2 : 1;
    const unsigned char *s = (const unsigned char *)bytes;
    for (size_t i = 0; i < length;) {
        size_t n = utf8_sequence(s + i, length - i);
        const char *piece = n != 0 ? bytes + i : replacement;
        size_t piece_length = n != 0 ? n : 3;
        bad |= n == 0;
        if (written + piece_length + 1 > out_size)
            break; /* out is full: stop at a character boundary */
        memcpy(out + written, piece, piece_length);
        written += piece_length;
        i += n != 0 ? n : 1; /* one ill-formed byte, one U+FFFD */
    }
    out[written] = '\0';
    if (ill_formed != NULL)
        *ill_formed = bad;
    return written;
}

size_t sm_dbwin_part_length(const char *utf8, size_t length, size_t max)
{
    if (length <= max)
        return length;
    size_t cut = max;
    /* Back up over continuation bytes (at most 3) so a character is never split. */
    while (cut > 0 && cut + 3 > max && ((unsigned char)utf8[cut] & 0xC0) == 0x80)
        cut--;
    return cut > 0 ? cut : max;
}

void sm_debug_output(const char *utf8)
{
    /* Like OutputDebugString, it says nothing: debug output must never disturb the program. */
    (void)sm_dbwin_write(NULL, false, utf8, SM_DBWIN_WRITE_WAIT_MS, NULL);
}
