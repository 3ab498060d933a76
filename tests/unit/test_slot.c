/* test_slot.c - the wire steps on a plain 2 KB buffer, hostile contents included. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slot.h"
#include "test.h"
#include "text.h"

/* A view-sized buffer aligned like a mapped page. */
static _Alignas(64) uint16_t view[SM_SLOT_UNITS];

TEST(slot_store_load_clear)
{
    TEST_MESSAGE(message);
    memset(view, 0, sizeof view);
    const uint16_t text[] = {'h', 'i', 0x4E16};
    ASSERT(sm_slot_is_empty(view));
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &message, NULL), SM_EMPTY);
    ASSERT_EQ(sm_slot_check_empty(view, NULL), SM_OK);
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, text, 3, NULL), SM_OK);
    ASSERT(!sm_slot_is_empty(view));
    sm_error busy;
    ASSERT_EQ(sm_slot_check_empty(view, &busy), SM_BUSY);
    ASSERT_CONTAINS(busy.message, "still holds an unread message");
    /* Exactly the classic layout: the string at offset 0, NUL-terminated. */
    ASSERT_EQ(view[0], 'h');
    ASSERT_EQ(view[2], 0x4E16);
    ASSERT_EQ(view[3], 0);
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, 3);
    ASSERT(!message.unterminated);
    ASSERT_MEM_EQ(message.units, text, sizeof text);
    sm_slot_clear(view);
    ASSERT(sm_slot_is_empty(view));
    ASSERT_EQ(view[0], 0);
    /* The longest message: 1023 units, terminator in the last unit. */
    static uint16_t longest[SM_TEXT_MAX_UNITS];
    for (size_t i = 0; i < SM_TEXT_MAX_UNITS; i++)
        longest[i] = (uint16_t)('A' + i % 26);
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, longest, SM_TEXT_MAX_UNITS, NULL), SM_OK);
    ASSERT_EQ(view[SM_SLOT_UNITS - 1], 0);
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, SM_TEXT_MAX_UNITS);
    ASSERT(!message.unterminated);
    return 0;
}

TEST(slot_body_not_visible_before_publish)
{
    TEST_MESSAGE(message);
    memset(view, 0, sizeof view);
    const uint16_t text[] = {'a', 'b', 'c'};
    ASSERT_EQ(sm_slot_write_body(view, SM_SLOT_BYTES, text, 3, NULL), SM_OK);
    /* Body written, unit 0 not yet: readers (and a crash here) see an empty slot. */
    ASSERT(sm_slot_is_empty(view));
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &message, NULL), SM_EMPTY);
    ASSERT_EQ(view[1], 'b');
    sm_slot_publish(view, text[0]);
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, 3);
    return 0;
}

TEST(slot_rejects)
{
    memset(view, 0, sizeof view);
    sm_error err;
    const uint16_t text[] = {'x', 'y'};
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, text, 0, &err), SM_ERR_TEXT_INVALID);
    ASSERT_CONTAINS(err.message, "empty message");
    static uint16_t too_long[SM_SLOT_UNITS];
    for (size_t i = 0; i < SM_SLOT_UNITS; i++)
        too_long[i] = 'z';
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, too_long, SM_SLOT_UNITS, &err),
              SM_ERR_TEXT_TOO_LONG);
    ASSERT_CONTAINS(err.message, "1024 UTF-16 units");
    const uint16_t with_nul[] = {'a', 0, 'b'};
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, with_nul, 3, &err), SM_ERR_TEXT_INVALID);
    ASSERT_CONTAINS(err.message, "U+0000 at unit 1");
    ASSERT(sm_slot_is_empty(view)); /* nothing written by refused stores */
    ASSERT_EQ(view[1], 0);
    /* A full slot is never overwritten. */
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, text, 2, &err), SM_OK);
    const uint16_t other[] = {'q'};
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, other, 1, &err), SM_BUSY);
    ASSERT_EQ(view[0], 'x');
    ASSERT_EQ(view[1], 'y');
    return 0;
}

