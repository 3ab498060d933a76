/*
 * ui_sysfont_win32.c - Windows: fonts by family and by coverage, from an index
 * of every installed font file (Windows has no fontconfig to ask).
 *
 * The installed fonts are the files in the fonts folder (FOLDERID_Fonts) and
 * the per-user one (%LOCALAPPDATA%\Microsoft\Windows\Fonts), as ui_fontdirs.h
 * reports them. Each file is read once with FreeType (ui_fontscan.h) and what
 * it covers is cached in %LOCALAPPDATA%\SampleMap\fontindex.txt, keyed by path,
 * size and modification time (ui_fontindex.h): a later start reads the cache
 * and indexes only new or changed files; removed ones are dropped; a cache
 * that does not parse is rebuilt. The index is built on the first question:
 * with the primary font found by its file name, when a character first needs
 * another font.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h> /* first: the other Windows headers need its types */

#include <knownfolders.h>
#include <shlobj.h>

#include "ui_sysfont.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "ui_fontdirs.h"
#include "ui_fontindex.h"
#include "ui_fonts.h"
#include "ui_fontscan.h"
#include "ui_grow.h"

static sm_ui_fontindex installed; /* every face of every installed font file */
static bool installed_loaded;

/* The font files found so far, and their paths' storage. */
typedef struct file_list {
    sm_ui_fontfile *files;
    size_t count, capacity;
} file_list;

static bool is_font_name(const wchar_t *name)
{
    const wchar_t *dot = wcsrchr(name, L'.');
    return dot != NULL && (_wcsicmp(dot, L".ttf") == 0 || _wcsicmp(dot, L".ttc") == 0 ||
                           _wcsicmp(dot, L".otf") == 0 || _wcsicmp(dot, L".otc") == 0);
}

