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
    ASSERT_EQ(sm_ui_utf8_next(text, length, 0, &cp), 1);
    ASSERT_EQ(cp, 'a');
    ASSERT_EQ(sm_ui_utf8_next(text, length, 1, &cp), 3);
    ASSERT_EQ(cp, 0x436);
    ASSERT_EQ(sm_ui_utf8_next(text, length, 3, &cp), 6);
    ASSERT_EQ(cp, 0x4E16);
    ASSERT_EQ(sm_ui_utf8_next(text, length, 6, &cp), 10);
    ASSERT_EQ(cp, 0x1F600);
    ASSERT_EQ(sm_ui_utf8_prev(text, 10), 6);
    ASSERT_EQ(sm_ui_utf8_prev(text, 6), 3);
    ASSERT_EQ(sm_ui_utf8_prev(text, 3), 1);
    ASSERT_EQ(sm_ui_utf8_prev(text, 1), 0);
    ASSERT_EQ(sm_ui_utf8_prev(text, 0), 0);
    return 0;
}

static void type(sm_ui_edit *edit, const char *text)
{
    ASSERT(sm_ui_edit_insert(edit, text, strlen(text), SM_UI_EDIT_TYPING));
}

TEST(ui_edit_insert_and_move)
{
    static sm_ui_edit edit;
    sm_ui_edit_init(&edit);
    ASSERT_EQ(edit.length, 0);
    type(&edit, "мир");
    ASSERT_EQ(edit.caret, 6);
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_START, false);
    ASSERT_EQ(edit.caret, 0);
    type(&edit, "Hi ");
    ASSERT_STR_EQ(edit.text, "Hi мир");
    sm_ui_edit_move(&edit, SM_UI_EDIT_RIGHT, false); /* over 'м': two bytes at once */
    ASSERT_EQ(edit.caret, 5);
    sm_ui_edit_move(&edit, SM_UI_EDIT_LEFT, false);
    ASSERT_EQ(edit.caret, 3);
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_END, false);
    ASSERT_EQ(edit.caret, edit.length);
    sm_ui_edit_move(&edit, SM_UI_EDIT_RIGHT, false); /* at the end: stays */
    ASSERT_EQ(edit.caret, edit.length);
    /* Pasted line breaks are kept (CRLF and CR as LF), so are tabs (issue 24), other controls go.
     */
    ASSERT(sm_ui_edit_insert(&edit, "\r\na\tb\x01\rc", 8, SM_UI_EDIT_OTHER));
    ASSERT_STR_EQ(edit.text, "Hi мир\na\tb\nc");
    /* Home/End go to the ends of the caret's line, not of the text. */
    sm_ui_edit_move(&edit, SM_UI_EDIT_LEFT, false);
    sm_ui_edit_move(&edit, SM_UI_EDIT_LEFT, false);
    sm_ui_edit_move(&edit, SM_UI_EDIT_LINE_START, false);
    ASSERT_EQ(edit.caret, strlen("Hi мир\n"));
    sm_ui_edit_move(&edit, SM_UI_EDIT_LINE_END, false);
    ASSERT_EQ(edit.caret, strlen("Hi мир\na\tb"));
    /* A click inside a code point lands on its start. */
    sm_ui_edit_set_caret(&edit, 4, false);
    ASSERT_EQ(edit.caret, 3);
    /* Over capacity: refused whole, nothing inserted. */
    static char big[SM_UI_EDIT_CAPACITY];
    memset(big, 'x', sizeof big - 1);
    ASSERT(!sm_ui_edit_insert(&edit, big, sizeof big - 1, SM_UI_EDIT_OTHER));
    ASSERT_STR_EQ(edit.text, "Hi мир\na\tb\nc");
    sm_ui_edit_free(&edit);
    return 0;
}

TEST(ui_edit_delete_by_code_point)
{
    static sm_ui_edit edit;
    sm_ui_edit_init(&edit);
    type(&edit, "a😀世");
    sm_ui_edit_backspace(&edit, false); /* removes 世 (3 bytes) */
    ASSERT_STR_EQ(edit.text, "a😀");
    sm_ui_edit_backspace(&edit, false); /* removes the whole emoji (4 bytes), never half */
    ASSERT_STR_EQ(edit.text, "a");
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_START, false);
    sm_ui_edit_backspace(&edit, false); /* nothing before the caret */
    ASSERT_STR_EQ(edit.text, "a");
    type(&edit, "ж");
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_START, false);
    sm_ui_edit_delete(&edit, false); /* removes ж after the caret */
    ASSERT_STR_EQ(edit.text, "a");
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_END, false);
    sm_ui_edit_delete(&edit, false); /* nothing after the caret */
    ASSERT_STR_EQ(edit.text, "a");
    ASSERT_EQ(edit.length, 1);
    sm_ui_edit_free(&edit);
    return 0;
}

