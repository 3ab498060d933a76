/*
 * ui_text.c - lines laid out by ui_layout (bidi order, runs), shaped and drawn run by run;
 * word-wrap.
 *
 * Drawing calls' results (SDL_Render*, SDL_SetRenderDrawColor, TTF_Set*) are
 * not checked one by one: they fail only for a renderer or font that the
 * window's start-up already checked, and a failed draw leaves one frame
 * short, redrawn at the next change.
 */
#include "ui_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ui_drawcheck.h"
#include "ui_grow.h"
#include "ui_layout.h"
#include "ui_textcache.h"
#include "ui_utf8.h"

static int pick_face(void *context, uint32_t cp)
{
    return sm_ui_fonts_pick(context, cp);
}

static bool face_has(void *context, int face, uint32_t cp)
{
    const sm_ui_fonts *fonts = context;
    /* A shrunk bitmap face's space is as wide as an emoji: spaces go to a text face. */
    if (cp == ' ' && sm_ui_fonts_face(fonts, face)->scale != 1.0f)
        return false;
    return sm_ui_fonts_has(fonts, face, cp);
}

static int scaled(int value, float scale)
{
    return (int)((float)value * scale + 0.5f);
}

/* Sets the run's face up for shaping (direction, script) and copies text[from, to) into buffer. */
static TTF_Font *prepare_run(const sm_ui_fonts *fonts, const char *text, const sm_ui_run *run,
                             size_t from, size_t to, char buffer[SM_UI_RUN_MAX_BYTES + 8])
{
    TTF_Font *font = sm_ui_fonts_face(fonts, run->face)->font;
    TTF_SetFontDirection(font, run->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    /* HarfBuzz needs the script: Arabic letters join only when told "Arab". */
    TTF_SetFontScriptName(font, run->script);
    memcpy(buffer, text + from, to - from);
    buffer[to - from] = '\0';
    return font;
}

/* Width of the part [from, to) of a run, shaped as the run is. */
static int run_part_width(const sm_ui_fonts *fonts, const char *text, const sm_ui_run *run,
                          size_t from, size_t to)
{
    if (to <= from)
        return 0;
    char buffer[SM_UI_RUN_MAX_BYTES + 8];
    TTF_Font *font = prepare_run(fonts, text, run, from, to, buffer);
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font, buffer, &w, &h) != 0)
        return 0;
    return scaled(w, sm_ui_fonts_face(fonts, run->face)->scale);
}

/* A line laid out and measured: where each run starts, relative to the box's left edge. */
typedef struct placed_line {
    sm_ui_line_layout layout;
    int *x, *w; /* per run */
    int width;  /* all runs */
    int left;   /* x of the first run: 0, or box width - width for a right-to-left paragraph */
} placed_line;

static void placed_free(placed_line *line)
{
    sm_ui_layout_free(&line->layout);
    free(line->x);
    free(line->w);
}

static bool place_line(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                       size_t end, int box_width, placed_line *line)
{
    memset(line, 0, sizeof *line);
    sm_ui_layout_faces faces = {(void *)fonts, pick_face, face_has};
    if (!sm_ui_layout_line(text, length, start, end, &faces, &line->layout))
        return false;
    size_t n = line->layout.count > 0 ? line->layout.count : 1;
    line->x = malloc(n * sizeof *line->x);
    line->w = malloc(n * sizeof *line->w);
    if (line->x == NULL || line->w == NULL) {
        placed_free(line);
        return false;
    }
    for (size_t i = 0; i < line->layout.count; i++) {
        const sm_ui_run *run = &line->layout.runs[i];
        line->w[i] = run_part_width(fonts, text, run, run->start, run->end);
        line->width += line->w[i];
    }
    line->left = line->layout.rtl && box_width > line->width ? box_width - line->width : 0;
    for (size_t i = 0, x = (size_t)line->left; i < line->layout.count; x += (size_t)line->w[i++])
        line->x[i] = (int)x;
    return true;
}

int sm_ui_text_width(const sm_ui_fonts *fonts, const char *text, size_t length)
{
    int width = 0;
    if (sm_ui_textcache_width(fonts, text, length, &width))
        return width;
    placed_line line;
    if (!place_line(fonts, text, length, 0, length, 0, &line))
        return 0;
    width = line.width;
    placed_free(&line);
    sm_ui_textcache_set_width(fonts, text, length, width);
    return width;
}

