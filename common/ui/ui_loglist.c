/* ui_loglist.c - wrapped entries drawn bottom-up so the newest stays in view. */
#include "ui_loglist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_controls.h"
#include "ui_drawcheck.h"
#include "ui_paragraphs.h"
#include "ui_primary.h"
#include "ui_search.h"
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

/* Whether a process filter word (a name, ASCII case ignored, or a pid) names the entry's origin. */
static bool names_origin(const sm_ui_log_entry *entry, const char *word)
{
    size_t n = strlen(word);
    if (entry->pid == 0 && entry->process[0] == '\0')
        return false;
    char pid[24];
    snprintf(pid, sizeof pid, "%lu", entry->pid);
    size_t name_length = strlen(entry->process);
    return strcmp(pid, word) == 0 ||
           (name_length == n && sm_ui_search_next(entry->process, n, 0, word, n) == 0);
}

static bool passes(const sm_ui_logfilter *filter, const sm_ui_log_entry *entry)
{
    const char *text = entry->raw != NULL ? entry->raw : entry->body;
    size_t length = entry->raw != NULL ? entry->raw_length : entry->body_length;
    return sm_ui_search_contains(text, length, filter->text, strlen(filter->text)) &&
           (filter->process[0] == '\0' || names_origin(entry, filter->process)) &&
           (filter->exclude[0] == '\0' || !names_origin(entry, filter->exclude));
}

static bool find_hit(const sm_ui_loglist *list, const sm_ui_log_entry *entry)
{
    return list->find[0] != '\0' && !entry->hidden &&
           sm_ui_search_contains(entry->body, entry->body_length, list->find, strlen(list->find));
}

/*
 * Counts the matches anew. A current match that is still one stays; otherwise the
 * next match after where it was becomes current, or the first (wrapping around).
 */
static void recount_matches(sm_ui_loglist *list)
{
    size_t current = list->find_current, next = list->count, first = list->count;
    list->find_matches = list->find_rank = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (!find_hit(list, &list->entries[i]))
            continue;
        list->find_matches++;
        first = first == list->count ? i : first;
        next = next == list->count && i >= current ? i : next;
    }
    list->find_current = next < list->count ? next : first;
    for (size_t i = 0; i <= list->find_current && i < list->count; i++)
        list->find_rank += find_hit(list, &list->entries[i]);
}

static void entry_free(sm_ui_log_entry *entry)
{
    free(entry->body);
    free(entry->raw);
    free(entry->note);
    free(entry->lines);
    free(entry->paragraph_widths);
}

void sm_ui_loglist_free(sm_ui_loglist *list)
{
    for (size_t i = 0; i < list->count; i++)
        entry_free(&list->entries[i]);
    free(list->entries);
    memset(list, 0, sizeof *list);
}

static void append(sm_ui_loglist *list, sm_ui_log_entry *entry_in);

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
    /* Shown with its control characters as symbols; copied as it came. */
    entry.body = sm_ui_visible_controls(body, body_length, &entry.body_length);
    bool same = entry.body != NULL && entry.body_length == body_length &&
                memcmp(entry.body, body, body_length) == 0;
    entry.raw = same ? NULL : malloc(body_length + 1);
    entry.note = note != NULL ? copy_string(note) : NULL;
    if (entry.body == NULL || (!same && entry.raw == NULL) ||
        (note != NULL && entry.note == NULL)) {
        entry_free(&entry);
        return false;
    }
    if (entry.raw != NULL) {
        memcpy(entry.raw, body, body_length);
        entry.raw[body_length] = '\0';
        entry.raw_length = body_length;
    }
    append(list, &entry);
    return true;
}

/* Puts entry (owned from now on) at the end, dropping the oldest when the list is full. */
static void append(sm_ui_loglist *list, sm_ui_log_entry *entry_in)
{
    sm_ui_log_entry entry = *entry_in;
    entry.hidden = !passes(&list->filter, &entry);
    list->has_process |= entry.pid != 0 || entry.process[0] != '\0';
    if (list->count == SM_UI_LOGLIST_MAX) {
        list->hidden -= list->entries[0].hidden;
        bool dropped_match = find_hit(list, &list->entries[0]);
        list->find_matches -= dropped_match;
        list->find_rank -= dropped_match && list->find_current > 0;
        if (list->find_current > 0)
            list->find_current--;
        else if (dropped_match)
            list->find_rank = 0; /* the current match left: the next one (below) */
        entry_free(&list->entries[0]);
        memmove(list->entries, list->entries + 1, (list->count - 1) * sizeof *list->entries);
        list->count--;
        list->dropped++;
        /* The selection keeps pointing at the same entries; one that was dropped goes. */
        if (list->selected && (list->sel_anchor == 0 || list->sel_focus == 0) &&
            list->sel_anchor == list->sel_focus)
            list->selected = false;
        if (list->sel_anchor > 0)
            list->sel_anchor--;
        if (list->sel_focus > 0)
            list->sel_focus--;
    }
    list->entries[list->count++] = entry;
    list->hidden += entry.hidden;
    list->find_matches += find_hit(list, &entry);
    if (list->find_matches > 0 && list->find_rank == 0)
        recount_matches(list); /* the first match, or the current one was dropped */
    if (list->scroll > 0 && !entry.hidden) {
        list->unseen++; /* keep the lines being read in place (see sm_ui_loglist_draw) */
        list->new_below++;
    }
}

