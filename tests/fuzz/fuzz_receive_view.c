/*
 * fuzz_receive_view.c - libFuzzer target: the receive path fed an arbitrary 2048-byte view.
 *
 * The view is shared memory, so any process that can open it can leave any
 * bytes in it (design brief R1: hostile input). This target plays that peer:
 * the input becomes the view (cut at 2048 bytes or padded with zeros) and the
 * receiver's steps run on it exactly as receiver/ runs them - is_empty, load,
 * decode to UTF-8, clear - with every promise of slot.h and text.h checked.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "slot.h"
#include "text.h"
#include "utf8_reference.h"

/* The unit at index i of a view, read bytewise so the check does not lean on slot.c. */
static uint16_t view_unit(const unsigned char *view, size_t i)
{
    return (uint16_t)(view[2 * i] | (view[2 * i + 1] << 8)); /* the wire is UTF-16LE */
}

/* True if units[i] is half of a surrogate pair that has no other half next to it. */
static bool is_lone_surrogate(const uint16_t *units, size_t count, size_t i)
{
    uint16_t u = units[i];
    if (u >= 0xD800 && u <= 0xDBFF)
        return !(i + 1 < count && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF);
    if (u >= 0xDC00 && u <= 0xDFFF)
        return !(i > 0 && units[i - 1] >= 0xD800 && units[i - 1] <= 0xDBFF);
    return false;
}

