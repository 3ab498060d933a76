/*
 * test_ui_theme.c - every text colour of each theme against every background it
 * is drawn on meets WCAG 2.2: a contrast ratio of at least 4.5:1 (AA, normal text;
 * the windows' text is 13-16 px, never "large") in light and dark, 7:1 in high
 * contrast; which theme --theme and the desktop's settings pick.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui_syscolors.h"
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
 * Checks every pair one theme draws against minimum (4.5 for AA, 7 for the high-contrast
 * theme) and returns how many fall short, each named on stderr. Each pair is one the
 * windows really draw (the comment says where). Not listed: the disabled Send button's
 * label (WCAG exempts inactive controls) and the dropped-entries note only where its pair
 * already is (dim on panel).
 */
static int short_pairs(const sm_ui_theme *t, double minimum)
{
    struct {
        const char *what;
        SDL_Color text, background;
    } pairs[] = {
        {"message text on the list", t->text, t->panel},
        {"message text on a selected entry", t->text, t->selection},
        {"message text on found text", t->text, t->match},
        {"message text on the current match", t->text, t->match_current},
        {"field text", t->text, t->field},
        {"selected field text", t->text, t->selection},
        {"window text (step bar, help, byte view) on the window", t->text, t->background},
        {"headings and hints (dim) on the window", t->dim, t->background},
        {"hints (dim) in the field", t->dim, t->field},
        {"entry times (dim) on the list", t->dim, t->panel},
        {"entry times (dim) on a selected entry", t->dim, t->selection},
        {"status text on the status bar", t->text, t->panel},
        {"\"sent\" (accent) on the list", t->accent, t->panel},
        {"\"sent\" (accent) on a selected entry", t->accent, t->selection},
        {"small button label (accent) on its panel", t->accent, t->panel},
        {"small button label (accent) under the mouse", t->accent, t->selection},
        {"button label on the accent", t->accent_text, t->accent},
        {"button label on the accent under the mouse", t->accent_text, t->accent_hover},
        {"\"delivered\" (good) on the list", t->good, t->panel},
        {"\"delivered\" (good) on a selected entry", t->good, t->selection},
        {"\"queued\", counter near the limit (warning) on the list", t->warning, t->panel},
        {"the counter near the limit (warning) on the window", t->warning, t->background},
        {"ill-formed mark (warning) on a selected entry", t->warning, t->selection},
        {"errors, refused text, banners (error) on the window", t->error, t->background},
        {"error titles (error) on the error panel", t->error, t->panel},
        {"danger button label (error) on its panel", t->error, t->panel},
        {"byte view terminator (warning) on a changed cell", t->warning, t->selection},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double ratio = contrast(pairs[i].text, pairs[i].background);
        if (ratio < minimum) {
            fprintf(stderr, "%s theme: contrast %.2f:1 < %.1f:1: %s\n", t->name, ratio, minimum,
                    pairs[i].what);
            failed++;
        }
    }
    return failed;
}

/* The light theme: WCAG 2.2 AA, 4.5:1 (normal text; the windows' text is 13-16 px). */
TEST(ui_theme_contrast_aa)
{
    ASSERT_EQ(short_pairs(&sm_ui_theme_light, 4.5), 0);
    /* The formula itself: black on white is 21:1, a colour on itself 1:1. */
    ASSERT_NEAR(contrast((SDL_Color){0, 0, 0, 255}, (SDL_Color){255, 255, 255, 255}), 21.0, 1e-9);
    ASSERT_NEAR(contrast(sm_ui_theme_light.accent, sm_ui_theme_light.accent), 1.0, 1e-9);
    /* And the check can fail: a text colour on its own background falls short. */
    sm_ui_theme broken = sm_ui_theme_light;
    broken.dim = broken.panel;
    ASSERT_GT(short_pairs(&broken, 4.5), 0);
    return 0;
}

/* The dark theme: the same 4.5:1. */
TEST(ui_theme_contrast_dark)
{
    ASSERT_EQ(short_pairs(&sm_ui_theme_dark, 4.5), 0);
    return 0;
}

/* High contrast: 7:1 on every pair (WCAG's AAA level, 1.4.6), what its users asked for. */
TEST(ui_theme_contrast_high)
{
    ASSERT_EQ(short_pairs(&sm_ui_theme_contrast, 7.0), 0);
    return 0;
}

