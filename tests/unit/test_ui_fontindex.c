/* test_ui_fontindex.c - the font coverage index, its cache file (ui_fontindex.h) and the FreeType
 * scan (ui_fontscan.h). */
#include "test.h"

#include <stdint.h>
#include <string.h>

#include "ui_fontindex.h"

#if defined(SAMPLEMAP_HAVE_FONTSCAN)
#include "ui_fontscan.h"
#endif

/* A face of path covering first..last, with flags and weight. */
static sm_ui_fontindex_face *add(sm_ui_fontindex *index, const char *path, long face,
                                 const char *family, unsigned flags, int weight, uint32_t first,
                                 uint32_t last)
{
    sm_ui_fontfile file = {path, 1000, 42};
    sm_ui_fontindex_face *f = sm_ui_fontindex_add(index, &file, face, family);
    ASSERT_NOT_NULL(f);
    f->flags = flags;
    f->weight = weight;
    for (uint32_t cp = first; cp <= last; cp++)
        ASSERT(sm_ui_fontindex_add_cp(f, cp));
    return f;
}

TEST(ui_fontindex_ranges_and_covers)
{
    sm_ui_fontindex index = {0};
    sm_ui_fontindex_face *f = add(&index, "a.ttf", 0, "A", 0, 400, 0x41, 0x5A);
    ASSERT(sm_ui_fontindex_add_cp(f, 0x61));
    ASSERT(sm_ui_fontindex_add_cp(f, 0x62));
    ASSERT(sm_ui_fontindex_add_cp(f, 0x4E16));
    ASSERT_EQ(f->range_count, 3); /* 41-5a, 61-62, 4e16: ascending code points join */
    ASSERT(sm_ui_fontindex_covers(f, 0x41));
    ASSERT(sm_ui_fontindex_covers(f, 0x5A));
    ASSERT(sm_ui_fontindex_covers(f, 0x4E16));
    ASSERT(!sm_ui_fontindex_covers(f, 0x40));
    ASSERT(!sm_ui_fontindex_covers(f, 0x5B));
    ASSERT(!sm_ui_fontindex_covers(f, 0x63));
    ASSERT(!sm_ui_fontindex_covers(f, 0x10FFFF));
    sm_ui_fontindex_free(&index);
    ASSERT_EQ(index.count, 0);
    return 0;
}

TEST(ui_fontindex_prefers_regular_sans)
{
    sm_ui_fontindex index = {0};
    /* Listed worst first, so the order of the folders' listing cannot be what decides. */
    add(&index, "c:\\f\\serif.ttf", 0, "Serif", 0, 400, 0x1200, 0x137F);
    add(&index, "c:\\f\\sansbold.ttf", 0, "Sans", SM_UI_FONTINDEX_SANS | SM_UI_FONTINDEX_BOLD, 700,
        0x1200, 0x137F);
    add(&index, "c:\\f\\sansitalic.ttf", 0, "Sans", SM_UI_FONTINDEX_SANS | SM_UI_FONTINDEX_ITALIC,
        400, 0x1200, 0x137F);
    add(&index, "c:\\f\\sansmono.ttf", 0, "Sans Mono", SM_UI_FONTINDEX_SANS | SM_UI_FONTINDEX_MONO,
        400, 0x1200, 0x137F);
    add(&index, "c:\\f\\few.ttf", 0, "Few", SM_UI_FONTINDEX_SANS, 400, 0x1230, 0x1231);
    add(&index, "c:\\f\\sans.ttf", 0, "Sans", SM_UI_FONTINDEX_SANS, 400, 0x1200, 0x137F);
    add(&index, "c:\\f\\none.ttf", -1, "", 0, 0, 1, 0); /* a file with no faces */
    const sm_ui_fontindex_face *best = sm_ui_fontindex_covering(&index, 0x1230, false);
    ASSERT_NOT_NULL(best);
    ASSERT_STR_EQ(best->path, "c:\\f\\sans.ttf");
    /* Only few.ttf beside the serif: a sans face wins even with fewer code points of the block. */
    best = sm_ui_fontindex_covering(&index, 0x1300, false);
    ASSERT_STR_EQ(best->path, "c:\\f\\sans.ttf");
    ASSERT_NULL(sm_ui_fontindex_covering(&index, 0x4E16, false));
    /* The family: exact (case ignored), the regular face of it. */
    best = sm_ui_fontindex_family(&index, "sans");
    ASSERT_NOT_NULL(best);
    ASSERT_STR_EQ(best->path, "c:\\f\\sans.ttf");
    ASSERT_NULL(sm_ui_fontindex_family(&index, "San"));
    ASSERT_NULL(sm_ui_fontindex_family(&index, ""));
    sm_ui_fontindex_free(&index);
    return 0;
}

