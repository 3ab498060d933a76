/* ui_search.c - substring search ignoring ASCII case (see ui_search.h for why ASCII only). */
#include "ui_search.h"

#include <string.h>

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

size_t sm_ui_search_next(const char *text, size_t length, size_t from, const char *needle,
                         size_t needle_length)
{
    if (needle_length == 0 || needle_length > length)
        return length;
    const unsigned char *t = (const unsigned char *)text, *n = (const unsigned char *)needle;
    /* A UTF-8 needle starts on a lead byte, so a match never starts inside a character. */
    for (size_t i = from; i + needle_length <= length; i++) {
        size_t k = 0;
        while (k < needle_length && fold(t[i + k]) == fold(n[k]))
            k++;
        if (k == needle_length)
            return i;
    }
    return length;
}

bool sm_ui_search_contains(const char *text, size_t length, const char *needle,
                           size_t needle_length)
{
    return needle_length == 0 || sm_ui_search_next(text, length, 0, needle, needle_length) < length;
}

/* Copies n bytes of UTF-8 into out (size bytes), cut at a character boundary if it must be. */
static void copy_cut(char *out, size_t size, const char *text, size_t n)
{
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--; /* never half a character */
    }
    memcpy(out, text, n);
    out[n] = '\0';
}

static bool starts_with(const char *word, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    return n > p && strncmp(word, prefix, p) == 0;
}

void sm_ui_logfilter_parse(const char *line, sm_ui_logfilter *filter)
{
    memset(filter, 0, sizeof *filter);
    char text[sizeof filter->text * 2] = "";
    size_t used = 0;
    for (const char *at = line; *at != '\0';) {
        size_t spaces = strspn(at, " ");
        const char *word = at + spaces;
        size_t n = strcspn(word, " ");
        at = word + n;
        if (n == 0)
            break;
        bool exclude = word[0] == '-';
        const char *bare = word + exclude;
        size_t bare_n = n - exclude;
        const char *prefix = starts_with(bare, bare_n, "process:") ? "process:"
                             : starts_with(bare, bare_n, "pid:")   ? "pid:"
                                                                   : NULL;
        if (prefix != NULL) {
            size_t p = strlen(prefix);
            if (exclude)
                copy_cut(filter->exclude, sizeof filter->exclude, bare + p, bare_n - p);
            else
                copy_cut(filter->process, sizeof filter->process, bare + p, bare_n - p);
            continue;
        }
        /* Text: the words with the spaces between them, as typed. */
        size_t gap = used > 0 ? spaces : 0;
        if (used + gap + n < sizeof text) {
            memset(text + used, ' ', gap);
            memcpy(text + used + gap, word, n);
            used += gap + n;
            text[used] = '\0';
        }
    }
    copy_cut(filter->text, sizeof filter->text, text, used);
}
