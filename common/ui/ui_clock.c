/* ui_clock.c - the time shown in the windows, frozen for reference images (see ui_clock.h). */
#include "ui_clock.h"

#include <errno.h>
#include <stdlib.h>

time_t sm_ui_clock_shown(time_t actual)
{
#ifndef SAMPLEMAP_TEST_HOOKS /* a release build: no test hook, the actual time */
    return actual;
#else
    const char *fixed = getenv("SAMPLEMAP_TEST_FIXED_TIME");
    if (fixed == NULL || *fixed == '\0')
        return actual;
    char *end = NULL;
    errno = 0;
    long long seconds = strtoll(fixed, &end, 10);
    return errno == 0 && *end == '\0' && seconds >= 0 ? (time_t)seconds : actual;
#endif
}