TEST(ui_fontindex_block_colour_and_ties)
{
    sm_ui_fontindex index = {0};
    /* Equal style: the face with more of the character's block wins, then the path. */
    add(&index, "b.ttc", 1, "CJK B", SM_UI_FONTINDEX_SANS, 400, 0x4E00, 0x4E20);
    add(&index, "b.ttc", 0, "CJK A", SM_UI_FONTINDEX_SANS, 400, 0x4E00, 0x4EFF);
    add(&index, "a.ttf", 0, "Stray", SM_UI_FONTINDEX_SANS, 400, 0x4E16, 0x4E16);
    const sm_ui_fontindex_face *best = sm_ui_fontindex_covering(&index, 0x4E16, false);
    ASSERT_STR_EQ(best->path, "b.ttc");
    ASSERT_EQ(best->face_index, 0);
    add(&index, "b.ttc", 2, "CJK C", SM_UI_FONTINDEX_SANS, 400, 0x4E00, 0x4EFF);
    ASSERT_EQ(sm_ui_fontindex_covering(&index, 0x4E16, false)->face_index, 0); /* lower face */
    /* Emoji: a colour face first, but only when asked for. */
    add(&index, "mono.ttf", 0, "Symbol", SM_UI_FONTINDEX_SANS, 400, 0x1F600, 0x1F64F);
    add(&index, "zcolour.ttf", 0, "Emoji", SM_UI_FONTINDEX_COLOUR, 400, 0x1F600, 0x1F64F);
    ASSERT_STR_EQ(sm_ui_fontindex_covering(&index, 0x1F600, true)->path, "zcolour.ttf");
    ASSERT_STR_EQ(sm_ui_fontindex_covering(&index, 0x1F600, false)->path, "mono.ttf");
    sm_ui_fontindex_free(&index);
    return 0;
}

TEST(ui_fontindex_keep_by_key)
{
    sm_ui_fontindex index = {0};
    add(&index, "same.ttf", 0, "Same", 0, 400, 0x41, 0x41);
    add(&index, "coll.ttc", 0, "Coll A", 0, 400, 0x41, 0x41);
    add(&index, "coll.ttc", 1, "Coll B", 0, 400, 0x41, 0x41);
    add(&index, "changed.ttf", 0, "Changed", 0, 400, 0x41, 0x41);
    add(&index, "removed.ttf", 0, "Removed", 0, 400, 0x41, 0x41);
    sm_ui_fontfile files[] = {{"new.ttf", 5, 6},
                              {"changed.ttf", 1000, 43}, /* a new modification time */
                              {"coll.ttc", 1000, 42},
                              {"same.ttf", 1000, 42}};
    bool known[4];
    ASSERT_EQ(sm_ui_fontindex_keep(&index, files, 4, known), 2); /* changed.ttf, removed.ttf */
    ASSERT(!known[0]);
    ASSERT(!known[1]);
    ASSERT(known[2]);
    ASSERT(known[3]);
    ASSERT_EQ(index.count, 3);
    ASSERT_STR_EQ(index.faces[0].path, "same.ttf");
    ASSERT_STR_EQ(index.faces[1].family, "Coll A");
    ASSERT_STR_EQ(index.faces[2].family, "Coll B");
    /* A size change alone is a change too. */
    files[3].size = 999;
    ASSERT_EQ(sm_ui_fontindex_keep(&index, files, 4, known), 1);
    ASSERT(!known[3]);
    sm_ui_fontindex_free(&index);
    return 0;
}