void sm_ui_loglist_take_all(sm_ui_loglist *list, sm_ui_loglist *from)
{
    if (list->entries == NULL && from->count > 0) {
        list->entries = calloc(SM_UI_LOGLIST_MAX, sizeof *list->entries);
        if (list->entries == NULL)
            return; /* out of memory: they stay in from */
    }
    list->dropped += from->dropped;
    for (size_t i = 0; i < from->count; i++)
        append(list, &from->entries[i]);
    from->count = 0;
    from->dropped = 0;
}

void sm_ui_loglist_clear(sm_ui_loglist *list)
{
    for (size_t i = 0; i < list->count; i++)
        entry_free(&list->entries[i]);
    list->count = 0;
    list->scroll = 0;
    list->unseen = list->new_below = 0;
    list->dropped = 0;
    list->selected = list->dragging = false;
    list->hidden = 0;
    list->has_process = false;
    list->find_matches = list->find_rank = 0;
    list->find_current = 0;
}

bool sm_ui_loglist_set_origin(sm_ui_loglist *list, unsigned long id, unsigned long pid,
                              const char *process, const char *stamp)
{
    for (size_t i = list->count; i-- > 0;) {
        sm_ui_log_entry *entry = &list->entries[i];
        if (entry->id != id)
            continue;
        entry->pid = pid;
        snprintf(entry->process, sizeof entry->process, "%s", process != NULL ? process : "");
        snprintf(entry->stamp, sizeof entry->stamp, "%s", stamp != NULL ? stamp : "");
        entry->header_lines = 0; /* the header is laid out anew beside the column */
        list->has_process |= pid != 0 || entry->process[0] != '\0';
        bool hidden = !passes(&list->filter, entry);
        list->hidden = list->hidden - entry->hidden + hidden;
        entry->hidden = hidden;
        if (list->find[0] != '\0')
            recount_matches(list);
        return true;
    }
    return false;
}

void sm_ui_loglist_set_filter(sm_ui_loglist *list, const sm_ui_logfilter *filter)
{
    list->filter = *filter;
    list->hidden = 0;
    for (size_t i = 0; i < list->count; i++) {
        list->entries[i].hidden = !passes(filter, &list->entries[i]);
        list->hidden += list->entries[i].hidden;
    }
    /* The view follows the newest again: scroll offsets of the old set mean nothing now. */
    list->scroll = 0;
    list->unseen = list->new_below = 0;
    if (list->find[0] != '\0')
        recount_matches(list);
}

void sm_ui_loglist_find(sm_ui_loglist *list, const char *text)
{
    snprintf(list->find, sizeof list->find, "%s", text != NULL ? text : "");
    /* From the top of the view: what the reader sees first is found first. */
    list->find_current = list->count > 0 ? list->first_visible : 0;
    recount_matches(list);
    list->scroll_pending = list->find_matches > 0;
}

bool sm_ui_loglist_find_step(sm_ui_loglist *list, int direction)
{
    if (list->find_matches == 0)
        return false;
    size_t i = list->find_current < list->count ? list->find_current : 0;
    for (size_t tries = 0; tries < list->count; tries++) {
        i = direction > 0 ? (i + 1) % list->count : (i + list->count - 1) % list->count;
        if (find_hit(list, &list->entries[i]))
            break;
    }
    list->find_current = i;
    recount_matches(list);
    list->scroll_pending = true;
    return true;
}

static void selection_range(const sm_ui_loglist *list, size_t *first, size_t *last)
{
    *first = list->sel_anchor < list->sel_focus ? list->sel_anchor : list->sel_focus;
    *last = list->sel_anchor < list->sel_focus ? list->sel_focus : list->sel_anchor;
    if (*last >= list->count)
        *last = list->count - 1;
}

/*
 * The selected shown entries' text, one per line (with details: header and
 * process first), malloc'd; NULL when none is selected or out of memory.
 */
