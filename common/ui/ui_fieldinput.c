/* ui_fieldinput.c - keys, clipboard and mouse for the text field. */
#include "ui_fieldinput.h"

#include <stdlib.h>
#include <string.h>

#include "ui_layout.h"

/*
 * Puts the selection on the clipboard; false when nothing is selected or the
 * clipboard refused it (then Cut keeps the text: it would be lost otherwise).
 */
static bool copy_selection(const sm_ui_edit *edit)
{
    size_t from, to;
    if (!sm_ui_edit_selection(edit, &from, &to))
        return false;
    char *text = malloc(to - from + 1);
    if (text == NULL)
        return false;
    memcpy(text, edit->text + from, to - from);
    text[to - from] = '\0';
    bool copied = SDL_SetClipboardText(text) == 0;
    free(text);
    return copied;
}

static sm_ui_field_result paste(sm_ui_edit *edit)
{
    char *text = SDL_GetClipboardText();
    sm_ui_field_result result = SM_UI_FIELD_MOVED;
    if (text != NULL && text[0] != '\0')
        result = sm_ui_edit_insert(edit, text, strlen(text), SM_UI_EDIT_OTHER) ? SM_UI_FIELD_CHANGED
                                                                               : SM_UI_FIELD_FULL;
    SDL_free(text);
    return result;
}

/* Ctrl (Cmd on a Mac) + key: the clipboard, undo and select-all shortcuts. */
static sm_ui_field_result command_key(sm_ui_edit *edit, SDL_Keycode key, bool shift)
{
    switch (key) {
    case SDLK_a: sm_ui_edit_select_all(edit); return SM_UI_FIELD_MOVED;
    case SDLK_c:
        (void)copy_selection(edit);
        return SM_UI_FIELD_MOVED; /* nothing changes either way */
    case SDLK_x:
        if (!copy_selection(edit))
            return SM_UI_FIELD_MOVED;
        sm_ui_edit_backspace(edit, false); /* removes the selection */
        return SM_UI_FIELD_CHANGED;
    case SDLK_v: return paste(edit);
    case SDLK_z:
        return (shift ? sm_ui_edit_redo(edit) : sm_ui_edit_undo(edit)) ? SM_UI_FIELD_CHANGED
                                                                       : SM_UI_FIELD_MOVED;
    case SDLK_y: return sm_ui_edit_redo(edit) ? SM_UI_FIELD_CHANGED : SM_UI_FIELD_MOVED;
    default: return SM_UI_FIELD_IGNORED;
    }
}

static sm_ui_field_result on_key(const sm_ui_window *ui, const sm_ui_field_view *view,
                                 sm_ui_edit *edit, const SDL_Keysym *keysym)
{
    bool ctrl = (keysym->mod & (KMOD_CTRL | KMOD_GUI)) != 0;
    bool shift = (keysym->mod & KMOD_SHIFT) != 0;
    size_t before = edit->length;
    SDL_Keycode sym = keysym->sym;
    /* In a right-to-left paragraph the text runs leftwards: Left goes on, Right goes back. */
    if ((sym == SDLK_LEFT || sym == SDLK_RIGHT) &&
        sm_ui_layout_paragraph_rtl(edit->text, edit->length, edit->caret))
        sym = sym == SDLK_LEFT ? SDLK_RIGHT : SDLK_LEFT;
    switch (sym) {
    case SDLK_LEFT:
        sm_ui_edit_move(edit, ctrl ? SM_UI_EDIT_WORD_LEFT : SM_UI_EDIT_LEFT, shift);
        return SM_UI_FIELD_MOVED;
    case SDLK_RIGHT:
        sm_ui_edit_move(edit, ctrl ? SM_UI_EDIT_WORD_RIGHT : SM_UI_EDIT_RIGHT, shift);
        return SM_UI_FIELD_MOVED;
    case SDLK_HOME:
        sm_ui_edit_move(edit, ctrl ? SM_UI_EDIT_TEXT_START : SM_UI_EDIT_LINE_START, shift);
        return SM_UI_FIELD_MOVED;
    case SDLK_END:
        sm_ui_edit_move(edit, ctrl ? SM_UI_EDIT_TEXT_END : SM_UI_EDIT_LINE_END, shift);
        return SM_UI_FIELD_MOVED;
    case SDLK_UP:
    case SDLK_DOWN:
        sm_ui_edit_set_caret(
            edit, sm_ui_field_vertical(ui, view, edit, keysym->sym == SDLK_UP ? -1 : 1), shift);
        return SM_UI_FIELD_MOVED;
    case SDLK_BACKSPACE:
        sm_ui_edit_backspace(edit, ctrl);
        return edit->length != before ? SM_UI_FIELD_CHANGED : SM_UI_FIELD_MOVED;
    case SDLK_DELETE:
        sm_ui_edit_delete(edit, ctrl);
        return edit->length != before ? SM_UI_FIELD_CHANGED : SM_UI_FIELD_MOVED;
    case SDLK_ESCAPE:
        sm_ui_edit_clear(edit); /* Ctrl+Z brings it back */
        return SM_UI_FIELD_CHANGED;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (!shift)
            return SM_UI_FIELD_IGNORED; /* Enter sends: the window's business */
        return sm_ui_edit_insert(edit, "\n", 1, SM_UI_EDIT_TYPING) ? SM_UI_FIELD_CHANGED
                                                                   : SM_UI_FIELD_FULL;
    default: return ctrl ? command_key(edit, keysym->sym, shift) : SM_UI_FIELD_IGNORED;
    }
}

