/* ui_prefs.c - the remembered window's file: parse, format, load, atomic save (see ui_prefs.h). */
#include "ui_prefs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "os_process.h"
#include "platform.h"
#include "ui_zoom.h"

/* A window position or size far beyond any desktop is not a remembered one. */
#define POSITION_LIMIT 100000
#define SIZE_MIN 50
#define SIZE_MAX_PX 30000

void sm_ui_prefs_init(sm_ui_prefs *prefs)
{
    memset(prefs, 0, sizeof *prefs);
    prefs->zoom = SM_UI_ZOOM_DEFAULT;
}

/* A whole decimal number, optionally negative, and nothing else, in [low, high]. */
static bool parse_int(const char *text, size_t length, int low, int high, int *out)
{
    size_t i = 0;
    bool negative = length > 0 && text[0] == '-';
    long long value = 0;
    if (negative)
        i = 1;
    if (i == length || length - i > 9) /* no digits, or more than any value here has */
        return false;
    for (; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    value = negative ? -value : value;
    if (value < low || value > high)
        return false;
    *out = (int)value;
    return true;
}

/* The bytes a text file of key=value lines may hold: printable ASCII, UTF-8, tab, CR, LF. */
static bool is_text(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
            return false;
    }
    return true;
}

bool sm_ui_prefs_parse(const char *text, size_t length, sm_ui_prefs *prefs, char *error,
                       size_t error_size)
{
    sm_ui_prefs parsed;
    sm_ui_prefs_init(&parsed);
    sm_ui_prefs_init(prefs);
    bool has_x = false, has_y = false, has_w = false, has_h = false;
    if (length > SM_UI_PREFS_MAX_BYTES) {
        snprintf(error, error_size, "longer than %d bytes, not a preferences file",
                 SM_UI_PREFS_MAX_BYTES);
        return false;
    }
    if (!is_text(text, length)) {
        snprintf(error, error_size, "not text (binary bytes)");
        return false;
    }
    /* Written whole, a file ends with a newline: without it, it was cut short. */
    if (length > 0 && text[length - 1] != '\n') {
        snprintf(error, error_size, "cut short (no newline at its end)");
        return false;
    }
    size_t start = 0;
    for (int line = 1; start < length; line++) {
        const char *end = memchr(text + start, '\n', length - start);
        size_t line_length = (size_t)(end - (text + start)); /* end exists: see above */
        const char *at = text + start;
        start += line_length + 1;
        if (line_length > 0 && at[line_length - 1] == '\r')
            line_length--; /* edited on Windows */
        if (line_length == 0 || at[0] == '#')
            continue;
        const char *equals = memchr(at, '=', line_length);
        if (equals == NULL) {
            snprintf(error, error_size, "line %d is not key=value", line);
            return false;
        }
        size_t key_length = (size_t)(equals - at);
        const char *value = equals + 1;
        size_t value_length = line_length - key_length - 1;
        struct {
            const char *key;
            int low, high;
            int *into;
            bool *seen;
        } keys[] = {
            {"x", -POSITION_LIMIT, POSITION_LIMIT, &parsed.x, &has_x},
            {"y", -POSITION_LIMIT, POSITION_LIMIT, &parsed.y, &has_y},
            {"width", SIZE_MIN, SIZE_MAX_PX, &parsed.width, &has_w},
            {"height", SIZE_MIN, SIZE_MAX_PX, &parsed.height, &has_h},
            {"zoom", SM_UI_ZOOM_MIN, SM_UI_ZOOM_MAX, &parsed.zoom, NULL},
        };
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            if (strlen(keys[k].key) != key_length || memcmp(keys[k].key, at, key_length) != 0)
                continue;
            if (!parse_int(value, value_length, keys[k].low, keys[k].high, keys[k].into)) {
                snprintf(error, error_size, "line %d: %s needs a whole number from %d to %d", line,
                         keys[k].key, keys[k].low, keys[k].high);
                return false;
            }
            if (keys[k].seen != NULL)
                *keys[k].seen = true;
        }
    }
    if (has_x != has_y || has_w != has_h) {
        snprintf(error, error_size, "%s",
                 has_x != has_y ? "x and y come together, one is missing"
                                : "width and height come together, one "
                                  "is missing");
        return false;
    }
    parsed.has_position = has_x;
    parsed.has_size = has_w;
    parsed.zoom = sm_ui_zoom_snap(parsed.zoom);
    *prefs = parsed;
    return true;
}

