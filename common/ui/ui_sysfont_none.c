/* ui_sysfont_none.c - no system font service (Windows): the chain's table of paths is the fallback.
 */
#include "ui_sysfont.h"

bool sm_ui_sysfont_family(const char *family, char *path, size_t path_size)
{
    (void)family, (void)path, (void)path_size;
    return false;
}

bool sm_ui_sysfont_covering(uint32_t cp, char *path, size_t path_size, long *face_index)
{
    (void)cp, (void)path, (void)path_size, (void)face_index;
    return false;
}
