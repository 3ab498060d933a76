/* ui_utf8.c - lenient UTF-8 stepping (validation is the IPC encoder's job). */
#include "ui_utf8.h"

size_t sm_ui_utf8_next(const char *text, size_t length, size_t pos, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned char lead = s[pos];
    if (lead < 0x80) {
        *cp = lead;
        return pos + 1;
    }
    size_t need = lead >= 0xC2 && lead <= 0xDF   ? 1
                  : lead >= 0xE0 && lead <= 0xEF ? 2
                  : lead >= 0xF0 && lead <= 0xF4 ? 3
                                                 : 0;
    if (need == 0 || pos + need >= length) {
        *cp = 0xFFFD;
        return pos + 1;
    }
    uint32_t value = lead & (need == 1 ? 0x1Fu : need == 2 ? 0x0Fu : 0x07u);
    for (size_t i = 1; i <= need; i++) {
        if ((s[pos + i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return pos + 1;
        }
        value = (value << 6) | (s[pos + i] & 0x3Fu);
    }
    *cp = value;
    return pos + need + 1;
}

size_t sm_ui_utf8_prev(const char *text, size_t pos)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t steps = 0;
    while (pos > 0 && steps < 4) {
        pos--;
        steps++;
        if ((s[pos] & 0xC0) != 0x80)
            break;
    }
    return pos;
}
