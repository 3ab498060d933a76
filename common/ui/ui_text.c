/* ui_text.c - runs of one face and direction: measure, draw, word-wrap. */
#include "ui_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ui_utf8.h"

/* Longest run shaped at once: keeps each rendered surface well below texture limits. */
#define RUN_MAX_BYTES 480

typedef struct text_run {
    size_t start, end;   /* byte range in the text */
    int face;            /* index into fonts->faces */
    sm_ui_script script; /* decides shaping direction and script tag */
} text_run;

static bool script_rtl(sm_ui_script script)
{
    return script == SM_UI_SCRIPT_ARABIC || script == SM_UI_SCRIPT_HEBREW;
}

/* Finds the run starting at pos; neutral code points join the run they are in. */
static text_run next_run(const sm_ui_fonts *fonts, const char *text, size_t length, size_t pos)
{
    uint32_t cp;
    text_run run = {pos, sm_ui_utf8_next(text, length, pos, &cp), 0, SM_UI_SCRIPT_ANY};
    run.face = sm_ui_fonts_pick(fonts, cp);
    bool strong_seen = !sm_ui_codepoint_neutral(cp);
    if (strong_seen)
        run.script = sm_ui_script_of(cp);
    while (run.end < length && run.end - run.start < RUN_MAX_BYTES) {
        size_t after = sm_ui_utf8_next(text, length, run.end, &cp);
        /* Neutrals join the run, except spaces after a shrunk bitmap face (an emoji font's
           space is as wide as an emoji). */
        if (sm_ui_codepoint_neutral(cp) && sm_ui_fonts_has(fonts, run.face, cp) &&
            (fonts->faces[run.face].scale == 1.0f || cp != ' ')) {
            run.end = after;
            continue;
        }
        int face = sm_ui_fonts_pick(fonts, cp);
        sm_ui_script script = sm_ui_script_of(cp);
        if (!strong_seen && !sm_ui_codepoint_neutral(cp) &&
            fonts->faces[face].scale == 1.0f) {
            /* Leading spaces and digits take the face of the first letter after them
               (not a shrunk emoji face, whose space is as wide as an emoji). */
            run.face = face;
            run.script = script;
            strong_seen = true;
        } else if (face != run.face || script_rtl(script) != script_rtl(run.script)) {
            break;
        }
        run.end = after;
    }
    return run;
}

/* Prepares the face for the run and copies the run into buffer (NUL-terminated). */
static TTF_Font *prepare_run(const sm_ui_fonts *fonts, const char *text, text_run run,
                             char buffer[RUN_MAX_BYTES + 8])
{
    TTF_Font *font = fonts->faces[run.face].font;
    bool rtl = script_rtl(run.script);
    TTF_SetFontDirection(font, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    /* "Zzzz" (unknown) lets HarfBuzz guess; Arabic needs its tag for joining forms. */
    TTF_SetFontScriptName(font, run.script == SM_UI_SCRIPT_ARABIC   ? "Arab"
                                : run.script == SM_UI_SCRIPT_HEBREW ? "Hebr"
                                                                    : "Zzzz");
    size_t n = run.end - run.start;
    memcpy(buffer, text + run.start, n);
    buffer[n] = '\0';
    return font;
}

static int scaled(int value, float scale) { return (int)((float)value * scale + 0.5f); }

int sm_ui_text_width(const sm_ui_fonts *fonts, const char *text, size_t length)
{
    int total = 0;
    char buffer[RUN_MAX_BYTES + 8];
    for (size_t pos = 0; pos < length;) {
        text_run run = next_run(fonts, text, length, pos);
        TTF_Font *font = prepare_run(fonts, text, run, buffer);
        int w = 0, h = 0;
        if (TTF_SizeUTF8(font, buffer, &w, &h) == 0)
            total += scaled(w, fonts->faces[run.face].scale);
        pos = run.end;
    }
    return total;
}

/* Draws one run at x; returns its width. */
static int draw_run(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                    text_run run, int x, int y, SDL_Color color)
{
    char buffer[RUN_MAX_BYTES + 8];
    TTF_Font *font = prepare_run(fonts, text, run, buffer);
    SDL_Surface *surface = TTF_RenderUTF8_Blended(font, buffer, color);
    if (surface == NULL)
        return 0; /* e.g. a run of only zero-width characters */
    const sm_ui_face *face = &fonts->faces[run.face];
    SDL_Rect target = {x, y + fonts->ascent - scaled(face->ascent, face->scale),
                       scaled(surface->w, face->scale), scaled(surface->h, face->scale)};
    SDL_Texture *texture = SDL_CreateTextureFromSurface(renderer, surface);
    if (texture != NULL) {
        SDL_RenderCopy(renderer, texture, NULL, &target);
        SDL_DestroyTexture(texture);
    }
    SDL_FreeSurface(surface);
    return target.w;
}

int sm_ui_text_draw(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                    size_t length, int x, int y, SDL_Color color)
{
    int start_x = x;
    for (size_t pos = 0; pos < length;) {
        text_run run = next_run(fonts, text, length, pos);
        if (!script_rtl(run.script)) {
            x += draw_run(renderer, fonts, text, run, x, y, color);
            pos = run.end;
            continue;
        }
        /* Adjacent right-to-left runs (Arabic then Hebrew, say) read from the right: find
           them all, then draw them last first. A light stand-in for the bidi algorithm. */
        text_run runs[32];
        size_t count = 0;
        while (pos < length && count < sizeof runs / sizeof runs[0]) {
            text_run next = next_run(fonts, text, length, pos);
            if (!script_rtl(next.script))
                break;
            runs[count++] = next;
            pos = next.end;
        }
        while (count-- > 0)
            x += draw_run(renderer, fonts, text, runs[count], x, y, color);
    }
    return x - start_x;
}

size_t sm_ui_text_trim_end(const char *text, size_t length)
{
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\n' ||
                          text[length - 1] == '\r' || text[length - 1] == '\t'))
        length--;
    return length;
}

