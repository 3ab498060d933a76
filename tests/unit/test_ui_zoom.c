/*
 * test_ui_zoom.c - the text zoom's steps (ui_zoom.h): up and down through the
 * same steps back to 100 %, stopping at 50 % and 300 %, Ctrl+0 to 100 %, a
 * value between steps snapped, and the zoom a too-small window draws.
 */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include "ui_zoom.h"

TEST(ui_zoom_steps)
{
    static const int up[] = {110, 125, 150, 175, 200, 250, 300, 300};
    int zoom = SM_UI_ZOOM_DEFAULT;
    for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
        zoom = sm_ui_zoom_step(zoom, 1);
        ASSERT_EQ(zoom, up[i]);
    }
    static const int down[] = {250, 200, 175, 150, 125, 110, 100, 90, 80, 75, 67, 50, 50};
    for (size_t i = 0; i < sizeof down / sizeof down[0]; i++) {
        zoom = sm_ui_zoom_step(zoom, -1);
        ASSERT_EQ(zoom, down[i]);
    }
    ASSERT_EQ(sm_ui_zoom_step(250, 0), SM_UI_ZOOM_DEFAULT);
    ASSERT_EQ(sm_ui_zoom_step(50, 0), SM_UI_ZOOM_DEFAULT);
    /* Between steps (a hand-edited file): the nearest step in the direction asked. */
    ASSERT_EQ(sm_ui_zoom_step(130, 1), 150);
    ASSERT_EQ(sm_ui_zoom_step(130, -1), 125);
    ASSERT_EQ(sm_ui_zoom_snap(130), 125);
    ASSERT_EQ(sm_ui_zoom_snap(10), SM_UI_ZOOM_MIN);
    ASSERT_EQ(sm_ui_zoom_snap(1000), SM_UI_ZOOM_MAX);
    ASSERT_EQ(sm_ui_zoom_snap(100), SM_UI_ZOOM_DEFAULT);
    return 0;
}

TEST(ui_zoom_fits_the_window)
{
    /* Room enough: the zoom asked. */
    ASSERT_EQ(sm_ui_zoom_fit(300, 310), 300);
    ASSERT_EQ(sm_ui_zoom_fit(150, 150), 150);
    /* Too small for 300 %: the largest step that fits, never below 100 %. */
    ASSERT_EQ(sm_ui_zoom_fit(300, 189), 175);
    ASSERT_EQ(sm_ui_zoom_fit(300, 100), 100);
    ASSERT_EQ(sm_ui_zoom_fit(300, 40), 100);
    /* At or below 100 % the window's own minimum holds the layout: the zoom asked. */
    ASSERT_EQ(sm_ui_zoom_fit(100, 40), 100);
    ASSERT_EQ(sm_ui_zoom_fit(50, 40), 50);
    return 0;
}
#else
TEST(ui_zoom_steps)
{
    return TEST_SKIPPED; /* built without SDL2: no windows to zoom */
}

TEST(ui_zoom_fits_the_window)
{
    return TEST_SKIPPED;
}
#endif
