/*
 * slot_threads.c - the slot's hand-over between two threads, over the real slot.c.
 *
 * One writer thread stores numbered messages of varying length; one reader
 * thread loads, checks and clears each. Neither takes a lock: the only thing
 * that orders them is unit 0 (the writer's release publish and acquire check
 * of "empty", the reader's acquire load and release clear) - the same words a
 * classic peer or the receiver's first look relies on.
 *
 * Built normally it checks that every message arrives whole and in order. On
 * x86-64 that holds even with a relaxed publish or clear (x86-TSO keeps stores
 * in order), so the real check is the ThreadSanitizer build (preset tsan):
 * TSan follows the C11 memory model, not the CPU, and reports a data race on
 * the body the moment unit 0 stops carrying the hand-over (exercise 4 of the
 * README, tests/exercises/04-relaxed-publish.patch; a relaxed sm_slot_clear).
 *
 * usage: slot_threads [MESSAGES]   (default 20000); exit 0 when all arrived whole
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slot.h"
#include "text.h"

static _Alignas(64) uint16_t view[SM_SLOT_UNITS];
static unsigned long messages = 20000;

/* Message i: its length and every unit follow from i, so the reader can check it alone. */
static size_t make_message(unsigned long i, uint16_t *units)
{
    size_t count = 1 + (size_t)(i * 7919u % 300u); /* 1..300 units, some past a load chunk */
    for (size_t k = 0; k < count; k++)
        units[k] = (uint16_t)('A' + (i + k) % 26);
    return count;
}

static void *writer(void *arg)
{
    (void)arg;
    static uint16_t units[SM_TEXT_MAX_UNITS];
    for (unsigned long i = 0; i < messages; i++) {
        size_t count = make_message(i, units);
        while (!sm_slot_is_empty(view))
            sched_yield(); /* two cores are shared: give the reader the CPU */
        sm_error err;
        if (sm_slot_store(view, SM_SLOT_BYTES, units, count, &err) != SM_OK) {
            fprintf(stderr, "FAIL slot_threads: store of message %lu: %s\n", i, err.message);
            exit(1);
        }
    }
    return NULL;
}

static void *reader(void *arg)
{
    (void)arg;
    static uint16_t got_units[SM_SLOT_UNITS];
    sm_message got = SM_MESSAGE_INIT(got_units, SM_SLOT_UNITS);
    static uint16_t want[SM_TEXT_MAX_UNITS];
    for (unsigned long i = 0; i < messages; i++) {
        while (sm_slot_load(view, SM_SLOT_BYTES, &got, NULL) != SM_OK)
            sched_yield();
        size_t count = make_message(i, want);
        if (got.count != count || memcmp(got.units, want, count * sizeof want[0]) != 0) {
            fprintf(stderr,
                    "FAIL slot_threads: message %lu arrived as %zu units, not the %zu written "
                    "(a torn or stale body)\n",
                    i, got.count, count);
            exit(1);
        }
        sm_slot_clear(view);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        char *end;
        messages = strtoul(argv[1], &end, 10);
        if (*end != '\0' || messages == 0) {
            fprintf(stderr, "slot_threads: MESSAGES must be a positive number, not '%s'\n",
                    argv[1]);
            return 2;
        }
    }
    pthread_t w, r;
    if (pthread_create(&r, NULL, reader, NULL) != 0 ||
        pthread_create(&w, NULL, writer, NULL) != 0) {
        fprintf(stderr, "slot_threads: pthread_create failed\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("ok slot_threads: %lu messages handed over whole, in order\n", messages);
    return 0;
}
