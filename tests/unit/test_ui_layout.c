/*
 * test_ui_layout.c - the visual order of mixed-direction text as runs (no SDL, no pixels).
 *
 * Fake fonts stand in for the chain: face 0 ("Latin") draws everything but Hebrew
 * and Arabic letters, face 1 ("Hebrew") only Hebrew letters and the space - no
 * digits, as Noto Sans Hebrew - and face 2 ("Arabic") Arabic, the space and digits.
 * A layout is written as its runs left to right: [face:text] for a left-to-right
 * run, <face:text> for a right-to-left one, each run's text in logical order (the
 * shaper reverses it on screen).
 */
#include <stdbool.h>
#include <stdint.h>

#include "test.h"

#ifdef SAMPLEMAP_HAVE_LAYOUT
#include "ui_layout.h"

static bool hebrew_letter(uint32_t cp)
{
    return cp >= 0x05D0 && cp <= 0x05EA;
}
static bool arabic_letter(uint32_t cp)
{
    return cp >= 0x0620 && cp <= 0x064A;
}

static bool fake_has(void *context, int face, uint32_t cp)
{
    (void)context;
    switch (face) {
    case 0: return !hebrew_letter(cp) && !arabic_letter(cp);
    case 1: return hebrew_letter(cp) || cp == ' ';
    case 2: return arabic_letter(cp) || cp == ' ' || (cp >= '0' && cp <= '9');
    }
    return false;
}

static int fake_pick(void *context, uint32_t cp)
{
    (void)context;
    return hebrew_letter(cp) ? 1 : arabic_letter(cp) ? 2 : 0;
}

static const sm_ui_layout_faces fake_faces = {NULL, fake_pick, fake_has};

/* The layout of text[start, end) written as described above; "RTL " first for an RTL paragraph. */
static const char *describe_line(const char *text, size_t start, size_t end)
{
    static char out[2048];
    sm_ui_line_layout layout;
    ASSERT(sm_ui_layout_line(text, strlen(text), start, end, &fake_faces, &layout));
    size_t used = (size_t)snprintf(out, sizeof out, "%s", layout.rtl ? "RTL " : "");
    for (size_t i = 0; i < layout.count; i++) {
        const sm_ui_run *run = &layout.runs[i];
        ASSERT_EQ(run->rtl, ((run->level & 1) != 0));
        used += (size_t)snprintf(out + used, sizeof out - used, "%c%d:%.*s%c", run->rtl ? '<' : '[',
                                 run->face, (int)(run->end - run->start), text + run->start,
                                 run->rtl ? '>' : ']');
        ASSERT_LT(used, sizeof out);
    }
    sm_ui_layout_free(&layout);
    return out;
}

static const char *describe(const char *text)
{
    return describe_line(text, 0, strlen(text));
}

/* The runs' scripts left to right, separated by spaces. */
static const char *scripts(const char *text)
{
    static char out[256];
    sm_ui_line_layout layout;
    ASSERT(sm_ui_layout_line(text, strlen(text), 0, strlen(text), &fake_faces, &layout));
    out[0] = '\0';
    for (size_t i = 0; i < layout.count; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "",
                 layout.runs[i].script);
    sm_ui_layout_free(&layout);
    return out;
}
#endif