TEST(ui_fontindex_cache_round_trip)
{
    sm_ui_fontindex index = {0};
    sm_ui_fontindex_face *f = add(&index, "C:\\Windows\\Fonts\\\xE4\xB8\x96.ttc", 3,
                                  "Family\twith\ntabs", SM_UI_FONTINDEX_SANS, 350, 0x20, 0x7E);
    ASSERT(sm_ui_fontindex_add_cp(f, 0x4E16));
    ASSERT(sm_ui_fontindex_add_cp(f, 0x10FFFF));
    f->mtime = -5;
    f->size = 9000000000LL; /* beyond 32 bits */
    add(&index, "C:\\bad.ttf", -1, "", 0, 0, 1, 0);
    add(&index, "C:\\empty.ttf", 0, "", SM_UI_FONTINDEX_FLAGS, 1000, 1, 0); /* no code points */
    size_t length = 0;
    char *text = sm_ui_fontindex_format(&index, &length);
    ASSERT_NOT_NULL(text);
    ASSERT_EQ(strlen(text), length);
    ASSERT_CONTAINS(text, "Family with tabs"); /* control characters became spaces */
    ASSERT_CONTAINS(text, "\t20-7e 4e16 10ffff\n");
    sm_ui_fontindex back = {0};
    char error[128] = "";
    ASSERT(sm_ui_fontindex_parse(text, length, &back, error, sizeof error));
    ASSERT_EQ(back.count, 3);
    ASSERT_STR_EQ(back.faces[0].path, index.faces[0].path);
    ASSERT_STR_EQ(back.faces[0].family, "Family with tabs");
    ASSERT_EQ(back.faces[0].size, 9000000000LL);
    ASSERT_EQ(back.faces[0].mtime, -5);
    ASSERT_EQ(back.faces[0].face_index, 3);
    ASSERT_EQ(back.faces[0].flags, SM_UI_FONTINDEX_SANS);
    ASSERT_EQ(back.faces[0].weight, 350);
    ASSERT_EQ(back.faces[0].range_count, 3);
    ASSERT(sm_ui_fontindex_covers(&back.faces[0], 0x10FFFF));
    ASSERT(!sm_ui_fontindex_covers(&back.faces[0], 0x7F));
    ASSERT_EQ(back.faces[1].face_index, -1);
    ASSERT_EQ(back.faces[2].range_count, 0);
    /* Written again, the same text. */
    size_t again_length = 0;
    char *again = sm_ui_fontindex_format(&back, &again_length);
    ASSERT_EQ(again_length, length);
    ASSERT_MEM_EQ(again, text, length);
    free(again);
    free(text);
    sm_ui_fontindex_free(&back);
    sm_ui_fontindex_free(&index);
    return 0;
}

/* Parses text, which must be refused with an error naming `why`; the index is left empty. */
static void refuse(const char *text, size_t length, const char *why)
{
    sm_ui_fontindex index = {0};
    char error[128] = "";
    if (sm_ui_fontindex_parse(text, length, &index, error, sizeof error)) {
        fprintf(stderr, "accepted a corrupt cache (expected \"%s\"): %.*s\n", why, (int)length,
                text);
        test_abort();
    }
    ASSERT_CONTAINS(error, why);
    ASSERT_EQ(index.count, 0);
    ASSERT_NULL(index.faces);
}

#define HEAD "samplemap font index 1\n"
#define REFUSE(text, why) refuse(text, sizeof text - 1, why)

