/* ui_fieldinput.c - keys, mouse, clipboard, primary selection and menu of the text field. */
#include "ui_fieldinput.h"

#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "ui_layout.h"
#include "ui_primary.h"

/* The selection as a malloc'd string (NULL when nothing is selected or out of memory). */
static char *selected_text(const sm_ui_edit *edit, size_t *n)
{
    size_t from, to;
    if (!sm_ui_edit_selection(edit, &from, &to))
        return NULL;
    char *text = malloc(to - from + 1);
    if (text == NULL)
        return NULL;
    memcpy(text, edit->text + from, to - from);
    text[to - from] = '\0';
    *n = to - from;
    return text;
}

/*
 * Puts the selection on the clipboard; false when nothing is selected or the
 * clipboard refused it (then Cut keeps the text: it would be lost otherwise).
 */
static bool copy_selection(const sm_ui_edit *edit)
{
    size_t n = 0;
    char *text = selected_text(edit, &n);
    if (text == NULL)
        return false;
    bool copied = SDL_SetClipboardText(text) == 0;
    free(text);
    return copied;
}

/* Offers a selection as the primary selection, where the desktop has one (ui_primary.h). */
static void offer_selection(const sm_ui_edit *edit)
{
    size_t n = 0;
    char *text = selected_text(edit, &n);
    if (text != NULL)
        (void)sm_ui_primary_set(text, n); /* refused: other programs just cannot paste it */
    free(text);
}

/*
 * The one paste path of the field, for the clipboard (Ctrl+V, the menu) and the
 * primary selection (a middle click): text (an SDL string, freed here, may be
 * NULL) replaces the selection or goes in at the caret, as one undo step, under
 * the field's insertion rules (sm_ui_edit_insert); FULL when it does not fit.
 */
static sm_ui_field_result insert_pasted(sm_ui_edit *edit, char *text)
{
    sm_ui_field_result result = SM_UI_FIELD_MOVED;
    if (text != NULL && text[0] != '\0')
        result = sm_ui_edit_insert(edit, text, strlen(text), SM_UI_EDIT_OTHER) ? SM_UI_FIELD_CHANGED
                                                                               : SM_UI_FIELD_FULL;
    SDL_free(text);
    return result;
}

bool sm_ui_field_can(const sm_ui_edit *edit, sm_ui_field_command command)
{
    size_t from, to;
    switch (command) {
    case SM_UI_FIELD_UNDO: return edit->undo_count > 0;
    case SM_UI_FIELD_CUT:
    case SM_UI_FIELD_COPY: return sm_ui_edit_selection(edit, &from, &to);
    case SM_UI_FIELD_PASTE: return SDL_HasClipboardText() == SDL_TRUE;
    case SM_UI_FIELD_SELECT_ALL: return edit->length > 0;
    case SM_UI_FIELD_COMMANDS: break;
    }
    return false;
}

sm_ui_field_result sm_ui_field_do(sm_ui_edit *edit, sm_ui_field_command command)
{
    switch (command) {
    case SM_UI_FIELD_UNDO: return sm_ui_edit_undo(edit) ? SM_UI_FIELD_CHANGED : SM_UI_FIELD_MOVED;
    case SM_UI_FIELD_CUT:
        if (!copy_selection(edit))
            return SM_UI_FIELD_MOVED;
        sm_ui_edit_backspace(edit, false); /* removes the selection */
        return SM_UI_FIELD_CHANGED;
    case SM_UI_FIELD_COPY:
        (void)copy_selection(edit);
        return SM_UI_FIELD_MOVED; /* nothing changes either way */
    case SM_UI_FIELD_PASTE: return insert_pasted(edit, SDL_GetClipboardText());
    case SM_UI_FIELD_SELECT_ALL: sm_ui_edit_select_all(edit); return SM_UI_FIELD_MOVED;
    case SM_UI_FIELD_COMMANDS: break;
    }
    return SM_UI_FIELD_IGNORED;
}

