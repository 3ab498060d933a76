/*
 * replay_main.c - runs a fuzz target's inputs without libFuzzer.
 *
 * libFuzzer needs clang; this main() lets gcc (and MinGW) builds run every
 * target on its committed seed corpus as an ordinary unit test, and lets
 * anyone replay a crash file found elsewhere:
 *   fuzz_replay_<target> FILE...
 * Each file is run whole and then cut at every length, so the seeds also
 * exercise their truncations (cut UTF-8 sequences, names, views) for free.
 * A broken invariant abort()s inside the target, which fails the test.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

/* Seeds are small; a larger file is not a seed and is refused rather than half-read. */
#define REPLAY_MAX_BYTES (1024 * 1024)

static int replay_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "fuzz_replay: cannot open %s\n", path);
        return 1;
    }
    unsigned char *data = malloc(REPLAY_MAX_BYTES);
    if (data == NULL) {
        fclose(file);
        fprintf(stderr, "fuzz_replay: out of memory\n");
        return 1;
    }
    size_t size = fread(data, 1, REPLAY_MAX_BYTES, file);
    int too_big = !feof(file) && fgetc(file) != EOF;
    int failed = ferror(file);
    fclose(file);
    if (too_big || failed) {
        free(data);
        fprintf(stderr, "fuzz_replay: %s: %s\n", path,
                too_big ? "larger than 1 MiB, not a seed" : "read error");
        return 1;
    }
    /* Each prefix in its own exact-size copy, so ASan builds catch a read past the end. */
    for (size_t cut = size + 1; cut-- > 0;) {
        unsigned char *copy = malloc(cut > 0 ? cut : 1);
        if (copy == NULL) {
            free(data);
            fprintf(stderr, "fuzz_replay: out of memory\n");
            return 1;
        }
        for (size_t i = 0; i < cut; i++)
            copy[i] = data[i];
        LLVMFuzzerTestOneInput(copy, cut);
        free(copy);
    }
    free(data);
    printf("fuzz_replay: %s: %zu bytes, %zu runs ok\n", path, size, size + 1);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE...\n", argv[0]);
        return 2;
    }
    int failures = 0;
    for (int i = 1; i < argc; i++)
        failures += replay_file(argv[i]);
    return failures == 0 ? 0 : 1;
}
