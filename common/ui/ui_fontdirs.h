/*
 * ui_fontdirs.h - the folders where this system keeps its installed fonts, for
 * font-table entries given as a bare file name (see ui_fontfind.c).
 *
 * One backend per OS, chosen by CMake: Windows asks the shell where the fonts
 * folder is (it need not be C:\Windows\Fonts) and adds the per-user fonts
 * folder; POSIX systems answer with absolute paths and fontconfig instead, so
 * their backend lists no folder.
 */
#ifndef SAMPLEMAP_UI_FONTDIRS_H
#define SAMPLEMAP_UI_FONTDIRS_H

#include <stddef.h>

#define SM_UI_FONTDIRS_MAX 2
#define SM_UI_FONTDIR_PATH_MAX 1024

/*
 * Fills dirs with up to SM_UI_FONTDIRS_MAX folders (UTF-8, no trailing
 * separator), most important first, and returns how many. Never fails: a
 * folder the system cannot report is left out.
 */
size_t sm_ui_font_dirs(char dirs[SM_UI_FONTDIRS_MAX][SM_UI_FONTDIR_PATH_MAX]);

#endif