/* Draws one run with its left edge at x; keeps its texture in line (when not NULL). */
static void draw_run(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                     const sm_ui_run *run, int x, int y, SDL_Color color,
                     sm_ui_textcache_line *line, int box_x, int box_y)
{
    char buffer[SM_UI_RUN_MAX_BYTES + 8];
    TTF_Font *font = prepare_run(fonts, text, run, run->start, run->end, buffer);
    SDL_Surface *surface = TTF_RenderUTF8_Blended(font, buffer, color);
    if (surface == NULL)
        return; /* e.g. a run of only zero-width characters */
    const sm_ui_face *face = sm_ui_fonts_face(fonts, run->face);
    SDL_Rect target = {x, y + fonts->ascent - scaled(face->ascent, face->scale),
                       scaled(surface->w, face->scale), scaled(surface->h, face->scale)};
    SDL_Texture *texture = SDL_CreateTextureFromSurface(renderer, surface);
    SDL_FreeSurface(surface);
    if (texture == NULL)
        return;
    sm_ui_drawcheck_draw(renderer, target);
    SDL_RenderCopy(renderer, texture, NULL, &target);
    if (line != NULL)
        sm_ui_textcache_add_run(line, texture,
                                (SDL_Rect){target.x - box_x, target.y - box_y, target.w, target.h});
    else
        SDL_DestroyTexture(texture);
}

/*
 * Draws text[start, end) of text[0, length) in a box width wide at x, y (see
 * sm_ui_text_draw_line); returns the width drawn. From the cache when the
 * frame before drew the same line, else laid out, shaped and kept.
 */
static int draw_cached(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                       size_t length, size_t start, size_t end, int x, int y, int width,
                       SDL_Color color)
{
    sm_ui_textcache_key key = {renderer, fonts, text, length, start, end, width, color};
    int drawn = 0;
    if (sm_ui_textcache_draw(&key, x, y, &drawn))
        return drawn;
    placed_line placed;
    if (!place_line(fonts, text, length, start, end, width, &placed))
        return 0;
    sm_ui_textcache_line *line = sm_ui_textcache_begin(&key);
    for (size_t i = 0; i < placed.layout.count; i++)
        draw_run(renderer, fonts, text, &placed.layout.runs[i], x + placed.x[i], y, color, line, x,
                 y);
    if (line != NULL)
        sm_ui_textcache_finish(line, placed.width);
    drawn = placed.width;
    placed_free(&placed);
    return drawn;
}

int sm_ui_text_draw(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                    size_t length, int x, int y, SDL_Color color)
{
    return draw_cached(renderer, fonts, text, length, 0, length, x, y, 0, color);
}

void sm_ui_text_draw_line(SDL_Renderer *renderer, const sm_ui_fonts *fonts, const char *text,
                          size_t length, size_t start, size_t end, int x, int y, int width,
                          SDL_Color color)
{
    draw_cached(renderer, fonts, text, length, start, end, x, y, width, color);
}

/* The caret's x for offset at in a placed line (see sm_ui_text_caret_x). */
static int placed_caret_x(const sm_ui_fonts *fonts, const char *text, const placed_line *line,
                          size_t at)
{
    const sm_ui_run *runs = line->layout.runs;
    size_t best = line->layout.count;
    for (size_t i = 0; i < line->layout.count; i++) {
        if (runs[i].start <= at && at < runs[i].end) {
            best = i; /* the character after the caret decides where it goes */
            break;
        }
        if (runs[i].start < at && at == runs[i].end)
            best = i; /* at the end of a run: after its last character */
    }
    if (best == line->layout.count)
        return line->layout.rtl ? line->left + line->width : line->left;
    int prefix = run_part_width(fonts, text, &runs[best], runs[best].start, at);
    /* In a right-to-left run the text before the caret is to its right. */
    return runs[best].rtl ? line->x[best] + line->w[best] - prefix : line->x[best] + prefix;
}

int sm_ui_text_caret_x(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                       size_t end, int width, size_t at)
{
    placed_line line;
    if (!place_line(fonts, text, length, start, end, width, &line))
        return 0;
    int x = placed_caret_x(fonts, text, &line, at);
    placed_free(&line);
    return x;
}

size_t sm_ui_text_spans(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                        size_t end, int width, size_t from, size_t to, int spans[][2], size_t max)
{
    placed_line line;
    size_t count = 0;
    if (!place_line(fonts, text, length, start, end, width, &line))
        return 0;
    for (size_t i = 0; i < line.layout.count && count < max; i++) {
        const sm_ui_run *run = &line.layout.runs[i];
        size_t a = from > run->start ? from : run->start;
        size_t b = to < run->end ? to : run->end;
        if (a >= b)
            continue;
        int pa = run_part_width(fonts, text, run, run->start, a);
        int pb = run_part_width(fonts, text, run, run->start, b);
        /* In a right-to-left run the logical start is on the right. */
        spans[count][0] = run->rtl ? line.x[i] + line.w[i] - pb : line.x[i] + pa;
        spans[count][1] = run->rtl ? line.x[i] + line.w[i] - pa : line.x[i] + pb;
        count++;
    }
    placed_free(&line);
    return count;
}