/* Decodes msg with an out buffer of out_size bytes and checks what text.h promises. */
static void check_cut_decode(const sm_message *msg, const char *full, size_t full_length,
                             size_t out_size)
{
    static char out[SM_UTF8_BYTES_FOR_UNITS(SM_SLOT_UNITS)];
    size_t n = sm_utf16_to_utf8(msg->units, msg->count, out, out_size, NULL);
    FUZZ_CHECK(n < out_size && out[n] == '\0');
    /* A cut output is a prefix of the whole one, cut at a code point boundary... */
    FUZZ_CHECK(n <= full_length && memcmp(out, full, n) == 0);
    size_t units = 0, bad = 0;
    FUZZ_CHECK(utf8_reference_valid((const uint8_t *)out, n, &units, &bad));
    /* ...and no shorter than needed: it stops only where the next code point does not fit. */
    if (n < full_length) {
        unsigned char lead = (unsigned char)full[n];
        size_t next = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        FUZZ_CHECK(n + next > out_size - 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Aligned like a mapping: slot.c reads unit 0 as an _Atomic uint16_t. */
    static _Alignas(64) unsigned char view[SM_SLOT_BYTES];
    static unsigned char before[SM_SLOT_BYTES];
    static uint16_t msg_units[SM_SLOT_UNITS];
    sm_message msg = SM_MESSAGE_INIT(msg_units, SM_SLOT_UNITS);
    static char utf8[SM_UTF8_BYTES_FOR_UNITS(SM_SLOT_UNITS)];
    static uint16_t back[SM_SLOT_UNITS];

    size_t used = size < SM_SLOT_BYTES ? size : SM_SLOT_BYTES;
    memset(view, 0, sizeof view);
    memcpy(view, data, used);
    memcpy(before, view, sizeof view);

    /* What the view holds, worked out independently of slot.c. */
    bool expect_empty = view_unit(view, 0) == 0;
    size_t expect_count = 0;
    while (expect_count < SM_SLOT_UNITS && view_unit(view, expect_count) != 0)
        expect_count++;

    FUZZ_CHECK(sm_slot_is_empty(view) == expect_empty);
    sm_status status = sm_slot_load(view, SM_SLOT_BYTES, &msg, NULL);
    FUZZ_CHECK(memcmp(view, before, sizeof view) == 0); /* a load never writes */
    if (expect_empty) {
        FUZZ_CHECK(status == SM_EMPTY && msg.count == 0 && !msg.unterminated);
        return 0;
    }
    FUZZ_CHECK(status == SM_OK);
    FUZZ_CHECK(msg.count >= 1 && msg.count <= SM_SLOT_UNITS);
    FUZZ_CHECK(msg.count == expect_count);
    /* unterminated iff units 1..1023 hold no NUL, i.e. all 1024 units are text. */
    FUZZ_CHECK(msg.unterminated == (expect_count == SM_SLOT_UNITS));
    bool any_lone = false;
    for (size_t i = 0; i < msg.count; i++) {
        FUZZ_CHECK(msg.units[i] == view_unit(view, i) && msg.units[i] != 0);
        any_lone = any_lone || is_lone_surrogate(msg.units, msg.count, i);
    }
    /* sm_slot_holds agrees with the load for every message a sender could have stored. */
    FUZZ_CHECK(sm_slot_holds(view, SM_SLOT_BYTES, msg.units, msg.count) == !msg.unterminated);

    /* Decode as the receiver does before showing the text. */
    bool ill_formed = false;
    size_t length = sm_utf16_to_utf8(msg.units, msg.count, utf8, sizeof utf8, &ill_formed);
    FUZZ_CHECK(length <= 3 * msg.count && utf8[length] == '\0');
    FUZZ_CHECK(strlen(utf8) == length); /* no unit is 0, so no NUL inside the text */
    FUZZ_CHECK(ill_formed == any_lone); /* flagged exactly when a lone surrogate was replaced */
    size_t reference_units = 0, bad_offset = 0;
    FUZZ_CHECK(utf8_reference_valid((const uint8_t *)utf8, length, &reference_units, &bad_offset));
    FUZZ_CHECK(reference_units == msg.count); /* U+FFFD takes the one unit it replaced */

    /* The other direction: what was shown must encode back to the same units (or U+FFFD). */
    size_t back_count = 0;
    sm_error err;
    FUZZ_CHECK(sm_utf8_to_utf16(utf8, length, back, SM_SLOT_UNITS, &back_count, &err) == SM_OK);
    FUZZ_CHECK(back_count == msg.count);
    for (size_t i = 0; i < msg.count; i++)
        FUZZ_CHECK(back[i] == (is_lone_surrogate(msg.units, msg.count, i) ? 0xFFFD : msg.units[i]));

    /* A receiver with a smaller buffer: the size comes from the view's last byte. */
    check_cut_decode(&msg, utf8, length, 1 + view[SM_SLOT_BYTES - 1] % 64);
    check_cut_decode(&msg, utf8, length, 1 + view[SM_SLOT_BYTES - 2] * 8u);

    /*
     * A caller's buffer of any size (from the view's third-last byte): the
     * message whole when it fits, else SM_ERR_BUFFER_TOO_SMALL with the units
     * it needs, and never a unit written past the buffer.
     */
    static uint16_t small_units[SM_SLOT_UNITS + 8];
    size_t capacity = (size_t)view[SM_SLOT_BYTES - 3] * 5 % (SM_SLOT_UNITS + 1);
    for (size_t i = 0; i < SM_SLOT_UNITS + 8; i++)
        small_units[i] = 0xBEEF;
    sm_message small = SM_MESSAGE_INIT(small_units, capacity);
    status = sm_slot_load(view, SM_SLOT_BYTES, &small, &err);
    FUZZ_CHECK(small.count == msg.count && small.unterminated == msg.unterminated);
    if (msg.count <= capacity) {
        FUZZ_CHECK(status == SM_OK);
        FUZZ_CHECK(memcmp(small.units, msg.units, msg.count * sizeof msg.units[0]) == 0);
    } else {
        FUZZ_CHECK(status == SM_ERR_BUFFER_TOO_SMALL && err.code == status);
    }
    for (size_t i = capacity; i < SM_SLOT_UNITS + 8; i++)
        FUZZ_CHECK(small_units[i] == 0xBEEF);
    FUZZ_CHECK(memcmp(view, before, sizeof view) == 0);

    /*
     * The classic receiver (--classic) reads the same view its own way: on a copy,
     * it must see the same message, clear unit 0 only, and a classic store of the
     * message must put it back exactly (or refuse a 1024-unit one).
     */
    static _Alignas(64) unsigned char classic[SM_SLOT_BYTES];
    static uint16_t taken_units[SM_SLOT_UNITS];
    sm_message taken = SM_MESSAGE_INIT(taken_units, SM_SLOT_UNITS);
    memcpy(classic, before, sizeof classic);
    FUZZ_CHECK(sm_slot_classic_take(classic, SM_SLOT_BYTES, &taken, NULL) == SM_OK);
    FUZZ_CHECK(taken.count == msg.count && taken.unterminated == msg.unterminated);
    FUZZ_CHECK(memcmp(taken.units, msg.units, msg.count * sizeof msg.units[0]) == 0);
    FUZZ_CHECK(view_unit(classic, 0) == 0 &&
               memcmp(classic + 2, before + 2, sizeof classic - 2) == 0);
    status = sm_slot_classic_store(classic, SM_SLOT_BYTES, taken.units, taken.count, &err);
    FUZZ_CHECK(status == (taken.unterminated ? SM_ERR_TEXT_TOO_LONG : SM_OK));
    FUZZ_CHECK(sm_slot_holds(classic, SM_SLOT_BYTES, taken.units, taken.count) ==
               !taken.unterminated);

    /* Clearing empties the slot by unit 0 alone and leaves the rest as it was. */
    sm_slot_clear(view);
    FUZZ_CHECK(sm_slot_is_empty(view));
    FUZZ_CHECK(sm_slot_load(view, SM_SLOT_BYTES, &(sm_message){0}, NULL) == SM_EMPTY);
    FUZZ_CHECK(view_unit(view, 0) == 0 && memcmp(view + 2, before + 2, sizeof view - 2) == 0);

    /*
     * The next sender: storing the received message again must give it back
     * unchanged, and a 1024-unit one (no room for a terminator) must be refused
     * before anything is written.
     */
    status = sm_slot_store(view, SM_SLOT_BYTES, msg.units, msg.count, &err);
    if (msg.unterminated) {
        FUZZ_CHECK(status == SM_ERR_TEXT_TOO_LONG && err.code == status);
        FUZZ_CHECK(sm_slot_is_empty(view));
        FUZZ_CHECK(memcmp(view + 2, before + 2, sizeof view - 2) == 0);
    } else {
        static uint16_t again_units[SM_SLOT_UNITS];
        sm_message again = SM_MESSAGE_INIT(again_units, SM_SLOT_UNITS);
        FUZZ_CHECK(status == SM_OK);
        FUZZ_CHECK(sm_slot_holds(view, SM_SLOT_BYTES, msg.units, msg.count));
        FUZZ_CHECK(sm_slot_load(view, SM_SLOT_BYTES, &again, NULL) == SM_OK &&
                   again.count == msg.count);
        FUZZ_CHECK(memcmp(again.units, msg.units, msg.count * sizeof msg.units[0]) == 0);
        /* A second store finds the slot full and leaves it alone. */
        FUZZ_CHECK(sm_slot_store(view, SM_SLOT_BYTES, msg.units, msg.count, &err) == SM_BUSY);
    }
    return 0;
}