TEST(ui_edit_words_and_selection)
{
    static sm_ui_edit edit;
    sm_ui_edit_init(&edit);
    type(&edit, "alpha, βήτα  gamma");
    /* Ctrl+Backspace removes the word before the caret, not one character. */
    sm_ui_edit_backspace(&edit, true);
    ASSERT_STR_EQ(edit.text, "alpha, βήτα  ");
    /* Ctrl+Left stops at word starts, skipping spaces and punctuation; any script is a word. */
    sm_ui_edit_move(&edit, SM_UI_EDIT_WORD_LEFT, false);
    ASSERT_EQ(edit.caret, strlen("alpha, "));
    sm_ui_edit_move(&edit, SM_UI_EDIT_WORD_LEFT, false);
    ASSERT_EQ(edit.caret, 0);
    sm_ui_edit_move(&edit, SM_UI_EDIT_WORD_RIGHT, false);
    ASSERT_EQ(edit.caret, strlen("alpha"));
    /* Ctrl+Delete removes up to the end of the next word. */
    sm_ui_edit_delete(&edit, true);
    ASSERT_STR_EQ(edit.text, "alpha  ");
    /* Shift+Ctrl+Left selects the word; typing replaces the selection. */
    sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_END, false);
    sm_ui_edit_move(&edit, SM_UI_EDIT_WORD_LEFT, true);
    size_t from, to;
    ASSERT(sm_ui_edit_selection(&edit, &from, &to));
    ASSERT_EQ(from, 0);
    ASSERT_EQ(to, strlen("alpha  "));
    type(&edit, "Ω");
    ASSERT_STR_EQ(edit.text, "Ω");
    ASSERT(!sm_ui_edit_selection(&edit, &from, &to));
    /* Left without Shift collapses a selection to its start; Backspace removes a selection. */
    type(&edit, "123");
    sm_ui_edit_select_all(&edit);
    sm_ui_edit_move(&edit, SM_UI_EDIT_LEFT, false);
    ASSERT_EQ(edit.caret, 0);
    sm_ui_edit_set_caret(&edit, strlen("Ω1"), false);
    sm_ui_edit_set_caret(&edit, edit.length, true); /* a shift+click or a drag */
    sm_ui_edit_backspace(&edit, false);
    ASSERT_STR_EQ(edit.text, "Ω1");
    sm_ui_edit_free(&edit);
    return 0;
}

TEST(ui_edit_undo_redo)
{
    static sm_ui_edit edit;
    sm_ui_edit_init(&edit);
    ASSERT(!sm_ui_edit_undo(&edit)); /* nothing yet */
    type(&edit, "one");
    type(&edit, " two"); /* typing in a row: one undo step */
    sm_ui_edit_move(&edit, SM_UI_EDIT_LEFT, false);
    sm_ui_edit_move(&edit, SM_UI_EDIT_RIGHT, false);
    type(&edit, "!"); /* after a move: a step of its own */
    ASSERT(sm_ui_edit_undo(&edit));
    ASSERT_STR_EQ(edit.text, "one two");
    ASSERT(sm_ui_edit_redo(&edit));
    ASSERT_STR_EQ(edit.text, "one two!");
    ASSERT(sm_ui_edit_undo(&edit));
    ASSERT(sm_ui_edit_undo(&edit));
    ASSERT_STR_EQ(edit.text, "");
    ASSERT(!sm_ui_edit_undo(&edit));
    ASSERT(sm_ui_edit_redo(&edit));
    ASSERT_STR_EQ(edit.text, "one two");
    ASSERT_EQ(edit.caret, edit.length);
    /* Escape's clear and Ctrl+Backspace are undone whole; a new change ends redo. */
    sm_ui_edit_clear(&edit);
    ASSERT_STR_EQ(edit.text, "");
    ASSERT(sm_ui_edit_undo(&edit));
    ASSERT_STR_EQ(edit.text, "one two");
    sm_ui_edit_backspace(&edit, true);
    ASSERT_STR_EQ(edit.text, "one ");
    ASSERT(sm_ui_edit_undo(&edit));
    ASSERT_STR_EQ(edit.text, "one two");
    type(&edit, "x");
    ASSERT(!sm_ui_edit_redo(&edit));
    /* The history is bounded: the oldest steps go, the newest stay. */
    for (int i = 0; i < SM_UI_EDIT_UNDO + 10; i++) {
        sm_ui_edit_move(&edit, SM_UI_EDIT_TEXT_END, false);
        type(&edit, "y");
    }
    int undone = 0;
    while (sm_ui_edit_undo(&edit))
        undone++;
    ASSERT_EQ(undone, SM_UI_EDIT_UNDO);
    sm_ui_edit_free(&edit);
    return 0;
}
