/*
 * ui_assets.h - finding files under assets/ (icon, bundled fonts) without
 * depending on the current directory.
 *
 * Looked up in order: $SAMPLEMAP_ASSETS; then, on Windows, <exe dir>/assets
 * only (the unpacked zip); elsewhere <exe dir>/../share/samplemap (a relocated
 * install) and the compile-time install data dir (<prefix>/share/samplemap).
 * The build tree is laid out the same way: CMake copies assets/ beside its
 * programs (common/ui/CMakeLists.txt). No path of the source tree is compiled
 * in: an installed program must never read a file from the build machine's
 * scratch directories, where another local user could plant one (#30;
 * install.assets_not_from_source). Paths are UTF-8 on every OS.
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
