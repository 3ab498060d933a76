/*
 * test_ui_prefs.c - the remembered window's file (ui_prefs.h): a good file
 * read back as written; every kind of bad file (binary, cut short, too long,
 * not key=value, out of range, half a pair) refused with a reason and the
 * defaults; the save replacing the old file with no temporary left; and a
 * position off every display pulled back onto one.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <stdio.h>
#include <string.h>

#include "os_process.h"
#include "ui_prefs.h"
#include "ui_zoom.h"

/* Field by field: the struct's padding bytes are whatever the stack held. */
static void assert_same(const sm_ui_prefs *a, const sm_ui_prefs *b)
{
    ASSERT_EQ(a->has_position, b->has_position);
    ASSERT_EQ(a->x, b->x);
    ASSERT_EQ(a->y, b->y);
    ASSERT_EQ(a->has_size, b->has_size);
    ASSERT_EQ(a->width, b->width);
    ASSERT_EQ(a->height, b->height);
    ASSERT_EQ(a->zoom, b->zoom);
}

static bool parse(const char *text, sm_ui_prefs *prefs, char *error, size_t error_size)
{
    error[0] = '\0';
    return sm_ui_prefs_parse(text, strlen(text), prefs, error, error_size);
}

TEST(ui_prefs_parse_good)
{
    sm_ui_prefs prefs;
    char error[200];
    ASSERT(parse("# comment\nx=-20\ny=30\r\nwidth=640\nheight=480\nzoom=150\nnewer=key\n", &prefs,
                 error, sizeof error));
    ASSERT(prefs.has_position);
    ASSERT(prefs.has_size);
    ASSERT_EQ(prefs.x, -20);
    ASSERT_EQ(prefs.y, 30);
    ASSERT_EQ(prefs.width, 640);
    ASSERT_EQ(prefs.height, 480);
    ASSERT_EQ(prefs.zoom, 150);
    /* An empty file, or one with the zoom only: the rest stays at the defaults. */
    ASSERT(parse("", &prefs, error, sizeof error));
    ASSERT(!prefs.has_position);
    ASSERT_EQ(prefs.zoom, SM_UI_ZOOM_DEFAULT);
    ASSERT(parse("zoom=130\n", &prefs, error, sizeof error));
    ASSERT(!prefs.has_size);
    ASSERT_EQ(prefs.zoom, 125); /* between steps: snapped down */
    /* What format writes, parse reads back. */
    sm_ui_prefs written = {true, 12, -7, true, 700, 650, 250}, read;
    char text[512];
    size_t length = sm_ui_prefs_format(&written, "receiver", text, sizeof text);
    ASSERT_GT(length, 0);
    ASSERT_CONTAINS(text, "receiver");
    ASSERT(sm_ui_prefs_parse(text, length, &read, error, sizeof error));
    assert_same(&read, &written);
    ASSERT_EQ(sm_ui_prefs_format(&written, "receiver", text, 20), 0); /* does not fit */
    return 0;
}