TEST(slot_hostile_views)
{
    TEST_MESSAGE(message);
    char utf8[SM_UTF8_BYTES_FOR_UNITS(SM_SLOT_UNITS)];
    bool ill = false;
    /* All 0xFF bytes: U+FFFF everywhere and no terminator. */
    memset(view, 0xFF, sizeof view);
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, SM_SLOT_UNITS);
    ASSERT(message.unterminated);
    ASSERT_EQ(sm_utf16_to_utf8(message.units, message.count, utf8, sizeof utf8, &ill),
              3 * SM_SLOT_UNITS);
    ASSERT(!ill);
    /* Lone surrogates everywhere: decoded as U+FFFD and marked, nothing dropped. */
    for (size_t i = 0; i < SM_SLOT_UNITS; i++)
        view[i] = 0xD800;
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &message, NULL), SM_OK);
    ASSERT(message.unterminated);
    ASSERT_EQ(sm_utf16_to_utf8(message.units, message.count, utf8, sizeof utf8, &ill),
              3 * SM_SLOT_UNITS);
    ASSERT(ill);
    /* A terminator in the last unit bounds the text exactly. */
    view[SM_SLOT_UNITS - 1] = 0;
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, SM_SLOT_UNITS - 1);
    ASSERT(!message.unterminated);
    return 0;
}

/*
 * The terminator search works in blocks of 64 and 16 units (slot.c): a 0 at
 * every position of views of many sizes (block edges, tails shorter than a
 * block) is found exactly, by sm_slot_load and by sm_slot_check_text, and
 * nothing past the view is ever read as part of the message.
 */
TEST(slot_terminator_search_every_position)
{
    static _Alignas(64) uint16_t buffer[SM_SLOT_UNITS_MAX + 64];
    static uint16_t text[SM_SLOT_UNITS_MAX];
    /* A buffer for the largest view, allocated: each load below copies into it. */
    sm_message loaded =
        SM_MESSAGE_INIT(malloc(SM_SLOT_UNITS_MAX * sizeof(uint16_t)), SM_SLOT_UNITS_MAX);
    ASSERT_NOT_NULL(loaded.units);
    const size_t sizes[] = {4,
                            6,
                            18,
                            32,
                            34,
                            66,
                            128,
                            130,
                            146,
                            256,
                            258,
                            1000,
                            SM_SLOT_BYTES,
                            SM_SLOT_BYTES + 2,
                            SM_SLOT_BYTES_MAX};
    sm_error err;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t units = sizes[s] / 2;
        for (size_t i = 0; i < units; i++)
            text[i] = (uint16_t)(0x0100 + i % 0xF000); /* never 0 */
        /* No 0 in the view: all its units, whatever follows it (a 0 or not). */
        for (size_t i = 0; i < units + 64; i++)
            buffer[i] = i < units ? text[i] : 'x';
        ASSERT_EQ(sm_slot_load(buffer, sizes[s], &loaded, NULL), SM_OK);
        ASSERT_EQ(loaded.count, units);
        ASSERT(loaded.unterminated);
        for (size_t i = units; i < units + 64; i++)
            buffer[i] = 0;
        ASSERT_EQ(sm_slot_load(buffer, sizes[s], &loaded, NULL), SM_OK);
        ASSERT_EQ(loaded.count, units);
        ASSERT(loaded.unterminated);
        ASSERT_EQ(sm_slot_check_text(sizes[s], text, units - 1, &err), SM_OK);
        size_t step = units > 2048 ? 61 : 1; /* the largest view: a spread of positions */
        for (size_t nul = 1; nul < units; nul += step) {
            buffer[nul] = 0;
            ASSERT_EQ(sm_slot_load(buffer, sizes[s], &loaded, NULL), SM_OK);
            ASSERT_EQ(loaded.count, nul);
            ASSERT(!loaded.unterminated);
            ASSERT_MEM_EQ(loaded.units, text, nul * sizeof text[0]);
            buffer[nul] = text[nul];
            if (nul < units - 1) {
                text[nul] = 0;
                ASSERT_EQ(sm_slot_check_text(sizes[s], text, units - 1, &err), SM_ERR_TEXT_INVALID);
                char expected[80];
                snprintf(expected, sizeof expected, "U+0000 at unit %zu ", nul);
                ASSERT_CONTAINS(err.message, expected);
                text[nul] = buffer[nul];
            }
        }
    }
    /* The checks before the search: size, empty, too long. */
    ASSERT_EQ(sm_slot_check_text(257, text, 1, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_EQ(sm_slot_check_text(SM_SLOT_BYTES, text, 0, &err), SM_ERR_TEXT_INVALID);
    ASSERT_EQ(sm_slot_check_text(SM_SLOT_BYTES, text, SM_SLOT_UNITS, &err), SM_ERR_TEXT_TOO_LONG);
    free(loaded.units);
    return 0;
}

TEST(slot_holds)
{
    memset(view, 0, sizeof view);
    const uint16_t text[] = {'a', 'b'};
    const uint16_t prefix[] = {'a'};
    const uint16_t other[] = {'a', 'c'};
    ASSERT(!sm_slot_holds(view, SM_SLOT_BYTES, text, 2));
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, text, 2, NULL), SM_OK);
    ASSERT(sm_slot_holds(view, SM_SLOT_BYTES, text, 2));
    ASSERT(!sm_slot_holds(view, SM_SLOT_BYTES, prefix, 1)); /* the terminator must match too */
    ASSERT(!sm_slot_holds(view, SM_SLOT_BYTES, other, 2));
    ASSERT(!sm_slot_holds(view, SM_SLOT_BYTES, text, 0));
    return 0;
}