static char *selection_text(const sm_ui_loglist *list, bool details, size_t *length)
{
    if (!list->selected || list->count == 0)
        return NULL;
    size_t first, last, size = 1;
    selection_range(list, &first, &last);
    for (size_t i = first; i <= last; i++)
        size += (list->entries[i].raw != NULL ? list->entries[i].raw_length
                                              : list->entries[i].body_length) +
                1 + (details ? sizeof list->entries[i].header + 96 : 0);
    char *text = malloc(size), *at = text;
    if (text == NULL)
        return NULL;
    size_t copied = 0;
    for (size_t i = first; i <= last; i++) {
        const sm_ui_log_entry *entry = &list->entries[i];
        if (entry->hidden)
            continue; /* the filter hides it: not what the user selected on screen */
        if (copied++ > 0)
            *at++ = '\n';
        if (details && (entry->pid != 0 || entry->process[0] != '\0'))
            at += snprintf(at, size - (size_t)(at - text), "%s\t%s %lu\t", entry->header,
                           entry->process, entry->pid);
        else if (details)
            at += snprintf(at, size - (size_t)(at - text), "%s\t", entry->header);
        size_t n = entry->raw != NULL ? entry->raw_length : entry->body_length;
        memcpy(at, entry->raw != NULL ? entry->raw : entry->body, n);
        at += n;
    }
    *at = '\0';
    *length = (size_t)(at - text);
    if (copied == 0) {
        free(text);
        return NULL;
    }
    return text;
}

static bool copy_selection(const sm_ui_loglist *list, bool details)
{
    size_t length = 0;
    char *text = selection_text(list, details, &length);
    bool ok = text != NULL && SDL_SetClipboardText(text) == 0;
    free(text);
    return ok;
}

/* A selection made in the list becomes the primary selection (ui_primary.h), as copied. */
static void offer_selection(const sm_ui_loglist *list)
{
    size_t length = 0;
    char *text = selection_text(list, false, &length);
    if (text != NULL)
        (void)sm_ui_primary_set(text, length); /* refused: other programs cannot paste it */
    free(text);
}

void sm_ui_loglist_select_all(sm_ui_loglist *list)
{
    list->selected = list->count > 0;
    list->sel_anchor = 0;
    list->sel_focus = list->count > 0 ? list->count - 1 : 0;
    offer_selection(list);
}

bool sm_ui_loglist_copy(const sm_ui_loglist *list)
{
    return copy_selection(list, false);
}

bool sm_ui_loglist_copy_details(const sm_ui_loglist *list)
{
    return copy_selection(list, true);
}

bool sm_ui_loglist_set_header(sm_ui_loglist *list, unsigned long id, const char *header,
                              SDL_Color header_color)
{
    for (size_t i = list->count; i-- > 0;) {
        if (list->entries[i].id == id) {
            snprintf(list->entries[i].header, sizeof list->entries[i].header, "%s", header);
            list->entries[i].header_color = header_color;
            list->entries[i].header_lines = 0; /* wrapped anew at the next frame */
            return true;
        }
    }
    return false;
}

/* Width of the process column at the header's left: none until an entry carries a process. */
static int process_column(const sm_ui_window *ui, const sm_ui_loglist *list)
{
    return list->has_process ? sm_ui_px(ui, 180) : 0;
}

/* Height of an entry of lines body lines: header lines, body lines, note, gap. */
static int height_of(const sm_ui_window *ui, const sm_ui_log_entry *entry, size_t lines)
{
    int header = (int)(entry->header_lines > 0 ? entry->header_lines : 1);
    return header * ui->small.height + (int)lines * ui->body.height +
           (entry->note != NULL ? ui->small.height : 0) + sm_ui_px(ui, 8);
}

/*
 * Wraps the header to width once per width and font size: an explanation such as
 * "queued · waiting until the receiver has read the previous message" is read in
 * full on two lines instead of ending in "…". One that fits needs no shaping.
 */
static void wrap_header(const sm_ui_window *ui, sm_ui_log_entry *entry, int width)
{
    if (entry->header_lines > 0 && entry->header_width == width &&
        entry->header_size == ui->small.pixel_size)
        return;
    size_t length = strlen(entry->header), count = 1;
    if (sm_ui_text_width(&ui->small, entry->header, length) > width) {
        size_t *starts = sm_ui_text_wrap(&ui->small, entry->header, length, width, &count);
        if (starts == NULL)
            count = 1;
        free(starts);
    }
    entry->header_lines = count > 0 ? count : 1;
    entry->header_width = width;
    entry->header_size = ui->small.pixel_size;
}

