/*
 * test_ui_grapheme.c - the text field moves and deletes by user-perceived
 * character (UAX #29 extended grapheme clusters, ui_grapheme.h).
 */
#include "test.h"

#include <string.h>

#include "ui_edit.h"
#include "ui_grapheme.h"

/* Each cluster, one after the other; Right must step over exactly one each time. */
static const char *const clusters[] = {
    "a",
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", /* 👨‍👩‍👧
                                                                                 */
    "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",                                         /* 👍🏽 */
    "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7",                                         /* 🇫🇷 */
    "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA",                 /* 🇩🇪 right after */
    "e\xCC\x81",                                        /* e + U+0301 */
    "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",             /* ᄀ ᅡ ᆨ: 각 */
    "\xE0\xA4\xA8\xE0\xA4\xBF",                         /* नि */
    "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7",             /* क्ष: GB9c */
    "\xE0\xA6\xB8\xE0\xA7\x8D\xE0\xA6\xA4\xE0\xA7\x8B", /* স্তো (Bengali) */
    " ",
    "z",
};

TEST(ui_edit_grapheme_clusters)
{
    if (!sm_ui_grapheme_exact())
        return TEST_SKIPPED; /* built without utf8proc: code points (see ui_grapheme.h) */
    char text[256] = "";
    size_t count = sizeof clusters / sizeof clusters[0], ends[16];
    for (size_t i = 0; i < count; i++) {
        strcat(text, clusters[i]);
        ends[i] = strlen(text);
    }
    sm_ui_edit edit;
    sm_ui_edit_init(&edit);
    ASSERT(sm_ui_edit_insert(&edit, text, strlen(text), SM_UI_EDIT_OTHER));
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_START, false);
    for (size_t i = 0; i < count; i++) { /* Right: one cluster at a time */
        sm_ui_edit_move(&edit, SM_UI_EDIT_RIGHT, false);
        ASSERT_EQ(edit.caret, ends[i]);
    }
    for (size_t i = count; i-- > 1;) { /* Left back */
        sm_ui_edit_move(&edit, SM_UI_EDIT_LEFT, false);
        ASSERT_EQ(edit.caret, ends[i - 1]);
    }
    /* A click inside the family lands before it; Shift+Right selects all of it. */
    sm_ui_edit_set_caret(&edit, ends[0] + 5, false);
    ASSERT_EQ(edit.caret, ends[0]);
    sm_ui_edit_move(&edit, SM_UI_EDIT_RIGHT, true);
    size_t from, to;
    ASSERT(sm_ui_edit_selection(&edit, &from, &to));
    ASSERT_EQ(from, ends[0]);
    ASSERT_EQ(to, ends[1]);
    /* Backspace after 👍🏽 removes the thumb and its skin tone together. */
    sm_ui_edit_set_caret(&edit, ends[2], false);
    sm_ui_edit_backspace(&edit, false);
    ASSERT_EQ(edit.caret, ends[1]);
    ASSERT_EQ(edit.length, ends[count - 1] - (ends[2] - ends[1]));
    /* Delete before 🇫🇷 removes both regional indicators, and not the 🇩🇪 after them. */
    sm_ui_edit_delete(&edit, false);
    ASSERT_MEM_EQ(edit.text + ends[1], clusters[4], strlen(clusters[4]));
    /* A word motion never stops inside the family (its joiners are not separators). */
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_START, false);
    sm_ui_edit_move(&edit, SM_UI_EDIT_WORD_RIGHT, false);
    ASSERT_GT(edit.caret, ends[1]);
    sm_ui_edit_free(&edit);
    return 0;
}