TEST(slot_classic_store_take)
{
    TEST_MESSAGE(message);
    memset(view, 0, sizeof view);
    const uint16_t first[] = {'o', 'l', 'd', '!'}, second[] = {'n', 'e'};
    sm_error err;
    ASSERT_EQ(sm_slot_classic_store(view, SM_SLOT_BYTES, first, 4, &err), SM_OK);
    /* The classic writer overwrites an unread message: "old!" is lost, no error. */
    ASSERT_EQ(sm_slot_classic_store(view, SM_SLOT_BYTES, second, 2, &err), SM_OK);
    ASSERT_EQ(view[2], 0);
    ASSERT_EQ(sm_slot_classic_take(view, SM_SLOT_BYTES, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, 2);
    ASSERT_EQ(message.units[1], 'e');
    ASSERT(sm_slot_is_empty(view));
    ASSERT_EQ(sm_slot_classic_take(view, SM_SLOT_BYTES, &message, NULL), SM_EMPTY);
    ASSERT_EQ(sm_slot_classic_store(view, SM_SLOT_BYTES, second, 0, &err), SM_ERR_TEXT_INVALID);
    /* Bounded like the safe read: no terminator in the view, 1024 units, marked. */
    memset(view, 0x41, sizeof view);
    ASSERT_EQ(sm_slot_classic_take(view, SM_SLOT_BYTES, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, SM_SLOT_UNITS);
    ASSERT(message.unterminated);
    return 0;
}

/*
 * A caller's buffer shorter than the message: SM_ERR_BUFFER_TOO_SMALL with
 * the units needed in count, nothing written past the buffer, the view
 * unchanged (the classic take does not clear it); a message exactly as long
 * as the buffer fits, and a view with no terminator needs all its units.
 */
TEST(slot_load_into_small_buffer)
{
    memset(view, 0, sizeof view);
    const uint16_t text[] = {'f', 'i', 'v', 'e', '!'};
    ASSERT_EQ(sm_slot_store(view, SM_SLOT_BYTES, text, 5, NULL), SM_OK);
    uint16_t units[8];
    for (size_t i = 0; i < 8; i++)
        units[i] = 0xBEEF;
    sm_error err;
    for (size_t capacity = 0; capacity < 5; capacity++) {
        sm_message small = SM_MESSAGE_INIT(units, capacity);
        ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &small, &err), SM_ERR_BUFFER_TOO_SMALL);
        ASSERT_EQ(small.count, 5);
        ASSERT(!small.unterminated);
        ASSERT_CONTAINS(err.message, "5 UTF-16 units");
        ASSERT_EQ(units[capacity], 0xBEEF); /* nothing past the buffer */
        ASSERT_EQ(sm_slot_classic_take(view, SM_SLOT_BYTES, &small, &err), SM_ERR_BUFFER_TOO_SMALL);
        ASSERT_EQ(small.count, 5);
        ASSERT_EQ(units[capacity], 0xBEEF);
        ASSERT(sm_slot_holds(view, SM_SLOT_BYTES, text, 5)); /* not cleared, not cut */
    }
    sm_message exact = SM_MESSAGE_INIT(units, 5);
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &exact, &err), SM_OK);
    ASSERT_EQ(exact.count, 5);
    ASSERT_MEM_EQ(units, text, sizeof text);
    ASSERT_EQ(units[5], 0xBEEF);
    ASSERT_EQ(sm_slot_classic_take(view, SM_SLOT_BYTES, &exact, &err), SM_OK);
    ASSERT_EQ(exact.count, 5);
    ASSERT(sm_slot_is_empty(view));
    /* No terminator: the longest message's buffer is one unit short of the whole view. */
    memset(view, 0x41, sizeof view);
    uint16_t *big = malloc(SM_SLOT_UNITS * sizeof *big);
    ASSERT_NOT_NULL(big);
    sm_message longest = SM_MESSAGE_INIT(big, SM_SLOT_TEXT_UNITS(SM_SLOT_BYTES));
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &longest, &err), SM_ERR_BUFFER_TOO_SMALL);
    ASSERT_EQ(longest.count, SM_SLOT_UNITS);
    ASSERT(longest.unterminated);
    ASSERT_CONTAINS(err.message, "with no terminator");
    longest.capacity = SM_SLOT_VIEW_UNITS(SM_SLOT_BYTES);
    ASSERT_EQ(sm_slot_load(view, SM_SLOT_BYTES, &longest, &err), SM_OK);
    ASSERT_EQ(longest.count, SM_SLOT_UNITS);
    ASSERT(longest.unterminated);
    free(big);
    return 0;
}

