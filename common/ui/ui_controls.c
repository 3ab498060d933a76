/* ui_controls.c - control characters as visible symbols (see ui_controls.h). */
#include "ui_controls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *sm_ui_visible_controls(const char *text, size_t length, size_t *out_length)
{
    /* Each input byte becomes at most 4 bytes (a C1 control: 2 in, "⟨85⟩" = 8 out). */
    char *out = malloc(length * 5 + 1);
    if (out == NULL)
        return NULL;
    const unsigned char *in = (const unsigned char *)text;
    size_t o = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = in[i];
        if (c == '\n') {
            out[o++] = '\n';
        } else if (c == '\r') {
            out[o++] = '\n'; /* CR LF is one break, a lone CR one too */
            if (i + 1 < length && in[i + 1] == '\n')
                i++;
        } else if (c < 0x20 || c == 0x7F) {
            /* U+2400 + c (U+2421 for DEL): E2 90 80+c in UTF-8. */
            unsigned picture = c == 0x7F ? 0x21 : c;
            out[o++] = (char)0xE2;
            out[o++] = (char)0x90;
            out[o++] = (char)(0x80 + picture);
        } else if (c == 0xC2 && i + 1 < length && in[i + 1] >= 0x80 && in[i + 1] <= 0x9F) {
            /* A C1 control: no picture exists, so its code, between U+27E8 and U+27E9. */
            o += (size_t)sprintf(out + o, "\xE2\x9F\xA8%02X\xE2\x9F\xA9", in[i + 1]);
            i++;
        } else if (c == 0xE2 && i + 2 < length && in[i + 1] == 0x80 &&
                   (in[i + 2] == 0xA8 || in[i + 2] == 0xA9)) {
            out[o++] = '\n'; /* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR */
            i += 2;
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    *out_length = o;
    return out;
}

bool sm_ui_blank_note(const char *text, size_t length, char *note, size_t note_size)
{
    size_t characters = 0;
    for (size_t i = 0; i < length; characters++) {
        const unsigned char *at = (const unsigned char *)text + i;
        if (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r')
            i += 1;
        else if (length - i >= 2 && at[0] == 0xC2 && at[1] == 0xA0)
            i += 2; /* U+00A0 NO-BREAK SPACE */
        else if (length - i >= 3 && at[0] == 0xE3 && at[1] == 0x80 && at[2] == 0x80)
            i += 3; /* U+3000 IDEOGRAPHIC SPACE */
        else
            return false;
    }
    if (length == 0)
        return false;
    snprintf(note, note_size, "only white space: %zu character%s", characters,
             characters == 1 ? "" : "s");
    return true;
}