static int line_width(const sm_ui_fonts *fonts, const char *text, size_t start, size_t end)
{
    return sm_ui_text_width(fonts, text + start, sm_ui_text_trim_end(text + start, end - start));
}

/* Where a line may break before pos: after spaces, and on either side of an ideograph. */
static bool break_before(uint32_t previous, uint32_t current)
{
    if (previous == ' ' && current != ' ')
        return true;
    return current != ' ' && (sm_ui_script_of(previous) == SM_UI_SCRIPT_CJK ||
                              sm_ui_script_of(current) == SM_UI_SCRIPT_CJK);
}

/* The longest prefix of [start, end) that fits in width: at least one code point. */
static size_t fit_prefix(const sm_ui_fonts *fonts, const char *text, size_t start, size_t end,
                         int width)
{
    uint32_t cp;
    size_t good = sm_ui_utf8_next(text, end, start, &cp); /* fits, by decree: progress */
    size_t bad = end;                                      /* known not to fit */
    for (;;) {
        size_t middle = good + (bad - good) / 2;
        while (middle > good && (text[middle] & 0xC0) == 0x80)
            middle--; /* back to a code point boundary */
        if (middle <= good)
            middle = sm_ui_utf8_next(text, end, good, &cp);
        if (middle >= bad)
            return good;
        if (line_width(fonts, text, start, middle) <= width)
            good = middle;
        else
            bad = middle;
    }
}

typedef struct offsets {
    size_t *items;
    size_t count, capacity;
} offsets;

static bool offsets_push(offsets *list, size_t value)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 8;
        size_t *items = realloc(list->items, capacity * sizeof *items);
        if (items == NULL)
            return false;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = value;
    return true;
}

size_t *sm_ui_text_wrap(const sm_ui_fonts *fonts, const char *text, size_t length, int width,
                        size_t *line_count)
{
    offsets starts = {0};
    bool ok = offsets_push(&starts, 0);
    size_t line_start = 0, last_fit = 0, pos = 0;
    uint32_t previous = 0, cp = 0;
    while (ok && pos <= length) {
        size_t after = pos < length ? sm_ui_utf8_next(text, length, pos, &cp) : pos;
        bool at_end = pos == length;
        bool candidate = at_end || cp == '\n' || (pos > line_start && break_before(previous, cp));
        if (candidate && pos > line_start) {
            if (line_width(fonts, text, line_start, pos) <= width) {
                last_fit = pos;
            } else {
                /* Break at the last fitting opportunity, or inside an over-long word. */
                size_t cut = last_fit > line_start ? last_fit
                                                   : fit_prefix(fonts, text, line_start, pos, width);
                ok = offsets_push(&starts, cut);
                line_start = last_fit = cut;
                previous = 0;
                pos = cut; /* re-measure from the new line start */
                continue;
            }
        }
        if (!at_end && cp == '\n') { /* a hard line break */
            ok = offsets_push(&starts, after);
            line_start = last_fit = after;
            previous = 0;
            pos = after;
            continue;
        }
        if (at_end)
            break;
        previous = cp;
        pos = after;
    }
    /* The end closes the last line; after a final hard break that line is empty. */
    if (ok)
        ok = offsets_push(&starts, length);
    if (!ok) {
        free(starts.items);
        *line_count = 0;
        return NULL;
    }
    *line_count = starts.count - 1;
    return starts.items;
}
