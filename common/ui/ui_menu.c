/* ui_menu.c - a context menu drawn in the window, for the mouse and the keyboard. */
#include "ui_menu.h"

#include <string.h>

#include "trace.h"
#include "ui_drawcheck.h"
#include "ui_text.h"
#include "ui_widgets.h"

void sm_ui_menu_open(sm_ui_menu *menu, int x, int y, const char *const *items, const bool *enabled,
                     size_t count)
{
    memset(menu, 0, sizeof *menu);
    menu->count = count < SM_UI_MENU_MAX ? count : SM_UI_MENU_MAX;
    for (size_t i = 0; i < menu->count; i++) {
        menu->items[i] = items[i];
        menu->enabled[i] = enabled[i];
    }
    menu->focus = 0;
    while (menu->focus < menu->count && !menu->enabled[menu->focus])
        menu->focus++;
    menu->x = x;
    menu->y = y;
    menu->open = true;
}

void sm_ui_menu_draw(const sm_ui_window *ui, sm_ui_menu *menu)
{
    if (!menu->open)
        return;
    const sm_ui_theme *theme = ui->theme;
    int pad = sm_ui_px(ui, 12), row = ui->body.height + sm_ui_px(ui, 8), w = 0;
    for (size_t i = 0; i < menu->count; i++) {
        int iw = sm_ui_text_width(&ui->body, menu->items[i], strlen(menu->items[i]));
        w = iw > w ? iw : w;
    }
    w += 2 * pad;
    int h = (int)menu->count * row + sm_ui_px(ui, 8);
    /* Kept inside the window: opened near an edge it opens toward the inside. */
    int x = menu->x + w > ui->width ? ui->width - w : menu->x;
    int y = menu->y + h > ui->height ? ui->height - h : menu->y;
    menu->rect = (SDL_Rect){x < 0 ? 0 : x, y < 0 ? 0 : y, w, h};
    sm_ui_widget_begin(ui->renderer, "menu", menu->rect);
    sm_ui_fill(ui, menu->rect, theme->panel);
    sm_ui_frame(ui, menu->rect, theme->border, sm_ui_px(ui, 1));
    for (size_t i = 0; i < menu->count; i++) {
        SDL_Rect r = {menu->rect.x + sm_ui_px(ui, 1), menu->rect.y + sm_ui_px(ui, 4) + (int)i * row,
                      w - 2 * sm_ui_px(ui, 1), row};
        menu->item_rects[i] = r;
        bool focus = i == menu->focus && menu->enabled[i];
        if (focus)
            sm_ui_fill(ui, r, theme->accent);
        sm_ui_text_draw(ui->renderer, &ui->body, menu->items[i], strlen(menu->items[i]), r.x + pad,
                        r.y + sm_ui_px(ui, 4),
                        focus              ? theme->accent_text
                        : menu->enabled[i] ? theme->text
                                           : theme->dim);
    }
    sm_ui_widget_end(ui->renderer);
}

void sm_ui_menu_trace_place(const sm_ui_window *ui, sm_ui_menu *menu)
{
    if (!menu->open || menu->traced || menu->rect.w == 0)
        return;
    float s = ui->scale > 0 ? ui->scale : 1.0f;
    const SDL_Rect *r = &menu->rect;
    char enabled[SM_UI_MENU_MAX + 1];
    for (size_t i = 0; i < menu->count; i++)
        enabled[i] = menu->enabled[i] ? '1' : '0';
    enabled[menu->count] = '\0';
    sm_trace(SM_TRACE_STATE, "menu at %d,%d,%d,%d enabled=%s items=%zu", (int)((float)r->x / s),
             (int)((float)r->y / s), (int)((float)r->w / s), (int)((float)r->h / s), enabled,
             menu->count);
    menu->traced = true;
}

/* The next enabled item from focus in direction (+1/-1), wrapping; focus if none other. */
static size_t step(const sm_ui_menu *menu, size_t from, int direction)
{
    size_t i = from;
    for (size_t tries = 0; tries < menu->count; tries++) {
        i = direction > 0 ? (i + 1) % menu->count : (i + menu->count - 1) % menu->count;
        if (menu->enabled[i])
            return i;
    }
    return from;
}

static int choose(sm_ui_menu *menu, size_t i)
{
    if (i >= menu->count || !menu->enabled[i])
        return SM_UI_MENU_NONE;
    menu->open = false;
    return (int)i;
}

int sm_ui_menu_handle(const sm_ui_window *ui, sm_ui_menu *menu, const SDL_Event *event,
                      bool *changed)
{
    *changed = false;
    if (!menu->open || menu->count == 0)
        return SM_UI_MENU_NONE;
    if (event->type == SDL_KEYDOWN) {
        size_t before = menu->focus;
        switch (event->key.keysym.sym) {
        case SDLK_ESCAPE:
        case SDLK_MENU:
        case SDLK_APPLICATION:
            menu->open = false;
            *changed = true;
            return SM_UI_MENU_CLOSED;
        case SDLK_DOWN:
        case SDLK_TAB: menu->focus = step(menu, menu->focus, 1); break;
        case SDLK_UP: menu->focus = step(menu, menu->focus, -1); break;
        case SDLK_HOME: menu->focus = step(menu, menu->count - 1, 1); break;
        case SDLK_END: menu->focus = step(menu, 0, -1); break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE: *changed = true; return choose(menu, menu->focus);
        default: break;
        }
        *changed = menu->focus != before;
        return SM_UI_MENU_NONE;
    }
    if (event->type == SDL_MOUSEMOTION || event->type == SDL_MOUSEBUTTONDOWN ||
        event->type == SDL_MOUSEBUTTONUP) {
        int x = event->type == SDL_MOUSEMOTION ? event->motion.x : event->button.x;
        int y = event->type == SDL_MOUSEMOTION ? event->motion.y : event->button.y;
        sm_ui_mouse_to_px(ui, &x, &y);
        for (size_t i = 0; i < menu->count; i++) {
            if (!sm_ui_hit(menu->item_rects[i], x, y))
                continue;
            if (event->type == SDL_MOUSEMOTION && menu->enabled[i] && menu->focus != i) {
                menu->focus = i;
                *changed = true;
            }
            if (event->type == SDL_MOUSEBUTTONUP && event->button.button == SDL_BUTTON_LEFT) {
                *changed = true;
                return choose(menu, i);
            }
            return SM_UI_MENU_NONE;
        }
        if (event->type == SDL_MOUSEBUTTONDOWN && !sm_ui_hit(menu->rect, x, y)) {
            menu->open = false; /* a click outside closes it, and does nothing else */
            *changed = true;
            return SM_UI_MENU_CLOSED;
        }
    }
    return SM_UI_MENU_NONE;
}
