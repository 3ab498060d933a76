/* ui_assets.c - asset lookup relative to the executable, never to the cwd. */
#include "ui_assets.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

bool sm_ui_file_readable(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return false;
    fclose(file);
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
    if (try_dir(getenv("SAMPLEMAP_ASSETS"), relative, out, out_size))
        return true;
    /* SDL_GetBasePath ends with a separator; it is NULL on odd platforms. */
    char *base = SDL_GetBasePath();
    bool found = false;
    if (base != NULL) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s../share/samplemap", base);
        found = try_dir(dir, relative, out, out_size);
        SDL_free(base);
    }
#ifdef SAMPLEMAP_INSTALL_DATADIR
    if (!found)
        found = try_dir(SAMPLEMAP_INSTALL_DATADIR, relative, out, out_size);
#endif
#ifdef SAMPLEMAP_SOURCE_ASSETS
    if (!found)
        found = try_dir(SAMPLEMAP_SOURCE_ASSETS, relative, out, out_size);
#endif
    return found;
}