/* Appends the font files of dir (UTF-8) to list; a folder that cannot be read adds none. */
static void list_fonts(const char *dir, file_list *list)
{
    wchar_t pattern[SM_UI_FONTDIR_PATH_MAX + 4];
    int n = MultiByteToWideChar(CP_UTF8, 0, dir, -1, pattern, SM_UI_FONTDIR_PATH_MAX);
    if (n <= 0)
        return;
    wcscat(pattern, L"\\*");
    WIN32_FIND_DATAW found;
    HANDLE search = FindFirstFileW(pattern, &found);
    if (search == INVALID_HANDLE_VALUE)
        return;
    do {
        char name[MAX_PATH * 3];
        if ((found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || !is_font_name(found.cFileName) ||
            WideCharToMultiByte(CP_UTF8, 0, found.cFileName, -1, name, sizeof name, NULL, NULL) <=
                0)
            continue;
        sm_ui_fontfile *files =
            sm_ui_grow(list->files, &list->capacity, list->count, sizeof *files, 256);
        if (files == NULL)
            break;
        list->files = files;
        size_t length = strlen(dir) + 1 + strlen(name) + 1;
        char *path = malloc(length);
        if (path == NULL)
            break;
        snprintf(path, length, "%s\\%s", dir, name);
        /* FILETIME: 100 ns since 1601, far inside a long long for the next 28 000 years. */
        list->files[list->count++] = (sm_ui_fontfile){
            path, (long long)(((unsigned long long)found.nFileSizeHigh << 32) | found.nFileSizeLow),
            (long long)(((unsigned long long)found.ftLastWriteTime.dwHighDateTime << 32) |
                        found.ftLastWriteTime.dwLowDateTime)};
    } while (FindNextFileW(search, &found));
    FindClose(search);
}

/* %LOCALAPPDATA%\SampleMap\fontindex.txt (the folder created if need be); false if unknown. */
static bool cache_path(wchar_t *out, size_t out_count)
{
    PWSTR local = NULL;
    bool ok = false;
    if (SUCCEEDED(SHGetKnownFolderPath(&FOLDERID_LocalAppData, KF_FLAG_DEFAULT, NULL, &local))) {
        int n = _snwprintf(out, out_count, L"%ls\\SampleMap", local);
        ok = n > 0 && (size_t)n < out_count;
        if (ok)
            CreateDirectoryW(out, NULL); /* fails harmlessly when it exists */
        n = _snwprintf(out, out_count, L"%ls\\SampleMap\\fontindex.txt", local);
        ok = ok && n > 0 && (size_t)n < out_count;
    }
    CoTaskMemFree(local);
    return ok;
}

/* The cache into index (empty on return if there is none or it does not parse). */
static bool read_cache(const wchar_t *path, sm_ui_fontindex *index)
{
    FILE *file = _wfopen(path, L"rb");
    if (file == NULL)
        return false;
    char *text = NULL;
    size_t length = 0, capacity = 0;
    bool ok = true;
    for (;;) {
        if (length == capacity) {
            /* A cache beyond 256 MB is not ours: a real one is a few MB at most. */
            char *grown =
                capacity < (256u << 20) ? realloc(text, capacity ? capacity * 2 : 1 << 16) : NULL;
            if (grown == NULL) {
                ok = false;
                break;
            }
            text = grown;
            capacity = capacity ? capacity * 2 : 1 << 16;
        }
        size_t got = fread(text + length, 1, capacity - length, file);
        length += got;
        if (got == 0)
            break;
    }
    ok = ok && !ferror(file);
    fclose(file);
    char error[160] = "too large or unreadable";
    if (ok)
        ok = sm_ui_fontindex_parse(text, length, index, error, sizeof error);
    free(text);
    if (!ok)
        sm_trace(SM_TRACE_FONTS, "font cache unusable (%s): the index is rebuilt", error);
    return ok;
}

/* Writes index as the cache: into a file of this process, then renamed over the old one. */
static void write_cache(const wchar_t *path, const sm_ui_fontindex *index)
{
    size_t length = 0;
    char *text = sm_ui_fontindex_format(index, &length);
    wchar_t temporary[MAX_PATH + 64];
    if (text == NULL || _snwprintf(temporary, MAX_PATH + 64, L"%ls.%lu.tmp", path,
                                   (unsigned long)GetCurrentProcessId()) < 0) {
        free(text);
        return;
    }
    FILE *file = _wfopen(temporary, L"wb");
    bool ok = file != NULL && fwrite(text, 1, length, file) == length;
    ok = file != NULL && fclose(file) == 0 && ok;
    /* A reader (another window starting) sees the old cache or the new one, never half of one. */
    if (!ok || !MoveFileExW(temporary, path, MOVEFILE_REPLACE_EXISTING))
        DeleteFileW(temporary);
    free(text);
}

static void load_installed(void)
{
    installed_loaded = true;
    Uint64 start = SDL_GetPerformanceCounter();
    char dirs[SM_UI_FONTDIRS_MAX][SM_UI_FONTDIR_PATH_MAX];
    size_t dir_count = sm_ui_font_dirs(dirs);
    file_list list = {0};
    for (size_t i = 0; i < dir_count; i++)
        list_fonts(dirs[i], &list);
    wchar_t cache[MAX_PATH];
    bool have_cache_path = cache_path(cache, MAX_PATH);
    bool cached = have_cache_path && read_cache(cache, &installed);
    bool *known = calloc(list.count ? list.count : 1, sizeof *known);
    sm_ui_fontfile *fresh = calloc(list.count ? list.count : 1, sizeof *fresh);
    size_t dropped = 0, faces = 0, indexed = 0;
    if (known != NULL && fresh != NULL) {
        dropped = sm_ui_fontindex_keep(&installed, list.files, list.count, known);
        /* The new and changed files, gathered so FreeType starts once for all of them. */
        for (size_t i = 0; i < list.count; i++)
            if (!known[i])
                fresh[indexed++] = list.files[i];
        faces = sm_ui_fontscan_files(fresh, indexed, &installed);
    }
    if (have_cache_path && (!cached || dropped > 0 || indexed > 0))
        write_cache(cache, &installed);
    double ms = (double)(SDL_GetPerformanceCounter() - start) * 1000.0 /
                (double)SDL_GetPerformanceFrequency();
    /* --trace fonts: how long the index took, from the cache or built anew. */
    sm_trace(SM_TRACE_FONTS,
             "font index: %lu font files in %lu folders, %lu indexed now (%lu faces), %lu from "
             "the cache, %lu dropped, %lu entries, %.0f ms",
             (unsigned long)list.count, (unsigned long)dir_count, (unsigned long)indexed,
             (unsigned long)faces, (unsigned long)(list.count - indexed), (unsigned long)dropped,
             (unsigned long)installed.count, ms);
    free(known);
    free(fresh);
    for (size_t i = 0; i < list.count; i++)
        free((char *)list.files[i].path);
    free(list.files);
}

bool sm_ui_sysfont_family(const char *family, char *path, size_t path_size)
{
    if (!installed_loaded)
        load_installed();
    const sm_ui_fontindex_face *face = sm_ui_fontindex_family(&installed, family);
    return face != NULL && snprintf(path, path_size, "%s", face->path) < (int)path_size;
}

bool sm_ui_sysfont_covering(uint32_t cp, char *path, size_t path_size, long *face_index)
{
    if (!installed_loaded)
        load_installed();
    const sm_ui_fontindex_face *face =
        sm_ui_fontindex_covering(&installed, cp, sm_ui_script_of(cp) == SM_UI_SCRIPT_EMOJI);
    if (face == NULL || snprintf(path, path_size, "%s", face->path) >= (int)path_size)
        return false;
    *face_index = face->face_index;
    return true;
}
