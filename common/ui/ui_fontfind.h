/*
 * ui_fontfind.h - where the font files are: assets/fonts first (bundled),
 * then the usual system paths, then the system's font service (ui_sysfont.h).
 */
#ifndef SAMPLEMAP_UI_FONTFIND_H
#define SAMPLEMAP_UI_FONTFIND_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_script.h"

typedef struct sm_ui_font_source {
    sm_ui_script script;      /* what the font is for */
    const char *asset;        /* file name under assets/fonts/ */
    const char *const *paths; /* NULL-terminated system paths to try */
    const char *fc_family;    /* family to ask the font service for (fontconfig), or NULL */
    long face_index;          /* face in a .ttc collection */
    float size_factor;        /* its size relative to the primary, to match how big it looks */
} sm_ui_font_source;

/* The fonts the chain tries, primary first; *count receives how many. */
const sm_ui_font_source *sm_ui_font_sources(size_t *count);

/* Finds the file for source; true and its path in out when found. */
bool sm_ui_font_locate(const sm_ui_font_source *source, char *out, size_t out_size);

#endif
