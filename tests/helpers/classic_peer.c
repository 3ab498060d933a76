/*
 * classic_peer.c - a test helper that speaks the classic samples' protocol:
 * a plain UTF-16 string at offset 0 of a 2048-byte view, with no lock and no
 * ordering, the way the AutoIt _WinAPI_CreateFileMapping pair and the C#
 * CSFileMappingServer/Client do it. It proves our apps interoperate with them.
 *
 *   classic_peer write NAME TEXT [TIMEOUT_S]
 *       stores TEXT at offset 0, units in order 0..n then the terminator (as
 *       DllStructSetData or Marshal.Copy would), prints "ready" on stderr and
 *       keeps the mapping open until a reader clears unit 0 (on Windows the
 *       object would die with our handle otherwise), then exits 0.
 *   classic_peer write-stalled NAME TEXT [TIMEOUT_S]
 *       the same store, stalled after unit 0 - as a classic writer descheduled
 *       right there - until a reader has cleared the slot, then the rest: the
 *       reader copies unit 0 and whatever tail the view held, a torn message on
 *       demand (process.race_table's "stalled" row).
 *   classic_peer read NAME [TIMEOUT_S]
 *       opens (or creates) NAME, prints "ready" on stderr, polls the view every
 *       few ms without a lock, and when unit 0 is non-zero prints the text as
 *       one UTF-8 line on stdout, clears unit 0 and exits 0.
 * Exit 3 when nothing happens within TIMEOUT_S (default 60), 1 on errors,
 * 2 on usage. It opens the object only through mapping.h: no OS calls here.
 *
 * Other layouts, before the command:
 *   --mapping-bytes M   create the object with M bytes (default: the view size)
 *   --view-bytes V      use only the first V bytes as the string (default 2048)
 * e.g. the C# CSFileMappingServer's 64 KB mapping with a 1 KB view
 * (--mapping-bytes 65536 --view-bytes 1024), or Microsoft's "Creating Named
 * Shared Memory" sample's 256-byte mapping (--view-bytes 256).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapping.h"
#include "os_process.h"
#include "platform.h"
#include "slot.h"
#include "text.h"

#define POLL_MS 2

static size_t view_bytes = SM_SLOT_BYTES; /* --view-bytes: the string's room */

static int usage(void)
{
    fprintf(stderr, "usage: classic_peer [--mapping-bytes M] [--view-bytes V] write NAME TEXT "
                    "[TIMEOUT_S] | ... write-stalled NAME TEXT [TIMEOUT_S] | ... read NAME "
                    "[TIMEOUT_S]\n");
    return 2;
}

static unsigned long long deadline_from(const char *arg)
{
    double seconds = arg != NULL ? strtod(arg, NULL) : 60.0;
    if (seconds <= 0)
        seconds = 60.0;
    return sm_monotonic_ms() + (unsigned long long)(seconds * 1000.0);
}

/*
 * Plain volatile stores and loads, deliberately: the classic samples have no
 * lock and no ordering. volatile only stops the compiler from caching the
 * polled unit or dropping stores that another process is meant to see.
 */
/* Waits until a reader cleared unit 0: 0, or 3 on timeout. */
static int wait_cleared(volatile uint16_t *view, sm_mapping *m, unsigned long long deadline)
{
    while (view[0] != 0) {
        if (sm_monotonic_ms() >= deadline) {
            fprintf(stderr, "classic_peer: timed out: nobody cleared the slot of '%s'\n",
                    sm_mapping_name(m));
            return 3;
        }
        sm_sleep_ms(POLL_MS);
    }
    return 0;
}

/* The one message's units and its UTF-8, sized to the view by main (no 64 KB statics). */
static uint16_t *units;
static char *utf8;
static size_t utf8_size;

