/*
 * ui_widgets.c - immediate-mode drawing of the shared widgets.
 *
 * Drawing calls' results (SDL_Render*, SDL_SetRenderDrawColor, TTF_Set*) are
 * not checked one by one: they fail only for a renderer or font that the
 * window's start-up already checked, and a failed draw leaves one frame
 * short, redrawn at the next change.
 */
#include "ui_widgets.h"

#include <stdlib.h>
#include <string.h>

#include "ui_drawcheck.h"
#include "ui_text.h"

/*
 * An opaque colour is copied, not blended: the software renderer blends a fill
 * pixel by pixel even at alpha 255, which made the window's fills most of a
 * frame's cost. A translucent colour (the help overlay's shade) still blends.
 */
static void set_draw_color(const sm_ui_window *ui, SDL_Color color)
{
    SDL_SetRenderDrawBlendMode(ui->renderer,
                               color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ui->renderer, color.r, color.g, color.b, color.a);
}

void sm_ui_fill(const sm_ui_window *ui, SDL_Rect rect, SDL_Color color)
{
    sm_ui_drawcheck_draw(ui->renderer, rect);
    set_draw_color(ui, color);
    SDL_RenderFillRect(ui->renderer, &rect);
}

void sm_ui_frame(const sm_ui_window *ui, SDL_Rect rect, SDL_Color color, int thickness)
{
    SDL_Rect edges[4] = {
        {rect.x, rect.y, rect.w, thickness},
        {rect.x, rect.y + rect.h - thickness, rect.w, thickness},
        {rect.x, rect.y, thickness, rect.h},
        {rect.x + rect.w - thickness, rect.y, thickness, rect.h},
    };
    sm_ui_drawcheck_draw(ui->renderer, rect);
    set_draw_color(ui, color);
    SDL_RenderFillRects(ui->renderer, edges, 4);
}

bool sm_ui_hit(SDL_Rect rect, int x, int y)
{
    return x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
}

SDL_Rect sm_ui_focus_extent(const sm_ui_window *ui, SDL_Rect rect)
{
    int gap = sm_ui_px(ui, 3);
    return (SDL_Rect){rect.x - gap, rect.y - gap, rect.w + 2 * gap, rect.h + 2 * gap};
}

void sm_ui_focus_ring(const sm_ui_window *ui, SDL_Rect rect)
{
    int gap = sm_ui_px(ui, 3);
    sm_ui_frame(ui, (SDL_Rect){rect.x - gap, rect.y - gap, rect.w + 2 * gap, rect.h + 2 * gap},
                ui->theme->accent, sm_ui_px(ui, 2));
}

void sm_ui_button_draw_states(const sm_ui_window *ui, SDL_Rect rect, const char *label,
                              bool enabled, bool hover, bool focus)
{
    const sm_ui_theme *theme = ui->theme;
    sm_ui_widget_begin(ui->renderer, "button", sm_ui_focus_extent(ui, rect));
    sm_ui_fill(ui, rect, !enabled ? theme->disabled : hover ? theme->accent_hover : theme->accent);
    if (focus)
        sm_ui_focus_ring(ui, rect);
    int w = sm_ui_text_width(&ui->body, label, strlen(label));
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, rect);
    sm_ui_text_draw(ui->renderer, &ui->body, label, strlen(label), rect.x + (rect.w - w) / 2,
                    rect.y + (rect.h - ui->body.height) / 2,
                    enabled ? theme->accent_text : theme->disabled_text);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
}

void sm_ui_button_draw(const sm_ui_window *ui, SDL_Rect rect, const char *label, bool enabled)
{
    sm_ui_button_draw_states(ui, rect, label, enabled, false, false);
}

void sm_ui_small_button_draw(const sm_ui_window *ui, SDL_Rect rect, const char *label, bool enabled,
                             bool hover, bool focus)
{
    const sm_ui_theme *theme = ui->theme;
    sm_ui_widget_begin(ui->renderer, "small button", sm_ui_focus_extent(ui, rect));
    sm_ui_fill(ui, rect, hover && enabled ? theme->selection : theme->panel);
    sm_ui_frame(ui, rect, enabled ? theme->accent : theme->border, sm_ui_px(ui, 1));
    if (focus)
        sm_ui_focus_ring(ui, rect);
    int w = sm_ui_text_width(&ui->small, label, strlen(label));
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, rect);
    sm_ui_text_draw(ui->renderer, &ui->small, label, strlen(label), rect.x + (rect.w - w) / 2,
                    rect.y + (rect.h - ui->small.height) / 2, enabled ? theme->accent : theme->dim);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
}