TEST(slot_sized_views)
{
    sm_error err;
    ASSERT_EQ(sm_slot_check_size(4, &err), SM_OK);
    ASSERT_EQ(sm_slot_check_size(256, &err), SM_OK);
    ASSERT_EQ(sm_slot_check_size(SM_SLOT_BYTES_MAX, &err), SM_OK);
    ASSERT_EQ(sm_slot_check_size(2, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_CONTAINS(err.message, "must be even and from 4 to 65536 bytes");
    ASSERT_EQ(sm_slot_check_size(1023, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_EQ(sm_slot_check_size(SM_SLOT_BYTES_MAX + 2, &err), SM_ERR_INVALID_ARGUMENT);

    /* A 256-byte view inside a larger buffer whose bytes past the view are never zero. */
    static _Alignas(64) uint16_t buffer[512];
    static uint16_t text[200];
    uint16_t units[128]; /* the 256-byte view's units */
    sm_message message = SM_MESSAGE_INIT(units, 128);
    for (size_t i = 0; i < 512; i++)
        buffer[i] = 0x4141;
    for (size_t i = 0; i < 200; i++)
        text[i] = (uint16_t)(0x0430 + i % 32);
    ASSERT_EQ(sm_slot_load(buffer, 256, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, 128); /* stops at the end of the view, not of the buffer */
    ASSERT(message.unterminated);
    buffer[0] = 0;
    ASSERT_EQ(sm_slot_store(buffer, 256, text, 128, &err), SM_ERR_TEXT_TOO_LONG);
    ASSERT_STR_EQ(err.message, "text is 128 UTF-16 units long; the limit is 127: shorten it");
    ASSERT_EQ(sm_slot_store(buffer, 256, text, 127, &err), SM_OK);
    ASSERT_EQ(buffer[127], 0);      /* the terminator is the view's last unit */
    ASSERT_EQ(buffer[128], 0x4141); /* nothing written past the view */
    ASSERT(sm_slot_holds(buffer, 256, text, 127));
    ASSERT(!sm_slot_holds(buffer, 256, text, 128));
    ASSERT_EQ(sm_slot_load(buffer, 256, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, 127);
    ASSERT(!message.unterminated);
    ASSERT_EQ(sm_slot_store(buffer, 257, text, 1, &err), SM_ERR_INVALID_ARGUMENT);

    /* The smallest view: one unit and the terminator. */
    sm_slot_clear(buffer);
    ASSERT_EQ(sm_slot_classic_store(buffer, 4, text, 2, &err), SM_ERR_TEXT_TOO_LONG);
    ASSERT_EQ(sm_slot_classic_store(buffer, 4, text, 1, &err), SM_OK);
    ASSERT_EQ(buffer[1], 0);
    ASSERT_EQ(sm_slot_classic_take(buffer, 4, &message, NULL), SM_OK);
    ASSERT_EQ(message.count, 1);
    ASSERT_EQ(buffer[0], 0);
    return 0;
}
