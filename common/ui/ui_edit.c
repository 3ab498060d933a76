/* ui_edit.c - code point editing of the text field's buffer. */
#include "ui_edit.h"

#include <string.h>

#include "ui_utf8.h"

void sm_ui_edit_clear(sm_ui_edit *edit)
{
    edit->text[0] = '\0';
    edit->length = 0;
    edit->caret = 0;
}

bool sm_ui_edit_insert(sm_ui_edit *edit, const char *utf8, size_t n)
{
    char clean[SM_UI_EDIT_CAPACITY];
    size_t used = 0;
    for (size_t i = 0; i < n && utf8[i] != '\0'; i++) {
        unsigned char c = (unsigned char)utf8[i];
        if (c == '\r' && i + 1 < n && utf8[i + 1] == '\n')
            continue; /* CRLF becomes one space */
        if (used == sizeof clean)
            return false;
        if (c == '\n' || c == '\r' || c == '\t')
            clean[used++] = ' ';
        else if (c >= 0x20 && c != 0x7F)
            clean[used++] = (char)c;
    }
    if (edit->length + used + 1 > sizeof edit->text)
        return false;
    memmove(edit->text + edit->caret + used, edit->text + edit->caret,
            edit->length - edit->caret + 1); /* with the NUL */
    memcpy(edit->text + edit->caret, clean, used);
    edit->length += used;
    edit->caret += used;
    return true;
}

void sm_ui_edit_left(sm_ui_edit *edit) { edit->caret = sm_ui_utf8_prev(edit->text, edit->caret); }

void sm_ui_edit_right(sm_ui_edit *edit)
{
    uint32_t cp;
    if (edit->caret < edit->length)
        edit->caret = sm_ui_utf8_next(edit->text, edit->length, edit->caret, &cp);
}

void sm_ui_edit_home(sm_ui_edit *edit) { edit->caret = 0; }

void sm_ui_edit_end(sm_ui_edit *edit) { edit->caret = edit->length; }

static void remove_range(sm_ui_edit *edit, size_t from, size_t to)
{
    memmove(edit->text + from, edit->text + to, edit->length - to + 1);
    edit->length -= to - from;
    edit->caret = from;
}

void sm_ui_edit_backspace(sm_ui_edit *edit)
{
    if (edit->caret > 0)
        remove_range(edit, sm_ui_utf8_prev(edit->text, edit->caret), edit->caret);
}

void sm_ui_edit_delete(sm_ui_edit *edit)
{
    uint32_t cp;
    if (edit->caret < edit->length)
        remove_range(edit, edit->caret,
                     sm_ui_utf8_next(edit->text, edit->length, edit->caret, &cp));
}
