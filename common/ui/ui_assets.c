/* ui_assets.c - asset lookup relative to the executable, never to the cwd. */
#include "ui_assets.h"

#include "platform.h"

#include <SDL.h>
#include <stdio.h>

bool sm_ui_file_readable(const char *path)
{
    /* SDL's file API takes UTF-8 everywhere (the wide API on Windows), as TTF_OpenFont
       and SDL_LoadBMP do later; fopen would read the path in the ANSI code page there. */
    SDL_RWops *file = SDL_RWFromFile(path, "rb");
    if (file == NULL)
        return false;
    (void)SDL_RWclose(file); /* opened only to test that it exists: nothing written to lose */
    return true;
}

static bool try_dir(const char *dir, const char *relative, char *out, size_t out_size)
{
    if (dir == NULL || dir[0] == '\0')
        return false;
    int n = snprintf(out, out_size, "%s/%s", dir, relative);
    return n > 0 && (size_t)n < out_size && sm_ui_file_readable(out);
}

bool sm_ui_asset_find(const char *relative, char *out, size_t out_size)
{
    char override[1024]; /* UTF-8 on every OS, like every other path here */
    if (sm_platform_getenv("SAMPLEMAP_ASSETS", override, sizeof override) &&
        try_dir(override, relative, out, out_size))
        return true;
    /* SDL_GetBasePath ends with a separator; it is NULL on odd platforms. */
    char *base = SDL_GetBasePath();
    bool found = false;
    if (base != NULL) {
        char dir[1024];
#ifdef _WIN32
        /* A folder as unpacked from the Windows zip: assets/ beside the .exe files. */
        snprintf(dir, sizeof dir, "%sassets", base);
#else
        /* The GNU layout, wherever the prefix was moved: <prefix>/bin and <prefix>/share. */
        snprintf(dir, sizeof dir, "%s../share/samplemap", base);
#endif
        found = try_dir(dir, relative, out, out_size);
        SDL_free(base);
    }
#if defined(SAMPLEMAP_INSTALL_DATADIR) && !defined(_WIN32)
    if (!found)
        found = try_dir(SAMPLEMAP_INSTALL_DATADIR, relative, out, out_size);
#endif
    return found;
}
