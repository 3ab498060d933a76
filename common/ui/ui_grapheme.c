/* ui_grapheme.c - grapheme cluster boundaries with utf8proc (see ui_grapheme.h). */
#include "ui_grapheme.h"

#include <stdint.h>

#include "ui_utf8.h"

#ifdef SAMPLEMAP_HAVE_UTF8PROC
#include <utf8proc.h>

size_t sm_ui_grapheme_next(const char *text, size_t length, size_t pos)
{
    if (pos >= length)
        return length;
    uint32_t previous, next_cp;
    size_t at = sm_ui_utf8_next(text, length, pos, &previous);
    /* The stateful rule sees whole sequences: pairs of regional indicators, emoji ZWJ runs. */
    utf8proc_int32_t state = 0;
    while (at < length) {
        size_t after = sm_ui_utf8_next(text, length, at, &next_cp);
        if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)previous,
                                             (utf8proc_int32_t)next_cp, &state))
            break;
        previous = next_cp;
        at = after;
    }
    return at;
}

size_t sm_ui_grapheme_floor(const char *text, size_t length, size_t pos)
{
    if (pos >= length)
        return length;
    /* From the line's start (a line feed always ends a cluster): boundaries forward. */
    size_t start = pos;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    size_t at = start;
    for (;;) {
        size_t next = sm_ui_grapheme_next(text, length, at);
        if (next > pos || next == at)
            return at;
        at = next;
    }
}

bool sm_ui_grapheme_exact(void) { return true; }
#else
size_t sm_ui_grapheme_next(const char *text, size_t length, size_t pos)
{
    uint32_t cp;
    return pos < length ? sm_ui_utf8_next(text, length, pos, &cp) : length;
}

size_t sm_ui_grapheme_floor(const char *text, size_t length, size_t pos)
{
    if (pos >= length)
        return length;
    while (pos > 0 && (text[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

bool sm_ui_grapheme_exact(void) { return false; }
#endif

size_t sm_ui_grapheme_prev(const char *text, size_t length, size_t pos)
{
    if (pos == 0)
        return 0;
    if (pos > length)
        pos = length;
    return sm_ui_grapheme_floor(text, length, pos - 1);
}