/* Measures each paragraph's natural width once per font size; false when out of memory. */
static bool measure(const sm_ui_window *ui, sm_ui_loglist *list, sm_ui_log_entry *entry)
{
    if (entry->measured_size == ui->body.pixel_size)
        return true;
    size_t count = sm_ui_paragraph_count(entry->body, entry->body_length);
    int *widths = realloc(entry->paragraph_widths, count * sizeof *widths);
    if (widths == NULL)
        return false;
    entry->paragraph_widths = widths;
    entry->paragraphs = count;
    entry->widest = 0;
    for (size_t i = 0, start = 0; i < count; i++) {
        const char *feed = memchr(entry->body + start, '\n', entry->body_length - start);
        size_t end = feed != NULL ? (size_t)(feed - entry->body) : entry->body_length;
        widths[i] = sm_ui_text_width(&ui->body, entry->body + start,
                                     sm_ui_text_trim_end(entry->body + start, end - start));
        entry->widest = widths[i] > entry->widest ? widths[i] : entry->widest;
        start = end + 1;
    }
    entry->measured_size = ui->body.pixel_size;
    list->shaped++;
    return true;
}

/* Whether the entry's wrap is the one for width at the current font size. */
static bool wrapped_for(const sm_ui_window *ui, const sm_ui_log_entry *entry, int width)
{
    return entry->lines != NULL && entry->wrap_width == width &&
           entry->wrap_size == ui->body.pixel_size;
}

/*
 * Lines of an entry at width. Known without shaping when it was wrapped for
 * width or when every paragraph fits (one line each); otherwise wrapped now
 * if exact is asked (the entry is in view), else estimated.
 */
static size_t entry_lines(const sm_ui_window *ui, sm_ui_loglist *list, sm_ui_log_entry *entry,
                          int width, bool exact)
{
    if (wrapped_for(ui, entry, width))
        return entry->line_count;
    if (!measure(ui, list, entry))
        return entry->line_count;
    bool fits = entry->widest <= width;
    if (!fits && !exact)
        return sm_ui_paragraph_estimate(entry->paragraph_widths, entry->paragraphs, width);
    size_t count = 0;
    size_t *lines =
        fits ? sm_ui_paragraph_lines(entry->body, entry->body_length, &count)
             : sm_ui_text_wrap(&ui->body, entry->body, entry->body_length, width, &count);
    if (lines == NULL)
        return entry->line_count; /* out of memory: the old wrap stays */
    list->shaped += !fits;
    free(entry->lines);
    entry->lines = lines;
    entry->line_count = count;
    entry->wrap_width = width;
    entry->wrap_size = ui->body.pixel_size;
    return count;
}

/* Height of one entry at width: exact when asked or known, else estimated (see entry_lines). */
static int entry_height(const sm_ui_window *ui, sm_ui_loglist *list, sm_ui_log_entry *entry,
                        int width, bool exact)
{
    if (entry->hidden)
        return 0;
    wrap_header(ui, entry, width - process_column(ui, list));
    return height_of(ui, entry, entry_lines(ui, list, entry, width, exact));
}

/* The height the last frame used for an entry (its wrap, or the estimate), for the mouse and tests.
 */
static int last_height(const sm_ui_window *ui, const sm_ui_log_entry *entry, int width)
{
    if (entry->hidden)
        return 0;
    size_t lines =
        wrapped_for(ui, entry, width) || entry->measured_size == 0
            ? entry->line_count
            : sm_ui_paragraph_estimate(entry->paragraph_widths, entry->paragraphs, width);
    return height_of(ui, entry, lines);
}

static int total_height(const sm_ui_window *ui, sm_ui_loglist *list, int width)
{
    int total = 0;
    for (size_t i = 0; i < list->count; i++)
        total += entry_height(ui, list, &list->entries[i], width, false);
    return total;
}

/*
 * Wraps exactly the entries in view. The content's bottom is anchored to the
 * view's bottom (scroll counts from there), so they are found from the newest
 * up, and an estimate that was off moves only what is above the view. Returns
 * the corrected total height.
 */
static int lay_out_visible(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect inner, int total)
{
    int bottom = total < inner.h ? inner.y + total : inner.y + inner.h + list->scroll;
    for (size_t i = list->count; i-- > 0 && (bottom > inner.y || total < inner.h);) {
        sm_ui_log_entry *entry = &list->entries[i];
        int estimate = entry_height(ui, list, entry, inner.w, false);
        int top = bottom - estimate;
        if (top < inner.y + inner.h) {
            int exact = entry_height(ui, list, entry, inner.w, true);
            total += exact - estimate;
            top = bottom - exact;
        }
        bottom = top;
    }
    return total;
}

