/* ui_fonts.c - opening the font chain and choosing a face per code point. */
#include "ui_fonts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "ui_fontfind.h"
#include "ui_sysfont.h"

sm_ui_script sm_ui_script_of(uint32_t cp)
{
    if ((cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0xFB1D && cp <= 0xFB4F))
        return SM_UI_SCRIPT_HEBREW;
    if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF))
        return SM_UI_SCRIPT_ARABIC;
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x2E80 && cp <= 0x9FFF) ||
        (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF))
        return SM_UI_SCRIPT_CJK;
    if ((cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0x2B50 ||
        cp == 0x2B55)
        return SM_UI_SCRIPT_EMOJI;
    if (cp >= 0x0E00 && cp <= 0x0E7F)
        return SM_UI_SCRIPT_THAI;
    if ((cp >= 0x0900 && cp <= 0x097F) || (cp >= 0xA8E0 && cp <= 0xA8FF))
        return SM_UI_SCRIPT_DEVANAGARI;
    return SM_UI_SCRIPT_ANY;
}

bool sm_ui_fonts_has(const sm_ui_fonts *fonts, int index, uint32_t cp)
{
    return fonts->list != NULL && index >= 0 && index < fonts->list->count &&
           TTF_GlyphIsProvided32(fonts->list->faces[index].font, cp) != 0;
}

const sm_ui_face *sm_ui_fonts_face(const sm_ui_fonts *fonts, int index)
{
    return &fonts->list->faces[index >= 0 && index < fonts->list->count ? index : 0];
}

static bool add_face(const sm_ui_fonts *fonts, const char *path, long face_index, int size,
                     sm_ui_script script);

/* A face for cp from the installed fonts, by coverage; -1 when there is none. */
static int add_covering_face(const sm_ui_fonts *fonts, uint32_t cp)
{
    sm_ui_face_list *list = fonts->list;
    for (int i = 0; i < list->miss_count && i < SM_UI_FONTS_MISSES; i++)
        if (list->misses[i] == cp)
            return -1;
    char path[1024];
    long face_index = 0;
    if (list->count < SM_UI_FONTS_MAX &&
        sm_ui_sysfont_covering(cp, path, sizeof path, &face_index) &&
        add_face(fonts, path, face_index, fonts->pixel_size, SM_UI_SCRIPT_ANY) &&
        sm_ui_fonts_has(fonts, list->count - 1, cp)) {
        /* --trace fonts: the installed font the coverage search chose (tests, bug reports). */
        sm_trace(SM_TRACE_FONTS, "font for U+%04lX: %s (face %ld)", (unsigned long)cp, path,
                 face_index);
        return list->count - 1;
    }
    list->misses[list->miss_count++ % SM_UI_FONTS_MISSES] = cp;
    return -1;
}

static bool open_source(const sm_ui_fonts *fonts, size_t index);

/*
 * Opens the table's next untried font (of script, or of any script for
 * SM_UI_SCRIPT_ANY) that draws cp; its face index, or -1 when none does.
 * Fallback fonts are opened only here, when a glyph first needs one, so a
 * window that shows Latin text never loads the 19 MB CJK collection.
 */
static int open_untried(const sm_ui_fonts *fonts, sm_ui_script script, uint32_t cp)
{
    size_t count = 0;
    const sm_ui_font_source *sources = sm_ui_font_sources(&count);
    for (size_t i = 0; i < count && i < SM_UI_FONTS_MAX; i++) {
        if (fonts->list->tried[i] || (script != SM_UI_SCRIPT_ANY && sources[i].script != script))
            continue;
        int before = fonts->list->count;
        if (open_source(fonts, i) && sm_ui_fonts_has(fonts, before, cp))
            return before;
    }
    return -1;
}

