/* ui_textcache.c - an open-addressed table of drawn lines, swept after each frame. */
#include "ui_textcache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui_drawcheck.h"

/* Lines kept at most: several screens of text, far more than one frame draws. */
#define TEXTCACHE_SLOTS 512
/* Slots looked at for one key before giving up (open addressing, linear probing). */
#define TEXTCACHE_PROBES 8
/* Runs of one line kept at most (longer lines are drawn uncached). */
#define TEXTCACHE_RUNS 16

struct sm_ui_textcache_line {
    uint64_t hash;             /* of the key; 0 = free slot */
    SDL_Renderer *renderer;    /* that made the textures */
    const sm_ui_fonts *fonts;  /* the chain drawn with */
    int pixel_size;            /* the chain's size: a reopened chain may reuse the address */
    char *text;                /* copy of the whole text */
    size_t length, start, end; /* the text's bytes, the line's range in them */
    int box_width;             /* the box it was aligned in */
    SDL_Color color;           /* of the text */
    SDL_Texture *textures[TEXTCACHE_RUNS]; /* one per run, owned */
    SDL_Rect at[TEXTCACHE_RUNS];           /* relative to the box's top-left */
    size_t runs;                           /* in use */
    int width;                             /* what the line's draw returned */
    bool complete;                         /* finished; false = being filled, or too many runs */
    unsigned long frame;                   /* the frame that last drew it */
};

/* Widths kept (direct-mapped: a text's slot is its hash's; a newer text takes it over). */
#define TEXTCACHE_WIDTHS 256
/* Texts longer than this are measured each time: labels and status texts are short. */
#define TEXTCACHE_WIDTH_TEXT 96

typedef struct cached_width {
    const sm_ui_fonts *fonts;        /* NULL = free */
    int pixel_size;                  /* the chain's size when measured */
    size_t length;                   /* bytes in text */
    char text[TEXTCACHE_WIDTH_TEXT]; /* the text measured */
    int width;                       /* its width in device pixels */
} cached_width;

static sm_ui_textcache_line slots[TEXTCACHE_SLOTS];
static cached_width widths[TEXTCACHE_WIDTHS];
static unsigned long current_frame = 1;

static uint64_t mix(uint64_t hash, const void *data, size_t size)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < size; i++)
        hash = (hash ^ bytes[i]) * 0x100000001b3u; /* FNV-1a */
    return hash;
}

static uint64_t hash_of(const sm_ui_textcache_key *key)
{
    uint64_t hash = 0xcbf29ce484222325u;
    hash = mix(hash, key->text, key->length);
    size_t numbers[] = {key->length,
                        key->start,
                        key->end,
                        (size_t)key->width,
                        (size_t)key->fonts->pixel_size,
                        (size_t)(uintptr_t)key->fonts,
                        (size_t)(uintptr_t)key->renderer};
    hash = mix(hash, numbers, sizeof numbers);
    hash = mix(hash, &key->color, sizeof key->color);
    return hash != 0 ? hash : 1;
}

static bool matches(const sm_ui_textcache_line *line, uint64_t hash, const sm_ui_textcache_key *key)
{
    return line->hash == hash && line->complete && line->renderer == key->renderer &&
           line->fonts == key->fonts && line->pixel_size == key->fonts->pixel_size &&
           line->length == key->length && line->start == key->start && line->end == key->end &&
           line->box_width == key->width && line->color.r == key->color.r &&
           line->color.g == key->color.g && line->color.b == key->color.b &&
           line->color.a == key->color.a && memcmp(line->text, key->text, key->length) == 0;
}

static void release(sm_ui_textcache_line *line)
{
    for (size_t i = 0; i < line->runs; i++)
        SDL_DestroyTexture(line->textures[i]);
    free(line->text);
    memset(line, 0, sizeof *line);
}

