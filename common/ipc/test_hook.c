/* test_hook.c - the pause point used by the crash and race tests. */
#include "test_hook.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os_process.h"

void sm_test_pause_point(const char *point)
{
    /*
     * The variable is read once per process: pause points sit on the message
     * hot path (several per message) and tests set it before the start.
     * Two threads arriving first both store the same value.
     */
    static _Atomic int looked = 0;
    static const char *_Atomic cached = NULL;
    if (!atomic_load(&looked)) {
        atomic_store(&cached, getenv("SAMPLEMAP_TEST_PAUSE_AT"));
        atomic_store(&looked, 1);
    }
    const char *wanted = atomic_load(&cached);
    if (wanted == NULL || strcmp(wanted, point) != 0)
        return;
    fprintf(stderr, "samplemap: paused at %s (pid %lu)\n", point, sm_process_id());
    fflush(stderr);
    while (getchar() != EOF) {
        /* wait for the test to close our stdin (resume) or to kill us */
    }
}
