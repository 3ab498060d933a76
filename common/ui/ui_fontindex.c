/* ui_fontindex.c - the coverage index of the installed fonts and its cache file (plain C). */
#include "ui_fontindex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_grow.h"

/* The first line of a cache file; a new format gets a new number, so an old cache is rebuilt. */
static const char header[] = "samplemap font index 1";

static char *copy_string(const char *s, size_t length)
{
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, s, length);
        copy[length] = '\0';
    }
    return copy;
}

static void free_face(sm_ui_fontindex_face *face)
{
    free(face->path);
    free(face->family);
    free(face->ranges);
}

void sm_ui_fontindex_free(sm_ui_fontindex *index)
{
    for (size_t i = 0; i < index->count; i++)
        free_face(&index->faces[i]);
    free(index->faces);
    memset(index, 0, sizeof *index);
}

sm_ui_fontindex_face *sm_ui_fontindex_add(sm_ui_fontindex *index, const sm_ui_fontfile *file,
                                          long face_index, const char *family)
{
    sm_ui_fontindex_face *faces =
        sm_ui_grow(index->faces, &index->capacity, index->count, sizeof *faces, 64);
    if (faces == NULL)
        return NULL;
    index->faces = faces;
    sm_ui_fontindex_face *face = &index->faces[index->count];
    memset(face, 0, sizeof *face);
    face->path = copy_string(file->path, strlen(file->path));
    face->family = copy_string(family, strlen(family));
    if (face->path == NULL || face->family == NULL) {
        free_face(face);
        return NULL;
    }
    /* A tab or line break in a name read from a font file would end the cache's field. */
    for (char *c = face->family; *c != '\0'; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F)
            *c = ' ';
    face->size = file->size;
    face->mtime = file->mtime;
    face->face_index = face_index;
    index->count++;
    return face;
}

bool sm_ui_fontindex_add_cp(sm_ui_fontindex_face *face, uint32_t cp)
{
    if (face->range_count > 0 && face->ranges[face->range_count - 1].last + 1 == cp) {
        face->ranges[face->range_count - 1].last = cp;
        return true;
    }
    sm_ui_fontindex_range *ranges =
        sm_ui_grow(face->ranges, &face->range_capacity, face->range_count, sizeof *ranges, 16);
    if (ranges == NULL)
        return false;
    face->ranges = ranges;
    face->ranges[face->range_count++] = (sm_ui_fontindex_range){cp, cp};
    return true;
}

bool sm_ui_fontindex_covers(const sm_ui_fontindex_face *face, uint32_t cp)
{
    /* Binary search: a CJK face has a few thousand ranges. */
    size_t low = 0, high = face->range_count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (cp < face->ranges[mid].first)
            high = mid;
        else if (cp > face->ranges[mid].last)
            low = mid + 1;
        else
            return true;
    }
    return false;
}

size_t sm_ui_fontindex_keep(sm_ui_fontindex *index, const sm_ui_fontfile *files, size_t count,
                            bool *known)
{
    for (size_t i = 0; i < count; i++)
        known[i] = false;
    size_t kept = 0, dropped = 0;
    for (size_t f = 0; f < index->count; f++) {
        sm_ui_fontindex_face *face = &index->faces[f];
        bool match = false;
        for (size_t i = 0; i < count && !match; i++) {
            match = strcmp(face->path, files[i].path) == 0 && face->size == files[i].size &&
                    face->mtime == files[i].mtime;
            if (match)
                known[i] = true;
        }
        if (match) {
            index->faces[kept++] = *face;
        } else {
            free_face(face);
            dropped++;
        }
    }
    index->count = kept;
    return dropped;
}

/* How many code points of cp's block of 256 the face has: a full script font beats a few strays. */
static uint32_t block_coverage(const sm_ui_fontindex_face *face, uint32_t cp)
{
    uint32_t first = cp & ~0xFFu, last = cp | 0xFFu, total = 0;
    for (size_t i = 0; i < face->range_count; i++) {
        const sm_ui_fontindex_range *r = &face->ranges[i];
        if (r->last < first || r->first > last)
            continue;
        total += (r->last < last ? r->last : last) - (r->first > first ? r->first : first) + 1;
    }
    return total;
}

/* Distance from the regular weight (400); the bold flag stands in for a missing weight class. */
static int weight_distance(const sm_ui_fontindex_face *face)
{
    int weight = face->weight > 0 ? face->weight : (face->flags & SM_UI_FONTINDEX_BOLD ? 700 : 400);
    return weight > 400 ? weight - 400 : 400 - weight;
}

