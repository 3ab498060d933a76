/*
 * ui_loglist.h - a scrollable list of word-wrapped entries (the receiver's
 * message log, the sender's list of sent messages).
 *
 * Each entry is a one-line header in a colour of its own (time, number,
 * state), a wrapped body and an optional warning note. The view follows the
 * newest entry until the user scrolls up (wheel, PageUp, the scrollbar);
 * scrolling back to the bottom (PageDown, End, the "N new" marker) follows
 * again. Entries are selected with a click (a range with shift+click, all
 * with Ctrl+A) and their text copied with Ctrl+C; where the desktop has a
 * primary selection (ui_primary.h), the selected entries' text becomes it. When
 * the oldest entries are dropped (beyond SM_UI_LOGLIST_MAX) a note at the top
 * says how many.
 */
#ifndef SAMPLEMAP_UI_LOGLIST_H
#define SAMPLEMAP_UI_LOGLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_search.h"
#include "ui_window.h"

/* Older entries are dropped beyond this many, to bound memory and layout time. */
#define SM_UI_LOGLIST_MAX 1000

typedef struct sm_ui_log_entry {
    unsigned long id;              /* caller's key, for later header updates */
    char header[160];              /* small font, wrapped to the list's width (never cut) */
    SDL_Color header_color;        /* e.g. the state of a sent message */
    size_t header_lines;           /* lines of the header at header_width; 0 = not known yet */
    int header_width, header_size; /* the width and small font size header_lines is for */
    char *body;                    /* UTF-8 as shown (controls visible: ui_controls.h), owned */
    size_t body_length;            /* bytes in body */
    char *raw;                     /* the text as added, for copying; NULL when it is body */
    size_t raw_length;
    char *note;        /* warning line or NULL, owned */
    size_t *lines;     /* wrap of body at wrap_width, owned; NULL = none */
    size_t line_count; /* lines in the wrap */
    int wrap_width;    /* width the wrap was made for; 0 = none yet */
    int wrap_size;     /* body font size it was made with */
    /* Each paragraph's natural width, measured once per font size (see ui_paragraphs.h). */
    int *paragraph_widths; /* owned */
    size_t paragraphs;     /* entries in paragraph_widths */
    int widest;            /* the widest paragraph */
    int measured_size;     /* body font size they were measured with; 0 = not yet */
    /* Where it came from, for entries that know (a debug-output monitor's): see set_origin. */
    unsigned long pid; /* 0 = not known */
    char process[64];  /* the process's name, "" = not known */
    char stamp[48];    /* its time as the --log line gives it ("" = none): what Save writes */
    bool hidden;       /* the filter hides it: it stays in the list and in its count */
} sm_ui_log_entry;

typedef struct sm_ui_loglist {
    sm_ui_log_entry *entries;     /* oldest first */
    size_t count;                 /* entries in use */
    int scroll;                   /* device pixels scrolled up from the bottom; 0 = follow */
    size_t unseen;                /* entries added while scrolled back, not yet laid out */
    unsigned long shaped;         /* entries measured or wrapped so far: for tests, see describe */
    const char *empty_text;       /* shown when there are no entries */
    bool selected;                /* entries between sel_anchor and sel_focus are selected */
    size_t sel_anchor, sel_focus; /* indices: where the selection started and ends */
    size_t new_below;             /* entries added while scrolled back: the "N new" marker */
    unsigned long dropped;        /* oldest entries dropped to keep at most SM_UI_LOGLIST_MAX */
    /* The last frame's geometry (device pixels), for the mouse and for tests. */
    SDL_Rect inner, track, thumb, marker; /* marker.w == 0: not shown */
    int total;                            /* content height */
    size_t first_visible, last_visible;   /* indices of the entries in view (count == 0: none) */
    size_t headers_wrapped; /* entries whose header the last frame wrapped onto more lines */
    bool dragging;          /* the scrollbar's thumb is held */
    int drag_offset;        /* where in the thumb it was grabbed */
    bool has_process;       /* an entry carries a pid: the process column is shown */
    sm_ui_logfilter filter; /* what is shown (sm_ui_loglist_set_filter) */
    size_t hidden;          /* entries the filter hides (in count, never dropped for it) */
    char find[128];         /* the find bar's text; "" = not finding */
    size_t find_matches;    /* shown entries containing it */
    size_t find_current;    /* index of the current match (valid while find_matches > 0) */
    size_t find_rank;       /* 1-based rank of the current match among the matches; 0 = none */
    bool scroll_pending;    /* the next frame scrolls find_current into view */
} sm_ui_loglist;

