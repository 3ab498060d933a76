/* ui_layout.c - bidi levels and visual order (FriBidi), then runs of one level, script and face. */
#include "ui_layout.h"

#include <fribidi.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

#include "ui_utf8.h"

/* One paragraph, decoded: code points with their byte offsets, and what the algorithm made of them.
 */
typedef struct paragraph {
    size_t count; /* code points */
    FriBidiChar *cps;
    size_t *offsets; /* count + 1 byte offsets into the text */
    FriBidiCharType *types;
    FriBidiBracketType *brackets;
    FriBidiLevel *levels;
    FriBidiStrIndex *map; /* visual position -> logical index, after reordering */
    hb_script_t *scripts;
    int *faces;
    FriBidiParType direction; /* resolved: FRIBIDI_PAR_LTR or FRIBIDI_PAR_RTL */
} paragraph;

static void paragraph_free(paragraph *p)
{
    free(p->cps);
    free(p->offsets);
    free(p->types);
    free(p->brackets);
    free(p->levels);
    free(p->map);
    free(p->scripts);
    free(p->faces);
}

static bool paragraph_alloc(paragraph *p, size_t n)
{
    size_t m = n > 0 ? n : 1;
    p->cps = malloc(m * sizeof *p->cps);
    p->offsets = malloc((m + 1) * sizeof *p->offsets);
    p->types = malloc(m * sizeof *p->types);
    p->brackets = malloc(m * sizeof *p->brackets);
    p->levels = malloc(m * sizeof *p->levels);
    p->map = malloc(m * sizeof *p->map);
    p->scripts = malloc(m * sizeof *p->scripts);
    p->faces = malloc(m * sizeof *p->faces);
    return p->cps && p->offsets && p->types && p->brackets && p->levels && p->map && p->scripts &&
           p->faces;
}

/* Scripts that belong to no writing system of their own take their neighbours'. */
static bool script_shared(hb_script_t script)
{
    return script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED ||
           script == HB_SCRIPT_UNKNOWN;
}

/*
 * Script and face of each character of the line [from, to). A character of a
 * shared script (space, digit, punctuation, combining mark) stays with the
 * character before it at the same level when that face draws it, so shaping
 * sees whole words and a mark stays on its letter; leading ones take the
 * script and face of the character after them. Everything else is chosen by
 * the font chain: a digit the Hebrew face lacks goes to a face that has it.
 */
static void assign_faces(paragraph *p, size_t from, size_t to, const sm_ui_layout_faces *faces)
{
    hb_unicode_funcs_t *unicode = hb_unicode_funcs_get_default();
    bool *continued = malloc((to - from + 1) * sizeof *continued);
    for (size_t i = from; i < to; i++) {
        hb_script_t script = hb_unicode_script(unicode, p->cps[i]);
        bool same_level = i > from && p->levels[i] == p->levels[i - 1];
        bool shared = script_shared(script);
        if (shared && same_level && faces->has(faces->context, p->faces[i - 1], p->cps[i])) {
            p->faces[i] = p->faces[i - 1];
            p->scripts[i] = p->scripts[i - 1];
            if (continued != NULL)
                continued[i - from] = true;
            continue;
        }
        p->faces[i] = faces->pick(faces->context, p->cps[i]);
        p->scripts[i] = shared && same_level ? p->scripts[i - 1] : script;
        if (continued != NULL)
            continued[i - from] = false;
    }
    /* Shared characters before a word take its script (one run for "(word" or ") now"), and
       leading ones its face too when it draws them (e.g. " " or "(" before a Hebrew word). */
    for (size_t i = to; i-- > from + 1;) {
        size_t j = i - 1;
        if (p->levels[j] != p->levels[i] || !script_shared(hb_unicode_script(unicode, p->cps[j])))
            continue;
        if (script_shared(p->scripts[j]))
            p->scripts[j] = p->scripts[i];
        if (continued != NULL && !continued[j - from] &&
            faces->has(faces->context, p->faces[i], p->cps[j]))
            p->faces[j] = p->faces[i];
    }
    free(continued);
}

static void script_tag(hb_script_t script, char out[5])
{
    hb_tag_t tag = hb_script_to_iso15924_tag(script_shared(script) ? HB_SCRIPT_COMMON : script);
    out[0] = (char)((tag >> 24) & 0xFF);
    out[1] = (char)((tag >> 16) & 0xFF);
    out[2] = (char)((tag >> 8) & 0xFF);
    out[3] = (char)(tag & 0xFF);
    out[4] = '\0';
}

