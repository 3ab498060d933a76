/*
 * test_ui_paragraphs.c - the log list's shortcuts for line breaks (no SDL): the
 * paragraphs of a text, their lines when each fits, and the height estimate used
 * for entries out of view.
 */
#include <stdlib.h>

#include "test.h"
#include "ui_paragraphs.h"

/* The line starts of text when every paragraph fits, written as "0,2,4". */
static const char *lines_of(const char *text)
{
    static char out[256];
    size_t count = 0;
    size_t *starts = sm_ui_paragraph_lines(text, strlen(text), &count);
    ASSERT_NOT_NULL(starts);
    size_t used = 0;
    for (size_t i = 0; i <= count; i++)
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%zu", i ? "," : "", starts[i]);
    free(starts);
    return out;
}

TEST(ui_paragraph_lines)
{
    ASSERT_EQ(sm_ui_paragraph_count("", 0), 1);
    ASSERT_EQ(sm_ui_paragraph_count("one", 3), 1);
    ASSERT_EQ(sm_ui_paragraph_count("a\nb\n", 4), 3);
    ASSERT_EQ(sm_ui_paragraph_count("a\n\nb", 4), 3);
    /* Empty text is one empty line, as sm_ui_text_wrap makes it. */
    ASSERT_STR_EQ(lines_of(""), "0,0");
    ASSERT_STR_EQ(lines_of("one line"), "0,8");
    /* A line starts after each line feed; a final feed leaves an empty last line. */
    ASSERT_STR_EQ(lines_of("ab\ncd"), "0,3,5");
    ASSERT_STR_EQ(lines_of("a\nb\n"), "0,2,4,4");
    ASSERT_STR_EQ(lines_of("\n\n"), "0,1,2,2");
    /* Bytes of UTF-8 are counted, not code points: "мир\n世界" is 6 + 1 + 6 bytes. */
    ASSERT_STR_EQ(lines_of("\xd0\xbc\xd0\xb8\xd1\x80\n\xe4\xb8\x96\xe7\x95\x8c"), "0,7,13");
    return 0;
}

TEST(ui_paragraph_estimate)
{
    int widths[] = {100, 250, 0, 301};
    /* Each paragraph that fits is one line; a wider one about width-sized pieces. */
    ASSERT_EQ(sm_ui_paragraph_estimate(widths, 4, 400), 4);
    ASSERT_EQ(sm_ui_paragraph_estimate(widths, 4, 301), 4);
    ASSERT_EQ(sm_ui_paragraph_estimate(widths, 4, 300), 5);
    ASSERT_EQ(sm_ui_paragraph_estimate(widths, 4, 100), 1 + 3 + 1 + 4);
    /* Never fewer lines than paragraphs, and no division by a zero width. */
    ASSERT_EQ(sm_ui_paragraph_estimate(widths, 4, 0), 4);
    ASSERT_EQ(sm_ui_paragraph_estimate(widths, 0, 100), 0);
    return 0;
}
