/* ui_grapheme.c - grapheme cluster boundaries with utf8proc (see ui_grapheme.h). */
#include "ui_grapheme.h"

#include <stdbool.h>
#include <stdint.h>

#include "ui_utf8.h"

#ifdef SAMPLEMAP_HAVE_UTF8PROC
#include <utf8proc.h>

/*
 * Unicode 15.1's rule GB9c keeps an Indic conjunct together: a consonant,
 * a virama ("linker"), then another consonant of the same script (क्ष is one
 * character, not क् + ष). utf8proc 2.8 (Debian 12) implements Unicode 15.0,
 * which lacks it, so the rule is added here. Its data are the six viramas that
 * UAX #29 names as Indic_Conjunct_Break=Linker (Devanagari, Bengali, Gujarati,
 * Oriya, Telugu, Malayalam: each at offset 0x4D of its 128-code-point block);
 * a consonant is a letter (utf8proc's category Lo) of the same block, and what
 * may stand between is what utf8proc calls Extend or ZWJ. Drop this once
 * utf8proc has GB9c (2.9 and later).
 */
static uint32_t conjunct_block(uint32_t cp)
{
    uint32_t block = cp & ~0x7Fu;
    return block == 0x0900 || block == 0x0980 || block == 0x0A80 || block == 0x0B00 ||
                   block == 0x0C00 || block == 0x0D00
               ? block
               : 0;
}

static bool conjunct_consonant(uint32_t cp, uint32_t block)
{
    return block != 0 && conjunct_block(cp) == block &&
           utf8proc_get_property((utf8proc_int32_t)cp)->category == UTF8PROC_CATEGORY_LO;
}

/* Where a cluster stands in GB9c's pattern: nothing, after a consonant, after its linker. */
typedef struct conjunct_state {
    enum { CONJUNCT_NONE, CONJUNCT_CONSONANT, CONJUNCT_LINKED } stage;
    uint32_t block;
} conjunct_state;

static void conjunct_step(conjunct_state *state, uint32_t cp)
{
    int boundclass = utf8proc_get_property((utf8proc_int32_t)cp)->boundclass;
    if (conjunct_consonant(cp, conjunct_block(cp))) {
        state->stage = CONJUNCT_CONSONANT;
        state->block = conjunct_block(cp);
    } else if (state->stage != CONJUNCT_NONE && cp == state->block + 0x4D) {
        state->stage = CONJUNCT_LINKED; /* the virama of the consonant's own script */
    } else if (state->stage == CONJUNCT_NONE || (boundclass != UTF8PROC_BOUNDCLASS_EXTEND &&
                                                 boundclass != UTF8PROC_BOUNDCLASS_ZWJ)) {
        state->stage = CONJUNCT_NONE;
    }
}

size_t sm_ui_grapheme_next(const char *text, size_t length, size_t pos)
{
    if (pos >= length)
        return length;
    uint32_t previous, next_cp;
    size_t at = sm_ui_utf8_next(text, length, pos, &previous);
    /* The stateful rule sees whole sequences: pairs of regional indicators, emoji ZWJ runs. */
    utf8proc_int32_t state = 0;
    conjunct_state conjunct = {CONJUNCT_NONE, 0};
    conjunct_step(&conjunct, previous);
    while (at < length) {
        size_t after = sm_ui_utf8_next(text, length, at, &next_cp);
        bool joins = conjunct.stage == CONJUNCT_LINKED &&
                     conjunct_consonant(next_cp, conjunct.block); /* GB9c */
        if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)previous, (utf8proc_int32_t)next_cp,
                                             &state) &&
            !joins)
            break;
        conjunct_step(&conjunct, next_cp);
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

bool sm_ui_grapheme_exact(void)
{
    return true;
}
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

bool sm_ui_grapheme_exact(void)
{
    return false;
}
#endif

size_t sm_ui_grapheme_prev(const char *text, size_t length, size_t pos)
{
    if (pos == 0)
        return 0;
    if (pos > length)
        pos = length;
    return sm_ui_grapheme_floor(text, length, pos - 1);
}
