/* ui_loglist.c - wrapped entries drawn bottom-up so the newest stays in view. */
#include "ui_loglist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_text.h"
#include "ui_widgets.h"

void sm_ui_loglist_init(sm_ui_loglist *list, const char *empty_text)
{
    memset(list, 0, sizeof *list);
    list->empty_text = empty_text;
}

static char *copy_string(const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = malloc(n);
    if (copy != NULL)
        memcpy(copy, text, n);
    return copy;
}

static void entry_free(sm_ui_log_entry *entry)
{
    free(entry->body);
    free(entry->note);
    free(entry->lines);
}

void sm_ui_loglist_free(sm_ui_loglist *list)
{
    for (size_t i = 0; i < list->count; i++)
        entry_free(&list->entries[i]);
    free(list->entries);
    memset(list, 0, sizeof *list);
}

bool sm_ui_loglist_add(sm_ui_loglist *list, unsigned long id, const char *header,
                       SDL_Color header_color, const char *body, size_t body_length,
                       const char *note)
{
    if (list->entries == NULL) {
        list->entries = calloc(SM_UI_LOGLIST_MAX, sizeof *list->entries);
        if (list->entries == NULL)
            return false;
    }
    sm_ui_log_entry entry = {.id = id, .header_color = header_color};
    snprintf(entry.header, sizeof entry.header, "%s", header);
    entry.body = malloc(body_length + 1);
    entry.note = note != NULL ? copy_string(note) : NULL;
    if (entry.body == NULL || (note != NULL && entry.note == NULL)) {
        entry_free(&entry);
        return false;
    }
    memcpy(entry.body, body, body_length);
    entry.body[body_length] = '\0';
    entry.body_length = body_length;
    if (list->count == SM_UI_LOGLIST_MAX) {
        entry_free(&list->entries[0]);
        memmove(list->entries, list->entries + 1, (list->count - 1) * sizeof *list->entries);
        list->count--;
    }
    list->entries[list->count++] = entry;
    if (list->scroll > 0)
        list->unseen++; /* keep the lines being read in place (see sm_ui_loglist_draw) */
    return true;
}

bool sm_ui_loglist_set_header(sm_ui_loglist *list, unsigned long id, const char *header,
                              SDL_Color header_color)
{
    for (size_t i = list->count; i-- > 0;) {
        if (list->entries[i].id == id) {
            snprintf(list->entries[i].header, sizeof list->entries[i].header, "%s", header);
            list->entries[i].header_color = header_color;
            return true;
        }
    }
    return false;
}

/* Height of one entry at width, wrapping its body if the width or font changed. */
static int entry_height(const sm_ui_window *ui, sm_ui_loglist *list, sm_ui_log_entry *entry,
                        int width)
{
    if (entry->wrap_width != width || list->font_size != ui->body.pixel_size) {
        free(entry->lines);
        entry->lines = sm_ui_text_wrap(&ui->body, entry->body, entry->body_length, width,
                                       &entry->line_count);
        entry->wrap_width = width;
    }
    int gap = sm_ui_px(ui, 8);
    return ui->small.height + (int)entry->line_count * ui->body.height +
           (entry->note != NULL ? ui->small.height : 0) + gap;
}

static int total_height(const sm_ui_window *ui, sm_ui_loglist *list, int width)
{
    int total = 0;
    for (size_t i = 0; i < list->count; i++)
        total += entry_height(ui, list, &list->entries[i], width);
    list->font_size = ui->body.pixel_size;
    return total;
}

static void entry_draw(const sm_ui_window *ui, const sm_ui_log_entry *entry, int x, int y)
{
    const sm_ui_theme *theme = ui->theme;
    sm_ui_text_draw(ui->renderer, &ui->small, entry->header, strlen(entry->header), x, y,
                    entry->header_color);
    y += ui->small.height;
    for (size_t i = 0; entry->lines != NULL && i < entry->line_count; i++, y += ui->body.height) {
        size_t start = entry->lines[i];
        size_t end = start + sm_ui_text_trim_end(entry->body + start, entry->lines[i + 1] - start);
        sm_ui_text_draw_line(ui->renderer, &ui->body, entry->body, entry->body_length, start, end,
                             x, y, entry->wrap_width, theme->text);
    }
    if (entry->note != NULL) {
        /* The warning sign marks ill-formed or truncated text next to the U+FFFD it caused. */
        char note[400];
        snprintf(note, sizeof note, "\xE2\x9A\xA0 %s", entry->note);
        sm_ui_text_draw(ui->renderer, &ui->small, note, strlen(note), x, y, theme->warning);
    }
}