TEST(ui_layout_bidi_order)
{
#ifndef SAMPLEMAP_HAVE_LAYOUT
    return TEST_SKIPPED; /* built without the windows (no FriBidi) */
#else
    /* A Hebrew word inside English: in place, reversed by the shaper, spaces on both sides. */
    ASSERT_STR_EQ(describe("Hello שלום world"), "[0:Hello ]<1:שלום>[0: world]");
    /* Arabic paragraph: reads from the right, and the year stays 2024 (not 4202). */
    ASSERT_STR_EQ(describe("العام 2024 كان جيدا"), "RTL <2: كان جيدا>[0:2024]<2:العام >");
    /* Hebrew paragraph: the price is drawn by a face that has digits, left to right. */
    ASSERT_STR_EQ(describe("המחיר הוא 150 שקלים"), "RTL <1: שקלים>[0:150]<1:המחיר הוא >");
    /* A phone number after a Hebrew label: the number left of the label, digits in order,
       the colon next to the label (in a face that has it). */
    ASSERT_STR_EQ(describe("טלפון: 03-1234567"), "RTL [0:03-1234567]<0:: ><1:טלפון>");
    /* Brackets around an RTL word in English take the paragraph's direction (rule N0). */
    ASSERT_STR_EQ(describe("Call (מוקד) now!"), "[0:Call (]<1:מוקד>[0:) now!]");
    /* English and a number inside Hebrew: one LTR run; the final "!" belongs to the
       Hebrew paragraph, so it goes to the far left. */
    ASSERT_STR_EQ(describe("שלום Hello 42!"), "RTL <0:!>[0:Hello 42]<1:שלום >");
    /* No strong character: left to right. Nothing at all: no runs. */
    ASSERT_STR_EQ(describe("123 456"), "[0:123 456]");
    ASSERT_STR_EQ(describe(""), "");
    return 0;
#endif
}

TEST(ui_layout_paragraphs_and_runs)
{
#ifndef SAMPLEMAP_HAVE_LAYOUT
    return TEST_SKIPPED;
#else
    /* The direction is the paragraph's, not the line's: the second wrapped line of a Hebrew
       paragraph starts with English and is still right to left (right-aligned). */
    const char *wrapped = "שלום world again";
    const char *second = strstr(wrapped, "world");
    ASSERT_STR_EQ(describe_line(wrapped, (size_t)(second - wrapped), strlen(wrapped)),
                  "RTL [0:world again]");
    /* Each paragraph (between line breaks) has its own direction. */
    const char *two = "abc\nשלום abc";
    ASSERT_STR_EQ(describe_line(two, 0, 4), "[0:abc]");
    ASSERT_STR_EQ(describe_line(two, 4, strlen(two)), "RTL [0:abc]<1:שלום >");
    /* Scripts for the shaper: Arabic joins only when told "Arab"; digits alone are Common. */
    ASSERT_STR_EQ(scripts("العام 2024 كان جيدا"), "Arab Zyyy Arab");
    ASSERT_STR_EQ(scripts("Call (מוקד) now!"), "Latn Hebr Latn");
    /* A long run is cut into pieces the renderer can take, contiguous and in order. */
    static char longtext[1201];
    memset(longtext, 'a', 1200);
    sm_ui_line_layout layout;
    ASSERT(sm_ui_layout_line(longtext, 1200, 0, 1200, &fake_faces, &layout));
    ASSERT_EQ(layout.count, 3);
    for (size_t i = 0; i < layout.count; i++) {
        ASSERT_LE(layout.runs[i].end - layout.runs[i].start, SM_UI_RUN_MAX_BYTES);
        ASSERT_EQ(layout.runs[i].start, i == 0 ? 0 : layout.runs[i - 1].end);
    }
    ASSERT_EQ(layout.runs[2].end, 1200);
    sm_ui_layout_free(&layout);
    /* The direction the arrow keys follow: the first strong character of the caret's paragraph. */
    const char *mixed = "123 שלום abc\nabc שלום\n42";
    ASSERT(sm_ui_layout_paragraph_rtl(mixed, strlen(mixed), 0));
    ASSERT(sm_ui_layout_paragraph_rtl(mixed, strlen(mixed), strlen("123 שלום abc")));
    ASSERT(!sm_ui_layout_paragraph_rtl(mixed, strlen(mixed), strlen("123 שלום abc\n")));
    ASSERT(!sm_ui_layout_paragraph_rtl(mixed, strlen(mixed), strlen(mixed))); /* no strong: LTR */
    ASSERT(sm_ui_layout_paragraph_rtl("العام", strlen("العام"), 2));
    return 0;
#endif
}
