/*
 * ui_fontdirs_win32.c - Windows: the fonts folder as the shell reports it.
 *
 * Windows may live on any drive and in any folder, so the fonts folder is asked
 * for (FOLDERID_Fonts), never assumed to be C:\Windows\Fonts. Since Windows 10
 * 1809 a user can also install fonts without administrator rights, into
 * %LOCALAPPDATA%\Microsoft\Windows\Fonts, which is searched second. Paths are
 * converted from UTF-16 once here, so a user name with non-ASCII letters works
 * (SDL_ttf opens UTF-8 paths through the wide file API).
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h> /* first: the other Windows headers need its types */

#include <knownfolders.h>
#include <shlobj.h>

#include "ui_fontdirs.h"

#include <stdio.h>

/* Writes the known folder id (plus tail, may be empty) as UTF-8 into out; false if unknown. */
static int known_folder(REFKNOWNFOLDERID id, const wchar_t *tail, char *out, int out_size)
{
    PWSTR path = NULL;
    int ok = 0;
    if (SUCCEEDED(SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, NULL, &path))) {
        wchar_t full[SM_UI_FONTDIR_PATH_MAX];
        int n = _snwprintf(full, SM_UI_FONTDIR_PATH_MAX, L"%ls%ls", path, tail);
        ok = n > 0 && n < SM_UI_FONTDIR_PATH_MAX &&
             WideCharToMultiByte(CP_UTF8, 0, full, -1, out, out_size, NULL, NULL) > 0;
    }
    CoTaskMemFree(path); /* documented as required even when the call failed */
    return ok;
}

size_t sm_ui_font_dirs(char dirs[SM_UI_FONTDIRS_MAX][SM_UI_FONTDIR_PATH_MAX])
{
    size_t count = 0;
    if (known_folder(&FOLDERID_Fonts, L"", dirs[count], SM_UI_FONTDIR_PATH_MAX))
        count++;
    if (known_folder(&FOLDERID_LocalAppData, L"\\Microsoft\\Windows\\Fonts", dirs[count],
                     SM_UI_FONTDIR_PATH_MAX))
        count++;
    return count;
}

bool sm_ui_font_posix_paths(void)
{
    return false;
}
