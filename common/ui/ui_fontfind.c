/* ui_fontfind.c - the font search order: bundled, system paths, the system's font service. */
#include "ui_fontfind.h"

#include <stdio.h>
#include <string.h>

#include "ui_assets.h"
#include "ui_sysfont.h"

/* Debian paths come from fonts-dejavu-core, fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji. */
static const char *const primary_paths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",             /* Fedora */
    "/usr/share/fonts/TTF/DejaVuSans.ttf",                /* Arch */
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf", /* macOS */
    "C:/Windows/Fonts/segoeui.ttf",
    NULL,
};
static const char *const general_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "C:/Windows/Fonts/arial.ttf",
    NULL,
};
static const char *const arabic_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    NULL,
};
static const char *const hebrew_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
    NULL,
};
static const char *const cjk_paths[] = {
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    NULL,
};
static const char *const emoji_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",
    "C:/Windows/Fonts/seguiemj.ttf",
    NULL,
};

static const sm_ui_font_source sources[] = {
    {SM_UI_SCRIPT_ANY, "DejaVuSans.ttf", primary_paths, "DejaVu Sans", 0, 1.0f},
    {SM_UI_SCRIPT_ANY, "NotoSans-Regular.ttf", general_paths, "Noto Sans", 0, 1.0f},
    /* Arabic letters sit small in their em (room for marks): a larger size evens them out. */
    {SM_UI_SCRIPT_ARABIC, "NotoSansArabic-Regular.ttf", arabic_paths, "Noto Sans Arabic", 0,
     1.2f},
    {SM_UI_SCRIPT_HEBREW, "NotoSansHebrew-Regular.ttf", hebrew_paths, "Noto Sans Hebrew", 0,
     1.0f},
    /* Face 0 of the collection is the Japanese cut, which also covers Chinese and Korean. */
    {SM_UI_SCRIPT_CJK, "NotoSansCJK-Regular.ttc", cjk_paths, "Noto Sans CJK SC", 0, 1.0f},
    {SM_UI_SCRIPT_EMOJI, "NotoColorEmoji.ttf", emoji_paths, "Noto Color Emoji", 0, 1.0f},
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
    for (const char *const *path = source->paths; *path != NULL; path++) {
        if (sm_ui_file_readable(*path)) {
            snprintf(out, out_size, "%s", *path);
            return true;
        }
    }
    return source->fc_family != NULL && sm_ui_sysfont_family(source->fc_family, out, out_size);
}