int sm_ui_fonts_pick(const sm_ui_fonts *fonts, uint32_t cp)
{
    if (fonts->list == NULL)
        return 0;
    /* A script's own face wins: DejaVu has Arabic and a few emoji, but the
       dedicated fonts shape and draw them far better. */
    sm_ui_script script = sm_ui_script_of(cp);
    int count = fonts->list->count;
    if (script != SM_UI_SCRIPT_ANY) {
        for (int i = 0; i < count; i++)
            if (fonts->list->faces[i].script == script && sm_ui_fonts_has(fonts, i, cp))
                return i;
        int opened = open_untried(fonts, script, cp);
        if (opened >= 0)
            return opened;
        count = fonts->list->count;
    }
    for (int i = 0; i < count; i++)
        if (sm_ui_fonts_has(fonts, i, cp))
            return i;
    /* Controls and unassigned code points have no glyph anywhere: not worth a search. */
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;
    int found = open_untried(fonts, SM_UI_SCRIPT_ANY, cp);
    if (found < 0)
        found = add_covering_face(fonts, cp);
    return found >= 0 ? found : 0; /* the primary font draws its "missing glyph" box */
}

/* True for outline fonts: their height changes with the size asked for. */
static bool follows_size(TTF_Font *font, int pixel_size)
{
    int height = TTF_FontHeight(font);
    if (TTF_SetFontSize(font, pixel_size * 2) != 0)
        return true;
    bool follows = TTF_FontHeight(font) != height;
    TTF_SetFontSize(font, pixel_size);
    return follows;
}

/* Opens path at size and appends it to the chain; false if it cannot be opened. */
static bool add_face(const sm_ui_fonts *fonts, const char *path, long face_index, int size,
                     sm_ui_script script)
{
    sm_ui_face_list *list = fonts->list;
    if (list->count >= SM_UI_FONTS_MAX)
        return false;
    TTF_Font *font = TTF_OpenFontIndex(path, size, face_index);
    if (font == NULL)
        return false;
    sm_ui_face *face = &list->faces[list->count++];
    face->font = font;
    face->script = script;
    face->ascent = TTF_FontAscent(font);
    face->scale = 1.0f;
    if (list->count > 1 && !follows_size(font, size)) {
        /* A bitmap strike (colour emoji) ignores the size: draw it shrunk to the line. */
        face->scale = (float)fonts->height / (float)TTF_FontHeight(font);
    }
    return true;
}

/* Locates and opens the table's font index (once: it is then marked tried); true if it opened. */
static bool open_source(const sm_ui_fonts *fonts, size_t index)
{
    size_t count = 0;
    const sm_ui_font_source *source = &sm_ui_font_sources(&count)[index];
    fonts->list->tried[index] = true;
    char path[1024];
    /* At 72 dpi a point is a pixel, so the size is in device pixels. */
    int size = (int)((float)fonts->pixel_size * source->size_factor + 0.5f);
    if (!sm_ui_font_locate(source, path, sizeof path) ||
        !add_face(fonts, path, source->face_index, size, source->script))
        return false;
    /* --trace fonts: which file each face came from, for tests and bug reports. */
    sm_trace(SM_TRACE_FONTS, "font %s: %s", source->asset, path);
    return true;
}

bool sm_ui_fonts_open(sm_ui_fonts *fonts, int pixel_size, char *error, size_t error_size)
{
    memset(fonts, 0, sizeof *fonts);
    fonts->pixel_size = pixel_size;
    fonts->list = calloc(1, sizeof *fonts->list);
    if (fonts->list == NULL) {
        snprintf(error, error_size, "out of memory opening the fonts");
        return false;
    }
    /* Only the primary now: the first general font found (a missing one is fine if a
       later general font can take its place); the others when a glyph needs them. */
    size_t source_count = 0;
    const sm_ui_font_source *sources = sm_ui_font_sources(&source_count);
    for (size_t i = 0; i < source_count && i < SM_UI_FONTS_MAX && fonts->list->count == 0; i++)
        if (sources[i].script == SM_UI_SCRIPT_ANY)
            open_source(fonts, i);
    if (fonts->list->count == 0) {
        snprintf(error, error_size,
                 "no usable font found: install fonts-dejavu-core (or put DejaVuSans.ttf in "
                 "assets/fonts/): %s",
                 TTF_GetError());
        sm_ui_fonts_close(fonts);
        return false;
    }
    fonts->height = TTF_FontHeight(fonts->list->faces[0].font);
    fonts->ascent = fonts->list->faces[0].ascent;
    return true;
}

void sm_ui_fonts_close(sm_ui_fonts *fonts)
{
    for (int i = 0; fonts->list != NULL && i < fonts->list->count; i++)
        TTF_CloseFont(fonts->list->faces[i].font);
    free(fonts->list);
    memset(fonts, 0, sizeof *fonts);
}