void sm_ui_danger_button_draw(const sm_ui_window *ui, SDL_Rect rect, const char *label, bool focus)
{
    const sm_ui_theme *theme = ui->theme;
    sm_ui_widget_begin(ui->renderer, "danger button", sm_ui_focus_extent(ui, rect));
    sm_ui_fill(ui, rect, theme->panel);
    sm_ui_frame(ui, rect, theme->error, sm_ui_px(ui, 2));
    if (focus)
        sm_ui_focus_ring(ui, rect);
    int w = sm_ui_text_width(&ui->body, label, strlen(label));
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, rect);
    sm_ui_text_draw(ui->renderer, &ui->body, label, strlen(label), rect.x + (rect.w - w) / 2,
                    rect.y + (rect.h - ui->body.height) / 2, theme->error);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
}

int sm_ui_help_draw(const sm_ui_window *ui, const char *title, const char *body, int *scroll)
{
    const sm_ui_theme *theme = ui->theme;
    sm_ui_widget_begin(ui->renderer, "help", (SDL_Rect){0, 0, ui->width, ui->height});
    sm_ui_fill(ui, (SDL_Rect){0, 0, ui->width, ui->height}, theme->shade);
    int margin = sm_ui_px(ui, 24), pad = sm_ui_px(ui, theme->pad);
    SDL_Rect panel = {margin, margin, ui->width - 2 * margin, ui->height - 2 * margin};
    sm_ui_fill(ui, panel, theme->panel);
    sm_ui_frame(ui, panel, theme->accent, sm_ui_px(ui, 2));
    SDL_Rect inner = {panel.x + pad, panel.y + pad, panel.w - 2 * pad, panel.h - 2 * pad};
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, inner);
    int title_h = sm_ui_paragraph_draw(ui, inner, title, theme->accent) + pad / 2;
    /* The body scrolls under the title when it is taller than the panel (a small window). */
    SDL_Rect text = {inner.x, inner.y + title_h, inner.w, inner.h - title_h};
    sm_ui_clip_pop(ui->renderer, saved);
    saved = sm_ui_clip_push(ui->renderer, text);
    int body_h = sm_ui_paragraph_draw_small(
        ui, (SDL_Rect){text.x, text.y - *scroll, text.w, text.h + *scroll}, body, theme->text);
    sm_ui_clip_pop(ui->renderer, saved);
    int most = body_h > text.h ? body_h - text.h : 0;
    *scroll = *scroll > most ? most : *scroll < 0 ? 0 : *scroll;
    if (most > 0 && text.h > 0) { /* a scrollbar, in the padding, says there is more */
        int bar_h = text.h * text.h / body_h, bar_w = sm_ui_px(ui, 4);
        sm_ui_fill(ui,
                   (SDL_Rect){panel.x + panel.w - (pad + bar_w) / 2, /* in the padding */
                              text.y + (text.h - bar_h) * *scroll / most, bar_w, bar_h},
                   theme->border);
    }
    sm_ui_widget_end(ui->renderer);
    return most;
}

int sm_ui_status_height(const sm_ui_window *ui)
{
    return ui->small.height + 2 * sm_ui_px(ui, 6);
}

bool sm_ui_status_draw(const sm_ui_window *ui, const char *left, const char *right)
{
    const sm_ui_theme *theme = ui->theme;
    int h = sm_ui_status_height(ui), pad = sm_ui_px(ui, theme->pad);
    SDL_Rect bar = {0, ui->height - h, ui->width, h};
    sm_ui_widget_begin(ui->renderer, "status bar", bar);
    sm_ui_fill(ui, bar, theme->panel);
    sm_ui_fill(ui, (SDL_Rect){0, bar.y, ui->width, sm_ui_px(ui, 1)}, theme->border);
    int right_w = right != NULL ? sm_ui_text_width(&ui->small, right, strlen(right)) : 0;
    SDL_Rect left_clip = {pad, bar.y, ui->width - 3 * pad - right_w, h};
    bool cut = sm_ui_label_draw(ui, left_clip, left, theme->text);
    if (right != NULL)
        sm_ui_text_draw(ui->renderer, &ui->small, right, strlen(right), ui->width - pad - right_w,
                        bar.y + (h - ui->small.height) / 2, theme->dim);
    sm_ui_widget_end(ui->renderer);
    return cut;
}

