/*
 * ui_fontindex.h - an index of the installed fonts by what they cover, and
 * its cache file: for systems without a font service (Windows), where a font
 * for a character is found by coverage instead of by file name.
 *
 * Each face of each font file (a .ttc collection has several) is one entry:
 * the file's path, size and modification time (its key: a new or changed file
 * is indexed again, a removed one dropped), the face index, its style and the
 * code points it has, as sorted ranges. Reading the fonts themselves is
 * ui_fontscan.h's job (FreeType), and the folders the OS backend's
 * (ui_sysfont_win32.c); this part is plain C, so it is tested on every OS.
 *
 * The cache is a text file: a header line, then one line per face with
 * tab-separated fields "size mtime face flags weight", path, family and the
 * ranges ("41-5a 61-7a 4e16", hexadecimal). Anything unexpected in it makes
 * the whole file invalid, and the caller builds the index anew: a cache can
 * cost time, never a wrong answer or a crash.
 */
#ifndef SAMPLEMAP_UI_FONTINDEX_H
#define SAMPLEMAP_UI_FONTINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a face is like, for choosing among several that cover a character. */
enum {
    SM_UI_FONTINDEX_ITALIC = 1u << 0, /* italic or oblique */
    SM_UI_FONTINDEX_BOLD = 1u << 1,   /* bold (when the weight class says nothing) */
    SM_UI_FONTINDEX_SANS = 1u << 2,   /* sans-serif, by its PANOSE / class / name */
    SM_UI_FONTINDEX_MONO = 1u << 3,   /* fixed width */
    SM_UI_FONTINDEX_COLOUR = 1u << 4, /* colour glyphs (emoji) */
    SM_UI_FONTINDEX_FLAGS = (1u << 5) - 1,
};

typedef struct sm_ui_fontindex_range {
    uint32_t first, last; /* code points first..last, both included */
} sm_ui_fontindex_range;

typedef struct sm_ui_fontindex_face {
    char *path;                    /* UTF-8; owned by the index */
    long long size;                /* the file's size in bytes: part of its key */
    long long mtime;               /* its modification time, as the OS counts it: part of its key */
    long face_index;               /* face in the file; -1 records a file with no usable face */
    unsigned flags;                /* SM_UI_FONTINDEX_* */
    int weight;                    /* OS/2 weight class: 400 regular, 700 bold; 0 unknown */
    char *family;                  /* family name, "" if none; owned by the index */
    sm_ui_fontindex_range *ranges; /* sorted, disjoint, not adjacent; owned by the index */
    size_t range_count;            /* entries of ranges */
    size_t range_capacity;         /* allocated entries of ranges */
} sm_ui_fontindex_face;

typedef struct sm_ui_fontindex {
    sm_ui_fontindex_face *faces; /* in the order added */
    size_t count;                /* faces in use */
    size_t capacity;             /* faces allocated */
} sm_ui_fontindex;

/* A font file as found in a folder: what an entry's key is compared with. */
typedef struct sm_ui_fontfile {
    const char *path; /* UTF-8 */
    long long size;   /* bytes */
    long long mtime;  /* as the OS counts it */
} sm_ui_fontfile;

/* Frees every entry and zeroes the index (a zeroed index is empty and valid). */
void sm_ui_fontindex_free(sm_ui_fontindex *index);

/*
 * Appends a face with no code points yet (path and family are copied) and
 * returns it, or NULL when out of memory. Control characters in family become
 * spaces, so any name fits the cache's line format.
 */
sm_ui_fontindex_face *sm_ui_fontindex_add(sm_ui_fontindex *index, const sm_ui_fontfile *file,
                                          long face_index, const char *family);

/* Adds cp to face's coverage; code points must come in ascending order. False when out of memory.
 */
bool sm_ui_fontindex_add_cp(sm_ui_fontindex_face *face, uint32_t cp);

/* Whether face has a glyph for cp. */
bool sm_ui_fontindex_covers(const sm_ui_fontindex_face *face, uint32_t cp);

/*
 * Keeps the entries whose key (path, size, mtime) matches one of files and
 * drops the rest (a file removed or changed); known[i] tells whether files[i]
 * still has its entries, i.e. needs no indexing. Returns how many were dropped.
 */
size_t sm_ui_fontindex_keep(sm_ui_fontindex *index, const sm_ui_fontfile *files, size_t count,
                            bool *known);

/*
 * The face to draw cp with among those that cover it, or NULL if none does:
 * colour faces first when prefer_colour (emoji), then upright, nearest to
 * regular weight, sans-serif, proportional, with the most code points in
 * cp's block of 256, then by path and face index (so the answer does not
 * depend on the order in which the folders listed their files).
 */
const sm_ui_fontindex_face *sm_ui_fontindex_covering(const sm_ui_fontindex *index, uint32_t cp,
                                                     bool prefer_colour);

/* The face of exactly that family (ASCII case ignored), nearest to regular; NULL if none. */
const sm_ui_fontindex_face *sm_ui_fontindex_family(const sm_ui_fontindex *index,
                                                   const char *family);

/*
 * The cache file's text for index, malloc'ed and NUL-terminated (its length
 * in *length); NULL when out of memory.
 */
char *sm_ui_fontindex_format(const sm_ui_fontindex *index, size_t *length);

/*
 * Reads a cache file's text (length bytes, need not be NUL-terminated) into
 * index, which must be empty. False, with the index left empty and the reason
 * in error (e.g. "line 3: bad range"), if anything in it is not what
 * sm_ui_fontindex_format writes.
 */
bool sm_ui_fontindex_parse(const char *text, size_t length, sm_ui_fontindex *index, char *error,
                           size_t error_size);

#endif
