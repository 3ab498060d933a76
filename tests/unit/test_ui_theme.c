/*
 * test_ui_theme.c - every text colour of the theme against every background it
 * is drawn on meets WCAG 2.2 AA: a contrast ratio of at least 4.5:1 (normal text;
 * the windows' text is 13-16 px, never "large").
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <math.h>
#include <stdio.h>

#include "ui_theme.h"

/* WCAG 2.2's relative luminance of an sRGB colour (its definition 'relative luminance'). */
static double luminance(SDL_Color c)
{
    double channel[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++)
        channel[i] =
            channel[i] <= 0.04045 ? channel[i] / 12.92 : pow((channel[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

static double contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/*
 * Each pair is one the windows really draw (the comment says where). Not listed: the
 * disabled Send button's label (WCAG exempts inactive controls) and the dropped-entries
 * note only where its pair already is (dim on panel).
 */
TEST(ui_theme_contrast_aa)
{
    const sm_ui_theme *t = &sm_ui_theme_default;
    struct {
        const char *what;
        SDL_Color text, background;
    } pairs[] = {
        {"message text on the list", t->text, t->panel},
        {"message text on a selected entry", t->text, t->selection},
        {"message text on found text", t->text, t->match},
        {"message text on the current match", t->text, t->match_current},
        {"field text", t->text, t->field},
        {"headings and hints (dim) on the window", t->dim, t->background},
        {"entry times (dim) on the list", t->dim, t->panel},
        {"entry times (dim) on a selected entry", t->dim, t->selection},
        {"status text on the status bar", t->text, t->panel},
        {"\"sent\" (accent) on the list", t->accent, t->panel},
        {"\"sent\" (accent) on a selected entry", t->accent, t->selection},
        {"small button label (accent) on its panel", t->accent, t->panel},
        {"small button label (accent) under the mouse", t->accent, t->selection},
        {"button label on the accent", t->accent_text, t->accent},
        {"\"delivered\" (good) on the list", t->good, t->panel},
        {"\"delivered\" (good) on a selected entry", t->good, t->selection},
        {"\"queued\", counter near the limit (warning) on the list", t->warning, t->panel},
        {"the counter near the limit (warning) on the window", t->warning, t->background},
        {"ill-formed mark (warning) on a selected entry", t->warning, t->selection},
        {"errors, refused text, banners (error) on the window", t->error, t->background},
        {"error titles (error) on the error panel", t->error, t->panel},
        {"byte view terminator (warning) on a changed cell", t->warning, t->selection},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double ratio = contrast(pairs[i].text, pairs[i].background);
        if (ratio < 4.5) {
            fprintf(stderr, "contrast %.2f:1 < 4.5:1: %s\n", ratio, pairs[i].what);
            failed++;
        }
    }
    ASSERT_EQ(failed, 0);
    /* The formula itself: black on white is 21:1, a colour on itself 1:1. */
    ASSERT_NEAR(contrast((SDL_Color){0, 0, 0, 255}, (SDL_Color){255, 255, 255, 255}), 21.0, 1e-9);
    ASSERT_NEAR(contrast(t->accent, t->accent), 1.0, 1e-9);
    return 0;
}
#else
TEST(ui_theme_contrast_aa)
{
    return TEST_SKIPPED; /* built without SDL2: no theme */
}
#endif
