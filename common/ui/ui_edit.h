/*
 * ui_edit.h - the text a text field holds and its caret, edited by code
 * point. No SDL here: the editing rules are unit-testable on their own.
 */
#ifndef SAMPLEMAP_UI_EDIT_H
#define SAMPLEMAP_UI_EDIT_H

#include <stdbool.h>
#include <stddef.h>

/* Room for text well past the 1023-unit limit, so over-long text can be seen and trimmed. */
#define SM_UI_EDIT_CAPACITY 16384

typedef struct sm_ui_edit {
    char text[SM_UI_EDIT_CAPACITY]; /* UTF-8, NUL-terminated */
    size_t length;                  /* bytes in text */
    size_t caret;                   /* byte offset, always on a code point boundary */
} sm_ui_edit;

void sm_ui_edit_clear(sm_ui_edit *edit);

/*
 * Inserts utf8 (n bytes) at the caret and moves the caret after it. Line
 * breaks become spaces (a message is one line in every receiver's log) and
 * other control characters are dropped. Returns false, changing nothing,
 * when the result would not fit.
 */
bool sm_ui_edit_insert(sm_ui_edit *edit, const char *utf8, size_t n);

void sm_ui_edit_left(sm_ui_edit *edit);
void sm_ui_edit_right(sm_ui_edit *edit);
void sm_ui_edit_home(sm_ui_edit *edit);
void sm_ui_edit_end(sm_ui_edit *edit);

/* Removes the code point before (backspace) or after (delete) the caret. */
void sm_ui_edit_backspace(sm_ui_edit *edit);
void sm_ui_edit_delete(sm_ui_edit *edit);

#endif
