/* test_text.c - the strict UTF-8 -> UTF-16 encoder and the total decoder. */
#include <stdint.h>

#include "test.h"
#include "text.h"

/* Encodes then decodes text and checks the round trip and the unit count. */
static void round_trip(const char *text, size_t expected_units)
{
    uint16_t units[SM_TEXT_MAX_UNITS];
    size_t count = 0;
    sm_error err;
    ASSERT_EQ(sm_utf8_to_utf16(text, strlen(text), units, SM_TEXT_MAX_UNITS, &count, &err), SM_OK);
    ASSERT_EQ(count, expected_units);
    char back[SM_UTF8_BYTES_FOR_UNITS(SM_TEXT_MAX_UNITS)];
    bool ill = true;
    ASSERT_EQ(sm_utf16_to_utf8(units, count, back, sizeof back, &ill), strlen(text));
    ASSERT(!ill);
    ASSERT_STR_EQ(back, text);
}

TEST(utf8_to_utf16_scripts)
{
    round_trip("Hello", 5);
    round_trip("мир", 3);
    round_trip("世界", 2);
    round_trip("Γειά σου", 8);
    round_trip("שלום", 4);
    round_trip("مرحبا", 5);
    round_trip("😀", 2); /* a surrogate pair */
    round_trip("a😀b𝄞", 6);
    round_trip("\xef\xbf\xbf", 1);     /* U+FFFF is a valid scalar */
    round_trip("\xf4\x8f\xbf\xbf", 2); /* U+10FFFF */
    uint16_t units[4];
    size_t count = 99;
    ASSERT_EQ(sm_utf8_to_utf16("😀", 4, units, 4, &count, NULL), SM_OK);
    ASSERT_EQ(units[0], 0xD83D);
    ASSERT_EQ(units[1], 0xDE00);
    /* Counting only (out == NULL) never fails on length. */
    ASSERT_EQ(sm_utf8_to_utf16("abc", 3, NULL, 0, &count, NULL), SM_OK);
    ASSERT_EQ(count, 3);
    ASSERT_EQ(sm_utf8_to_utf16("", 0, units, 4, &count, NULL), SM_OK);
    ASSERT_EQ(count, 0);
    return 0;
}

/* Expects text to be refused with the given offset and reason in the message. */
static void refused(const char *text, size_t length, const char *offset, const char *why)
{
    uint16_t units[16];
    size_t count = 0;
    sm_error err;
    ASSERT_EQ(sm_utf8_to_utf16(text, length, units, 16, &count, &err), SM_ERR_TEXT_INVALID);
    ASSERT_CONTAINS(err.message, offset);
    ASSERT_CONTAINS(err.message, why);
}

TEST(utf8_to_utf16_malformed)
{
    refused("a\x80", 2, "byte offset 1 (0x80)", "continuation byte without a lead");
    refused("\xc0\xaf", 2, "byte offset 0", "overlong");
    refused("\xc1\xbf", 2, "byte offset 0", "overlong");
    refused("\xe0\x80\xaf", 3, "byte offset 0", "overlong");
    refused("\xf0\x80\x80\xaf", 4, "byte offset 0", "overlong");
    refused("ab\xed\xa0\x80", 5, "byte offset 2", "surrogate");
    refused("\xf4\x90\x80\x80", 4, "byte offset 0", "above U+10FFFF");
    refused("\xf5\x80\x80\x80", 4, "byte offset 0", "never occurs");
    refused("\xff", 1, "byte offset 0 (0xFF)", "never occurs");
    refused("abc\xe4\xb8", 5, "byte offset 3", "cut off by the end");
    refused("\xe4\x41\x41", 3, "byte offset 0", "not a continuation byte");
    refused("a\0b", 3, "byte offset 1", "NUL character");
    return 0;
}

TEST(utf8_to_utf16_too_long)
{
    char text[1100];
    memset(text, 'x', 1024);
    uint16_t units[SM_TEXT_MAX_UNITS];
    size_t count = 0;
    sm_error err;
    ASSERT_EQ(sm_utf8_to_utf16(text, 1023, units, SM_TEXT_MAX_UNITS, &count, &err), SM_OK);
    ASSERT_EQ(count, 1023);
    ASSERT_EQ(sm_utf8_to_utf16(text, 1024, units, SM_TEXT_MAX_UNITS, &count, &err),
              SM_ERR_TEXT_TOO_LONG);
    ASSERT_EQ(count, 1024); /* the full count, for "1024 / 1023" in a UI */
    ASSERT_STR_EQ(err.message, "text is 1024 UTF-16 units long; the limit is 1023: shorten it");
    /* 1022 units + an emoji (2 units) = 1024: the pair is not split to fit. */
    memcpy(text + 1022, "\xf0\x9f\x98\x80", 4);
    ASSERT_EQ(sm_utf8_to_utf16(text, 1026, units, SM_TEXT_MAX_UNITS, &count, &err),
              SM_ERR_TEXT_TOO_LONG);
    ASSERT_EQ(count, 1024);
    return 0;
}

TEST(utf16_to_utf8_ill_formed)
{
    char out[64];
    bool ill = false;
    const uint16_t lone_high[] = {'a', 0xD800, 'b'};
    ASSERT_EQ(sm_utf16_to_utf8(lone_high, 3, out, sizeof out, &ill), 5);
    ASSERT(ill);
    ASSERT_STR_EQ(out, "a\xef\xbf\xbd"
                       "b");
    const uint16_t lone_low[] = {0xDC00};
    ASSERT_EQ(sm_utf16_to_utf8(lone_low, 1, out, sizeof out, &ill), 3);
    ASSERT(ill);
    const uint16_t reversed[] = {0xDE00, 0xD83D};
    ASSERT_EQ(sm_utf16_to_utf8(reversed, 2, out, sizeof out, &ill), 6);
    ASSERT_STR_EQ(out, "\xef\xbf\xbd\xef\xbf\xbd");
    const uint16_t high_at_end[] = {'x', 0xD83D};
    sm_utf16_to_utf8(high_at_end, 2, out, sizeof out, &ill);
    ASSERT(ill);
    ASSERT_STR_EQ(out, "x\xef\xbf\xbd");
    const uint16_t ffff[] = {0xFFFF, 0xFFFF};
    ASSERT_EQ(sm_utf16_to_utf8(ffff, 2, out, sizeof out, &ill), 6);
    ASSERT(!ill); /* noncharacters are still well-formed UTF-16 */
    return 0;
}

TEST(utf16_to_utf8_truncation)
{
    const uint16_t text[] = {'a', 0x4E16, 'b'}; /* a 世 b: 1 + 3 + 1 bytes */
    char out[4];
    ASSERT_EQ(sm_utf16_to_utf8(text, 3, out, sizeof out, NULL), 1); /* 世 does not fit whole */
    ASSERT_STR_EQ(out, "a");
    char big[SM_UTF8_BYTES_FOR_UNITS(3)];
    ASSERT_EQ(sm_utf16_to_utf8(text, 3, big, sizeof big, NULL), 5);
    ASSERT_EQ(sm_utf16_to_utf8(text, 3, NULL, 0, NULL), 0);
    return 0;
}
