/* ui_fontdirs_posix.c - POSIX: font-table entries are absolute paths, plus fontconfig. */
#include "ui_fontdirs.h"

size_t sm_ui_font_dirs(char dirs[SM_UI_FONTDIRS_MAX][SM_UI_FONTDIR_PATH_MAX])
{
    (void)dirs; /* no folder to search by bare file name */
    return 0;
}