bool sm_ui_label_draw(const sm_ui_window *ui, SDL_Rect rect, const char *text, SDL_Color color)
{
    bool cut = false;
    size_t length = strlen(text);
    size_t shown = sm_ui_text_fit(&ui->small, text, length, rect.w, &cut);
    char *line = malloc(shown + sizeof SM_UI_ELLIPSIS);
    if (line == NULL)
        return false;
    memcpy(line, text, shown);
    memcpy(line + shown, SM_UI_ELLIPSIS, cut ? sizeof SM_UI_ELLIPSIS : 1);
    if (!cut)
        line[shown] = '\0';
    sm_ui_widget_begin(ui->renderer, "label", rect);
    /* Nested: inside a clipped list the label clips to both and gives the list's clip back. */
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, rect);
    sm_ui_text_draw(ui->renderer, &ui->small, line, strlen(line), rect.x,
                    rect.y + (rect.h - ui->small.height) / 2, color);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
    free(line);
    return cut;
}

static int paragraph_with(const sm_ui_window *ui, const sm_ui_fonts *fonts, SDL_Rect rect,
                          const char *text, SDL_Color color)
{
    size_t count = 0, length = strlen(text);
    size_t *starts = sm_ui_text_wrap(fonts, text, length, rect.w, &count);
    int y = rect.y;
    for (size_t i = 0; starts != NULL && i < count; i++, y += fonts->height) {
        size_t end = starts[i] + sm_ui_text_trim_end(text + starts[i], starts[i + 1] - starts[i]);
        sm_ui_text_draw_line(ui->renderer, fonts, text, length, starts[i], end, rect.x, y, rect.w,
                             color);
    }
    free(starts);
    return y - rect.y;
}

int sm_ui_paragraph_draw(const sm_ui_window *ui, SDL_Rect rect, const char *text, SDL_Color color)
{
    return paragraph_with(ui, &ui->body, rect, text, color);
}

int sm_ui_paragraph_draw_small(const sm_ui_window *ui, SDL_Rect rect, const char *text,
                               SDL_Color color)
{
    return paragraph_with(ui, &ui->small, rect, text, color);
}

/*
 * The field's text as laid out: a TAB (kept in the text and sent as it is; the
 * receiver shows it as U+2409) takes the place of one space here, so offsets in
 * the layout are offsets in the text. One field per window: a static copy.
 */
static const char *field_text(const sm_ui_edit *edit)
{
    static char laid_out[sizeof edit->text];
    memcpy(laid_out, edit->text, edit->length + 1);
    for (size_t i = 0; i < edit->length; i++)
        if (laid_out[i] == '\t')
            laid_out[i] = ' ';
    return laid_out;
}

/* The line holding byte offset at: the last line starting at or before it. */
static size_t line_of(const size_t *starts, size_t count, size_t at)
{
    size_t line = 0;
    while (line + 1 < count && starts[line + 1] <= at)
        line++;
    return line;
}

