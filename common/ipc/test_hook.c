/* test_hook.c - the pause point used by the crash and race tests. */
#include "test_hook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapping.h"

void sm_test_pause_point(const char *point)
{
    const char *wanted = getenv("SAMPLEMAP_TEST_PAUSE_AT");
    if (wanted == NULL || strcmp(wanted, point) != 0)
        return;
    fprintf(stderr, "samplemap: paused at %s (pid %lu)\n", point, sm_process_id());
    fflush(stderr);
    while (getchar() != EOF) {
        /* wait for the test to close our stdin (resume) or to kill us */
    }
}
