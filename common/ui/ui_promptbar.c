/* ui_promptbar.c - a label, a one-line field and a status text, in a bar. */
#include "ui_promptbar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_drawcheck.h"
#include "ui_fieldinput.h"
#include "ui_text.h"

void sm_ui_promptbar_open(sm_ui_promptbar *bar, const char *label, const char *text)
{
    bar->open = true;
    bar->label = label;
    if (text != NULL) {
        sm_ui_edit_clear(&bar->edit);
        (void)sm_ui_edit_insert(&bar->edit, text, strlen(text), SM_UI_EDIT_OTHER);
    }
    sm_ui_edit_select_all(&bar->edit); /* typing replaces it, as in a browser's find bar */
    bar->status[0] = '\0';
    bar->status_error = false;
}

/* Lines the error takes at width (0: no error). */
static int error_lines(const sm_ui_window *ui, const sm_ui_promptbar *bar, int width)
{
    if (!bar->status_error || bar->status[0] == '\0')
        return 0;
    size_t count = 1;
    if (width > 0)
        free(sm_ui_text_wrap(&ui->small, bar->status, strlen(bar->status), width, &count));
    return count > 0 ? (int)count : 1;
}

/* The row of the label and the field. */
static int row_height(const sm_ui_window *ui)
{
    return ui->body.height + 2 * sm_ui_px(ui, 8);
}

int sm_ui_promptbar_height(const sm_ui_window *ui, const sm_ui_promptbar *bar, int width)
{
    int lines = error_lines(ui, bar, width - 2 * sm_ui_px(ui, 8));
    return row_height(ui) + (lines > 0 ? lines * ui->small.height + sm_ui_px(ui, 6) : 0);
}

void sm_ui_promptbar_draw(const sm_ui_window *ui, sm_ui_promptbar *bar, SDL_Rect rect, bool focused)
{
    const sm_ui_theme *theme = ui->theme;
    int gap = sm_ui_px(ui, 8);
    bar->rect = rect;
    sm_ui_widget_begin(ui->renderer, "prompt bar", rect);
    sm_ui_fill(ui, rect, theme->panel);
    sm_ui_frame(ui, rect, theme->border, sm_ui_px(ui, 1));
    int label_w = sm_ui_text_width(&ui->small, bar->label, strlen(bar->label));
    int row = row_height(ui);
    sm_ui_label_draw(ui, (SDL_Rect){rect.x + gap, rect.y, label_w, row}, bar->label, theme->dim);
    /* The status takes what it needs up to a third of the bar; the field the rest. An error
       goes on lines of its own below instead. */
    int errors = error_lines(ui, bar, rect.w - 2 * gap);
    int status_w = bar->status[0] != '\0' && errors == 0
                       ? sm_ui_text_width(&ui->small, bar->status, strlen(bar->status)) + gap
                       : 0;
    if (status_w > rect.w / 3)
        status_w = rect.w / 3;
    int field_x = rect.x + 2 * gap + label_w;
    int field_w = rect.x + rect.w - gap - status_w - field_x;
    if (field_w > 0) {
        SDL_Rect field = {field_x, rect.y + sm_ui_px(ui, 3), field_w, row - sm_ui_px(ui, 6)};
        sm_ui_field_draw(ui, field, &bar->edit, NULL, focused, &bar->view);
    }
    if (status_w > 0)
        sm_ui_label_draw(ui, (SDL_Rect){rect.x + rect.w - status_w, rect.y, status_w - gap, row},
                         bar->status, theme->text);
    if (errors > 0) {
        SDL_Rect text = {rect.x + gap, rect.y + row, rect.w - 2 * gap, rect.h - row};
        sm_ui_clip saved = sm_ui_clip_push(ui->renderer, text);
        sm_ui_paragraph_draw_small(ui, text, bar->status, theme->error);
        sm_ui_clip_pop(ui->renderer, saved);
    }
    sm_ui_widget_end(ui->renderer);
}

sm_ui_prompt_result sm_ui_promptbar_handle(const sm_ui_window *ui, sm_ui_promptbar *bar,
                                           const SDL_Event *event)
{
    if (!bar->open)
        return SM_UI_PROMPT_IGNORED;
    if (event->type == SDL_KEYDOWN) {
        SDL_Keycode key = event->key.keysym.sym;
        bool shift = (event->key.keysym.mod & KMOD_SHIFT) != 0;
        if (key == SDLK_ESCAPE) {
            bar->open = false;
            return SM_UI_PROMPT_CLOSE;
        }
        if (key == SDLK_RETURN || key == SDLK_KP_ENTER) /* not a line break: one line */
            return shift ? SM_UI_PROMPT_BACKWARD : SM_UI_PROMPT_ACCEPT;
    }
    switch (sm_ui_field_handle(ui, &bar->view, &bar->edit, event)) {
    case SM_UI_FIELD_CHANGED: return SM_UI_PROMPT_CHANGED;
    case SM_UI_FIELD_MOVED: return SM_UI_PROMPT_MOVED;
    case SM_UI_FIELD_FULL: return SM_UI_PROMPT_MOVED;
    default: return SM_UI_PROMPT_IGNORED;
    }
}

void sm_ui_promptbar_free(sm_ui_promptbar *bar)
{
    sm_ui_edit_free(&bar->edit);
}
