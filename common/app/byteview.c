/* byteview.c - the byte view's model (flags, glyphs, control line) and its text form. */
#include "byteview.h"

#include <string.h>

static unsigned unit_at(const sm_channel_snapshot *s, size_t unit)
{
    return (unsigned)s->bytes[2 * unit] | (unsigned)s->bytes[2 * unit + 1] << 8;
}

size_t sm_byteview_terminator(const sm_channel_snapshot *now)
{
    size_t units = now->view_bytes / 2;
    for (size_t u = 1; u < units; u++)
        if (unit_at(now, u) == 0)
            return u;
    return units;
}

unsigned sm_byteview_flags(const sm_channel_snapshot *now, const sm_channel_snapshot *before,
                           size_t i)
{
    size_t unit = i / 2, terminator = sm_byteview_terminator(now);
    unsigned flags = 0;
    if (unit == 0)
        flags |= SM_BYTE_UNIT0;
    else if (unit == terminator)
        flags |= SM_BYTE_TERMINATOR;
    else if (unit < terminator)
        flags |= SM_BYTE_TEXT;
    if (before != NULL && before->view_bytes == now->view_bytes &&
        before->bytes[i] != now->bytes[i])
        flags |= SM_BYTE_CHANGED;
    return flags;
}

void sm_byteview_glyph(unsigned unit, char out[8])
{
    if (unit == 0) {
        strcpy(out, ".");
    } else if (unit < 0x20 || (unit >= 0x7F && unit < 0xA0)) {
        strcpy(out, "?");
    } else if (unit >= 0xD800 && unit <= 0xDFFF) {
        strcpy(out, "~");
    } else if (unit < 0x80) {
        out[0] = (char)unit;
        out[1] = '\0';
    } else if (unit < 0x800) {
        out[0] = (char)(0xC0 | unit >> 6);
        out[1] = (char)(0x80 | (unit & 0x3F));
        out[2] = '\0';
    } else {
        out[0] = (char)(0xE0 | unit >> 12);
        out[1] = (char)(0x80 | ((unit >> 6) & 0x3F));
        out[2] = (char)(0x80 | (unit & 0x3F));
        out[3] = '\0';
    }
}

bool sm_byteview_differs(const sm_channel_snapshot *now, const sm_channel_snapshot *before)
{
    return before == NULL || now->view_bytes != before->view_bytes ||
           memcmp(now->bytes, before->bytes, now->view_bytes) != 0 ||
           now->layout_version != before->layout_version || now->taken != before->taken ||
           now->published != before->published || now->data_word != before->data_word ||
           now->free_word != before->free_word || now->data_sleepers != before->data_sleepers ||
           now->free_sleepers != before->free_sleepers || now->lock_state != before->lock_state ||
           now->lock_owner != before->lock_owner;
}

void sm_byteview_control_line(const sm_channel_snapshot *now, char *out, size_t out_size)
{
    char owner[40] = "";
    if (now->lock_owner != 0)
        snprintf(owner, sizeof owner, " by %lu", now->lock_owner);
    snprintf(out, out_size,
             "layout %lu, taken %llu, published %llu, data ready %lu (%lu asleep), slot free %lu "
             "(%lu asleep), lock %s%s (%s)",
             (unsigned long)now->layout_version, (unsigned long long)now->taken,
             (unsigned long long)now->published, (unsigned long)now->data_word,
             (unsigned long)now->data_sleepers, (unsigned long)now->free_word,
             (unsigned long)now->free_sleepers, sm_lock_state_name(now->lock_state), owner,
             now->lock_kind);
}

/* One row: "0040  [48 00] 69 00*<00 00> ...  |Hi.|". */
static void print_row(FILE *out, const sm_channel_snapshot *now, const sm_channel_snapshot *before,
                      size_t start, size_t bytes_per_row)
{
    fprintf(out, "%04zx ", start);
    for (size_t i = start; i < start + bytes_per_row; i += 2) {
        if (i >= now->view_bytes) {
            fputs("        ", out);
            continue;
        }
        unsigned flags = sm_byteview_flags(now, before, i) | sm_byteview_flags(now, before, i + 1);
        char open = (flags & SM_BYTE_UNIT0) ? '[' : (flags & SM_BYTE_TERMINATOR) ? '<' : ' ';
        char close = (flags & SM_BYTE_UNIT0) ? ']' : (flags & SM_BYTE_TERMINATOR) ? '>' : ' ';
        fprintf(out, "%c%02x %02x%c%c", open, now->bytes[i], now->bytes[i + 1], close,
                (flags & SM_BYTE_CHANGED) ? '*' : ' ');
    }
    fputs(" |", out);
    for (size_t i = start; i < start + bytes_per_row && i < now->view_bytes; i += 2) {
        char glyph[8];
        sm_byteview_glyph(unit_at(now, i / 2), glyph);
        fputs(glyph, out);
    }
    fputs("|\n", out);
}

bool sm_byteview_print(FILE *out, const sm_channel_snapshot *now, const sm_channel_snapshot *before,
                       size_t bytes_per_row, bool all_rows)
{
    size_t rows = (now->view_bytes + bytes_per_row - 1) / bytes_per_row;
    size_t terminator_byte = 2 * sm_byteview_terminator(now);
    size_t shown = all_rows ? rows : terminator_byte / bytes_per_row + 1;
    if (shown > rows)
        shown = rows;
    for (size_t row = 0; row < shown; row++)
        print_row(out, now, before, row * bytes_per_row, bytes_per_row);
    if (shown < rows) {
        size_t nonzero = 0, changed = 0;
        for (size_t row = shown; row < rows; row++) {
            bool any = false, moved = false;
            for (size_t i = row * bytes_per_row;
                 i < (row + 1) * bytes_per_row && i < now->view_bytes; i++) {
                any |= now->bytes[i] != 0;
                moved |= (sm_byteview_flags(now, before, i) & SM_BYTE_CHANGED) != 0;
            }
            nonzero += any;
            changed += moved;
        }
        if (nonzero == 0 && changed == 0)
            fprintf(out, "... %zu rows of zero\n", rows - shown);
        else
            fprintf(out,
                    "... %zu more rows past the terminator, %zu not zero, %zu changed "
                    "(--all prints them)\n",
                    rows - shown, nonzero, changed);
    }
    return fflush(out) == 0 && !ferror(out);
}
