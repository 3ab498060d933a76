/* ui_errorview.c - the mapping error panel with Retry / Remove and retry. */
#include "ui_errorview.h"

#include <stdio.h>
#include <string.h>

#include "advice.h"
#include "channel.h"
#include "ui_texts.h"
#include "ui_text.h"
#include "ui_widgets.h"

bool sm_ui_error_removable(sm_status code) { return code == SM_ERR_WRONG_SIZE; }

void sm_ui_error_view_set(sm_ui_error_view *view, const sm_app_options *opts,
                          const sm_error *err)
{
    view->code = err->code;
    sm_ui_mapping_error_text(err->code, opts->name, opts->program, err->message, view->title,
                             sizeof view->title, view->body, sizeof view->body);
    sm_error advised = *err; /* stderr gets the advice in flags; the panel has its own */
    sm_app_report(opts, &advised);
}

void sm_ui_error_view_draw(const sm_ui_window *ui, sm_ui_error_view *view, SDL_Rect rect)
{
    int gap = sm_ui_px(ui, 10), h = ui->body.height + 2 * sm_ui_px(ui, 8);
    int pad = sm_ui_px(ui, ui->theme->pad);
    SDL_Rect text = {rect.x, rect.y, rect.w, rect.h - h - gap};
    sm_ui_error_panel_draw(ui, text, view->title, view->body);
    int y = rect.y + rect.h - h;
    const char *retry = "Retry", *remove = "Remove and retry";
    view->retry = (SDL_Rect){rect.x + pad, y,
                             sm_ui_text_width(&ui->body, retry, strlen(retry)) + 2 * pad, h};
    sm_ui_button_draw(ui, view->retry, retry, true);
    view->remove = (SDL_Rect){0, 0, 0, 0};
    if (sm_ui_error_removable(view->code)) {
        view->remove = (SDL_Rect){view->retry.x + view->retry.w + gap, y,
                                  sm_ui_text_width(&ui->body, remove, strlen(remove)) + 2 * pad,
                                  h};
        sm_ui_button_draw(ui, view->remove, remove, true);
    }
}

sm_ui_error_action sm_ui_error_view_handle(const sm_ui_window *ui, const sm_ui_error_view *view,
                                           const SDL_Event *event)
{
    if (event->type == SDL_KEYDOWN && (event->key.keysym.sym == SDLK_RETURN ||
                                       event->key.keysym.sym == SDLK_KP_ENTER))
        return SM_UI_ERROR_RETRY;
    if (event->type != SDL_MOUSEBUTTONDOWN || event->button.button != SDL_BUTTON_LEFT)
        return SM_UI_ERROR_NONE;
    int x = event->button.x, y = event->button.y;
    sm_ui_mouse_to_px(ui, &x, &y);
    if (sm_ui_hit(view->retry, x, y))
        return SM_UI_ERROR_RETRY;
    if (view->remove.w > 0 && sm_ui_hit(view->remove, x, y))
        return SM_UI_ERROR_REMOVE;
    return SM_UI_ERROR_NONE;
}

void sm_ui_error_view_prepare(const sm_ui_error_view *view, const sm_app_options *opts,
                              sm_ui_error_action action)
{
    if (action == SM_UI_ERROR_REMOVE && sm_ui_error_removable(view->code)) {
        /* Only our own name's objects: the same as "--unlink --name NAME". */
        bool removed = false;
        sm_error err;
        if (sm_channel_unlink(opts->name, &removed, &err) != SM_OK)
            sm_app_report(opts, &err);
    }
    printf("retrying%s\n", action == SM_UI_ERROR_REMOVE ? " after removing the object" : "");
    (void)fflush(stdout); /* lines for scripts; the window shows the same */
}