size_t sm_ui_text_hit(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                      size_t end, int width, int x)
{
    placed_line line;
    if (!place_line(fonts, text, length, start, end, width, &line))
        return start;
    /* The code point boundary whose caret is nearest to x, searched in the run under x. */
    size_t best = start;
    int best_distance = -1;
    for (size_t i = 0; i < line.layout.count; i++) {
        const sm_ui_run *run = &line.layout.runs[i];
        bool under = x >= line.x[i] && x < line.x[i] + line.w[i];
        bool outside =
            (i == 0 && x < line.x[i]) || (i + 1 == line.layout.count && x >= line.x[i] + line.w[i]);
        if (!under && !outside)
            continue;
        for (size_t at = run->start;;) {
            int d = abs(placed_caret_x(fonts, text, &line, at) - x);
            if (best_distance < 0 || d < best_distance) {
                best = at;
                best_distance = d;
            }
            if (at >= run->end)
                break;
            uint32_t cp;
            at = sm_ui_utf8_next(text, run->end, at, &cp);
        }
    }
    placed_free(&line);
    return best;
}

size_t sm_ui_text_describe(const sm_ui_fonts *fonts, const char *text, size_t length, size_t start,
                           size_t end, int width, char *out, size_t out_size)
{
    placed_line line;
    size_t missing = 0, used = 0;
    out[0] = '\0';
    if (!place_line(fonts, text, length, start, end, width, &line))
        return 0;
    used += (size_t)snprintf(out, out_size, "%s x=%d w=%d box=%d", line.layout.rtl ? "rtl" : "ltr",
                             line.left, line.width, width);
    for (size_t i = 0; i < line.layout.count && used < out_size; i++) {
        const sm_ui_run *run = &line.layout.runs[i];
        const char *family = TTF_FontFaceFamilyName(sm_ui_fonts_face(fonts, run->face)->font);
        used += (size_t)snprintf(out + used, out_size - used, " %c%s:%.*s%c", run->rtl ? '<' : '[',
                                 family != NULL ? family : "?", (int)(run->end - run->start),
                                 text + run->start, run->rtl ? '>' : ']');
        for (size_t at = run->start; at < run->end;) {
            uint32_t cp;
            at = sm_ui_utf8_next(text, run->end, at, &cp);
            missing += cp >= 0x20 && !sm_ui_fonts_has(fonts, run->face, cp);
        }
    }
    placed_free(&line);
    return missing;
}

size_t sm_ui_text_fit(const sm_ui_fonts *fonts, const char *text, size_t length, int width,
                      bool *cut)
{
    *cut = false;
    if (sm_ui_text_width(fonts, text, length) <= width)
        return length;
    *cut = true;
    int room = width - sm_ui_text_width(fonts, SM_UI_ELLIPSIS, strlen(SM_UI_ELLIPSIS));
    size_t good = 0, bad = length; /* good fits (the empty prefix always does) */
    while (bad - good > 1) {
        size_t middle = good + (bad - good) / 2;
        while (middle > good && (text[middle] & 0xC0) == 0x80)
            middle--; /* a code point boundary */
        if (middle == good) {
            uint32_t cp;
            middle = sm_ui_utf8_next(text, length, good, &cp);
            if (middle >= bad)
                break;
        }
        if (sm_ui_text_width(fonts, text, middle) <= room)
            good = middle;
        else
            bad = middle;
    }
    return sm_ui_text_trim_end(text, good);
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
    size_t bad = end;                                     /* known not to fit */
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
    size_t *items = sm_ui_grow(list->items, &list->capacity, list->count, sizeof *items, 8);
    if (items == NULL)
        return false;
    list->items = items;
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
        if (pos == line_start) {
            /* The rest of the paragraph fits: one line, measured once rather than word by
               word (and the breaks sm_ui_paragraph_lines gives when every paragraph fits). */
            const char *feed = memchr(text + pos, '\n', length - pos);
            size_t end = feed != NULL ? (size_t)(feed - text) : length;
            if (line_width(fonts, text, pos, end) <= width) {
                if (feed == NULL)
                    break;
                ok = offsets_push(&starts, end + 1);
                line_start = last_fit = pos = end + 1;
                previous = 0;
                continue;
            }
        }
        size_t after = pos < length ? sm_ui_utf8_next(text, length, pos, &cp) : pos;
        bool at_end = pos == length;
        bool candidate = at_end || cp == '\n' || (pos > line_start && break_before(previous, cp));
        if (candidate && pos > line_start) {
            if (line_width(fonts, text, line_start, pos) <= width) {
                last_fit = pos;
            } else {
                /* Break at the last fitting opportunity, or inside an over-long word. */
                size_t cut = last_fit > line_start
                                 ? last_fit
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
