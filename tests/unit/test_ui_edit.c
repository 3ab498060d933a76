/* test_ui_edit.c - the sender's text field model and UTF-8 stepping (no SDL needed). */
#include <stdint.h>

#include "test.h"
#include "ui_edit.h"
#include "ui_utf8.h"

TEST(ui_utf8_stepping)
{
    const char *text = "a\xd0\xb6\xe4\xb8\x96\xf0\x9f\x98\x80"; /* a ж 世 😀: 1+2+3+4 bytes */
    size_t length = strlen(text);
    uint32_t cp = 0;
    ASSERT_EQ_INT(sm_ui_utf8_next(text, length, 0, &cp), 1);
    ASSERT_EQ_INT(cp, 'a');
    ASSERT_EQ_INT(sm_ui_utf8_next(text, length, 1, &cp), 3);
    ASSERT_EQ_INT(cp, 0x436);
    ASSERT_EQ_INT(sm_ui_utf8_next(text, length, 3, &cp), 6);
    ASSERT_EQ_INT(cp, 0x4E16);
    ASSERT_EQ_INT(sm_ui_utf8_next(text, length, 6, &cp), 10);
    ASSERT_EQ_INT(cp, 0x1F600);
    ASSERT_EQ_INT(sm_ui_utf8_prev(text, 10), 6);
    ASSERT_EQ_INT(sm_ui_utf8_prev(text, 6), 3);
    ASSERT_EQ_INT(sm_ui_utf8_prev(text, 3), 1);
    ASSERT_EQ_INT(sm_ui_utf8_prev(text, 1), 0);
    ASSERT_EQ_INT(sm_ui_utf8_prev(text, 0), 0);
    return 0;
}

TEST(ui_edit_insert_and_move)
{
    static sm_ui_edit edit;
    sm_ui_edit_clear(&edit);
    ASSERT_EQ_INT(edit.length, 0);
    ASSERT(sm_ui_edit_insert(&edit, "мир", strlen("мир")));
    ASSERT_EQ_INT(edit.caret, 6);
    sm_ui_edit_home(&edit);
    ASSERT_EQ_INT(edit.caret, 0);
    ASSERT(sm_ui_edit_insert(&edit, "Hi ", 3));
    ASSERT_STR_EQ(edit.text, "Hi мир");
    sm_ui_edit_right(&edit); /* over 'м': two bytes at once */
    ASSERT_EQ_INT(edit.caret, 5);
    sm_ui_edit_left(&edit);
    ASSERT_EQ_INT(edit.caret, 3);
    sm_ui_edit_end(&edit);
    ASSERT_EQ_INT(edit.caret, edit.length);
    sm_ui_edit_right(&edit); /* at the end: stays */
    ASSERT_EQ_INT(edit.caret, edit.length);
    /* Pasted line breaks and tabs become spaces; other control bytes are dropped. */
    ASSERT(sm_ui_edit_insert(&edit, "\r\na\tb\x01", 6));
    ASSERT_STR_EQ(edit.text, "Hi мир a b");
    /* Over capacity: refused whole, nothing inserted. */
    static char big[SM_UI_EDIT_CAPACITY];
    memset(big, 'x', sizeof big - 1);
    ASSERT(!sm_ui_edit_insert(&edit, big, sizeof big - 1));
    ASSERT_STR_EQ(edit.text, "Hi мир a b");
    return 0;
}

TEST(ui_edit_delete_by_code_point)
{
    static sm_ui_edit edit;
    sm_ui_edit_clear(&edit);
    ASSERT(sm_ui_edit_insert(&edit, "a😀世", strlen("a😀世")));
    sm_ui_edit_backspace(&edit); /* removes 世 (3 bytes) */
    ASSERT_STR_EQ(edit.text, "a😀");
    sm_ui_edit_backspace(&edit); /* removes the whole emoji (4 bytes), never half */
    ASSERT_STR_EQ(edit.text, "a");
    sm_ui_edit_home(&edit);
    sm_ui_edit_backspace(&edit); /* nothing before the caret */
    ASSERT_STR_EQ(edit.text, "a");
    ASSERT(sm_ui_edit_insert(&edit, "ж", 2));
    sm_ui_edit_home(&edit);
    sm_ui_edit_delete(&edit); /* removes ж after the caret */
    ASSERT_STR_EQ(edit.text, "a");
    sm_ui_edit_end(&edit);
    sm_ui_edit_delete(&edit); /* nothing after the caret */
    ASSERT_STR_EQ(edit.text, "a");
    ASSERT_EQ_INT(edit.length, 1);
    return 0;
}
