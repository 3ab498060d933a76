/*
 * ui_fontfind.c - the font search order: bundled, system paths, the system's
 * font service (ui_sysfont.h: fontconfig on Linux, the coverage index on
 * Windows).
 *
 * An entry with a '/' is an absolute path (Linux, macOS); a bare file name is
 * looked for in the system's font folders (Windows: where the shell says they
 * are, see ui_fontdirs.h). Bare names are only a quick first guess for the
 * primary and general faces (Segoe UI and Arial are on every Windows 10/11);
 * a script's face is asked of the font service by family, and a character no
 * face of the chain has is found by coverage (ui_fonts.c), so on Windows no
 * file name decides which characters can be drawn.
 */
#include "ui_fontfind.h"

#include <stdio.h>
#include <string.h>

#include "ui_assets.h"
#include "ui_fontdirs.h"
#include "ui_sysfont.h"

/* Debian paths come from fonts-dejavu-core, fonts-noto-core, fonts-noto-cjk,
 * fonts-noto-color-emoji. */
static const char *const primary_paths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",               /* Fedora */
    "/usr/share/fonts/TTF/DejaVuSans.ttf",                  /* Arch */
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf", /* macOS */
    "DejaVuSans.ttf",                                       /* Windows, if the user installed it */
    "segoeui.ttf", /* Windows: Latin, Greek, Cyrillic, Arabic, Hebrew */
    NULL,
};
static const char *const general_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "NotoSans-Regular.ttf",
    "arial.ttf",
    NULL,
};
static const char *const arabic_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    NULL,
};
static const char *const thai_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    NULL,
};
static const char *const devanagari_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    NULL,
};
static const char *const hebrew_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
    NULL,
};
static const char *const cjk_paths[] = {
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    NULL,
};
static const char *const emoji_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",
    NULL,
};

static const sm_ui_font_source sources[] = {
    {SM_UI_SCRIPT_ANY, "DejaVuSans.ttf", primary_paths, "DejaVu Sans", 0, 1.0f},
    {SM_UI_SCRIPT_ANY, "NotoSans-Regular.ttf", general_paths, "Noto Sans", 0, 1.0f},
    /* Arabic letters sit small in their em (room for marks): a larger size evens them out. */
    {SM_UI_SCRIPT_ARABIC, "NotoSansArabic-Regular.ttf", arabic_paths, "Noto Sans Arabic", 0, 1.2f},
    {SM_UI_SCRIPT_HEBREW, "NotoSansHebrew-Regular.ttf", hebrew_paths, "Noto Sans Hebrew", 0, 1.0f},
    /* Face 0 of the collection is the Japanese cut, which also covers Chinese and Korean. */
    {SM_UI_SCRIPT_CJK, "NotoSansCJK-Regular.ttc", cjk_paths, "Noto Sans CJK SC", 0, 1.0f},
    {SM_UI_SCRIPT_EMOJI, "NotoColorEmoji.ttf", emoji_paths, "Noto Color Emoji", 0, 1.0f},
    {SM_UI_SCRIPT_THAI, "NotoSansThai-Regular.ttf", thai_paths, "Noto Sans Thai", 0, 1.0f},
    {SM_UI_SCRIPT_DEVANAGARI, "NotoSansDevanagari-Regular.ttf", devanagari_paths,
     "Noto Sans Devanagari", 0, 1.0f},
};

const sm_ui_font_source *sm_ui_font_sources(size_t *count)
{
    *count = sizeof sources / sizeof sources[0];
    return sources;
}

bool sm_ui_font_locate(const sm_ui_font_source *source, char *out, size_t out_size)
{
    char relative[128];
    snprintf(relative, sizeof relative, "fonts/%s", source->asset);
    if (sm_ui_asset_find(relative, out, out_size))
        return true;
    char dirs[SM_UI_FONTDIRS_MAX][SM_UI_FONTDIR_PATH_MAX];
    size_t dir_count = sm_ui_font_dirs(dirs);
    for (const char *const *path = source->paths; *path != NULL; path++) {
        if (strchr(*path, '/') != NULL) {
            if (sm_ui_font_posix_paths() && sm_ui_file_readable(*path)) {
                snprintf(out, out_size, "%s", *path);
                return true;
            }
            continue;
        }
        for (size_t i = 0; i < dir_count; i++) {
            int n = snprintf(out, out_size, "%s\\%s", dirs[i], *path);
            if (n > 0 && (size_t)n < out_size && sm_ui_file_readable(out))
                return true;
        }
    }
    return source->fc_family != NULL && sm_ui_sysfont_family(source->fc_family, out, out_size);
}
