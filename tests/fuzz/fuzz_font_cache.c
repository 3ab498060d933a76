/*
 * fuzz_font_cache.c - libFuzzer target: the Windows font index's cache file (ui_fontindex.h).
 *
 * The cache lives in the user's %LOCALAPPDATA%, where anything may have written it (a
 * crash halfway, another program, a disk error), and it is read at the first font
 * lookup: whatever its bytes, parsing must refuse it with a reason or give an index
 * whose ranges are sorted and disjoint, and that index must survive a round trip
 * through the writer unchanged.
 *
 * Input layout: the whole input is the cache file's bytes.
 */
#include <string.h>

#include "fuzz.h"
#include "ui_fontindex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sm_ui_fontindex index = {0};
    char error[160] = "";
    if (!sm_ui_fontindex_parse((const char *)data, size, &index, error, sizeof error)) {
        FUZZ_CHECK(error[0] != '\0' && strchr(error, '\n') == NULL);
        FUZZ_CHECK(index.count == 0 && index.faces == NULL);
        return 0;
    }
    for (size_t i = 0; i < index.count; i++) {
        const sm_ui_fontindex_face *face = &index.faces[i];
        FUZZ_CHECK(face->path[0] != '\0' && face->face_index >= -1);
        for (size_t r = 0; r < face->range_count; r++) {
            FUZZ_CHECK(face->ranges[r].first <= face->ranges[r].last);
            FUZZ_CHECK(face->ranges[r].last <= 0x10FFFF);
            FUZZ_CHECK(r == 0 || face->ranges[r].first > face->ranges[r - 1].last + 1);
            FUZZ_CHECK(sm_ui_fontindex_covers(face, face->ranges[r].first));
            FUZZ_CHECK(sm_ui_fontindex_covers(face, face->ranges[r].last));
            FUZZ_CHECK(face->ranges[r].first == 0 ||
                       !sm_ui_fontindex_covers(face, face->ranges[r].first - 1));
        }
        if (face->range_count > 0)
            (void)sm_ui_fontindex_covering(&index, face->ranges[0].first, i % 2 == 0);
    }
    size_t length = 0;
    char *text = sm_ui_fontindex_format(&index, &length);
    FUZZ_CHECK(text != NULL);
    sm_ui_fontindex again = {0};
    FUZZ_CHECK(sm_ui_fontindex_parse(text, length, &again, error, sizeof error));
    FUZZ_CHECK(again.count == index.count);
    size_t again_length = 0;
    char *again_text = sm_ui_fontindex_format(&again, &again_length);
    FUZZ_CHECK(again_text != NULL && again_length == length &&
               memcmp(again_text, text, length) == 0);
    free(again_text);
    free(text);
    sm_ui_fontindex_free(&again);
    sm_ui_fontindex_free(&index);
    return 0;
}