TEST(ui_prefs_parse_refuses_corrupt)
{
    static const struct {
        const char *text;
        size_t length; /* 0: strlen */
        const char *reason;
    } bad[] = {
        {"x=10\ny=2", 0, "cut short"},                /* no final newline: cut mid-line */
        {"width=640\nhei", 0, "cut short"},           /* cut inside a key */
        {"x=1\0\0\0y=2\n", 10, "binary"},             /* NUL bytes */
        {"\x89PNG\r\n\x1a\n", 0, "binary"},           /* another file's bytes */
        {"x 10\n", 0, "line 1 is not key=value"},     /* no '=' */
        {"zoom=150\nzoom\n", 0, "line 2"},            /* no '=' on line 2 */
        {"zoom=1000\n", 0, "zoom needs"},             /* out of range */
        {"zoom=abc\n", 0, "zoom needs"},              /* not a number */
        {"zoom=\n", 0, "zoom needs"},                 /* no value */
        {"width=12\nheight=400\n", 0, "width needs"}, /* a window too small to be one */
        {"x=99999999999\ny=1\n", 0, "x needs"},       /* overflow */
        {"x=10\n", 0, "x and y"},                     /* half a pair */
        {"width=640\n", 0, "width and height"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sm_ui_prefs prefs;
        char error[200] = "";
        size_t length = bad[i].length != 0 ? bad[i].length : strlen(bad[i].text);
        ASSERT(!sm_ui_prefs_parse(bad[i].text, length, &prefs, error, sizeof error));
        ASSERT_CONTAINS(error, bad[i].reason);
        /* Refused: the defaults, never half of the file. */
        ASSERT(!prefs.has_position);
        ASSERT(!prefs.has_size);
        ASSERT_EQ(prefs.zoom, SM_UI_ZOOM_DEFAULT);
    }
    /* Longer than any preferences file. */
    static char huge[SM_UI_PREFS_MAX_BYTES + 2];
    memset(huge, '#', sizeof huge - 1);
    huge[sizeof huge - 2] = '\n';
    sm_ui_prefs prefs;
    char error[200];
    ASSERT(!sm_ui_prefs_parse(huge, sizeof huge - 1, &prefs, error, sizeof error));
    ASSERT_CONTAINS(error, "longer than");
    return 0;
}

TEST(ui_prefs_save_and_load)
{
    char path[64], temporary[96], error[1400];
    snprintf(path, sizeof path, "ui_prefs_test_%lu.conf", sm_process_id());
    snprintf(temporary, sizeof temporary, "%s.%lu.tmp", path, sm_process_id());
    (void)remove(path);
    sm_ui_prefs prefs = {true, 5, 6, true, 600, 500, 200}, read;
    /* Missing: the defaults, and no error (a first run). */
    ASSERT(sm_ui_prefs_load(path, &read, error, sizeof error));
    ASSERT_EQ(read.zoom, SM_UI_ZOOM_DEFAULT);
    ASSERT(sm_ui_prefs_save(path, &prefs, "sender", error, sizeof error));
    prefs.zoom = 75; /* saved again: replaces the file */
    ASSERT(sm_ui_prefs_save(path, &prefs, "sender", error, sizeof error));
    ASSERT(sm_ui_prefs_load(path, &read, error, sizeof error));
    assert_same(&read, &prefs);
    FILE *left = fopen(temporary, "rb");
    ASSERT_NULL(left); /* renamed, not left beside it */
    /* A corrupt file: refused with its path and the reason. */
    FILE *file = fopen(path, "wb");
    ASSERT_NOT_NULL(file);
    ASSERT_EQ(fwrite("zoom=15", 1, 7, file), 7);
    ASSERT_EQ(fclose(file), 0);
    ASSERT(!sm_ui_prefs_load(path, &read, error, sizeof error));
    ASSERT_CONTAINS(error, path);
    ASSERT_CONTAINS(error, "cut short");
    ASSERT_EQ(read.zoom, SM_UI_ZOOM_DEFAULT);
    ASSERT_EQ(remove(path), 0);
    /* A folder where the file should be cannot be written (the rename or the open fails). */
    ASSERT(!sm_ui_prefs_save("no-such-folder-here/x.conf", &prefs, "sender", error, sizeof error));
    ASSERT_CONTAINS(error, "cannot write");
    return 0;
}

TEST(ui_prefs_onscreen)
{
    SDL_Rect displays[] = {{0, 0, 1280, 800}, {1280, 0, 1920, 1080}};
    int x = 100, y = 50;
    /* On a display: left alone, also on the second one and partly off the edge. */
    ASSERT(!sm_ui_prefs_onscreen(&x, &y, 560, 520, displays, 2));
    ASSERT_EQ(x, 100);
    x = 2000;
    y = 900;
    ASSERT(!sm_ui_prefs_onscreen(&x, &y, 560, 520, displays, 2));
    x = -500; /* most of it off the left edge, but 60 px to grab */
    y = 10;
    ASSERT(!sm_ui_prefs_onscreen(&x, &y, 560, 520, displays, 2));
    /* The second display unplugged: brought back onto the first, inside it. */
    x = 2000;
    y = 100;
    ASSERT(sm_ui_prefs_onscreen(&x, &y, 560, 520, displays, 1));
    ASSERT_GE(x, 0);
    ASSERT_LE(x + 560, 1280);
    ASSERT_GE(y, 0);
    ASSERT_LE(y + 520, 800);
    /* Above the top (the title bar out of reach) or only a sliver showing: moved. */
    x = 100;
    y = -300;
    ASSERT(sm_ui_prefs_onscreen(&x, &y, 560, 520, displays, 2));
    ASSERT_GE(y, 0);
    x = 1270 + 1920; /* 10 px of it on the second display's right edge */
    y = 100;
    ASSERT(sm_ui_prefs_onscreen(&x, &y, 560, 520, displays, 2));
    ASSERT_LE(x + 560, 1280);
    /* Larger than the display: its top-left corner kept on it. */
    x = 5000;
    y = 5000;
    ASSERT(sm_ui_prefs_onscreen(&x, &y, 3000, 2000, displays, 1));
    ASSERT_GE(x, 0);
    ASSERT_LT(x, 1280);
    ASSERT_GE(y, 0);
    ASSERT_LT(y, 800);
    return 0;
}
#else
TEST(ui_prefs_parse_good)
{
    return TEST_SKIPPED; /* built without SDL2: no windows to remember */
}

TEST(ui_prefs_parse_refuses_corrupt)
{
    return TEST_SKIPPED;
}

TEST(ui_prefs_save_and_load)
{
    return TEST_SKIPPED;
}

TEST(ui_prefs_onscreen)
{
    return TEST_SKIPPED;
}
#endif