/* Marks each occurrence of the find text on one drawn line of an entry's body. */
static void highlight_matches(const sm_ui_window *ui, const sm_ui_loglist *list,
                              const sm_ui_log_entry *entry, size_t start, size_t end, int x, int y)
{
    /* The current match's entry in a stronger colour, so "n of m" can be seen on screen. */
    bool current = list->find_matches > 0 && list->find_current < list->count &&
                   &list->entries[list->find_current] == entry;
    size_t n = strlen(list->find);
    for (size_t at = sm_ui_search_next(entry->body, end, start, list->find, n); at < end;
         at = sm_ui_search_next(entry->body, end, at + 1, list->find, n)) {
        int spans[4][2];
        size_t count = sm_ui_text_spans(&ui->body, entry->body, entry->body_length, start, end,
                                        entry->wrap_width, at, at + n, spans, 4);
        for (size_t i = 0; i < count; i++)
            sm_ui_fill(ui,
                       (SDL_Rect){x + spans[i][0], y, spans[i][1] - spans[i][0], ui->body.height},
                       current ? ui->theme->match_current : ui->theme->match);
    }
}

/* Draws one entry; true if its header took more than one line. */
static bool entry_draw(const sm_ui_window *ui, const sm_ui_loglist *list,
                       const sm_ui_log_entry *entry, int x, int y, int width)
{
    const sm_ui_theme *theme = ui->theme;
    /* Wrapped, never cut: the state in it is an explanation to be read in full. */
    int header_h = (int)(entry->header_lines > 0 ? entry->header_lines : 1) * ui->small.height;
    int column = process_column(ui, list);
    if (column > 0) { /* the process column: the pid first, so a long name cut with "…" keeps it */
        char origin[96] = "";
        if (entry->pid != 0 || entry->process[0] != '\0')
            snprintf(origin, sizeof origin, "%lu %s", entry->pid, entry->process);
        SDL_Rect cell = {x, y, column - sm_ui_px(ui, 8), ui->small.height};
        sm_ui_label_draw(ui, cell, origin, theme->accent);
    }
    SDL_Rect header = {x + column, y, width - column, header_h};
    sm_ui_widget_begin(ui->renderer, "entry header", header);
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, header);
    sm_ui_paragraph_draw_small(ui, header, entry->header, entry->header_color);
    sm_ui_clip_pop(ui->renderer, saved);
    sm_ui_widget_end(ui->renderer);
    bool wrapped = entry->header_lines > 1;
    y += header_h;
    for (size_t i = 0; entry->lines != NULL && i < entry->line_count; i++, y += ui->body.height) {
        size_t start = entry->lines[i];
        size_t end = start + sm_ui_text_trim_end(entry->body + start, entry->lines[i + 1] - start);
        if (list->find[0] != '\0')
            highlight_matches(ui, list, entry, start, end, x, y);
        sm_ui_text_draw_line(ui->renderer, &ui->body, entry->body, entry->body_length, start, end,
                             x, y, entry->wrap_width, theme->text);
    }
    if (entry->note != NULL) {
        /* The warning sign marks ill-formed or truncated text next to the U+FFFD it caused. */
        char note[400];
        snprintf(note, sizeof note, "\xE2\x9A\xA0 %s", entry->note);
        sm_ui_text_draw(ui->renderer, &ui->small, note, strlen(note), x, y, theme->warning);
    }
    return wrapped;
}

/* Scrolls so that entry index is in view (its top, if it is taller than the view). */
static void scroll_into_view(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect inner,
                             size_t index)
{
    int below = 0; /* content under the entry: scroll counts up from the bottom */
    for (size_t i = index + 1; i < list->count; i++)
        below += entry_height(ui, list, &list->entries[i], inner.w, false);
    int h = entry_height(ui, list, &list->entries[index], inner.w, true);
    if (below + h > list->scroll + inner.h || h > inner.h)
        list->scroll = below + h - inner.h;
    else if (below < list->scroll)
        list->scroll = below;
}

static void clamp_scroll(sm_ui_loglist *list, int total, int view)
{
    int most = total > view ? total - view : 0;
    if (list->scroll > most)
        list->scroll = most;
    if (list->scroll < 0)
        list->scroll = 0;
    if (list->scroll == 0)
        list->new_below = 0; /* at the bottom: nothing new is out of sight */
}

/* Height of the note about dropped entries at the top of the content (0 when none). */
static int dropped_height(const sm_ui_window *ui, const sm_ui_loglist *list)
{
    return list->dropped > 0 ? ui->small.height + sm_ui_px(ui, 8) : 0;
}