bool sm_ui_textcache_draw(const sm_ui_textcache_key *key, int x, int y, int *width)
{
    uint64_t hash = hash_of(key);
    for (size_t probe = 0; probe < TEXTCACHE_PROBES; probe++) {
        sm_ui_textcache_line *line = &slots[(hash + probe) % TEXTCACHE_SLOTS];
        if (!matches(line, hash, key))
            continue;
        for (size_t i = 0; i < line->runs; i++) {
            SDL_Rect target = {x + line->at[i].x, y + line->at[i].y, line->at[i].w, line->at[i].h};
            sm_ui_drawcheck_draw(key->renderer, target);
            SDL_RenderCopy(key->renderer, line->textures[i], NULL, &target);
        }
        line->frame = current_frame;
        *width = line->width;
        return true;
    }
    return false;
}

sm_ui_textcache_line *sm_ui_textcache_begin(const sm_ui_textcache_key *key)
{
    uint64_t hash = hash_of(key);
    for (size_t probe = 0; probe < TEXTCACHE_PROBES; probe++) {
        sm_ui_textcache_line *line = &slots[(hash + probe) % TEXTCACHE_SLOTS];
        if (line->hash != 0 && line->frame == current_frame)
            continue; /* drawn in this frame: still wanted */
        release(line);
        line->text = malloc(key->length + 1);
        if (line->text == NULL)
            return NULL;
        memcpy(line->text, key->text, key->length);
        line->hash = hash;
        line->renderer = key->renderer;
        line->fonts = key->fonts;
        line->pixel_size = key->fonts->pixel_size;
        line->length = key->length;
        line->start = key->start;
        line->end = key->end;
        line->box_width = key->width;
        line->color = key->color;
        line->frame = current_frame;
        return line;
    }
    return NULL;
}

void sm_ui_textcache_add_run(sm_ui_textcache_line *line, SDL_Texture *texture, SDL_Rect at)
{
    if (line->runs == TEXTCACHE_RUNS) {
        SDL_DestroyTexture(texture);
        line->hash = 0; /* incomplete: never matched, freed at the frame's end */
        return;
    }
    line->textures[line->runs] = texture;
    line->at[line->runs++] = at;
}

void sm_ui_textcache_finish(sm_ui_textcache_line *line, int width)
{
    line->width = width;
    line->complete = line->hash != 0;
}

static cached_width *width_slot(const sm_ui_fonts *fonts, const char *text, size_t length)
{
    uint64_t hash = mix(0xcbf29ce484222325u, text, length);
    hash = mix(hash, &fonts, sizeof fonts);
    return &widths[hash % TEXTCACHE_WIDTHS];
}

bool sm_ui_textcache_width(const sm_ui_fonts *fonts, const char *text, size_t length, int *width)
{
    if (length > TEXTCACHE_WIDTH_TEXT)
        return false;
    const cached_width *slot = width_slot(fonts, text, length);
    if (slot->fonts != fonts || slot->pixel_size != fonts->pixel_size || slot->length != length ||
        memcmp(slot->text, text, length) != 0)
        return false;
    *width = slot->width;
    return true;
}

void sm_ui_textcache_set_width(const sm_ui_fonts *fonts, const char *text, size_t length, int width)
{
    if (length > TEXTCACHE_WIDTH_TEXT)
        return;
    cached_width *slot = width_slot(fonts, text, length);
    slot->fonts = fonts;
    slot->pixel_size = fonts->pixel_size;
    slot->length = length;
    memcpy(slot->text, text, length);
    slot->width = width;
}

void sm_ui_textcache_end_frame(void)
{
    for (size_t i = 0; i < TEXTCACHE_SLOTS; i++)
        if ((slots[i].hash != 0 || slots[i].runs > 0 || slots[i].text != NULL) &&
            slots[i].frame != current_frame)
            release(&slots[i]);
    current_frame++;
}

void sm_ui_textcache_clear(void)
{
    for (size_t i = 0; i < TEXTCACHE_SLOTS; i++)
        release(&slots[i]);
    memset(widths, 0, sizeof widths);
}