TEST(ui_fontindex_cache_corrupt)
{
    sm_ui_fontindex index = {0};
    char error[128] = "";
    /* A header alone is an empty index. */
    ASSERT(sm_ui_fontindex_parse(HEAD, strlen(HEAD), &index, error, sizeof error));
    ASSERT_EQ(index.count, 0);
    REFUSE("", "line 1");
    REFUSE("samplemap font index 2\n", "line 1"); /* another format */
    REFUSE("samplemap font index 1", "line 1");   /* no line end */
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t41", "line 2: cut short");
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t41\nx", "line 3");
    REFUSE(HEAD "1 2 0 4\ta.ttf\tA\t41\n", "bad numbers");                    /* a field missing */
    REFUSE(HEAD "-1 2 0 4 400\ta.ttf\tA\t41\n", "bad numbers");               /* negative size */
    REFUSE(HEAD "1 2 -2 4 400\ta.ttf\tA\t41\n", "bad numbers");               /* face below -1 */
    REFUSE(HEAD "1 2 0 64 400\ta.ttf\tA\t41\n", "bad numbers");               /* unknown flag */
    REFUSE(HEAD "1 2 0 4 1001\ta.ttf\tA\t41\n", "bad numbers");               /* weight */
    REFUSE(HEAD "1 2 0 4 +400\ta.ttf\tA\t41\n", "bad numbers");               /* a sign */
    REFUSE(HEAD "99999999999999999999 2 0 4 400\ta\tA\t41\n", "bad numbers"); /* overflow */
    REFUSE(HEAD "1 2 0 4 400\t\tA\t41\n", "no path");
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\n", "no path");
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\n", "no family");
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t42-41\n", "out of order"); /* backwards */
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t41 41\n", "out of order"); /* twice */
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t41 42\n", "out of order"); /* adjacent */
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t50 41\n", "out of order"); /* unsorted */
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t110000\n", "bad range");   /* beyond Unicode */
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t41  50\n", "bad range");   /* two spaces */
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t41-\n", "bad range");
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t4G\n", "bad range");
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t41\t\n", "bad range"); /* a fifth field */
    REFUSE(HEAD "1 2 -1 0 0\ta.ttf\t\t41\n", "without faces");
    REFUSE(HEAD "1 2 0 4 400\ta.t\0tf\tA\t41\n", "NUL");
    /* A good line before a bad one: all or nothing. */
    REFUSE(HEAD "1 2 0 4 400\ta.ttf\tA\t41\n1 2 0 4 400\tb.ttf\tB\t41-40\n", "line 3");
    /* Every cut of a good cache is refused or read whole, never half-read. */
#define LINE2 "1 2 0 4 400\ta.ttf\tA\t41-5a 4e16\n"
    const char good[] = HEAD LINE2 "3 4 1 0 0\tb.ttc\tB\t\n";
    for (size_t cut = 0; cut <= sizeof good - 1; cut++) {
        sm_ui_fontindex part = {0};
        bool ok = sm_ui_fontindex_parse(good, cut, &part, error, sizeof error);
        size_t lines = cut == strlen(HEAD)         ? 0
                       : cut == strlen(HEAD LINE2) ? 1
                       : cut == sizeof good - 1    ? 2
                                                   : 9; /* 9: refused */
        ASSERT_EQ(ok, lines != 9);
        ASSERT_EQ(part.count, ok ? lines : 0);
        sm_ui_fontindex_free(&part);
    }
    return 0;
}

/*
 * Debian's font files (fonts-noto-core, fonts-noto-cjk, as quickstart.sh installs them);
 * under Wine the same files through drive Z:.
 */
#if defined(_WIN32)
#define FONT_ROOT "Z:/usr/share/fonts/"
#else
#define FONT_ROOT "/usr/share/fonts/"
#endif

