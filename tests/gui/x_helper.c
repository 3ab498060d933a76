/*
 * x_helper.c - the two X11 things the GUI tests need that xdotool cannot do
 * reliably under a bare Xvfb (no window manager, no input method):
 *
 *   samplemap_x_helper close WINDOW_ID
 *       Asks the window to close as a window manager does: a WM_PROTOCOLS
 *       ClientMessage carrying WM_DELETE_WINDOW. (xdotool's windowclose
 *       destroys the window, which no desktop does.)
 *
 *   samplemap_x_helper keys TEXT
 *       Puts every character of TEXT that the keymap lacks onto unused
 *       keycodes (plain and Shift levels), in one keymap change, before
 *       anything is typed. xdotool
 *       would otherwise remap one spare keycode per character while typing,
 *       and an app that reads a key after the next remap sees the wrong
 *       character; with the keymap complete, typing needs no remapping.
 *
 * Uses $DISPLAY. Exit 0 done, 1 failure (reason on stderr), 2 usage.
 */
#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int close_window(Display *display, const char *id)
{
    XEvent event;
    memset(&event, 0, sizeof event);
    event.xclient.type = ClientMessage;
    event.xclient.window = (Window)strtoul(id, NULL, 0);
    event.xclient.message_type = XInternAtom(display, "WM_PROTOCOLS", False);
    event.xclient.format = 32;
    event.xclient.data.l[0] = (long)XInternAtom(display, "WM_DELETE_WINDOW", False);
    event.xclient.data.l[1] = CurrentTime;
    Status sent = XSendEvent(display, event.xclient.window, False, NoEventMask, &event);
    XSync(display, False);
    return sent != 0 ? 0 : 1;
}

/* Decodes one UTF-8 code point (the test texts are valid UTF-8). */
static const char *next_cp(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    int extra = u[0] < 0x80 ? 0 : u[0] < 0xE0 ? 1 : u[0] < 0xF0 ? 2 : 3;
    *cp = extra == 0 ? u[0] : u[0] & (0x3F >> extra);
    for (int i = 1; i <= extra && u[i] != 0; i++)
        *cp = (*cp << 6) | (u[i] & 0x3Fu);
    return s + 1 + extra;
}

static KeySym keysym_of(uint32_t cp)
{
    /* Latin-1 keysyms equal their code points; everything else uses the Unicode range. */
    return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xFF) ? (KeySym)cp
                                                                    : (KeySym)(0x01000000 | cp);
}

/* Keysyms this helper puts on the keymap: Unicode ones and Latin-1 above ASCII. */
static bool helper_sym(KeySym sym)
{
    return sym >= 0x01000000 || (sym >= 0xA0 && sym <= 0xFF);
}

static bool text_needs(const char *text, KeySym sym)
{
    for (const char *p = text; *p != '\0';) {
        uint32_t cp;
        p = next_cp(p, &cp);
        if (cp >= 0x80 && keysym_of(cp) == sym)
            return true;
    }
    return false;
}

/*
 * A keycode the helper may use: empty, or holding only its own keysyms. (An XKB
 * server reports a one-group key's keysyms again in the group 2 columns, so
 * every column is checked, not just the first two.)
 */
static bool spare_code(const KeySym *keys, int per)
{
    for (int k = 0; k < per; k++)
        if (keys[k] != NoSymbol && !helper_sym(keys[k]))
            return false;
    return true;
}

static int map_keys(Display *display, const char *text)
{
    int min_code = 0, max_code = 0, per = 0;
    XDisplayKeycodes(display, &min_code, &max_code);
    int count = max_code - min_code + 1;
    KeySym *map = XGetKeyboardMapping(display, (KeyCode)min_code, count, &per);
    if (map == NULL || per < 2) {
        fprintf(stderr, "x_helper: cannot read the keymap\n");
        return 1;
    }
    /* Characters put there for an earlier text are dropped unless this one needs them: the
       few spare keycodes are shared by all the texts of a test. */
    for (int code = 0; code < count; code++) {
        KeySym *keys = map + code * per;
        if (!spare_code(keys, per))
            continue;
        KeySym plain = text_needs(text, keys[0]) ? keys[0] : NoSymbol;
        KeySym shifted = text_needs(text, keys[1]) ? keys[1] : NoSymbol;
        for (int k = 0; k < per; k++)
            keys[k] = NoSymbol;
        /* A character kept alone goes to the plain level, so typing it needs no Shift. */
        keys[0] = plain != NoSymbol ? plain : shifted;
        keys[1] = plain != NoSymbol ? shifted : NoSymbol;
    }
    int slot = 0; /* next (keycode, level) to try, as code * 2 + level */
    for (const char *p = text; *p != '\0';) {
        uint32_t cp;
        p = next_cp(p, &cp);
        KeySym sym = keysym_of(cp);
        bool present = cp < 0x80; /* ASCII is on every keymap */
        for (int i = 0; i < count * per && !present; i++)
            present = map[i] == sym;
        if (present)
            continue;
        while (slot < count * 2 && !(spare_code(map + (slot / 2) * per, per) &&
                                     map[(slot / 2) * per + slot % 2] == NoSymbol &&
                                     (slot % 2 == 0 || map[(slot / 2) * per] != NoSymbol)))
            slot++;
        if (slot == count * 2) {
            fprintf(stderr, "x_helper: no spare keycode left for U+%04X\n", (unsigned)cp);
            XFree(map);
            return 1;
        }
        map[(slot / 2) * per + slot % 2] = sym;
    }
    XChangeKeyboardMapping(display, min_code, per, map, count);
    XSync(display, False);
    XFree(map);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "close") != 0 && strcmp(argv[1], "keys") != 0)) {
        fprintf(stderr, "usage: %s close WINDOW_ID | keys TEXT\n", argv[0]);
        return 2;
    }
    Display *display = XOpenDisplay(NULL);
    if (display == NULL) {
        fprintf(stderr, "%s: cannot open display\n", argv[0]);
        return 1;
    }
    int code =
        strcmp(argv[1], "close") == 0 ? close_window(display, argv[2]) : map_keys(display, argv[2]);
    XCloseDisplay(display);
    return code;
}
