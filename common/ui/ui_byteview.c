/* ui_byteview.c - the F2 byte view, drawn from a snapshot with the shared byteview model. */
#include "ui_byteview.h"

#include <stdio.h>
#include <string.h>

#include "byteview.h"
#include "ui_drawcheck.h"
#include "ui_text.h"
#include "ui_widgets.h"

int sm_ui_byteview_draw(const sm_ui_window *ui, SDL_Rect rect, const sm_channel_snapshot *now,
                        const sm_channel_snapshot *before, int first_row)
{
    const sm_ui_theme *theme = ui->theme;
    char line[400];
    sm_ui_widget_begin(ui->renderer, "byte view", rect);
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, rect);
    sm_byteview_control_line(now, line, sizeof line);
    int used = sm_ui_paragraph_draw_small(ui, rect, line, theme->dim);
    int row_h = ui->small.height + sm_ui_px(ui, 2);
    int y0 = rect.y + used + sm_ui_px(ui, 6);
    int rows_fit = (rect.y + rect.h - y0) / row_h;
    int rows = (int)((now->view_bytes + SM_UI_BYTEVIEW_ROW_BYTES - 1) / SM_UI_BYTEVIEW_ROW_BYTES);
    /* Columns: the offset, 8 units of "hh hh", the glyphs. Digits are as wide in every font. */
    int offset_w = sm_ui_text_width(&ui->small, "0000", 4) + sm_ui_px(ui, 10);
    int unit_w = sm_ui_text_width(&ui->small, "00 00", 5) + sm_ui_px(ui, 8);
    int glyph_w = sm_ui_text_width(&ui->small, "W", 1) + sm_ui_px(ui, 3);
    for (int r = 0; r < rows_fit && first_row + r < rows; r++) {
        size_t start = (size_t)(first_row + r) * SM_UI_BYTEVIEW_ROW_BYTES;
        int y = y0 + r * row_h, x = rect.x;
        snprintf(line, sizeof line, "%04zx", start);
        sm_ui_label_draw(ui, (SDL_Rect){x, y, offset_w, row_h}, line, theme->dim);
        x += offset_w;
        int glyph_x = x + (SM_UI_BYTEVIEW_ROW_BYTES / 2) * unit_w + sm_ui_px(ui, 6);
        for (size_t i = start; i < start + SM_UI_BYTEVIEW_ROW_BYTES && i < now->view_bytes;
             i += 2, x += unit_w) {
            unsigned flags =
                sm_byteview_flags(now, before, i) | sm_byteview_flags(now, before, i + 1);
            SDL_Color color = (flags & SM_BYTE_UNIT0)        ? theme->accent
                              : (flags & SM_BYTE_TERMINATOR) ? theme->warning
                              : (flags & SM_BYTE_TEXT)       ? theme->text
                                                             : theme->dim;
            SDL_Rect cell = {x, y, unit_w - sm_ui_px(ui, 4), row_h};
            if (flags & SM_BYTE_CHANGED)
                sm_ui_fill(ui, cell, theme->selection);
            if (flags & (SM_BYTE_UNIT0 | SM_BYTE_TERMINATOR))
                sm_ui_frame(ui, cell, color, sm_ui_px(ui, 1));
            snprintf(line, sizeof line, "%02x %02x", now->bytes[i], now->bytes[i + 1]);
            sm_ui_label_draw(ui, (SDL_Rect){x + sm_ui_px(ui, 2), y, unit_w, row_h}, line, color);
            char glyph[8];
            sm_byteview_glyph((unsigned)now->bytes[i] | (unsigned)now->bytes[i + 1] << 8, glyph);
            sm_ui_label_draw(
                ui, (SDL_Rect){glyph_x + (int)((i - start) / 2) * glyph_w, y, glyph_w, row_h},
                glyph, color);
        }
    }
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
    return rows_fit;
}
