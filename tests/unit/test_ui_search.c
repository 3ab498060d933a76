/* test_ui_search.c - the find bar's and the filter's search (ui_search.h). */
#include "test.h"

#include <string.h>

#include "ui_search.h"

static size_t next(const char *text, size_t from, const char *needle)
{
    return sm_ui_search_next(text, strlen(text), from, needle, strlen(needle));
}

TEST(ui_search_ascii_case)
{
    ASSERT_EQ(next("an ERROR here, an error there", 0, "error"), 3);
    ASSERT_EQ(next("an ERROR here, an error there", 4, "Error"), 18);
    ASSERT_EQ(next("an ERROR here", 0, "errors"), strlen("an ERROR here")); /* none: length */
    ASSERT_EQ(next("abc", 0, ""), 3);                                       /* empty: none */
    ASSERT_EQ(next("ab", 0, "abc"), 2);                                     /* longer than text */
    ASSERT_EQ(next("abcabc", 6, "abc"), 6);                                 /* from the end */
    ASSERT(sm_ui_search_contains("x", 1, "", 0));
    ASSERT(!sm_ui_search_contains("abc", 3, "abd", 3));
    /* Only A-Z fold: '@' (before 'A') and '[' (after 'Z') are not letters. */
    ASSERT_EQ(next("@[", 0, "`{"), 2);
    return 0;
}

TEST(ui_search_utf8_exact)
{
    /* Non-ASCII bytes compare exactly: the same text is found, another case is not. */
    ASSERT_EQ(next("Hello, \xD0\x9C\xD0\xB8\xD1\x80", 0, "\xD0\x9C\xD0\xB8\xD1\x80"), 7);
    ASSERT_EQ(next("Hello, \xD0\x9C\xD0\xB8\xD1\x80", 0, "\xD0\xBC\xD0\xB8\xD1\x80"), 13);
    ASSERT_EQ(next("\xE4\xB8\x96\xE7\x95\x8C", 0, "\xE7\x95\x8C"), 3);
    /* A byte sequence with embedded NUL is searched by length, not by strlen. */
    ASSERT_EQ(sm_ui_search_next("a\0b\0c", 5, 0, "\0c", 2), 3);
    return 0;
}

TEST(ui_logfilter_parse)
{
    sm_ui_logfilter f;
    sm_ui_logfilter_parse("disk  full process:app.exe -pid:42", &f);
    ASSERT_STR_EQ(f.text, "disk  full");
    ASSERT_STR_EQ(f.process, "app.exe");
    ASSERT_STR_EQ(f.exclude, "42");
    sm_ui_logfilter_parse("  -process:noisy.exe", &f);
    ASSERT_STR_EQ(f.text, "");
    ASSERT_STR_EQ(f.process, "");
    ASSERT_STR_EQ(f.exclude, "noisy.exe");
    /* "process:" alone is text (no name), as is a word that only contains the prefix. */
    sm_ui_logfilter_parse("process: myprocess:x", &f);
    ASSERT_STR_EQ(f.text, "process: myprocess:x");
    ASSERT_STR_EQ(f.process, "");
    /* Too long: cut, never inside a character (a 2-byte letter repeated: 63 bytes would split one).
     */
    char line[400] = "process:";
    for (int i = 0; i < 40; i++)
        strcat(line, "\xC3\xA9");
    sm_ui_logfilter_parse(line, &f);
    ASSERT_EQ(strlen(f.process), 62);
    for (int i = 0; i < 40; i++)
        strcat(line, "\xC3\xA9");
    sm_ui_logfilter_parse(line + 8, &f);
    ASSERT_EQ(strlen(f.text), 126);
    return 0;
}