void sm_ui_field_draw(const sm_ui_window *ui, SDL_Rect rect, const sm_ui_edit *edit,
                      const char *composition, bool focused, sm_ui_field_view *view)
{
    const sm_ui_theme *theme = ui->theme;
    int pad = sm_ui_px(ui, 6), line_h = ui->body.height;
    sm_ui_widget_begin(ui->renderer, "field", rect);
    if (!view->plain) {
        sm_ui_fill(ui, rect, theme->field);
        sm_ui_frame(ui, rect, focused ? theme->accent : theme->border,
                    sm_ui_px(ui, focused ? 2 : 1));
    }

    /* What is shown: the text with the composition spliced in at the caret. */
    size_t comp_length = composition != NULL ? strlen(composition) : 0;
    size_t shown_length = edit->length + comp_length;
    char *shown = malloc(shown_length + 1);
    if (shown == NULL) {
        sm_ui_widget_end(ui->renderer);
        return;
    }
    const char *text = field_text(edit);
    memcpy(shown, text, edit->caret);
    memcpy(shown + edit->caret, composition != NULL ? composition : "", comp_length);
    memcpy(shown + edit->caret + comp_length, text + edit->caret, edit->length - edit->caret + 1);
    size_t comp_start = edit->caret, caret = edit->caret + comp_length;

    /* The text is laid out a caret's width narrower than the field's inside: a caret at the
       right edge (the start of a right-to-left line) then has room and never covers a glyph. */
    int caret_w = sm_ui_px(ui, 2);
    SDL_Rect inner = {rect.x + pad, rect.y + pad, rect.w - 2 * pad - caret_w, rect.h - 2 * pad};
    view->rect = rect;
    view->inner = inner;
    view->caret = (SDL_Rect){0, 0, 0, 0};
    size_t count = 0;
    size_t *starts = sm_ui_text_wrap(&ui->body, shown, shown_length, inner.w, &count);
    size_t sel_from, sel_to;
    bool selected = comp_length == 0 && sm_ui_edit_selection(edit, &sel_from, &sel_to);
    if (starts == NULL) {
        free(shown);
        sm_ui_widget_end(ui->renderer);
        return;
    }
    int visible = inner.h / line_h > 0 ? inner.h / line_h : 1;
    int caret_line = (int)line_of(starts, count, caret);
    if (!view->scrolled) { /* follow the caret, unless the wheel or the scrollbar moved away */
        if (caret_line < view->scroll_line)
            view->scroll_line = caret_line;
        if (caret_line >= view->scroll_line + visible)
            view->scroll_line = caret_line - visible + 1;
    }
    int most = (int)count > visible ? (int)count - visible : 0;
    view->scroll_line = view->scroll_line < 0      ? 0
                        : view->scroll_line > most ? most
                                                   : view->scroll_line;
    view->line_count = (int)count;
    view->lines_shown = visible;
    /* Taller than the field: a scrollbar in the right padding says how much and where. */
    view->track = view->thumb = (SDL_Rect){0, 0, 0, 0};
    if (most > 0) {
        int bar = sm_ui_px(ui, 4);
        view->track = (SDL_Rect){rect.x + rect.w - pad + (pad - bar) / 2, inner.y, bar, inner.h};
        int h = (int)((long long)inner.h * visible / (long long)count);
        h = h < sm_ui_px(ui, 10) ? sm_ui_px(ui, 10) : h;
        int y = view->track.y + (int)((long long)(inner.h - h) * view->scroll_line / most);
        view->thumb = (SDL_Rect){view->track.x, y, bar, h};
        sm_ui_fill(ui, view->track, theme->background);
        sm_ui_fill(ui, view->thumb, theme->border);
    }

    sm_ui_clip saved =
        sm_ui_clip_push(ui->renderer, (SDL_Rect){inner.x, inner.y, inner.w + caret_w, inner.h});
    for (int i = view->scroll_line; i < (int)count && i < view->scroll_line + visible; i++) {
        int y = inner.y + (i - view->scroll_line) * line_h;
        size_t start = starts[i], end = starts[i + 1];
        if (selected && sel_from < end && sel_to > start) {
            int spans[16][2];
            size_t n = sm_ui_text_spans(&ui->body, shown, shown_length, start, end, inner.w,
                                        sel_from, sel_to, spans, 16);
            for (size_t k = 0; k < n; k++)
                sm_ui_fill(ui,
                           (SDL_Rect){inner.x + spans[k][0], y, spans[k][1] - spans[k][0], line_h},
                           theme->selection);
        }
        sm_ui_text_draw_line(ui->renderer, &ui->body, shown, shown_length, start, end, inner.x, y,
                             inner.w, theme->text);
        if (comp_length > 0 && comp_start < end && caret > start) {
            /* Underline the part of the composition on this line. */
            size_t from = comp_start > start ? comp_start : start;
            size_t to = caret < end ? caret : end;
            int x0 = sm_ui_text_caret_x(&ui->body, shown, shown_length, start, end, inner.w, from);
            int x1 = sm_ui_text_caret_x(&ui->body, shown, shown_length, start, end, inner.w, to);
            if (x1 < x0) { /* a right-to-left composition */
                int swap = x0;
                x0 = x1;
                x1 = swap;
            }
            sm_ui_fill(
                ui,
                (SDL_Rect){inner.x + x0, y + line_h - sm_ui_px(ui, 2), x1 - x0, sm_ui_px(ui, 2)},
                theme->composition);
        }
        if (i == caret_line && focused) {
            int x = sm_ui_text_caret_x(&ui->body, shown, shown_length, start, end, inner.w, caret);
            /* At most at the right edge, where the caret's own room is (see inner). */
            if (x > inner.w)
                x = inner.w;
            if (x < 0)
                x = 0;
            SDL_Rect bar = {inner.x + x, y, caret_w, line_h};
            sm_ui_fill(ui, bar, theme->text);
            view->caret = bar;
            /* The IME wants window coordinates, not device pixels. */
            SDL_Rect ime = {(int)((float)bar.x / ui->scale), (int)((float)bar.y / ui->scale), 1,
                            (int)((float)line_h / ui->scale)};
            SDL_SetTextInputRect(&ime);
        }
    }
    sm_ui_clip_pop(ui->renderer, saved);
    free(starts);
    free(shown);
    sm_ui_widget_end(ui->renderer);
}