/* The text area inside rect: padding, and room for the scrollbar on the right. */
static SDL_Rect inner_of(const sm_ui_window *ui, SDL_Rect rect)
{
    int pad = sm_ui_px(ui, ui->theme->pad), bar = sm_ui_px(ui, 10);
    return (SDL_Rect){rect.x + pad, rect.y + pad / 2, rect.w - 2 * pad - bar, rect.h - pad};
}

/* Screen y of the content's top: the newest entry's bottom sits at the view's bottom. */
static int content_top(const sm_ui_loglist *list, SDL_Rect inner)
{
    return list->total < inner.h ? inner.y : inner.y + inner.h + list->scroll - list->total;
}

static void draw_scrollbar(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect,
                           SDL_Rect inner)
{
    const sm_ui_theme *theme = ui->theme;
    int bar = sm_ui_px(ui, 10);
    list->track = (SDL_Rect){rect.x + rect.w - bar - sm_ui_px(ui, 3), inner.y, bar, inner.h};
    list->thumb = (SDL_Rect){0, 0, 0, 0};
    if (list->total <= inner.h)
        return;
    int most = list->total - inner.h;
    int h = (int)((long long)inner.h * inner.h / list->total);
    if (h < sm_ui_px(ui, 24))
        h = sm_ui_px(ui, 24);
    if (h > inner.h)
        h = inner.h;
    int from_top = most - list->scroll;
    int y = list->track.y + (int)((long long)(list->track.h - h) * from_top / most);
    list->thumb = (SDL_Rect){list->track.x, y, bar, h};
    sm_ui_fill(ui, list->track, theme->background);
    sm_ui_fill(ui, list->thumb, list->dragging ? theme->accent : theme->border);
}

/* The "N new" marker along the bottom while scrolled back, or a bar when nothing new came. */
static void draw_marker(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect)
{
    const sm_ui_theme *theme = ui->theme;
    list->marker = (SDL_Rect){0, 0, 0, 0};
    if (list->scroll <= 0)
        return;
    if (list->new_below == 0) {
        sm_ui_fill(ui,
                   (SDL_Rect){rect.x, rect.y + rect.h - sm_ui_px(ui, 3), rect.w, sm_ui_px(ui, 3)},
                   theme->accent);
        return;
    }
    char label[64];
    snprintf(label, sizeof label, "%zu new \xE2\x86\x93", list->new_below); /* ↓ */
    int w = sm_ui_text_width(&ui->small, label, strlen(label)) + 2 * sm_ui_px(ui, 10);
    int h = ui->small.height + 2 * sm_ui_px(ui, 4);
    list->marker =
        (SDL_Rect){rect.x + (rect.w - w) / 2, rect.y + rect.h - h - sm_ui_px(ui, 6), w, h};
    sm_ui_fill(ui, list->marker, theme->accent);
    sm_ui_text_draw(ui->renderer, &ui->small, label, strlen(label),
                    list->marker.x + sm_ui_px(ui, 10), list->marker.y + sm_ui_px(ui, 4),
                    theme->accent_text);
}

