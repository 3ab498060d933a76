/* ui_errorview.c - the mapping error panel with Retry / Remove and retry. */
#include "ui_errorview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "channel.h"
#include "trace.h"
#include "ui_drawcheck.h"
#include "ui_fieldinput.h"
#include "ui_text.h"
#include "ui_texts.h"
#include "ui_widgets.h"

bool sm_ui_error_removable(sm_status code)
{
    return code == SM_ERR_WRONG_SIZE;
}

void sm_ui_error_view_free(sm_ui_error_view *view)
{
    sm_ui_edit_free(&view->text);
}

void sm_ui_error_view_set(sm_ui_error_view *view, const sm_app_options *opts, const sm_error *err)
{
    if (view->code != err->code)
        view->attempts = 0;
    view->code = err->code;
    view->copied[0] = '\0';
    sm_ui_mapping_error_text(err->code, opts->name, opts->program, err->message, view->title,
                             sizeof view->title, view->body, sizeof view->body);
    /* The body as text one can select (drag, double-click a word) and copy. */
    sm_ui_edit_free(&view->text);
    sm_ui_edit_init(&view->text);
    (void)sm_ui_edit_insert(&view->text, view->body, strlen(view->body), SM_UI_EDIT_OTHER);
    sm_ui_edit_set_caret(&view->text, 0, false);
    view->text_view.plain = true;
    sm_error advised = *err; /* stderr gets the advice in flags; the panel has its own */
    sm_app_report(opts, &advised);
}

void sm_ui_error_view_draw(const sm_ui_window *ui, sm_ui_error_view *view, SDL_Rect rect)
{
    int gap = sm_ui_px(ui, 10), h = ui->body.height + 2 * sm_ui_px(ui, 8);
    int pad = sm_ui_px(ui, ui->theme->pad);
    SDL_Rect text = {rect.x, rect.y, rect.w, rect.h - h - gap};
    /* The panel with the title; the body as selectable text inside it (ui_widgets' field,
       plain: read-only, no frame). */
    sm_ui_error_panel_draw(ui, text, view->title, "");
    SDL_Rect inner = {text.x + pad, text.y + pad, text.w - 2 * pad, text.h - 2 * pad};
    size_t title_lines = 1;
    size_t *starts =
        sm_ui_text_wrap(&ui->body, view->title, strlen(view->title), inner.w, &title_lines);
    free(starts);
    int title_h = (int)title_lines * ui->body.height + pad - sm_ui_px(ui, 6);
    SDL_Rect body = {inner.x - sm_ui_px(ui, 6), inner.y + title_h, inner.w + 2 * sm_ui_px(ui, 6),
                     inner.h - title_h + sm_ui_px(ui, 6)};
    if (body.h > 0)
        sm_ui_field_draw(ui, body, &view->text, NULL, false, &view->text_view);
    int y = rect.y + rect.h - h;
    const char *retry = "Retry", *remove = "Remove and retry";
    view->retry =
        (SDL_Rect){rect.x + pad, y, sm_ui_text_width(&ui->body, retry, strlen(retry)) + 2 * pad, h};
    bool removable = sm_ui_error_removable(view->code);
    if (!removable)
        view->focus_remove = false;
    sm_ui_button_draw_states(ui, view->retry, retry, true, false, !view->focus_remove);
    view->remove = (SDL_Rect){0, 0, 0, 0};
    if (removable) {
        view->remove = (SDL_Rect){view->retry.x + view->retry.w + gap, y,
                                  sm_ui_text_width(&ui->body, remove, strlen(remove)) + 2 * pad, h};
        sm_ui_button_draw_states(ui, view->remove, remove, true, false, view->focus_remove);
    }
    if (view->attempts > 0 || view->copied[0] != '\0') {
        char note[160];
        if (view->copied[0] != '\0')
            snprintf(note, sizeof note, "%s", view->copied);
        else
            snprintf(note, sizeof note, "Tried again: still the same error (%u time%s).",
                     view->attempts, view->attempts == 1 ? "" : "s");
        int x =
            (view->remove.w > 0 ? view->remove.x + view->remove.w : view->retry.x + view->retry.w) +
            gap;
        sm_ui_label_draw(ui, (SDL_Rect){x, y, rect.x + rect.w - x, h}, note, ui->theme->text);
    }
}

