/*
 * ui_edit.h - the text a text field holds, its caret and selection, and its
 * undo history, edited by code point and by word. No SDL here: the editing
 * rules are unit-testable on their own (the widget maps keys and clicks to
 * these calls, and asks the layout where lines and x positions are).
 */
#ifndef SAMPLEMAP_UI_EDIT_H
#define SAMPLEMAP_UI_EDIT_H

#include <stdbool.h>
#include <stddef.h>

/* Room for text well past the 1023-unit limit, so over-long text can be seen and trimmed. */
#define SM_UI_EDIT_CAPACITY 16384
/* Undo steps kept; the oldest is forgotten beyond this. */
#define SM_UI_EDIT_UNDO 64

/* One state to go back (or forward) to. */
typedef struct sm_ui_edit_state {
    char *text; /* malloc'd copy, NUL-terminated */
    size_t caret, anchor;
} sm_ui_edit_state;

typedef enum sm_ui_edit_kind {
    SM_UI_EDIT_OTHER,    /* starts a new undo step */
    SM_UI_EDIT_TYPING,   /* typed text: a run of it is one step */
    SM_UI_EDIT_DELETING, /* Backspace/Delete: a run of it is one step */
} sm_ui_edit_kind;

typedef struct sm_ui_edit {
    char text[SM_UI_EDIT_CAPACITY];         /* UTF-8, NUL-terminated */
    size_t length;                          /* bytes in text */
    size_t caret;                           /* byte offset, always on a code point boundary */
    size_t anchor;                          /* the selection's other end; == caret: no selection */
    sm_ui_edit_state undo[SM_UI_EDIT_UNDO]; /* oldest first */
    size_t undo_count;
    sm_ui_edit_state redo[SM_UI_EDIT_UNDO]; /* newest undone last */
    size_t redo_count;
    sm_ui_edit_kind last_kind; /* what the last change was, to merge runs of typing */
} sm_ui_edit;

/* An empty field with no history (a zeroed struct is one too). */
void sm_ui_edit_init(sm_ui_edit *edit);
/* Frees the history. */
void sm_ui_edit_free(sm_ui_edit *edit);

/* Empties the field; Undo brings the text back. */
void sm_ui_edit_clear(sm_ui_edit *edit);

/*
 * Replaces the selection (or inserts at the caret) with utf8 (n bytes) and
 * moves the caret after it. Line breaks (LF, CRLF, CR) are kept as LF, tabs
 * become spaces and other control characters are dropped. kind says whether
 * it is typing (merged into one undo step with the typing before it) or a
 * paste. Returns false, changing nothing, when the result would not fit.
 */
bool sm_ui_edit_insert(sm_ui_edit *edit, const char *utf8, size_t n, sm_ui_edit_kind kind);

typedef enum sm_ui_edit_motion {
    SM_UI_EDIT_LEFT,       /* one code point back */
    SM_UI_EDIT_RIGHT,      /* one code point on */
    SM_UI_EDIT_WORD_LEFT,  /* to the start of this or the previous word */
    SM_UI_EDIT_WORD_RIGHT, /* to the end of this or the next word */
    SM_UI_EDIT_LINE_START, /* to the start of the line (after the previous line break) */
    SM_UI_EDIT_LINE_END,   /* to the end of the line (before the next line break) */
    SM_UI_EDIT_TEXT_START,
    SM_UI_EDIT_TEXT_END,
} sm_ui_edit_motion;

/*
 * Moves the caret. With extend the selection grows from its anchor;
 * without, a selection collapses (Left/Right to its edge) and the caret moves.
 */
void sm_ui_edit_move(sm_ui_edit *edit, sm_ui_edit_motion motion, bool extend);

/* Puts the caret at offset (a click; Up/Down), rounded back to a code point boundary. */
void sm_ui_edit_set_caret(sm_ui_edit *edit, size_t offset, bool extend);

void sm_ui_edit_select_all(sm_ui_edit *edit);

/* The selection as [*from, *to); false when nothing is selected. */
bool sm_ui_edit_selection(const sm_ui_edit *edit, size_t *from, size_t *to);

/*
 * Removes the selection if there is one, else the code point (or with word,
 * the word) before the caret (backspace) or after it (delete).
 */
void sm_ui_edit_backspace(sm_ui_edit *edit, bool word);
void sm_ui_edit_delete(sm_ui_edit *edit, bool word);

/* Steps back (undo) or forward again (redo); false when there is nothing to do. */
bool sm_ui_edit_undo(sm_ui_edit *edit);
bool sm_ui_edit_redo(sm_ui_edit *edit);

#endif
