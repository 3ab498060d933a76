/* test_json.c - the apps' --json output (json.h): strings escaped, times in ISO 8601. */
#include <string.h>

#include "json.h"
#include "test.h"

/* What sm_json_string writes for length bytes of text. */
static const char *json_of(const char *text, size_t length)
{
    static char out[512];
    FILE *file = tmpfile();
    ASSERT_NOT_NULL(file);
    sm_json_string(file, text, length);
    rewind(file);
    size_t n = fread(out, 1, sizeof out - 1, file);
    out[n] = '\0';
    fclose(file);
    return out;
}

TEST(json_strings_and_time)
{
    ASSERT_STR_EQ(json_of("plain", 5), "\"plain\"");
    ASSERT_STR_EQ(json_of("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
    ASSERT_STR_EQ(json_of("l1\nl2\r\t", 7), "\"l1\\nl2\\r\\t\"");
    ASSERT_STR_EQ(json_of("\x01\x1f\x7f", 3), "\"\\u0001\\u001f\\u007f\"");
    ASSERT_STR_EQ(json_of("z\0y", 3), "\"z\\u0000y\"");
    /* UTF-8 passes through; U+2028/U+2029 are escaped for JavaScript readers. */
    ASSERT_STR_EQ(json_of("мир 😀", strlen("мир 😀")), "\"мир 😀\"");
    ASSERT_STR_EQ(json_of("a\xe2\x80\xa8"
                          "b\xe2\x80\xa9",
                          8),
                  "\"a\\u2028b\\u2029\"");
    /* Not UTF-8: every non-ASCII byte becomes U+FFFD, so the line stays valid JSON. */
    ASSERT_STR_EQ(json_of("x\xff\xc3", 3), "\"x\\ufffd\\ufffd\"");

    char when[48];
    sm_json_format_time(86400LL * 365, 123456789, when, sizeof when);
    /* "1971-01-01T..." in any zone: date, T, time, milliseconds, +hh:mm / -hh:mm. */
    ASSERT_EQ(strlen(when), 29);
    ASSERT_EQ(when[4], '-');
    ASSERT_EQ(when[10], 'T');
    ASSERT_EQ(when[19], '.');
    ASSERT_MEM_EQ(when + 20, "123", 3);
    ASSERT_EITHER(when[23], '+', '-');
    ASSERT_EQ(when[26], ':');
    return 0;
}
