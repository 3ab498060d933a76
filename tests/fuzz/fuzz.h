/*
 * fuzz.h - what the fuzz targets share: the libFuzzer entry point and FUZZ_CHECK.
 *
 * A fuzz target must turn a broken invariant into a crash, because a crash is
 * the only thing libFuzzer (and the replay driver) reports: FUZZ_CHECK prints
 * the failed condition with its line and abort()s. It is not assert(), so it
 * stays on in release (-DNDEBUG) builds, where the fuzzing is fastest.
 */
#ifndef SAMPLEMAP_FUZZ_H
#define SAMPLEMAP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #condition);    \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Defined once per target; called by libFuzzer's main or by replay_main.c. Returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
