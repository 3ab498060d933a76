/* test_ui_controls.c - control characters become visible symbols (ui_controls.h). */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "ui_controls.h"

static int shows(const char *in, size_t in_length, const char *expected)
{
    size_t length = 0;
    char *out = sm_ui_visible_controls(in, in_length, &length);
    int ok = out != NULL && length == strlen(expected) && strcmp(out, expected) == 0;
    free(out);
    return ok;
}

TEST(ui_controls_visible)
{
    /* C0 as Control Pictures, NUL included; DEL as U+2421. */
    ASSERT(shows("a\tb", 3,
                 "a\xE2\x90\x89"
                 "b"));
    ASSERT(shows("\x1b\x07", 2, "\xE2\x90\x9B\xE2\x90\x87"));
    ASSERT(shows("x\0y", 3, "x\xE2\x90\x80y"));
    ASSERT(shows("\x7f", 1, "\xE2\x90\xA1"));
    /* C1 (U+0085) as its code; U+00A0 and other Latin-1 letters stay. */
    ASSERT(shows("\xC2\x85\xC2\xA0\xC3\xA9", 6,
                 "\xE2\x9F\xA8"
                 "85\xE2\x9F\xA9\xC2\xA0\xC3\xA9"));
    /* Line breaks: LF, CR LF, CR, U+2028, U+2029 all become LF. */
    ASSERT(shows("a\nb\r\nc\rd\xE2\x80\xA8"
                 "e\xE2\x80\xA9"
                 "f",
                 16, "a\nb\nc\nd\ne\nf"));
    /* Other text is untouched, emoji and RTL included. */
    ASSERT(shows("\xF0\x9F\x98\x80 \xD7\xA9", 7, "\xF0\x9F\x98\x80 \xD7\xA9"));
    ASSERT(shows("", 0, ""));
    /* A message of white space only is said to be one; any other character is text. */
    char note[80] = "untouched";
    ASSERT(sm_ui_blank_note("  \t\xC2\xA0\xE3\x80\x80\n", 9, note, sizeof note));
    ASSERT_STR_EQ(note, "only white space: 6 characters");
    ASSERT(sm_ui_blank_note(" ", 1, note, sizeof note));
    ASSERT_STR_EQ(note, "only white space: 1 character");
    strcpy(note, "untouched");
    ASSERT(!sm_ui_blank_note(" x ", 3, note, sizeof note));
    ASSERT(!sm_ui_blank_note("", 0, note, sizeof note));
    ASSERT(!sm_ui_blank_note("\xE2\x80\x8B", 3, note, sizeof note)); /* U+200B is no space here */
    ASSERT_STR_EQ(note, "untouched");
    return 0;
}
