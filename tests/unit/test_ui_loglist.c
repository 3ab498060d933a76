/*
 * test_ui_loglist.c - the log list's viewer functions (ui_loglist.h) without a
 * window: the filter hides without dropping, find counts and steps through the
 * shown matches, entries carry their process, and what was kept while paused
 * moves over whole, the dropped count included.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <stdio.h>
#include <string.h>

#include "ui_loglist.h"

static void add(sm_ui_loglist *list, unsigned long id, const char *text)
{
    SDL_Color color = {0, 0, 0, 255};
    ASSERT(sm_ui_loglist_add(list, id, "header", color, text, strlen(text), NULL));
}

static sm_ui_logfilter filter_of(const char *line)
{
    sm_ui_logfilter filter;
    sm_ui_logfilter_parse(line, &filter);
    return filter;
}

TEST(ui_loglist_filter_hides_never_drops)
{
    sm_ui_loglist list;
    sm_ui_loglist_init(&list, NULL);
    add(&list, 1, "keep a");
    add(&list, 2, "drop b");
    add(&list, 3, "KEEP c");
    sm_ui_logfilter keep = filter_of("keep");
    sm_ui_loglist_set_filter(&list, &keep);
    ASSERT_EQ(list.count, 3);
    ASSERT_EQ(list.hidden, 1);
    ASSERT(list.entries[1].hidden);
    add(&list, 4, "drop d"); /* a new entry meets the filter as it comes */
    ASSERT_EQ(list.hidden, 2);
    /* Past the 1000-entry window the oldest go, hidden or not, and are counted as dropped. */
    char text[32];
    for (unsigned long id = 5; id <= SM_UI_LOGLIST_MAX + 2; id++) {
        snprintf(text, sizeof text, "drop %lu", id);
        add(&list, id, text);
    }
    ASSERT_EQ(list.count, SM_UI_LOGLIST_MAX);
    ASSERT_EQ(list.dropped, 2);
    ASSERT_EQ(list.hidden, SM_UI_LOGLIST_MAX - 1); /* entry 3 is the one kept one left */
    ASSERT_EQ(list.entries[0].id, 3);
    sm_ui_logfilter none = filter_of("");
    sm_ui_loglist_set_filter(&list, &none);
    ASSERT_EQ(list.hidden, 0);
    sm_ui_loglist_free(&list);
    return 0;
}

TEST(ui_loglist_origin_and_process_filter)
{
    sm_ui_loglist list;
    sm_ui_loglist_init(&list, NULL);
    add(&list, 1, "from app");
    add(&list, 2, "from noisy");
    add(&list, 3, "no process");
    ASSERT(!list.has_process);
    ASSERT(sm_ui_loglist_set_origin(&list, 1, 4242, "App.exe", "2026-12-07T10:00:00.000+00:00"));
    ASSERT(sm_ui_loglist_set_origin(&list, 2, 77, "noisy.exe", NULL));
    ASSERT(!sm_ui_loglist_set_origin(&list, 9, 1, "gone.exe", NULL)); /* not in the list */
    ASSERT(list.has_process);
    ASSERT_STR_EQ(list.entries[0].stamp, "2026-12-07T10:00:00.000+00:00");
    ASSERT_STR_EQ(list.entries[1].stamp, "");
    sm_ui_logfilter only = filter_of("process:app.exe"); /* names: ASCII case ignored */
    sm_ui_loglist_set_filter(&list, &only);
    ASSERT(!list.entries[0].hidden);
    ASSERT(list.entries[1].hidden);
    ASSERT(list.entries[2].hidden); /* no process: not from app.exe */
    sm_ui_logfilter by_pid = filter_of("pid:77");
    sm_ui_loglist_set_filter(&list, &by_pid);
    ASSERT_EQ(list.hidden, 2);
    ASSERT(!list.entries[1].hidden);
    sm_ui_logfilter exclude = filter_of("-process:noisy.exe");
    sm_ui_loglist_set_filter(&list, &exclude);
    ASSERT_EQ(list.hidden, 1);
    ASSERT(list.entries[1].hidden);
    sm_ui_loglist_free(&list);
    return 0;
}

