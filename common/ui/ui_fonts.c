/* ui_fonts.c - opening the font chain and choosing a face per code point. */
#include "ui_fonts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_fontfind.h"

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
    if ((cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
        cp == 0x2B50 || cp == 0x2B55)
        return SM_UI_SCRIPT_EMOJI;
    return SM_UI_SCRIPT_ANY;
}

bool sm_ui_codepoint_neutral(uint32_t cp)
{
    /* ASCII spaces, punctuation and digits, plus joiners and variation selectors, which must
       stay with the emoji or letters around them for shaping to combine them. */
    return cp == ' ' || (cp >= 0x21 && cp <= 0x40 && !(cp >= 'A' && cp <= 'Z')) ||
           cp == 0x200D || cp == 0x200C || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x20E3 || cp == 0xA0;
}

bool sm_ui_fonts_has(const sm_ui_fonts *fonts, int index, uint32_t cp)
{
    return index >= 0 && index < fonts->count &&
           TTF_GlyphIsProvided32(fonts->faces[index].font, cp) != 0;
}

int sm_ui_fonts_pick(const sm_ui_fonts *fonts, uint32_t cp)
{
    /* A script's own face wins: DejaVu has Arabic and a few emoji, but the
       dedicated fonts shape and draw them far better. */
    sm_ui_script script = sm_ui_script_of(cp);
    if (script != SM_UI_SCRIPT_ANY)
        for (int i = 0; i < fonts->count; i++)
            if (fonts->faces[i].script == script && sm_ui_fonts_has(fonts, i, cp))
                return i;
    for (int i = 0; i < fonts->count; i++)
        if (sm_ui_fonts_has(fonts, i, cp))
            return i;
    return 0; /* the primary font draws its "missing glyph" box */
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

bool sm_ui_fonts_open(sm_ui_fonts *fonts, int pixel_size, char *error, size_t error_size)
{
    memset(fonts, 0, sizeof *fonts);
    fonts->pixel_size = pixel_size;
    size_t source_count = 0;
    const sm_ui_font_source *sources = sm_ui_font_sources(&source_count);
    for (size_t i = 0; i < source_count && fonts->count < SM_UI_FONTS_MAX; i++) {
        char path[1024];
        /* A missing primary is fine if a later general font can take its place. */
        if (!sm_ui_font_locate(&sources[i], path, sizeof path))
            continue;
        /* At 72 dpi a point is a pixel, so the size is in device pixels. */
        int size = (int)((float)pixel_size * sources[i].size_factor + 0.5f);
        TTF_Font *font = TTF_OpenFontIndex(path, size, sources[i].face_index);
        if (font == NULL)
            continue;
        /* SAMPLEMAP_TRACE_FONTS=1: which file each face came from, for tests and bug reports. */
        if (getenv("SAMPLEMAP_TRACE_FONTS") != NULL) {
            printf("font %s: %s\n", sources[i].asset, path);
            fflush(stdout);
        }
        sm_ui_face *face = &fonts->faces[fonts->count++];
        face->font = font;
        face->script = sources[i].script;
        face->ascent = TTF_FontAscent(font);
        face->scale = 1.0f;
        if (fonts->count == 1) {
            fonts->height = TTF_FontHeight(font);
            fonts->ascent = face->ascent;
        } else if (!follows_size(font, size)) {
            /* A bitmap strike (colour emoji) ignores the size: draw it shrunk to the line. */
            face->scale = (float)fonts->height / (float)TTF_FontHeight(font);
        }
    }
    if (fonts->count == 0) {
        snprintf(error, error_size,
                 "no usable font found: install fonts-dejavu-core (or put DejaVuSans.ttf in "
                 "assets/fonts/): %s", TTF_GetError());
        return false;
    }
    return true;
}

void sm_ui_fonts_close(sm_ui_fonts *fonts)
{
    for (int i = 0; i < fonts->count; i++)
        TTF_CloseFont(fonts->faces[i].font);
    memset(fonts, 0, sizeof *fonts);
}
