/* ui_edit.c - code point and word editing of the text field's buffer, with selection and undo. */
#include "ui_edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui_grapheme.h"
#include "ui_utf8.h"

static void state_free(sm_ui_edit_state *state)
{
    free(state->text);
    state->text = NULL;
}

static void states_free(sm_ui_edit_state *states, size_t *count)
{
    for (size_t i = 0; i < *count; i++)
        state_free(&states[i]);
    *count = 0;
}

void sm_ui_edit_init(sm_ui_edit *edit)
{
    memset(edit, 0, sizeof *edit);
}

void sm_ui_edit_free(sm_ui_edit *edit)
{
    states_free(edit->undo, &edit->undo_count);
    states_free(edit->redo, &edit->redo_count);
}

/* Appends the current state to a stack, forgetting its oldest entry when full. */
static void push_state(const sm_ui_edit *edit, sm_ui_edit_state *stack, size_t *count)
{
    char *copy = malloc(edit->length + 1);
    if (copy == NULL)
        return; /* out of memory: this step cannot be undone, the edit still happens */
    memcpy(copy, edit->text, edit->length + 1);
    if (*count == SM_UI_EDIT_UNDO) {
        state_free(&stack[0]);
        memmove(stack, stack + 1, (SM_UI_EDIT_UNDO - 1) * sizeof *stack);
        (*count)--;
    }
    stack[(*count)++] = (sm_ui_edit_state){copy, edit->caret, edit->anchor};
}

/* Called before every change: remembers the state to undo to, unless it continues a run. */
static void before_change(sm_ui_edit *edit, sm_ui_edit_kind kind)
{
    if (kind == SM_UI_EDIT_OTHER || kind != edit->last_kind || edit->undo_count == 0)
        push_state(edit, edit->undo, &edit->undo_count);
    states_free(edit->redo, &edit->redo_count); /* a new change ends what could be redone */
    edit->last_kind = kind;
}

static void restore(sm_ui_edit *edit, sm_ui_edit_state *state)
{
    size_t n = strlen(state->text);
    memcpy(edit->text, state->text, n + 1);
    edit->length = n;
    edit->caret = state->caret <= n ? state->caret : n;
    edit->anchor = state->anchor <= n ? state->anchor : n;
    state_free(state);
    edit->last_kind = SM_UI_EDIT_OTHER;
}

static bool step(sm_ui_edit *edit, sm_ui_edit_state *from, size_t *from_count, sm_ui_edit_state *to,
                 size_t *to_count)
{
    if (*from_count == 0)
        return false;
    push_state(edit, to, to_count);
    restore(edit, &from[--*from_count]);
    return true;
}

bool sm_ui_edit_undo(sm_ui_edit *edit)
{
    return step(edit, edit->undo, &edit->undo_count, edit->redo, &edit->redo_count);
}

bool sm_ui_edit_redo(sm_ui_edit *edit)
{
    return step(edit, edit->redo, &edit->redo_count, edit->undo, &edit->undo_count);
}

bool sm_ui_edit_selection(const sm_ui_edit *edit, size_t *from, size_t *to)
{
    *from = edit->caret < edit->anchor ? edit->caret : edit->anchor;
    *to = edit->caret < edit->anchor ? edit->anchor : edit->caret;
    return *from < *to;
}

static void remove_range(sm_ui_edit *edit, size_t from, size_t to)
{
    memmove(edit->text + from, edit->text + to, edit->length - to + 1);
    edit->length -= to - from;
    edit->caret = edit->anchor = from;
}

void sm_ui_edit_clear(sm_ui_edit *edit)
{
    if (edit->length == 0)
        return;
    before_change(edit, SM_UI_EDIT_OTHER);
    remove_range(edit, 0, edit->length);
}

bool sm_ui_edit_insert(sm_ui_edit *edit, const char *utf8, size_t n, sm_ui_edit_kind kind)
{
    char clean[SM_UI_EDIT_CAPACITY];
    size_t used = 0;
    for (size_t i = 0; i < n && utf8[i] != '\0'; i++) {
        unsigned char c = (unsigned char)utf8[i];
        if (c == '\r' && i + 1 < n && utf8[i + 1] == '\n')
            continue; /* CRLF is one line break */
        if (used == sizeof clean)
            return false;
        if (c == '\n' || c == '\r')
            clean[used++] = '\n';
        else if (c >= 0x20 ? c != 0x7F : c == '\t') /* a TAB is kept: it is text */
            clean[used++] = (char)c;
    }
    size_t from, to;
    bool selected = sm_ui_edit_selection(edit, &from, &to);
    if (edit->length - (to - from) + used + 1 > sizeof edit->text)
        return false;
    if (used == 0 && !selected)
        return true;
    /* Typing over a selection is its own step, so Undo brings the selection back. */
    before_change(edit, selected ? SM_UI_EDIT_OTHER : kind);
    if (selected)
        remove_range(edit, from, to);
    memmove(edit->text + edit->caret + used, edit->text + edit->caret,
            edit->length - edit->caret + 1); /* with the NUL */
    memcpy(edit->text + edit->caret, clean, used);
    edit->length += used;
    edit->caret += used;
    edit->anchor = edit->caret;
    if (selected)
        edit->last_kind = kind;
    return true;
}