/* Where a mouse event is, in device pixels. */
static void mouse_point(const sm_ui_window *ui, int x, int y, int *px, int *py)
{
    *px = x;
    *py = y;
    sm_ui_mouse_to_px(ui, px, py);
}

sm_ui_field_result sm_ui_field_handle(const sm_ui_window *ui, sm_ui_field_view *view,
                                      sm_ui_edit *edit, const SDL_Event *event)
{
    int x, y;
    if (event->type == SDL_KEYDOWN || event->type == SDL_TEXTINPUT ||
        event->type == SDL_MOUSEBUTTONDOWN)
        view->scrolled = false; /* editing brings the caret back into view */
    switch (event->type) {
    case SDL_MOUSEWHEEL: {
        /* Text taller than the field scrolls under the wheel, three lines a notch. */
        (void)SDL_GetMouseState(&x, &y); /* the pointer's place; its buttons do not matter */
        sm_ui_mouse_to_px(ui, &x, &y);
        if (!sm_ui_hit(view->rect, x, y) || view->line_count <= view->lines_shown)
            return SM_UI_FIELD_IGNORED;
        int dy =
            event->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -event->wheel.y : event->wheel.y;
        view->scroll_line -= 3 * dy;
        view->scrolled = true;
        return SM_UI_FIELD_MOVED;
    }
    case SDL_TEXTINPUT:
        return sm_ui_edit_insert(edit, event->text.text, strlen(event->text.text),
                                 SM_UI_EDIT_TYPING)
                   ? SM_UI_FIELD_CHANGED
                   : SM_UI_FIELD_FULL;
    case SDL_KEYDOWN: return on_key(ui, view, edit, &event->key.keysym);
    case SDL_MOUSEBUTTONDOWN:
        mouse_point(ui, event->button.x, event->button.y, &x, &y);
        if (event->button.button != SDL_BUTTON_LEFT || !sm_ui_hit(view->rect, x, y))
            return SM_UI_FIELD_IGNORED;
        if (view->track.w > 0 && x >= view->track.x - sm_ui_px(ui, 2)) {
            /* A click on the scrollbar's track pages toward it (the caret stays). */
            view->scroll_line += (y < view->thumb.y ? -1 : 1) * view->lines_shown;
            view->scrolled = true;
            return SM_UI_FIELD_MOVED;
        }
        sm_ui_edit_set_caret(edit, sm_ui_field_hit(ui, view, edit, x, y),
                             (SDL_GetModState() & KMOD_SHIFT) != 0);
        if (event->button.clicks >= 3) { /* a triple click selects the line (paragraph) */
            sm_ui_edit_move(edit, SM_UI_EDIT_LINE_START, false);
            sm_ui_edit_move(edit, SM_UI_EDIT_LINE_END, true);
        } else if (event->button.clicks == 2) { /* a double click selects the word */
            sm_ui_edit_move(edit, SM_UI_EDIT_WORD_LEFT, false);
            sm_ui_edit_move(edit, SM_UI_EDIT_WORD_RIGHT, true);
        }
        view->dragging = true;
        return SM_UI_FIELD_MOVED;
    case SDL_MOUSEMOTION:
        if (!view->dragging || (event->motion.state & SDL_BUTTON_LMASK) == 0)
            return SM_UI_FIELD_IGNORED;
        mouse_point(ui, event->motion.x, event->motion.y, &x, &y);
        sm_ui_edit_set_caret(edit, sm_ui_field_hit(ui, view, edit, x, y), true);
        return SM_UI_FIELD_MOVED;
    case SDL_MOUSEBUTTONUP:
        if (!view->dragging || event->button.button != SDL_BUTTON_LEFT)
            return SM_UI_FIELD_IGNORED;
        view->dragging = false;
        return SM_UI_FIELD_MOVED;
    default: return SM_UI_FIELD_IGNORED;
    }
}
