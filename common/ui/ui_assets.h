/*
 * ui_assets.h - finding files under assets/ (icon, bundled fonts) without
 * depending on the current directory.
 *
 * Looked up in order: $SAMPLEMAP_ASSETS; <exe dir>/assets (the unpacked
 * Windows zip); <exe dir>/../share/samplemap (a relocated install); the
 * compile-time install data dir; the source tree's assets/ (running from the
 * build tree). Paths are UTF-8 on every OS.
 */
#ifndef SAMPLEMAP_UI_ASSETS_H
#define SAMPLEMAP_UI_ASSETS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Finds relative (e.g. "icons/samplemap.bmp") in the asset directories.
 * Returns true and writes the full path to out when a readable file exists.
 */
bool sm_ui_asset_find(const char *relative, char *out, size_t out_size);

/* True when path names a file that can be opened for reading. */
bool sm_ui_file_readable(const char *path);

#endif
