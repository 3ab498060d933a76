/*
 * ui_search.h - finding text in log entries (the receiver's find bar and
 * filter): a substring search that ignores the case of ASCII letters only.
 *
 * Why ASCII only: folding the case of other scripts needs Unicode's case
 * tables (and changes lengths: "ß" is "SS"), and a log viewer's searches are
 * mostly words of programs; so "Error" finds "ERROR", while "Мир" finds
 * "Мир" but not "мир". Every other byte is compared exactly, so a search for
 * UTF-8 text finds that same text. No SDL here, so it is unit-tested alone.
 */
#ifndef SAMPLEMAP_UI_SEARCH_H
#define SAMPLEMAP_UI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The byte offset of the first occurrence of needle (needle_length bytes) in
 * text at or after from, ignoring ASCII case; length when there is none or the
 * needle is empty.
 */
size_t sm_ui_search_next(const char *text, size_t length, size_t from, const char *needle,
                         size_t needle_length);

/* Whether text holds needle (ASCII case ignored); an empty needle is in every text. */
bool sm_ui_search_contains(const char *text, size_t length, const char *needle,
                           size_t needle_length);

/* Which log entries are shown; an empty field does not narrow. */
typedef struct sm_ui_logfilter {
    char text[128];   /* only entries whose text contains it (ASCII case ignored) */
    char process[64]; /* only entries from this process: its name or its pid in decimal */
    char exclude[64]; /* no entries from this process (name or pid) */
} sm_ui_logfilter;

/*
 * Reads the filter bar's line: the words "process:NAME" (or "pid:N") and
 * "-process:NAME" (or "-pid:N") pick and exclude a process; the rest of the
 * line, spaces between its words kept, is the text. Parts too long for their
 * field are cut at a character boundary.
 */
void sm_ui_logfilter_parse(const char *line, sm_ui_logfilter *filter);

#endif