/* The wrap of the field's text as last drawn (without a composition: keys go to the IME then). */
static size_t *field_lines(const sm_ui_window *ui, const sm_ui_field_view *view,
                           const sm_ui_edit *edit, size_t *count)
{
    return sm_ui_text_wrap(&ui->body, field_text(edit), edit->length,
                           view->inner.w > 0 ? view->inner.w : 1, count);
}

/* The offset nearest to x on wrapped line i; a line's break is not a place for the caret. */
static size_t hit_line(const sm_ui_window *ui, const sm_ui_field_view *view, const sm_ui_edit *edit,
                       const size_t *starts, size_t count, size_t i, int x)
{
    size_t start = starts[i], end = starts[i + 1];
    const char *text = field_text(edit);
    if (i + 1 < count && end > start && (text[end - 1] == '\n' || text[end - 1] == ' '))
        end--; /* the caret goes before the break (or the space a wrap broke at) */
    return sm_ui_text_hit(&ui->body, text, edit->length, start, end, view->inner.w, x);
}

size_t sm_ui_field_hit(const sm_ui_window *ui, const sm_ui_field_view *view, const sm_ui_edit *edit,
                       int x, int y)
{
    size_t count = 0;
    size_t *starts = field_lines(ui, view, edit, &count);
    if (starts == NULL)
        return edit->caret;
    int line = view->scroll_line + (y - view->inner.y) / ui->body.height;
    if (y < view->inner.y)
        line = view->scroll_line - 1;
    size_t at = line < 0 ? 0
                : line >= (int)count
                    ? edit->length
                    : hit_line(ui, view, edit, starts, count, (size_t)line, x - view->inner.x);
    free(starts);
    return at;
}

size_t sm_ui_field_vertical(const sm_ui_window *ui, const sm_ui_field_view *view,
                            const sm_ui_edit *edit, int lines)
{
    size_t count = 0;
    size_t *starts = field_lines(ui, view, edit, &count);
    if (starts == NULL)
        return edit->caret;
    int current = (int)line_of(starts, count, edit->caret);
    int target = current + lines;
    size_t at;
    if (target < 0) {
        at = 0;
    } else if (target >= (int)count) {
        at = edit->length;
    } else {
        int x = sm_ui_text_caret_x(&ui->body, field_text(edit), edit->length, starts[current],
                                   starts[current + 1], view->inner.w, edit->caret);
        at = hit_line(ui, view, edit, starts, count, (size_t)target, x);
    }
    free(starts);
    return at;
}

void sm_ui_error_panel_draw(const sm_ui_window *ui, SDL_Rect rect, const char *title,
                            const char *body)
{
    const sm_ui_theme *theme = ui->theme;
    int pad = sm_ui_px(ui, theme->pad);
    sm_ui_widget_begin(ui->renderer, "error panel", rect);
    sm_ui_fill(ui, rect, theme->panel);
    sm_ui_frame(ui, rect, theme->error, sm_ui_px(ui, 2));
    SDL_Rect inner = {rect.x + pad, rect.y + pad, rect.w - 2 * pad, rect.h - 2 * pad};
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, inner);
    int used = sm_ui_paragraph_draw(ui, inner, title, theme->error);
    inner.y += used + pad;
    sm_ui_paragraph_draw(ui, inner, body, theme->text);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
}