/* --theme names its theme; system is asked of the desktop, and high contrast outranks dark. */
TEST(ui_theme_pick)
{
    ASSERT_EQ(sm_ui_theme_named(SM_APP_THEME_LIGHT), &sm_ui_theme_light);
    ASSERT_EQ(sm_ui_theme_named(SM_APP_THEME_DARK), &sm_ui_theme_dark);
    ASSERT_EQ(sm_ui_theme_named(SM_APP_THEME_CONTRAST), &sm_ui_theme_contrast);
    ASSERT_NULL(sm_ui_theme_named(SM_APP_THEME_SYSTEM));
    sm_ui_syscolors system = {SM_UI_SCHEME_NONE, false, ""};
    ASSERT_EQ(sm_ui_theme_for_system(&system), &sm_ui_theme_light); /* the fallback */
    system.scheme = SM_UI_SCHEME_LIGHT;
    ASSERT_EQ(sm_ui_theme_for_system(&system), &sm_ui_theme_light);
    system.scheme = SM_UI_SCHEME_DARK;
    ASSERT_EQ(sm_ui_theme_for_system(&system), &sm_ui_theme_dark);
    system.contrast = true;
    ASSERT_EQ(sm_ui_theme_for_system(&system), &sm_ui_theme_contrast);
    system.scheme = SM_UI_SCHEME_LIGHT;
    ASSERT_EQ(sm_ui_theme_for_system(&system), &sm_ui_theme_contrast);
    ASSERT_EQ(strcmp(sm_ui_theme_dark.name, "dark"), 0);
    return 0;
}

/*
 * The bounded read: an answer within the bound is the query's own (what it says depends on
 * the machine, but it always says why). A bus that never answers is gui_theme_system's.
 */
TEST(ui_syscolors_bounded)
{
    sm_ui_syscolors direct, bounded;
    sm_ui_syscolors_query(&direct);
    ASSERT_NE(direct.why[0], '\0');
    sm_ui_syscolors_finish(sm_ui_syscolors_start(), 10000, &bounded);
    ASSERT_NE(bounded.why[0], '\0');
    ASSERT_EQ((int)bounded.scheme, (int)direct.scheme);
    ASSERT_EQ(bounded.contrast, direct.contrast);
    return 0;
}
/*
 * A change the follower announces comes back whole from the event queue, and only events of
 * its own type are taken for one; a setting that did not come from a portal is not followed.
 */
TEST(ui_syscolors_change_event)
{
    ASSERT_EQ(SDL_Init(SDL_INIT_EVENTS), 0);
    ASSERT(sm_ui_syscolors_register_event());
    sm_ui_syscolors change = {SM_UI_SCHEME_DARK, true, "portal changed contrast"};
    sm_ui_syscolors_announce(&change);
    SDL_Event event, other = {.type = SDL_KEYDOWN};
    sm_ui_syscolors got = {SM_UI_SCHEME_NONE, false, ""};
    ASSERT(!sm_ui_syscolors_changed(&other, &got));
    ASSERT_EQ(SDL_PollEvent(&event), 1);
    ASSERT(sm_ui_syscolors_changed(&event, &got));
    ASSERT_EQ((int)got.scheme, (int)SM_UI_SCHEME_DARK);
    ASSERT(got.contrast);
    ASSERT_CONTAINS(got.why, "portal changed contrast");
    sm_ui_syscolors fallback = {SM_UI_SCHEME_NONE, false, "no session bus: No such file"};
    ASSERT(!sm_ui_syscolors_follow(&fallback));
    SDL_Quit();
    return 0;
}
#else
TEST(ui_theme_contrast_aa)
{
    return TEST_SKIPPED; /* built without SDL2: no theme */
}
TEST(ui_theme_contrast_dark)
{
    return TEST_SKIPPED;
}
TEST(ui_theme_contrast_high)
{
    return TEST_SKIPPED;
}
TEST(ui_theme_pick)
{
    return TEST_SKIPPED;
}
TEST(ui_syscolors_bounded)
{
    return TEST_SKIPPED;
}
TEST(ui_syscolors_change_event)
{
    return TEST_SKIPPED;
}
#endif