static int classic_write(sm_mapping *m, const char *text, bool stall, unsigned long long deadline)
{
    size_t count = 0;
    sm_error err;
    if (sm_utf8_to_utf16(text, strlen(text), units, SM_SLOT_TEXT_UNITS(view_bytes), &count, &err) !=
        SM_OK) {
        fprintf(stderr, "classic_peer: %s\n", err.message);
        return 1;
    }
    volatile uint16_t *view = sm_mapping_view(m);
    view[0] = units[0];
    if (stall) {
        fprintf(stderr, "classic_peer: stalled after unit 0 of '%s'\n", sm_mapping_name(m));
        fflush(stderr);
        if (wait_cleared(view, m, deadline) != 0)
            return 3;
    }
    for (size_t i = 1; i < count; i++)
        view[i] = units[i];
    view[count] = 0;
    fprintf(stderr, "classic_peer: ready: wrote %zu units to '%s'\n", count, sm_mapping_name(m));
    fflush(stderr);
    return stall ? 0 : wait_cleared(view, m, deadline);
}

static int classic_read(sm_mapping *m, unsigned long long deadline)
{
    volatile uint16_t *view = sm_mapping_view(m);
    fprintf(stderr, "classic_peer: ready: polling '%s'\n", sm_mapping_name(m));
    fflush(stderr);
    while (view[0] == 0) {
        if (sm_monotonic_ms() >= deadline) {
            fprintf(stderr, "classic_peer: timed out: no text arrived in '%s'\n",
                    sm_mapping_name(m));
            return 3;
        }
        sm_sleep_ms(POLL_MS);
    }
    /* Like DllStructGetData on wchar[1024]: up to the first NUL, never past the view. */
    size_t count = 0;
    while (count < view_bytes / 2 && (units[count] = view[count]) != 0)
        count++;
    view[0] = 0; /* DllStructSetData($tData, 1, ''): the slot is free again */
    size_t length = sm_utf16_to_utf8(units, count, utf8, utf8_size, NULL);
    fwrite(utf8, 1, length, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    sm_platform_init(&argc, &argv); /* TEXT may be any script: UTF-8 argv on Windows too */
    size_t mapping_bytes = 0;
    while (argc >= 3 && strncmp(argv[1], "--", 2) == 0) {
        char *end = NULL;
        unsigned long value = strtoul(argv[2], &end, 10);
        if (*end != '\0' || value < SM_SLOT_BYTES_MIN || value > 1048576 || value % 2 != 0)
            return usage();
        if (strcmp(argv[1], "--mapping-bytes") == 0)
            mapping_bytes = value;
        else if (strcmp(argv[1], "--view-bytes") == 0 && value <= SM_SLOT_BYTES_MAX)
            view_bytes = value;
        else
            return usage();
        argv += 2;
        argc -= 2;
    }
    if (mapping_bytes == 0)
        mapping_bytes = view_bytes;
    if (mapping_bytes < view_bytes)
        return usage();
    bool stall = argc >= 2 && strcmp(argv[1], "write-stalled") == 0;
    bool writing = argc >= 4 && argc <= 5 && (strcmp(argv[1], "write") == 0 || stall);
    bool reading = argc >= 3 && argc <= 4 && strcmp(argv[1], "read") == 0;
    if (!writing && !reading)
        return usage();
    unsigned long long deadline =
        deadline_from(writing ? (argc == 5 ? argv[4] : NULL) : (argc == 4 ? argv[3] : NULL));
    sm_mapping *m = NULL;
    sm_error err;
    /*
     * Create-or-open, as the AutoIt sender and the C# server do; the classic
     * readers use OpenFileMapping and need the writer first, but opening
     * either way lets the tests choose the start order.
     */
    if (sm_mapping_open(argv[2], mapping_bytes, &m, &err) != SM_OK) {
        fprintf(stderr, "classic_peer: %s\n", err.message);
        return 1;
    }
    utf8_size = SM_UTF8_BYTES_FOR_UNITS(view_bytes / 2);
    units = malloc(view_bytes);
    utf8 = malloc(utf8_size);
    int code = 1;
    if (units == NULL || utf8 == NULL)
        fprintf(stderr, "classic_peer: out of memory for a %zu-byte view\n", view_bytes);
    else
        code = writing ? classic_write(m, argv[3], stall, deadline) : classic_read(m, deadline);
    free(units);
    free(utf8);
    sm_mapping_close(m);
    return code;
}