/* Letters, digits and marks of any script; spaces and punctuation separate words. */
static bool word_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
               cp == '_';
    return !(cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
             (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0x00A1 && cp <= 0x00BF) || cp == 0x05BE ||
             cp == 0x05C3 || cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x06D4);
}

/* Whether the cluster starting at pos is part of a word: its first code point decides. */
static bool word_at(const sm_ui_edit *edit, size_t pos)
{
    uint32_t cp;
    sm_ui_utf8_next(edit->text, edit->length, pos, &cp);
    return word_char(cp);
}

/* Word motions step by grapheme cluster too: 👨‍👩‍👧's joiners never split a word. */
static size_t word_left(const sm_ui_edit *edit, size_t pos)
{
    /* Over the separators before the caret, then over the word. */
    while (pos > 0) {
        size_t prev = sm_ui_grapheme_prev(edit->text, edit->length, pos);
        if (word_at(edit, prev))
            break;
        pos = prev;
    }
    while (pos > 0) {
        size_t prev = sm_ui_grapheme_prev(edit->text, edit->length, pos);
        if (!word_at(edit, prev))
            break;
        pos = prev;
    }
    return pos;
}

static size_t word_right(const sm_ui_edit *edit, size_t pos)
{
    while (pos < edit->length && !word_at(edit, pos))
        pos = sm_ui_grapheme_next(edit->text, edit->length, pos);
    while (pos < edit->length && word_at(edit, pos))
        pos = sm_ui_grapheme_next(edit->text, edit->length, pos);
    return pos;
}

static size_t target_of(const sm_ui_edit *edit, sm_ui_edit_motion motion)
{
    size_t pos = edit->caret;
    switch (motion) {
    /* One user-perceived character (UAX #29 grapheme cluster), not one code point. */
    case SM_UI_EDIT_LEFT: return sm_ui_grapheme_prev(edit->text, edit->length, pos);
    case SM_UI_EDIT_RIGHT: return sm_ui_grapheme_next(edit->text, edit->length, pos);
    case SM_UI_EDIT_WORD_LEFT: return word_left(edit, pos);
    case SM_UI_EDIT_WORD_RIGHT: return word_right(edit, pos);
    case SM_UI_EDIT_LINE_START:
        while (pos > 0 && edit->text[pos - 1] != '\n')
            pos--;
        return pos;
    case SM_UI_EDIT_LINE_END:
        while (pos < edit->length && edit->text[pos] != '\n')
            pos++;
        return pos;
    case SM_UI_EDIT_TEXT_START: return 0;
    case SM_UI_EDIT_TEXT_END: return edit->length;
    }
    return pos;
}

void sm_ui_edit_move(sm_ui_edit *edit, sm_ui_edit_motion motion, bool extend)
{
    size_t from, to;
    edit->last_kind = SM_UI_EDIT_OTHER; /* typing after a move is a new undo step */
    if (!extend && sm_ui_edit_selection(edit, &from, &to) &&
        (motion == SM_UI_EDIT_LEFT || motion == SM_UI_EDIT_RIGHT)) {
        edit->caret = edit->anchor = motion == SM_UI_EDIT_LEFT ? from : to;
        return;
    }
    edit->caret = target_of(edit, motion);
    if (!extend)
        edit->anchor = edit->caret;
}

void sm_ui_edit_set_caret(sm_ui_edit *edit, size_t offset, bool extend)
{
    if (offset > edit->length)
        offset = edit->length;
    offset = sm_ui_grapheme_floor(edit->text, edit->length, offset); /* never inside a cluster */
    edit->caret = offset;
    if (!extend)
        edit->anchor = offset;
    edit->last_kind = SM_UI_EDIT_OTHER;
}

void sm_ui_edit_select_all(sm_ui_edit *edit)
{
    edit->anchor = 0;
    edit->caret = edit->length;
}

static void delete_toward(sm_ui_edit *edit, sm_ui_edit_motion motion)
{
    size_t from, to;
    bool selected = sm_ui_edit_selection(edit, &from, &to);
    if (!selected) {
        size_t target = target_of(edit, motion);
        from = target < edit->caret ? target : edit->caret;
        to = target < edit->caret ? edit->caret : target;
    }
    if (from == to)
        return;
    /* A run of single-character deletions is one undo step; a word or a selection is one. */
    bool single = !selected && (motion == SM_UI_EDIT_LEFT || motion == SM_UI_EDIT_RIGHT);
    before_change(edit, single ? SM_UI_EDIT_DELETING : SM_UI_EDIT_OTHER);
    remove_range(edit, from, to);
}

void sm_ui_edit_backspace(sm_ui_edit *edit, bool word)
{
    delete_toward(edit, word ? SM_UI_EDIT_WORD_LEFT : SM_UI_EDIT_LEFT);
}

void sm_ui_edit_delete(sm_ui_edit *edit, bool word)
{
    delete_toward(edit, word ? SM_UI_EDIT_WORD_RIGHT : SM_UI_EDIT_RIGHT);
}