TEST(ui_fontscan_noto)
{
#if defined(SAMPLEMAP_HAVE_FONTSCAN)
    sm_ui_fontfile files[] = {
        {FONT_ROOT "truetype/noto/NotoSansEthiopic-Regular.ttf", 1, 2},
        {FONT_ROOT "truetype/noto/NotoSerifThai-Bold.ttf", 3, 4},
        {FONT_ROOT "opentype/noto/NotoSansCJK-Regular.ttc", 5, 6},
        {"ui_fontscan_noto_not_a_font.ttf", 7, 8}, /* written below */
        {"no such file.ttf", 9, 10},
    };
    FILE *probe = fopen(files[2].path, "rb");
    if (probe == NULL) {
        fprintf(stderr, "skipped: %s not installed (fonts-noto-cjk)\n", files[2].path);
        return TEST_SKIPPED;
    }
    fclose(probe);
    FILE *junk = fopen(files[3].path, "wb");
    ASSERT_NOT_NULL(junk);
    ASSERT_EQ(fputs("not a font, though named like one\n", junk) >= 0, 1);
    ASSERT_EQ(fclose(junk), 0);
    sm_ui_fontindex index = {0};
    size_t faces = sm_ui_fontscan_files(files, 5, &index);
    remove(files[3].path);
    ASSERT_GE(faces, 2 + 5); /* the collection has a face per language, at least JP KR SC TC HK */
    ASSERT_EQ(index.count, faces + 2);
    const sm_ui_fontindex_face *ethiopic = &index.faces[0];
    ASSERT_STR_EQ(ethiopic->family, "Noto Sans Ethiopic");
    ASSERT_EQ(ethiopic->face_index, 0);
    ASSERT_EQ(ethiopic->size, 1);
    ASSERT_EQ(ethiopic->mtime, 2);
    ASSERT(sm_ui_fontindex_covers(ethiopic, 0x1230)); /* ሰ */
    ASSERT(!sm_ui_fontindex_covers(ethiopic, 0x4E16));
    ASSERT_EQ(ethiopic->flags & (SM_UI_FONTINDEX_SANS | SM_UI_FONTINDEX_BOLD),
              SM_UI_FONTINDEX_SANS);
    ASSERT_EQ(ethiopic->weight, 400);
    const sm_ui_fontindex_face *thai = &index.faces[1];
    ASSERT(sm_ui_fontindex_covers(thai, 0x0E2A)); /* ส */
    ASSERT_EQ(thai->flags & (SM_UI_FONTINDEX_SANS | SM_UI_FONTINDEX_BOLD), SM_UI_FONTINDEX_BOLD);
    ASSERT_EQ(thai->weight, 700);
    /* Every face of the collection, with its face index, as TTF_OpenFontIndex takes it. */
    for (size_t i = 2; i < 2 + faces - 2; i++) {
        ASSERT_EQ(index.faces[i].face_index, (long)(i - 2));
        ASSERT_CONTAINS(index.faces[i].family, "CJK");
        ASSERT(sm_ui_fontindex_covers(&index.faces[i], 0x4E16)); /* 世 */
        ASSERT(sm_ui_fontindex_covers(&index.faces[i], 0x754C)); /* 界 */
    }
    ASSERT_STR_EQ(index.faces[2].family, "Noto Sans CJK JP");
    /* The files FreeType cannot read are remembered as such. */
    ASSERT_EQ(index.faces[index.count - 2].face_index, -1);
    ASSERT_EQ(index.faces[index.count - 1].face_index, -1);
    /* By coverage, Ethiopic goes to the Ethiopic font, 世 to the collection's first face. */
    ASSERT_STR_EQ(sm_ui_fontindex_covering(&index, 0x1230, false)->path, files[0].path);
    const sm_ui_fontindex_face *cjk = sm_ui_fontindex_covering(&index, 0x4E16, false);
    ASSERT_STR_EQ(cjk->path, files[2].path);
    ASSERT_STR_EQ(cjk->family, "Noto Sans CJK JP"); /* proportional before the Mono faces */
    sm_ui_fontindex_free(&index);
    return 0;
#else
    return TEST_SKIPPED; /* built without the windows (no FreeType) */
#endif
}
