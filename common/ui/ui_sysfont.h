/*
 * ui_sysfont.h - asking the system which installed font to use: by family
 * name, and by coverage (which font has a glyph for this character). One
 * backend per OS: fontconfig on Linux and the BSDs (ui_sysfont_fontconfig.c);
 * on Windows, which has no such service, an index of what every installed
 * font file covers, built with FreeType and cached (ui_sysfont_win32.c).
 */
#ifndef SAMPLEMAP_UI_SYSFONT_H
#define SAMPLEMAP_UI_SYSFONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The file of the installed family, exactly that family (no substitute); false if none. */
bool sm_ui_sysfont_family(const char *family, char *path, size_t path_size);

/*
 * A font file (and the face in it, for collections) with a glyph for cp,
 * preferring sans-serif faces; false when no installed font has one.
 */
bool sm_ui_sysfont_covering(uint32_t cp, char *path, size_t path_size, long *face_index);

#endif
