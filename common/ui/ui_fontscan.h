/*
 * ui_fontscan.h - what a font file covers, read with FreeType: every face of
 * it (a .ttc/.otc collection has several), each added to a ui_fontindex with
 * its code points and style. Used where there is no font service to ask
 * (Windows, ui_sysfont_win32.c); plain FreeType, so it is tested on Linux too.
 */
#ifndef SAMPLEMAP_UI_FONTSCAN_H
#define SAMPLEMAP_UI_FONTSCAN_H

#include <stddef.h>

#include "ui_fontindex.h"

/*
 * Indexes each of files into index: one entry per face, faces in file order.
 * A file FreeType cannot read (not a font, unreadable, cut short) gets one
 * entry with face_index -1, so it is not read again until it changes.
 * Returns how many faces were added; out of memory stops early.
 */
size_t sm_ui_fontscan_files(const sm_ui_fontfile *files, size_t count, sm_ui_fontindex *index);

#endif