/* Cuts the visual order of [from, to) into runs; out->runs has room for to - from. */
static void make_runs(const paragraph *p, size_t from, size_t to, sm_ui_line_layout *out)
{
    sm_ui_run *run = NULL;
    size_t last = 0; /* logical index of the character added last */
    for (size_t v = from; v < to; v++) {
        size_t i = (size_t)p->map[v];
        bool rtl = (p->levels[i] & 1) != 0;
        /* Inside a run, visual neighbours are logical neighbours: next for LTR, previous for RTL.
         */
        if (run != NULL && run->level == p->levels[i] && run->face == p->faces[i] &&
            p->scripts[i] == p->scripts[last] && (rtl ? i + 1 == last : i == last + 1)) {
            size_t start = rtl ? p->offsets[i] : run->start;
            size_t end = rtl ? run->end : p->offsets[i + 1];
            if (end - start <= SM_UI_RUN_MAX_BYTES) {
                run->start = start;
                run->end = end;
                last = i;
                continue;
            }
        }
        run = &out->runs[out->count++];
        *run = (sm_ui_run){.start = p->offsets[i],
                           .end = p->offsets[i + 1],
                           .face = p->faces[i],
                           .rtl = rtl,
                           .level = p->levels[i]};
        script_tag(p->scripts[i], run->script);
        last = i;
    }
}

bool sm_ui_layout_line(const char *text, size_t length, size_t line_start, size_t line_end,
                       const sm_ui_layout_faces *faces, sm_ui_line_layout *out)
{
    memset(out, 0, sizeof *out);
    if (line_end > length)
        line_end = length;
    if (line_start > line_end)
        line_start = line_end;
    /* The paragraph: from the line break before the line to the one at or after its start. */
    size_t para_start = line_start, para_end = line_start;
    while (para_start > 0 && text[para_start - 1] != '\n')
        para_start--;
    while (para_end < length && text[para_end] != '\n')
        para_end++;
    if (line_end > para_end)
        line_end = para_end;

    paragraph p = {0};
    size_t n = 0;
    for (size_t pos = para_start; pos < para_end; n++) {
        uint32_t cp;
        pos = sm_ui_utf8_next(text, para_end, pos, &cp);
    }
    bool ok = paragraph_alloc(&p, n);
    out->runs = ok ? malloc((n > 0 ? n : 1) * sizeof *out->runs) : NULL;
    if (out->runs == NULL) {
        paragraph_free(&p);
        return false;
    }
    size_t from = 0, to = 0, pos = para_start;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp;
        if (pos <= line_start)
            from = i;
        if (pos < line_end)
            to = i + 1;
        p.offsets[i] = pos;
        pos = sm_ui_utf8_next(text, para_end, pos, &cp);
        p.cps[i] = cp;
        p.map[i] = (FriBidiStrIndex)i;
    }
    p.offsets[n] = pos;
    p.count = n;
    if (to < from)
        to = from;

    fribidi_get_bidi_types(p.cps, (FriBidiStrIndex)n, p.types);
    fribidi_get_bracket_types(p.cps, (FriBidiStrIndex)n, p.types, p.brackets);
    p.direction = FRIBIDI_PAR_ON; /* from the text: its first strong character */
    if (n == 0 || fribidi_get_par_embedding_levels_ex(p.types, p.brackets, (FriBidiStrIndex)n,
                                                      &p.direction, p.levels) == 0) {
        /* Nothing to order (or FriBidi could not): one left-to-right level. */
        memset(p.levels, 0, (n > 0 ? n : 1) * sizeof *p.levels);
        if (n == 0)
            p.direction = FRIBIDI_PAR_LTR;
    }
    out->rtl = FRIBIDI_IS_RTL(p.direction);
    /* Rule L1 (trailing spaces take the paragraph level) and L2 (reversals) for this line.
       No REORDER_NSM: marks stay after their letter in logical order, as the shaper wants. */
    if (to > from &&
        fribidi_reorder_line(0, p.types, (FriBidiStrIndex)(to - from), (FriBidiStrIndex)from,
                             p.direction, p.levels, NULL, p.map) == 0) {
        for (size_t i = from; i < to; i++)
            p.map[i] = (FriBidiStrIndex)i; /* could not reorder: logical order */
    }
    assign_faces(&p, from, to, faces);
    make_runs(&p, from, to, out);
    paragraph_free(&p);
    return true;
}

void sm_ui_layout_free(sm_ui_line_layout *layout)
{
    free(layout->runs);
    memset(layout, 0, sizeof *layout);
}

bool sm_ui_layout_paragraph_rtl(const char *text, size_t length, size_t at)
{
    size_t start = at < length ? at : length, end = start;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    while (end < length && text[end] != '\n')
        end++;
    /* Only the first strong character counts (rule P2), so stop at it. */
    for (size_t pos = start; pos < end;) {
        uint32_t cp;
        pos = sm_ui_utf8_next(text, end, pos, &cp);
        FriBidiCharType type = fribidi_get_bidi_type(cp);
        if (FRIBIDI_IS_LETTER(type))
            return FRIBIDI_IS_RTL(type);
    }
    return false;
}