void sm_ui_loglist_draw(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect)
{
    const sm_ui_theme *theme = ui->theme;
    int pad = sm_ui_px(ui, theme->pad);
    sm_ui_widget_begin(ui->renderer, "list", rect);
    sm_ui_fill(ui, rect, theme->panel);
    sm_ui_frame(ui, rect, theme->border, sm_ui_px(ui, 1));
    SDL_Rect inner = inner_of(ui, rect);
    list->inner = inner;
    list->first_visible = list->last_visible = 0;
    list->headers_wrapped = 0;
    if (inner.w <= 0 || inner.h <= 0) {
        sm_ui_widget_end(ui->renderer);
        return;
    }
    /* Everything of the entries is clipped to the text area, even what a header's own
       (nested) clip draws: see sm_ui_clip_push. */
    sm_ui_clip saved = sm_ui_clip_push(ui->renderer, inner);
    if (list->count == 0 && list->empty_text != NULL) /* wrapped: a narrow window shows it all */
        sm_ui_paragraph_draw_small(ui, (SDL_Rect){inner.x, inner.y + pad / 2, inner.w, inner.h},
                                   list->empty_text, theme->dim);
    int total = dropped_height(ui, list) + total_height(ui, list, inner.w);
    /* Entries that arrived while the user reads older ones push the view up by their height,
       so what is being read does not move. */
    for (size_t i = list->count; list->scroll > 0 && list->unseen > 0 && i-- > 0; list->unseen--)
        list->scroll += entry_height(ui, list, &list->entries[i], inner.w, false);
    list->unseen = 0;
    clamp_scroll(list, total, inner.h);
    total = lay_out_visible(ui, list, inner, total);
    clamp_scroll(list, total, inner.h);
    if (list->scroll_pending && list->find_matches > 0 && list->find_current < list->count) {
        scroll_into_view(ui, list, inner, list->find_current);
        clamp_scroll(list, total, inner.h);
        total = lay_out_visible(ui, list, inner, total);
        clamp_scroll(list, total, inner.h);
    }
    list->scroll_pending = false;
    list->total = total;
    int y = content_top(list, inner);
    if (list->dropped > 0) {
        char note[160];
        snprintf(note, sizeof note,
                 "%lu older entr%s removed from this list (it keeps the newest "
                 "%d)",
                 list->dropped, list->dropped == 1 ? "y" : "ies", SM_UI_LOGLIST_MAX);
        sm_ui_text_draw(ui->renderer, &ui->small, note, strlen(note), inner.x, y, theme->dim);
        y += dropped_height(ui, list);
    }
    size_t first = 0, last = 0;
    if (list->selected && list->count > 0)
        selection_range(list, &first, &last);
    bool any = false;
    for (size_t i = 0; i < list->count && y < inner.y + inner.h; i++) {
        int h = last_height(ui, &list->entries[i], inner.w);
        if (h > 0 && y + h > inner.y) {
            if (!any)
                list->first_visible = i;
            any = true;
            list->last_visible = i;
            if (list->selected && i >= first && i <= last)
                sm_ui_fill(ui, (SDL_Rect){inner.x - pad / 2, y, inner.w + pad, h - sm_ui_px(ui, 4)},
                           theme->selection);
            list->headers_wrapped += entry_draw(ui, list, &list->entries[i], inner.x, y, inner.w);
        }
        y += h;
    }
    sm_ui_clip_pop(ui->renderer, saved);
    draw_scrollbar(ui, list, rect, inner);
    draw_marker(ui, list, rect);
    sm_ui_widget_end(ui->renderer);
}

/* The index of the entry at screen y in the last frame, or count when there is none. */
static size_t entry_at(const sm_ui_window *ui, sm_ui_loglist *list, int y)
{
    int top = content_top(list, list->inner) + dropped_height(ui, list);
    for (size_t i = 0; i < list->count; i++) {
        int h = last_height(ui, &list->entries[i], list->inner.w);
        if (y >= top && y < top + h)
            return i;
        top += h;
    }
    return list->count;
}

void sm_ui_loglist_menu_point(const sm_ui_window *ui, const sm_ui_loglist *list, int *x, int *y)
{
    int offset = sm_ui_px(ui, 20);
    *x = list->inner.x + offset;
    *y = list->inner.y + offset;
    if (!list->selected || list->sel_focus >= list->count)
        return;
    int top = content_top(list, list->inner) + dropped_height(ui, list);
    for (size_t i = 0; i < list->sel_focus; i++)
        top += last_height(ui, &list->entries[i], list->inner.w);
    /* Below the entry's header, if that is in view; else the list's corner. */
    int at = top + ui->small.height;
    if (at >= list->inner.y && at < list->inner.y + list->inner.h)
        *y = at;
}

static void select_at(const sm_ui_window *ui, sm_ui_loglist *list, int y, bool extend)
{
    size_t i = entry_at(ui, list, y);
    if (i == list->count) {
        list->selected = false; /* a click on empty space */
        return;
    }
    if (!extend || !list->selected)
        list->sel_anchor = i;
    list->sel_focus = i;
    list->selected = true;
    offer_selection(list);
}

/* Scroll so that the thumb's top is at screen y. */
static void drag_to(sm_ui_loglist *list, int y)
{
    int most = list->total - list->inner.h;
    int span = list->track.h - list->thumb.h;
    if (most <= 0 || span <= 0)
        return;
    int from_top = (int)((long long)(y - list->track.y) * most / span);
    list->scroll = most - from_top;
}

