/* test_byteview.c - the byte view's model and text form (app/byteview.h), on made-up snapshots. */
#include <stdint.h>

#include "byteview.h"
#include "test.h"

/* A 32-byte view, in bytes, holding units (count of them), zeros after. */
static void fill(sm_channel_snapshot *s, unsigned char bytes[32], const uint16_t *units,
                 size_t count)
{
    memset(s, 0, sizeof *s);
    memset(bytes, 0, 32);
    s->bytes = bytes;
    s->capacity = s->view_bytes = 32;
    s->layout_version = 3;
    s->lock_kind = "test lock";
    for (size_t i = 0; i < count; i++) {
        s->bytes[2 * i] = (unsigned char)(units[i] & 0xFF);
        s->bytes[2 * i + 1] = (unsigned char)(units[i] >> 8);
    }
}

TEST(byteview_model_and_text)
{
    const uint16_t old_text[] = {'o', 'l', 'd', 0}, torn[] = {'N', 'l', 'd', 0};
    unsigned char now_bytes[32], before_bytes[32];
    sm_channel_snapshot now_look, before_look;
    fill(&before_look, before_bytes, old_text, 4);
    fill(&now_look, now_bytes, torn, 4);
    ASSERT_EQ(sm_byteview_terminator(&now_look), 3);
    ASSERT_EQ(sm_byteview_flags(&now_look, &before_look, 0), SM_BYTE_UNIT0 | SM_BYTE_CHANGED);
    ASSERT_EQ(sm_byteview_flags(&now_look, &before_look, 1), SM_BYTE_UNIT0);
    ASSERT_EQ(sm_byteview_flags(&now_look, &before_look, 2), SM_BYTE_TEXT);
    ASSERT_EQ(sm_byteview_flags(&now_look, &before_look, 6), SM_BYTE_TERMINATOR);
    ASSERT_EQ(sm_byteview_flags(&now_look, NULL, 0), SM_BYTE_UNIT0); /* no look before */
    ASSERT_EQ(sm_byteview_flags(&now_look, &before_look, 8), 0);     /* past the terminator */
    ASSERT(sm_byteview_differs(&now_look, &before_look));
    ASSERT(!sm_byteview_differs(&now_look, &now_look));
    ASSERT(sm_byteview_differs(&now_look, NULL));
    before_look = now_look;
    before_look.taken = 1; /* a control field alone is a change too */
    ASSERT(sm_byteview_differs(&now_look, &before_look));
    before_look = now_look;
    before_look.lock_state = SM_LOCK_HELD;
    ASSERT(sm_byteview_differs(&now_look, &before_look));

    char glyph[8];
    const struct {
        unsigned unit;
        const char *shown;
    } glyphs[] = {{0, "."},      {'A', "A"},    {0x1B, "?"},          {0x85, "?"},
                  {0xD83D, "~"}, {0xDE00, "~"}, {0x00E9, "\xC3\xA9"}, {0x4E16, "\xE4\xB8\x96"}};
    for (size_t i = 0; i < sizeof glyphs / sizeof glyphs[0]; i++) {
        sm_byteview_glyph(glyphs[i].unit, glyph);
        ASSERT_STR_EQ(glyph, glyphs[i].shown);
    }

    char line[400];
    now_look.lock_state = SM_LOCK_HELD;
    now_look.lock_owner = 42;
    now_look.taken = 7;
    sm_byteview_control_line(&now_look, line, sizeof line);
    ASSERT_CONTAINS(line, "layout 3, taken 7,");
    ASSERT_CONTAINS(line, "lock held by 42 (test lock)");

    /* The text form: unit 0 in [..] and marked changed, the terminator in <..>, rows summed up. */
    fill(&before_look, before_bytes, old_text, 4);
    FILE *out = tmpfile();
    ASSERT_NOT_NULL(out);
    ASSERT(sm_byteview_print(out, &now_look, &before_look, 16, false));
    rewind(out);
    char text[1024] = "";
    size_t n = fread(text, 1, sizeof text - 1, out);
    text[n] = '\0';
    fclose(out);
    ASSERT_CONTAINS(text, "0000 [4e 00]* 6c 00   64 00  <00 00>  00 00 ");
    ASSERT_CONTAINS(text, "|Nld.....|\n");
    ASSERT_CONTAINS(text, "... 1 rows of zero\n");
    return 0;
}
