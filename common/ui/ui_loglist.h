/*
 * ui_loglist.h - a scrollable list of word-wrapped entries (the receiver's
 * message log, the sender's list of sent messages).
 *
 * Each entry is a one-line header in a colour of its own (time, number,
 * state), a wrapped body and an optional warning note. The view follows the
 * newest entry until the user scrolls up (wheel, PageUp); scrolling back to
 * the bottom (PageDown, End) follows again.
 */
#ifndef SAMPLEMAP_UI_LOGLIST_H
#define SAMPLEMAP_UI_LOGLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_window.h"

/* Older entries are dropped beyond this many, to bound memory and layout time. */
#define SM_UI_LOGLIST_MAX 1000

typedef struct sm_ui_log_entry {
    unsigned long id;       /* caller's key, for later header updates */
    char header[160];       /* one line, small font */
    SDL_Color header_color; /* e.g. the state of a sent message */
    char *body;             /* UTF-8, owned */
    size_t body_length;     /* bytes in body */
    char *note;             /* warning line or NULL, owned */
    size_t *lines;          /* wrap of body at wrap_width, owned */
    size_t line_count;      /* lines in the wrap */
    int wrap_width;         /* width the wrap was made for; 0 = none yet */
} sm_ui_log_entry;

typedef struct sm_ui_loglist {
    sm_ui_log_entry *entries; /* oldest first */
    size_t count;             /* entries in use */
    int scroll;               /* device pixels scrolled up from the bottom; 0 = follow */
    size_t unseen;            /* entries added while scrolled back, not yet laid out */
    int font_size;            /* body font size the wraps were made with */
    const char *empty_text;   /* shown when there are no entries */
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

/* Draws the list into rect (device pixels). */
void sm_ui_loglist_draw(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect);

/*
 * Scrolls on a mouse wheel over rect or on PageUp/PageDown/Home/End (keys only
 * when keys is true). Returns true when the view changed.
 */
bool sm_ui_loglist_handle(const sm_ui_window *ui, sm_ui_loglist *list, SDL_Rect rect,
                          const SDL_Event *event, bool keys);

#endif