static void clamp_scroll(sm_ui_loglist *list, int total, int view)
{
    int most = total > view ? total - view : 0;
    if (list->scroll > most)
        list->scroll = most;
    if (list->scroll < 0)
        list->scroll = 0;
}

void sm_ui_loglist_draw(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect)
{
    const sm_ui_theme *theme = ui->theme;
    int pad = sm_ui_px(ui, theme->pad);
    sm_ui_fill(ui, rect, theme->panel);
    sm_ui_frame(ui, rect, theme->border, sm_ui_px(ui, 1));
    SDL_Rect inner = {rect.x + pad, rect.y + pad / 2, rect.w - 2 * pad, rect.h - pad};
    if (inner.w <= 0 || inner.h <= 0)
        return;
    SDL_RenderSetClipRect(ui->renderer, &inner);
    if (list->count == 0 && list->empty_text != NULL) {
        sm_ui_text_draw(ui->renderer, &ui->small, list->empty_text, strlen(list->empty_text),
                        inner.x, inner.y + pad / 2, theme->dim);
    }
    int total = total_height(ui, list, inner.w);
    /* Entries that arrived while the user reads older ones push the view up by their height,
       so what is being read does not move. */
    for (size_t i = list->count; list->scroll > 0 && list->unseen > 0 && i-- > 0; list->unseen--)
        list->scroll += entry_height(ui, list, &list->entries[i], inner.w);
    list->unseen = 0;
    clamp_scroll(list, total, inner.h);
    /* Bottom-up from the newest: the last entry's bottom sits at the view's bottom. */
    int bottom = inner.y + inner.h + list->scroll;
    if (total < inner.h)
        bottom = inner.y + total; /* few entries: start at the top */
    for (size_t i = list->count; i-- > 0 && bottom > inner.y;) {
        int h = entry_height(ui, list, &list->entries[i], inner.w);
        int top = bottom - h;
        if (top < inner.y + inner.h)
            entry_draw(ui, &list->entries[i], inner.x, top);
        bottom = top;
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
    if (list->scroll > 0) {
        /* A bar along the bottom says newer entries are below. */
        sm_ui_fill(ui, (SDL_Rect){rect.x, rect.y + rect.h - sm_ui_px(ui, 3), rect.w,
                                  sm_ui_px(ui, 3)},
                   theme->accent);
    }
}

bool sm_ui_loglist_handle(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect,
                          const SDL_Event *event, bool keys)
{
    int before = list->scroll;
    int page = rect.h * 9 / 10;
    if (event->type == SDL_MOUSEWHEEL) {
        int x = 0, y = 0;
        SDL_GetMouseState(&x, &y);
        sm_ui_mouse_to_px(ui, &x, &y);
        if (!sm_ui_hit(rect, x, y))
            return false;
        int dy = event->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -event->wheel.y
                                                                  : event->wheel.y;
        list->scroll += dy * 3 * ui->body.height;
    } else if (keys && event->type == SDL_KEYDOWN) {
        switch (event->key.keysym.sym) {
        case SDLK_PAGEUP: list->scroll += page; break;
        case SDLK_PAGEDOWN: list->scroll -= page; break;
        case SDLK_HOME: list->scroll = 1 << 30; break;
        case SDLK_END: list->scroll = 0; break;
        default: return false;
        }
    } else {
        return false;
    }
    int pad = sm_ui_px(ui, ui->theme->pad);
    clamp_scroll(list, total_height(ui, list, rect.w - 2 * pad), rect.h - pad);
    return list->scroll != before;
}