/* Negative if a is the better face (for cp), positive if b is; 0 only for the same entry. */
static int compare_faces(const sm_ui_fontindex_face *a, const sm_ui_fontindex_face *b, uint32_t cp,
                         bool prefer_colour)
{
    unsigned af = a->flags, bf = b->flags;
    if (prefer_colour && (af & SM_UI_FONTINDEX_COLOUR) != (bf & SM_UI_FONTINDEX_COLOUR))
        return af & SM_UI_FONTINDEX_COLOUR ? -1 : 1;
    if ((af & SM_UI_FONTINDEX_ITALIC) != (bf & SM_UI_FONTINDEX_ITALIC))
        return af & SM_UI_FONTINDEX_ITALIC ? 1 : -1;
    int aw = weight_distance(a), bw = weight_distance(b);
    if (aw != bw)
        return aw < bw ? -1 : 1;
    if ((af & SM_UI_FONTINDEX_SANS) != (bf & SM_UI_FONTINDEX_SANS))
        return af & SM_UI_FONTINDEX_SANS ? -1 : 1;
    if ((af & SM_UI_FONTINDEX_MONO) != (bf & SM_UI_FONTINDEX_MONO))
        return af & SM_UI_FONTINDEX_MONO ? 1 : -1;
    uint32_t ac = block_coverage(a, cp), bc = block_coverage(b, cp);
    if (ac != bc)
        return ac > bc ? -1 : 1;
    int by_path = strcmp(a->path, b->path);
    if (by_path != 0)
        return by_path;
    return a->face_index < b->face_index ? -1 : a->face_index > b->face_index;
}

const sm_ui_fontindex_face *sm_ui_fontindex_covering(const sm_ui_fontindex *index, uint32_t cp,
                                                     bool prefer_colour)
{
    const sm_ui_fontindex_face *best = NULL;
    for (size_t i = 0; i < index->count; i++) {
        const sm_ui_fontindex_face *face = &index->faces[i];
        if (face->face_index < 0 || !sm_ui_fontindex_covers(face, cp))
            continue;
        if (best == NULL || compare_faces(face, best, cp, prefer_colour) < 0)
            best = face;
    }
    return best;
}

static bool same_ascii_nocase(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return false;
    }
    return *a == *b;
}

const sm_ui_fontindex_face *sm_ui_fontindex_family(const sm_ui_fontindex *index, const char *family)
{
    const sm_ui_fontindex_face *best = NULL;
    for (size_t i = 0; i < index->count; i++) {
        const sm_ui_fontindex_face *face = &index->faces[i];
        if (face->face_index < 0 || !same_ascii_nocase(face->family, family))
            continue;
        /* Code point 0 is in no block worth counting: the style decides, then the path. */
        if (best == NULL || compare_faces(face, best, 0, false) < 0)
            best = face;
    }
    return best;
}

/* A growing text buffer for the formatter. */
typedef struct text_buffer {
    char *data;
    size_t length, capacity;
    bool failed; /* out of memory once: the result is NULL */
} text_buffer;

static void append(text_buffer *b, const char *format, ...)
{
    for (int attempt = 0; attempt < 2 && !b->failed; attempt++) {
        va_list args;
        va_start(args, format);
        size_t room = b->capacity - b->length;
        int n = vsnprintf(b->data ? b->data + b->length : NULL, room, format, args);
        va_end(args);
        if (n < 0) {
            b->failed = true;
        } else if ((size_t)n < room) {
            b->length += (size_t)n;
            return;
        } else {
            size_t capacity = (b->capacity + (size_t)n + 1) * 2;
            char *data = realloc(b->data, capacity);
            if (data == NULL)
                b->failed = true;
            b->data = data ? data : b->data;
            b->capacity = data ? capacity : b->capacity;
        }
    }
}

char *sm_ui_fontindex_format(const sm_ui_fontindex *index, size_t *length)
{
    text_buffer b = {0};
    append(&b, "%s\n", header);
    for (size_t i = 0; i < index->count; i++) {
        const sm_ui_fontindex_face *f = &index->faces[i];
        append(&b, "%lld %lld %ld %u %d\t%s\t%s\t", f->size, f->mtime, f->face_index, f->flags,
               f->weight, f->path, f->family);
        for (size_t r = 0; r < f->range_count; r++) {
            const char *space = r > 0 ? " " : "";
            if (f->ranges[r].first == f->ranges[r].last)
                append(&b, "%s%lx", space, (unsigned long)f->ranges[r].first);
            else
                append(&b, "%s%lx-%lx", space, (unsigned long)f->ranges[r].first,
                       (unsigned long)f->ranges[r].last);
        }
        append(&b, "\n");
    }
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    *length = b.length;
    return b.data;
}

