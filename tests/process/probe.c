/*
 * probe.c - a test helper that looks at and prepares named objects through
 * the library's own seam (never the OS calls), for the cross-process tests.
 *
 *   probe state NAME           prints "empty" or "full" (the data slot; no object
 *                              at all counts as empty), exit 0
 *   probe hold NAME SIZE UNIT  creates NAME with SIZE bytes filled with the
 *                              16-bit UNIT (hex, e.g. ffff or d800), prints
 *                              "ready", and keeps it open until stdin closes
 *                              (on Windows the object dies with its last handle)
 *   probe plant NAME SIZE OFFSET VALUE
 *                              like hold, but zero-filled with the 32-bit VALUE
 *                              (hex) stored at byte OFFSET: plants a field,
 *                              e.g. a control object's layout version
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "mapping.h"

static int usage(void)
{
    fprintf(stderr, "usage: probe state NAME | probe hold NAME SIZE UNIT_HEX | "
                    "probe plant NAME SIZE OFFSET VALUE_HEX\n");
    return 2;
}

int main(int argc, char **argv)
{
    sm_error err;
    if (argc == 3 && strcmp(argv[1], "state") == 0) {
        sm_mapping *m = NULL;
        sm_status status = sm_mapping_open_existing(argv[2], SM_SLOT_BYTES, &m, &err);
        /*
         * No object is an empty slot: the next open creates it zero-filled. It
         * happens before a just-spawned sender has created it, and on Windows
         * after the only process using it died (the object died with it).
         */
        if (status == SM_ERR_NOT_FOUND) {
            printf("empty\n");
            return 0;
        }
        if (status != SM_OK) {
            fprintf(stderr, "probe: %s\n", err.message);
            return 1;
        }
        printf("%s\n", sm_slot_is_empty(sm_mapping_view(m)) ? "empty" : "full");
        sm_mapping_close(m);
        return 0;
    }
    bool plant = argc == 6 && strcmp(argv[1], "plant") == 0;
    if ((argc == 5 && strcmp(argv[1], "hold") == 0) || plant) {
        size_t size = strtoul(argv[3], NULL, 10);
        unsigned unit = plant ? 0 : (unsigned)strtoul(argv[4], NULL, 16);
        size_t offset = plant ? strtoul(argv[4], NULL, 10) : 0;
        uint32_t value = plant ? (uint32_t)strtoul(argv[5], NULL, 16) : 0;
        sm_mapping *m = NULL;
        if (sm_mapping_open(argv[2], size, &m, &err) != SM_OK) {
            fprintf(stderr, "probe: %s\n", err.message);
            return 1;
        }
        unsigned char *bytes = sm_mapping_view(m);
        for (size_t i = 0; i + 1 < size; i += 2) {
            bytes[i] = (unsigned char)(unit & 0xFF); /* little-endian, as on the wire */
            bytes[i + 1] = (unsigned char)(unit >> 8);
        }
        if (plant && offset + sizeof value <= size)
            memcpy(bytes + offset, &value, sizeof value); /* native order, as the field is read */
        printf("ready\n");
        fflush(stdout);
        while (getchar() != EOF) {
        }
        sm_mapping_close(m);
        return 0;
    }
    return usage();
}
