/* ui_zoom.c - the zoom steps (see ui_zoom.h). */
#include "ui_zoom.h"

#include <stddef.h>

/* Browsers' steps: finer around 100 %, where people adjust, coarser above. */
static const int steps[] = {50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300};
#define STEP_COUNT (sizeof steps / sizeof steps[0])

int sm_ui_zoom_snap(int percent)
{
    int snapped = steps[0];
    for (size_t i = 0; i < STEP_COUNT; i++)
        if (steps[i] <= percent)
            snapped = steps[i];
    return snapped;
}

int sm_ui_zoom_step(int percent, int direction)
{
    if (direction == 0)
        return SM_UI_ZOOM_DEFAULT;
    if (direction > 0) {
        for (size_t i = 0; i < STEP_COUNT; i++)
            if (steps[i] > percent)
                return steps[i];
        return SM_UI_ZOOM_MAX;
    }
    for (size_t i = STEP_COUNT; i-- > 0;)
        if (steps[i] < percent)
            return steps[i];
    return SM_UI_ZOOM_MIN;
}

int sm_ui_zoom_fit(int asked, int fit_percent)
{
    int zoom = sm_ui_zoom_snap(asked);
    if (zoom <= SM_UI_ZOOM_DEFAULT || fit_percent >= zoom)
        return zoom;
    if (fit_percent <= SM_UI_ZOOM_DEFAULT)
        return SM_UI_ZOOM_DEFAULT;
    return sm_ui_zoom_snap(fit_percent);
}