void sm_ui_loglist_init(sm_ui_loglist *list, const char *empty_text);
void sm_ui_loglist_free(sm_ui_loglist *list);

/* Appends an entry (body copied; note may be NULL). False when out of memory. */
bool sm_ui_loglist_add(sm_ui_loglist *list, unsigned long id, const char *header,
                       SDL_Color header_color, const char *body, size_t body_length,
                       const char *note);

/* Replaces the header of entry id; false when it is no longer in the list. */
bool sm_ui_loglist_set_header(sm_ui_loglist *list, unsigned long id, const char *header,
                              SDL_Color header_color);

/*
 * Says which process entry id came from (pid, and its name or NULL) and when
 * (stamp: the time its --log line gives, or NULL): entries
 * with one show it in a process column, and the filter can pick them by it.
 * False when the entry is no longer in the list.
 */
bool sm_ui_loglist_set_origin(sm_ui_loglist *list, unsigned long id, unsigned long pid,
                              const char *process, const char *stamp);

/*
 * Shows only the entries filter lets through; the others are hidden, not
 * removed: they keep their place in the SM_UI_LOGLIST_MAX window and come back
 * when the filter changes. list->hidden counts them.
 */
void sm_ui_loglist_set_filter(sm_ui_loglist *list, const sm_ui_logfilter *filter);

/*
 * Find: sets the text searched for (NULL or "" stops finding) and makes the
 * current match the first one at or below the top of the view (else the first).
 * Matches are the shown entries whose text contains it (ui_search.h); they are
 * highlighted, and the current one is scrolled into view.
 */
void sm_ui_loglist_find(sm_ui_loglist *list, const char *text);

/* The next (direction 1) or previous (-1) match, wrapping around; false when there is none. */
bool sm_ui_loglist_find_step(sm_ui_loglist *list, int direction);

/*
 * Moves every entry of from (e.g. those kept while the window was paused) to
 * the end of list, oldest first; entries and the dropped count of from are
 * added to list's, so nothing is lost from the count. from is left empty.
 */
void sm_ui_loglist_take_all(sm_ui_loglist *list, sm_ui_loglist *from);

/* Removes every entry (and the selection and the dropped count). */
void sm_ui_loglist_clear(sm_ui_loglist *list);

/* Puts the selected entries' text on the clipboard, one per line (hidden ones skipped); false if
   none is selected or the clipboard refused it (the selection stays, so Ctrl+C can be tried again).
 */
bool sm_ui_loglist_copy(const sm_ui_loglist *list);

/* The same with details: each line is "<header>\t[<process> <pid>\t]<text>" (tab-separated). */
bool sm_ui_loglist_copy_details(const sm_ui_loglist *list);

/* Selects every entry (none when the list is empty) and offers their text as the primary selection.
 */
void sm_ui_loglist_select_all(sm_ui_loglist *list);

/*
 * Where a context menu opened from the keyboard goes (device pixels): under the
 * header of the selection's focus entry when that is in view in the last frame,
 * else near the list's top left corner.
 */
void sm_ui_loglist_menu_point(const sm_ui_window *ui, const sm_ui_loglist *list, int *x, int *y);

/*
 * For tests: the view as "first=<id> last=<id> selected=<id>-<id> new=<n>
 * dropped=<n> shaped=<n> thumb=x,y,w,h marker=x,y,w,h hidden=<n> match=<n>/<m>:<id>
 * visible=<id>:<y>:<h>,..."
 * in window coordinates (ids 0 when there is none; shaped counts the entries
 * whose text was measured or wrapped, which a resize does only for those in view).
 */
void sm_ui_loglist_describe(const sm_ui_window *ui, const sm_ui_loglist *list, char *out,
                            size_t out_size);

/*
 * Draws the list into rect (device pixels). Entries in view are wrapped at the
 * width exactly; the others keep an estimated height until they come into view
 * (see ui_paragraphs.h), so a resize costs the entries on screen, not all.
 */
void sm_ui_loglist_draw(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect);

/*
 * Scrolls on a mouse wheel over rect or on PageUp/PageDown/Home/End, selects
 * on clicks, drags the scrollbar, jumps to the newest on a click on the "N
 * new" marker (a right click selects the entry under it, for a context menu, unless it is
 * selected already); with keys also Ctrl+A (select all) and Ctrl+C (copy). Returns
 * true when the view changed.
 */
bool sm_ui_loglist_handle(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect,
                          const SDL_Event *event, bool keys);

#endif