/* A decimal integer (optionally negative) at *p, in [min, max]; *p moves past it. */
static bool parse_integer(const char **p, long long min, long long max, long long *out)
{
    const char *s = *p;
    bool negative = *s == '-';
    if (negative)
        s++;
    if (*s < '0' || *s > '9')
        return false;
    unsigned long long value = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (value > (9223372036854775807ULL - (unsigned long long)(*s - '0')) / 10)
            return false; /* beyond long long */
        value = value * 10 + (unsigned long long)(*s - '0');
    }
    long long v = negative ? -(long long)value : (long long)value;
    if (v < min || v > max)
        return false;
    *out = v;
    *p = s;
    return true;
}

/* A hexadecimal code point at *p (at most U+10FFFF); *p moves past it. */
static bool parse_cp(const char **p, uint32_t *out)
{
    const char *s = *p;
    uint32_t value = 0;
    int digits = 0;
    for (;; s++, digits++) {
        int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
        if (d < 0)
            break;
        if (digits == 6)
            return false;
        value = value * 16 + (uint32_t)d;
    }
    if (digits == 0 || value > 0x10FFFF)
        return false;
    *out = value;
    *p = s;
    return true;
}

/* One face line (NUL-terminated, without its '\n'); NULL when added, else what was wrong. */
static const char *parse_line(const char *line, sm_ui_fontindex *index)
{
    long long size, mtime, face_index, flags, weight;
    const char *p = line;
    if (!parse_integer(&p, 0, 9223372036854775807LL, &size) || *p++ != ' ' ||
        !parse_integer(&p, -9223372036854775807LL, 9223372036854775807LL, &mtime) || *p++ != ' ' ||
        !parse_integer(&p, -1, 0xFFFF, &face_index) || *p++ != ' ' ||
        !parse_integer(&p, 0, SM_UI_FONTINDEX_FLAGS, &flags) || *p++ != ' ' ||
        !parse_integer(&p, 0, 1000, &weight) || *p++ != '\t')
        return "bad numbers";
    const char *path = p, *path_end = strchr(path, '\t');
    if (path_end == NULL || path_end == path)
        return "no path";
    const char *family = path_end + 1, *family_end = strchr(family, '\t');
    if (family_end == NULL)
        return "no family";
    char *path_copy = copy_string(path, (size_t)(path_end - path));
    char *family_copy = copy_string(family, (size_t)(family_end - family));
    sm_ui_fontindex_face *face = NULL;
    if (path_copy != NULL && family_copy != NULL) {
        sm_ui_fontfile file = {path_copy, size, mtime};
        face = sm_ui_fontindex_add(index, &file, (long)face_index, family_copy);
    }
    free(path_copy);
    free(family_copy);
    if (face == NULL)
        return "out of memory";
    face->flags = (unsigned)flags;
    face->weight = (int)weight;
    p = family_end + 1;
    while (*p != '\0') {
        uint32_t first, last;
        if (face->range_count > 0 && *p++ != ' ')
            return "bad range";
        if (!parse_cp(&p, &first))
            return "bad range";
        last = first;
        if (*p == '-' && (p++, !parse_cp(&p, &last)))
            return "bad range";
        /* Sorted, disjoint and not adjacent, as sm_ui_fontindex_add_cp makes them. */
        if (last < first ||
            (face->range_count > 0 && first <= face->ranges[face->range_count - 1].last + 1))
            return "ranges out of order";
        if (!sm_ui_fontindex_add_cp(face, first))
            return "out of memory";
        face->ranges[face->range_count - 1].last = last;
    }
    if (face_index < 0 && face->range_count > 0)
        return "a file without faces has code points";
    return NULL;
}

static void set_error(char *error, size_t error_size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(error, error_size, format, args);
    va_end(args);
}

bool sm_ui_fontindex_parse(const char *text, size_t length, sm_ui_fontindex *index, char *error,
                           size_t error_size)
{
    size_t header_length = sizeof header - 1;
    if (length < header_length + 1 || memcmp(text, header, header_length) != 0 ||
        text[header_length] != '\n') {
        set_error(error, error_size, "line 1: not \"%s\"", header);
        return false;
    }
    size_t at = header_length + 1;
    for (size_t number = 2; at < length; number++) {
        const char *end = memchr(text + at, '\n', length - at);
        if (end == NULL) {
            set_error(error, error_size, "line %lu: cut short (no line end)",
                      (unsigned long)number);
            sm_ui_fontindex_free(index);
            return false;
        }
        size_t line_length = (size_t)(end - (text + at));
        char *line = copy_string(text + at, line_length);
        const char *wrong = line == NULL                  ? "out of memory"
                            : strlen(line) != line_length ? "a NUL byte"
                                                          : parse_line(line, index);
        free(line);
        if (wrong != NULL) {
            set_error(error, error_size, "line %lu: %s", (unsigned long)number, wrong);
            sm_ui_fontindex_free(index);
            return false;
        }
        at += line_length + 1;
    }
    return true;
}