sm_ui_error_action sm_ui_error_view_handle(const sm_ui_window *ui, sm_ui_error_view *view,
                                           const SDL_Event *event)
{
    if (event->type == SDL_KEYDOWN) {
        SDL_Keycode key = event->key.keysym.sym;
        bool ctrl = (event->key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
        if (key == SDLK_RETURN || key == SDLK_KP_ENTER || key == SDLK_SPACE)
            return view->focus_remove && sm_ui_error_removable(view->code) ? SM_UI_ERROR_REMOVE
                                                                           : SM_UI_ERROR_RETRY;
        if ((key == SDLK_TAB || key == SDLK_LEFT || key == SDLK_RIGHT) &&
            sm_ui_error_removable(view->code)) {
            view->focus_remove = !view->focus_remove;
            return SM_UI_ERROR_REDRAW;
        }
        if (ctrl && key == SDLK_a) {
            sm_ui_edit_select_all(&view->text);
            return SM_UI_ERROR_REDRAW;
        }
        if (ctrl && key == SDLK_c) {
            /* The selection, or the whole explanation, to paste into a shell or a report. */
            char text[sizeof view->title + sizeof view->body + 2];
            size_t from, to;
            if (sm_ui_edit_selection(&view->text, &from, &to))
                snprintf(text, sizeof text, "%.*s", (int)(to - from), view->text.text + from);
            else
                snprintf(text, sizeof text, "%s\n%s", view->title, view->body);
            bool copied = SDL_SetClipboardText(text) == 0;
            snprintf(view->copied, sizeof view->copied, "%s",
                     copied ? "Copied the error text." : "Could not copy.");
            sm_trace(SM_TRACE_STATE, "error text %s", copied ? "copied" : "not copied");
            return SM_UI_ERROR_REDRAW;
        }
        return SM_UI_ERROR_NONE;
    }
    if (event->type == SDL_MOUSEBUTTONDOWN && event->button.button == SDL_BUTTON_LEFT) {
        int x = event->button.x, y = event->button.y;
        sm_ui_mouse_to_px(ui, &x, &y);
        if (sm_ui_hit(view->retry, x, y))
            return SM_UI_ERROR_RETRY;
        if (view->remove.w > 0 && sm_ui_hit(view->remove, x, y))
            return SM_UI_ERROR_REMOVE;
    }
    /* Clicks, drags, double and triple clicks and the wheel select in the text. */
    if (event->type == SDL_MOUSEBUTTONDOWN || event->type == SDL_MOUSEBUTTONUP ||
        event->type == SDL_MOUSEMOTION || event->type == SDL_MOUSEWHEEL)
        return sm_ui_field_handle(ui, &view->text_view, &view->text, event) == SM_UI_FIELD_IGNORED
                   ? SM_UI_ERROR_NONE
                   : SM_UI_ERROR_REDRAW;
    return SM_UI_ERROR_NONE;
}

bool sm_ui_error_view_act(sm_ui_error_view *view, const sm_app_options *opts,
                          sm_ui_error_action action, sm_ui_error_open_fn open, void *context)
{
    if (action != SM_UI_ERROR_RETRY && action != SM_UI_ERROR_REMOVE)
        return false;
    sm_trace(SM_TRACE_STATE, "retrying%s",
             action == SM_UI_ERROR_REMOVE ? " after removing the object" : "");
    sm_status before = view->code;
    /* Look again first, for Remove too: the other window may have repaired the object
       since this one failed, and removing it now would split the pair onto two objects. */
    if (open(context)) {
        if (action == SM_UI_ERROR_REMOVE)
            sm_trace(SM_TRACE_STATE, "nothing removed: the mapping is valid now");
        return true;
    }
    if (action == SM_UI_ERROR_REMOVE && sm_ui_error_removable(view->code)) {
        /* Still the wrong size: only our own name's objects, as "--unlink --name NAME". */
        bool removed = false;
        sm_error err;
        if (sm_channel_unlink(opts->name, &removed, &err) != SM_OK)
            sm_app_report(opts, &err);
        if (open(context))
            return true;
    } else if (action == SM_UI_ERROR_REMOVE) {
        sm_trace(SM_TRACE_STATE, "not removed: the error is now another one");
    }
    if (view->code == before)
        view->attempts++;
    return false;
}