static bool on_mouse(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect,
                     const SDL_Event *event)
{
    int x = event->type == SDL_MOUSEMOTION ? event->motion.x : event->button.x;
    int y = event->type == SDL_MOUSEMOTION ? event->motion.y : event->button.y;
    sm_ui_mouse_to_px(ui, &x, &y);
    if (event->type == SDL_MOUSEBUTTONUP) {
        bool was = list->dragging;
        list->dragging = false;
        return was;
    }
    if (event->type == SDL_MOUSEMOTION) {
        if (!list->dragging)
            return false;
        drag_to(list, y - list->drag_offset);
        return true;
    }
    if (event->button.button == SDL_BUTTON_RIGHT && sm_ui_hit(rect, x, y) && x < list->track.x) {
        /* A right click (the context menu's) on an entry outside the selection selects it. */
        size_t i = entry_at(ui, list, y), first = 0, last = 0;
        if (list->selected && list->count > 0)
            selection_range(list, &first, &last);
        if (i < list->count && !(list->selected && i >= first && i <= last))
            select_at(ui, list, y, false);
        return true;
    }
    if (event->button.button != SDL_BUTTON_LEFT || !sm_ui_hit(rect, x, y))
        return false;
    if (list->marker.w > 0 && sm_ui_hit(list->marker, x, y)) {
        list->scroll = 0; /* to the newest */
    } else if (list->thumb.h > 0 && sm_ui_hit(list->thumb, x, y)) {
        list->dragging = true;
        list->drag_offset = y - list->thumb.y;
    } else if (list->thumb.h > 0 && sm_ui_hit(list->track, x, y)) {
        list->scroll += (y < list->thumb.y ? 1 : -1) * list->inner.h * 9 / 10; /* a page */
    } else if (x >= rect.x && x < list->track.x) {
        select_at(ui, list, y, (SDL_GetModState() & KMOD_SHIFT) != 0);
    }
    return true;
}

bool sm_ui_loglist_handle(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect,
                          const SDL_Event *event, bool keys)
{
    int before = list->scroll;
    int page = rect.h * 9 / 10;
    bool changed = false;
    if (event->type == SDL_MOUSEWHEEL) {
        int x = 0, y = 0;
        (void)SDL_GetMouseState(&x, &y); /* the pointer's place; its buttons do not matter here */
        sm_ui_mouse_to_px(ui, &x, &y);
        if (!sm_ui_hit(rect, x, y))
            return false;
        int dy =
            event->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -event->wheel.y : event->wheel.y;
        list->scroll += dy * 3 * ui->body.height;
    } else if (event->type == SDL_MOUSEBUTTONDOWN || event->type == SDL_MOUSEBUTTONUP ||
               event->type == SDL_MOUSEMOTION) {
        changed = on_mouse(ui, list, rect, event);
    } else if (keys && event->type == SDL_KEYDOWN) {
        bool ctrl = (event->key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
        switch (event->key.keysym.sym) {
        case SDLK_PAGEUP: list->scroll += page; break;
        case SDLK_PAGEDOWN: list->scroll -= page; break;
        case SDLK_HOME: list->scroll = 1 << 30; break;
        case SDLK_END: list->scroll = 0; break;
        case SDLK_a:
            if (!ctrl || list->count == 0)
                return false;
            sm_ui_loglist_select_all(list);
            return true;
        case SDLK_c: return ctrl && sm_ui_loglist_copy(list);
        default: return false;
        }
    } else {
        return false;
    }
    clamp_scroll(list, dropped_height(ui, list) + total_height(ui, list, inner_of(ui, rect).w),
                 inner_of(ui, rect).h);
    return changed || list->scroll != before;
}

void sm_ui_loglist_describe(const sm_ui_window *ui, const sm_ui_loglist *list, char *out,
                            size_t out_size)
{
    float s = ui->scale > 0 ? ui->scale : 1.0f;
#define W(v) ((int)((float)(v) / s))
    size_t first = 0, last = 0;
    if (list->selected && list->count > 0)
        selection_range(list, &first, &last);
    bool any = list->count > 0;
    size_t used = (size_t)snprintf(
        out, out_size,
        "first=%lu last=%lu selected=%lu-%lu new=%zu dropped=%lu shaped=%lu wrapped=%zu "
        "thumb=%d,%d,%d,%d marker=%d,%d,%d,%d hidden=%zu match=%zu/%zu:%lu visible=",
        any ? list->entries[list->first_visible].id : 0UL,
        any ? list->entries[list->last_visible].id : 0UL,
        list->selected && any ? list->entries[first].id : 0UL,
        list->selected && any ? list->entries[last].id : 0UL, list->new_below, list->dropped,
        list->shaped, list->headers_wrapped, W(list->thumb.x), W(list->thumb.y), W(list->thumb.w),
        W(list->thumb.h), W(list->marker.x), W(list->marker.y), W(list->marker.w),
        W(list->marker.h), list->hidden, list->find_rank, list->find_matches,
        list->find_matches > 0 && list->find_current < list->count
            ? list->entries[list->find_current].id
            : 0UL);
    int top = content_top(list, list->inner) + dropped_height(ui, list);
    for (size_t i = 0; any && i <= list->last_visible && used < out_size; i++) {
        int h = last_height(ui, &list->entries[i], list->inner.w);
        if (i >= list->first_visible && h > 0)
            used += (size_t)snprintf(out + used, out_size - used, "%s%lu:%d:%d",
                                     i > list->first_visible ? "," : "", list->entries[i].id,
                                     W(top), W(h));
        top += h;
    }
#undef W
}