TEST(ui_loglist_find_counts_and_steps)
{
    sm_ui_loglist list;
    sm_ui_loglist_init(&list, NULL);
    add(&list, 1, "alpha one");
    add(&list, 2, "beta");
    add(&list, 3, "ALPHA two");
    add(&list, 4, "alpha hidden");
    add(&list, 5, "Alpha three");
    sm_ui_logfilter hide = filter_of("-pid:9");
    ASSERT(sm_ui_loglist_set_origin(&list, 4, 9, NULL, NULL));
    sm_ui_loglist_set_filter(&list, &hide);
    sm_ui_loglist_find(&list, "alpha");
    ASSERT_EQ(list.find_matches, 3); /* the hidden one is no match */
    ASSERT_EQ(list.find_rank, 1);
    ASSERT_EQ(list.entries[list.find_current].id, 1);
    ASSERT(sm_ui_loglist_find_step(&list, 1));
    ASSERT_EQ(list.entries[list.find_current].id, 3);
    ASSERT(sm_ui_loglist_find_step(&list, 1));
    ASSERT_EQ(list.entries[list.find_current].id, 5); /* skips the hidden 4 */
    ASSERT_EQ(list.find_rank, 3);
    ASSERT(sm_ui_loglist_find_step(&list, 1)); /* wraps to the first */
    ASSERT_EQ(list.find_rank, 1);
    ASSERT(sm_ui_loglist_find_step(&list, -1)); /* and back to the last */
    ASSERT_EQ(list.entries[list.find_current].id, 5);
    add(&list, 6, "alpha four"); /* a new match counts; the current one stays */
    ASSERT_EQ(list.find_matches, 4);
    ASSERT_EQ(list.find_rank, 3);
    sm_ui_loglist_find(&list, "nothing");
    ASSERT_EQ(list.find_matches, 0);
    ASSERT(!sm_ui_loglist_find_step(&list, 1));
    sm_ui_loglist_find(&list, NULL);
    ASSERT_EQ(list.find_matches, 0);
    sm_ui_loglist_free(&list);
    return 0;
}

TEST(ui_loglist_take_all_keeps_order_and_count)
{
    sm_ui_loglist list, kept;
    sm_ui_loglist_init(&list, NULL);
    sm_ui_loglist_init(&kept, NULL);
    add(&list, 1, "shown");
    char text[32];
    for (unsigned long id = 2; id <= SM_UI_LOGLIST_MAX + 11; id++) { /* 1010 kept aside */
        snprintf(text, sizeof text, "kept %lu", id);
        add(&kept, id, text);
    }
    ASSERT_EQ(kept.dropped, 10);
    sm_ui_logfilter filter = filter_of("kept 5");
    sm_ui_loglist_set_filter(&list, &filter);
    sm_ui_loglist_take_all(&list, &kept);
    ASSERT_EQ(kept.count, 0);
    ASSERT_EQ(kept.dropped, 0);
    ASSERT_EQ(list.count, SM_UI_LOGLIST_MAX);
    ASSERT_EQ(list.dropped, 11); /* 10 while kept aside, then "shown" to make room */
    ASSERT_EQ(list.entries[0].id, 12);
    ASSERT_EQ(list.entries[SM_UI_LOGLIST_MAX - 1].id, SM_UI_LOGLIST_MAX + 11);
    /* The filter applies to them: "kept 50".."kept 59", "kept 500".."kept 599" ("kept 5" went). */
    ASSERT_EQ(list.count - list.hidden, 10 + 100);
    sm_ui_loglist_free(&list);
    sm_ui_loglist_free(&kept);
    return 0;
}

TEST(ui_loglist_select_all_and_menu_point)
{
    sm_ui_loglist list;
    sm_ui_loglist_init(&list, NULL);
    sm_ui_loglist_select_all(&list);
    ASSERT(!list.selected); /* nothing to select */
    for (unsigned long id = 1; id <= 3; id++)
        add(&list, id, "entry");
    sm_ui_loglist_select_all(&list);
    ASSERT(list.selected);
    ASSERT_EQ(list.sel_anchor, 0);
    ASSERT_EQ(list.sel_focus, 2);
    /* Not laid out: each entry is a header line (10) and the gap (8) high, from the top. */
    sm_ui_window ui = {0};
    ui.scale = 1.0f;
    ui.small.height = 10;
    list.inner = (SDL_Rect){100, 200, 300, 400};
    int x = 0, y = 0;
    sm_ui_loglist_menu_point(&ui, &list, &x, &y);
    ASSERT_EQ(x, 120);
    ASSERT_EQ(y, 200 + 2 * 18 + 10); /* under the focus entry's header */
    list.inner.h = 30;               /* the focus entry is below the view: the list's corner */
    sm_ui_loglist_menu_point(&ui, &list, &x, &y);
    ASSERT_EQ(y, 220);
    list.selected = false;
    list.inner.h = 400;
    sm_ui_loglist_menu_point(&ui, &list, &x, &y);
    ASSERT_EQ(x, 120);
    ASSERT_EQ(y, 220);
    sm_ui_loglist_free(&list);
    return 0;
}
#else
TEST(ui_loglist_filter_hides_never_drops)
{
    return TEST_SKIPPED; /* built without SDL2: no windows, no log list */
}
TEST(ui_loglist_origin_and_process_filter)
{
    return TEST_SKIPPED;
}
TEST(ui_loglist_find_counts_and_steps)
{
    return TEST_SKIPPED;
}
TEST(ui_loglist_take_all_keeps_order_and_count)
{
    return TEST_SKIPPED;
}
TEST(ui_loglist_select_all_and_menu_point)
{
    return TEST_SKIPPED;
}
#endif