/* Ctrl (Cmd on a Mac) + key: the clipboard, undo and select-all shortcuts. */
static sm_ui_field_result command_key(sm_ui_edit *edit, SDL_Keycode key, bool shift)
{
    switch (key) {
    case SDLK_a: return sm_ui_field_do(edit, SM_UI_FIELD_SELECT_ALL);
    case SDLK_c: return sm_ui_field_do(edit, SM_UI_FIELD_COPY);
    case SDLK_x: return sm_ui_field_do(edit, SM_UI_FIELD_CUT);
    case SDLK_v: return sm_ui_field_do(edit, SM_UI_FIELD_PASTE);
    case SDLK_z:
        if (!shift)
            return sm_ui_field_do(edit, SM_UI_FIELD_UNDO);
        return sm_ui_edit_redo(edit) ? SM_UI_FIELD_CHANGED : SM_UI_FIELD_MOVED;
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
    case SDLK_MENU:
    case SDLK_APPLICATION: return SM_UI_FIELD_MENU;
    case SDLK_F10: return shift && !ctrl ? SM_UI_FIELD_MENU : SM_UI_FIELD_IGNORED;
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

/*
 * A middle click pastes the primary selection at the click, not over the
 * field's own selection (X11's rule: the selection is what is being pasted,
 * often), through the one paste path.
 */
static sm_ui_field_result paste_primary(const sm_ui_window *ui, const sm_ui_field_view *view,
                                        sm_ui_edit *edit, int x, int y)
{
    char *text = sm_ui_primary_get(); /* before the caret moves: the selection may be ours */
    if (text == NULL)
        return SM_UI_FIELD_IGNORED; /* none (Windows), or empty: the click does nothing */
    sm_ui_edit_set_caret(edit, sm_ui_field_hit(ui, view, edit, x, y), false);
    return insert_pasted(edit, text);
}

/*
 * A right click outside the selection moves the caret there first, as text
 * fields do, so Paste goes where the user clicked; inside it, the selection
 * stays for Cut and Copy.
 */
static void caret_for_menu(const sm_ui_window *ui, const sm_ui_field_view *view, sm_ui_edit *edit,
                           int x, int y)
{
    size_t at = sm_ui_field_hit(ui, view, edit, x, y), from, to;
    if (!sm_ui_edit_selection(edit, &from, &to) || at < from || at > to)
        sm_ui_edit_set_caret(edit, at, false);
}

static sm_ui_field_result on_button_down(const sm_ui_window *ui, sm_ui_field_view *view,
                                         sm_ui_edit *edit, const SDL_MouseButtonEvent *button)
{
    int x, y;
    mouse_point(ui, button->x, button->y, &x, &y);
    if (!sm_ui_hit(view->rect, x, y))
        return SM_UI_FIELD_IGNORED;
    if (button->button == SDL_BUTTON_MIDDLE)
        return view->plain ? SM_UI_FIELD_IGNORED : paste_primary(ui, view, edit, x, y);
    if (button->button == SDL_BUTTON_RIGHT) {
        if (view->plain)
            return SM_UI_FIELD_IGNORED;
        caret_for_menu(ui, view, edit, x, y);
        return SM_UI_FIELD_MENU;
    }
    if (button->button != SDL_BUTTON_LEFT)
        return SM_UI_FIELD_IGNORED;
    if (view->track.w > 0 && x >= view->track.x - sm_ui_px(ui, 2)) {
        /* A click on the scrollbar's track pages toward it (the caret stays). */
        view->scroll_line += (y < view->thumb.y ? -1 : 1) * view->lines_shown;
        view->scrolled = true;
        return SM_UI_FIELD_MOVED;
    }
    sm_ui_edit_set_caret(edit, sm_ui_field_hit(ui, view, edit, x, y),
                         (SDL_GetModState() & KMOD_SHIFT) != 0);
    if (button->clicks >= 3) { /* a triple click selects the line (paragraph) */
        sm_ui_edit_move(edit, SM_UI_EDIT_LINE_START, false);
        sm_ui_edit_move(edit, SM_UI_EDIT_LINE_END, true);
    } else if (button->clicks == 2) { /* a double click selects the word */
        sm_ui_edit_move(edit, SM_UI_EDIT_WORD_LEFT, false);
        sm_ui_edit_move(edit, SM_UI_EDIT_WORD_RIGHT, true);
    }
    view->dragging = true;
    return SM_UI_FIELD_MOVED;
}

static sm_ui_field_result handle(const sm_ui_window *ui, sm_ui_field_view *view, sm_ui_edit *edit,
                                 const SDL_Event *event)
{
    int x, y;
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
    case SDL_MOUSEBUTTONDOWN: return on_button_down(ui, view, edit, &event->button);
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

sm_ui_field_result sm_ui_field_handle(const sm_ui_window *ui, sm_ui_field_view *view,
                                      sm_ui_edit *edit, const SDL_Event *event)
{
    if (event->type == SDL_KEYDOWN || event->type == SDL_TEXTINPUT ||
        event->type == SDL_MOUSEBUTTONDOWN)
        view->scrolled = false; /* editing brings the caret back into view */
    sm_ui_field_result result = handle(ui, view, edit, event);
    /*
     * A selection made by a key or a click (double, triple, shift) or at the end
     * of a drag becomes the primary selection; not at every step of the drag.
     */
    if ((result == SM_UI_FIELD_MOVED || result == SM_UI_FIELD_CHANGED) && !view->dragging &&
        (event->type == SDL_KEYDOWN || event->type == SDL_MOUSEBUTTONDOWN ||
         event->type == SDL_MOUSEBUTTONUP))
        offer_selection(edit);
    return result;
}

void sm_ui_field_menu_open(const sm_ui_window *ui, const sm_ui_field_view *view,
                           const sm_ui_edit *edit, const SDL_Event *event, sm_ui_menu *menu)
{
    static const char *const items[SM_UI_FIELD_COMMANDS] = {"Undo", "Cut", "Copy", "Paste",
                                                            "Select all"};
    bool enabled[SM_UI_FIELD_COMMANDS];
    for (int i = 0; i < SM_UI_FIELD_COMMANDS; i++)
        enabled[i] = sm_ui_field_can(edit, (sm_ui_field_command)i);
    int x = view->inner.x, y = view->inner.y;
    if (event->type == SDL_MOUSEBUTTONDOWN) {
        mouse_point(ui, event->button.x, event->button.y, &x, &y);
    } else if (view->caret.w > 0) { /* from the keyboard: under the caret, where the eyes are */
        x = view->caret.x;
        y = view->caret.y + view->caret.h;
    }
    sm_ui_menu_open(menu, x, y, items, enabled, SM_UI_FIELD_COMMANDS);
    sm_trace(SM_TRACE_STATE, "menu shown");
}

sm_ui_field_result sm_ui_field_menu_choose(sm_ui_edit *edit, int choice)
{
    static const char *const names[SM_UI_FIELD_COMMANDS] = {"undo", "cut", "copy", "paste",
                                                            "select all"};
    if (choice < 0 || choice >= SM_UI_FIELD_COMMANDS) {
        sm_trace(SM_TRACE_STATE, "menu hidden");
        return SM_UI_FIELD_MOVED; /* closed: redrawn without it */
    }
    sm_trace(SM_TRACE_STATE, "menu chose %s", names[choice]);
    sm_ui_field_result result = sm_ui_field_do(edit, (sm_ui_field_command)choice);
    offer_selection(edit); /* Select all (or an Undo bringing one back) selects, as keys do */
    return result;
}
