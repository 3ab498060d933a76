/* ui_sysfont_fontconfig.c - fonts by family and by glyph coverage, from fontconfig. */
#include "ui_sysfont.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

bool sm_ui_sysfont_family(const char *family, char *path, size_t path_size)
{
    if (!FcInit())
        return false;
    FcPattern *pattern = FcPatternCreate();
    if (pattern == NULL)
        return false;
    FcPatternAddString(pattern, FC_FAMILY, (const FcChar8 *)family);
    FcConfigSubstitute(NULL, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result;
    FcPattern *match = FcFontMatch(NULL, pattern, &result);
    FcPatternDestroy(pattern);
    bool found = false;
    FcChar8 *name = NULL, *file = NULL;
    /* fontconfig always answers something; a substitute for a missing family is no use here. */
    for (int i = 0;
         match != NULL && !found && FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch;
         i++)
        found = strcmp((const char *)name, family) == 0;
    found = found && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
            snprintf(path, path_size, "%s", (const char *)file) < (int)path_size;
    if (match != NULL)
        FcPatternDestroy(match);
    return found;
}

/*
 * Every installed font in sans-serif preference order, and the union of
 * their coverage, asked once per process: after that a lookup is a walk over
 * charsets in memory, cheap enough to do while drawing.
 */
static FcFontSet *sorted;
static FcCharSet *coverage;
static bool sorted_tried;

static void load_sorted(void)
{
    sorted_tried = true;
    if (!FcInit())
        return;
    FcPattern *pattern = FcNameParse((const FcChar8 *)"sans-serif");
    if (pattern == NULL)
        return;
    FcConfigSubstitute(NULL, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result;
    sorted = FcFontSort(NULL, pattern, FcTrue, &coverage, &result);
    FcPatternDestroy(pattern);
}

bool sm_ui_sysfont_covering(uint32_t cp, char *path, size_t path_size, long *face_index)
{
    if (!sorted_tried)
        load_sorted();
    if (sorted == NULL || coverage == NULL || !FcCharSetHasChar(coverage, cp))
        return false;
    for (int i = 0; i < sorted->nfont; i++) {
        FcCharSet *charset = NULL;
        FcChar8 *file = NULL;
        int index = 0;
        if (FcPatternGetCharSet(sorted->fonts[i], FC_CHARSET, 0, &charset) != FcResultMatch ||
            !FcCharSetHasChar(charset, cp) ||
            FcPatternGetString(sorted->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(sorted->fonts[i], FC_INDEX, 0, &index);
        *face_index = index;
        return snprintf(path, path_size, "%s", (const char *)file) < (int)path_size;
    }
    return false;
}