size_t sm_ui_prefs_format(const sm_ui_prefs *prefs, const char *role, char *out, size_t out_size)
{
    int used = snprintf(out, out_size,
                        "# The SampleMap %s window, as it was last closed. Delete this file to "
                        "forget it.\n",
                        role);
    if (prefs->has_position && used >= 0 && (size_t)used < out_size)
        used += snprintf(out + used, out_size - (size_t)used, "x=%d\ny=%d\n", prefs->x, prefs->y);
    if (prefs->has_size && used >= 0 && (size_t)used < out_size)
        used += snprintf(out + used, out_size - (size_t)used, "width=%d\nheight=%d\n", prefs->width,
                         prefs->height);
    if (used >= 0 && (size_t)used < out_size)
        used += snprintf(out + used, out_size - (size_t)used, "zoom=%d\n", prefs->zoom);
    return used >= 0 && (size_t)used < out_size ? (size_t)used : 0;
}

bool sm_ui_prefs_path(const char *role, char *out, size_t out_size)
{
    char folder[1024];
    if (sm_platform_getenv("SAMPLEMAP_PREFS_DIR", folder, sizeof folder) && folder[0] != '\0') {
        if (strcmp(folder, "none") == 0)
            return false;
        size_t length = strlen(folder);
        bool slash = folder[length - 1] == '/' || folder[length - 1] == '\\';
        int used = snprintf(out, out_size, "%s%s%s.conf", folder, slash ? "" : "/", role);
        return used > 0 && (size_t)used < out_size;
    }
    /* SDL_GetPrefPath makes the folder (XDG_DATA_HOME or ~/.local/share; %APPDATA%). */
    char *base = SDL_GetPrefPath("", "samplemap");
    if (base == NULL)
        return false;
    int used = snprintf(out, out_size, "%s%s.conf", base, role);
    SDL_free(base);
    return used > 0 && (size_t)used < out_size;
}

bool sm_ui_prefs_load(const char *path, sm_ui_prefs *prefs, char *error, size_t error_size)
{
    sm_ui_prefs_init(prefs);
    FILE *file = sm_platform_fopen(path, "rb");
    if (file == NULL) {
        if (errno == ENOENT)
            return true; /* never saved: the defaults */
        snprintf(error, error_size, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    char text[SM_UI_PREFS_MAX_BYTES + 1]; /* one byte more tells a longer file */
    size_t length = fread(text, 1, sizeof text, file);
    bool failed = ferror(file) != 0;
    (void)fclose(file); /* read-only: nothing to lose */
    if (failed) {
        snprintf(error, error_size, "cannot read %s (a folder, or a read error)", path);
        return false;
    }
    char why[160];
    if (!sm_ui_prefs_parse(text, length, prefs, why, sizeof why)) {
        snprintf(error, error_size, "%s: %s", path, why);
        return false;
    }
    return true;
}

bool sm_ui_prefs_save(const char *path, const sm_ui_prefs *prefs, const char *role, char *error,
                      size_t error_size)
{
    char text[512], temporary[1100];
    size_t length = sm_ui_prefs_format(prefs, role, text, sizeof text);
    /* A name of this process's own: two windows closing at once never share a temporary. */
    int used = snprintf(temporary, sizeof temporary, "%s.%lu.tmp", path, sm_process_id());
    if (length == 0 || used <= 0 || (size_t)used >= sizeof temporary) {
        snprintf(error, error_size, "the path %s is too long", path);
        return false;
    }
    FILE *file = sm_platform_fopen(temporary, "wb");
    if (file == NULL) {
        snprintf(error, error_size, "cannot write %s: %s", temporary, strerror(errno));
        return false;
    }
    bool written = fwrite(text, 1, length, file) == length;
    written = fclose(file) == 0 && written; /* a full disk shows at the flush */
    if (!written || !sm_platform_replace_file(temporary, path)) {
        snprintf(error, error_size, "cannot write %s: %s", path,
                 written ? "the rename failed" : strerror(errno));
        (void)remove(temporary);
        return false;
    }
    return true;
}

/* How much of a window a display must show for a person to grab and move it. */
#define GRAB_PX 48
#define MARGIN_PX 32

bool sm_ui_prefs_onscreen(int *x, int *y, int w, int h, const SDL_Rect *displays, int count)
{
    for (int i = 0; i < count; i++) {
        const SDL_Rect *d = &displays[i];
        int left = *x > d->x ? *x : d->x;
        int right = *x + w < d->x + d->w ? *x + w : d->x + d->w;
        /* The top edge (where the title bar is) must be on the display, and enough of its width. */
        if (*y >= d->y && *y <= d->y + d->h - GRAB_PX && right - left >= GRAB_PX)
            return false;
    }
    if (count <= 0)
        return false; /* nothing known to move it onto */
    const SDL_Rect *d = &displays[0];
    *x = w + 2 * MARGIN_PX <= d->w ? d->x + (d->w - w) / 2 : d->x + MARGIN_PX;
    *y = h + 2 * MARGIN_PX <= d->h ? d->y + (d->h - h) / 2 : d->y + MARGIN_PX;
    return true;
}
