/*
 * ui_controls.h - received text made visible: control characters become symbols
 * instead of the boxes of a missing glyph (or nothing at all).
 *
 * C0 controls (U+0000-U+001F, TAB and ESC and BEL among them) become their
 * symbols from the Control Pictures block (U+2400-U+241F: TAB is U+2409 "␉"),
 * DEL becomes U+2421 "␡", and a C1 control (U+0080-U+009F, which has no picture)
 * its code in angle brackets, e.g. "⟨85⟩". Line breaks stay line breaks: LF, CR
 * LF, a lone CR, and the Unicode separators U+2028 and U+2029 all become LF.
 * Only what is shown changes; copying and the --log file keep the text as sent.
 */
#ifndef SAMPLEMAP_UI_CONTROLS_H
#define SAMPLEMAP_UI_CONTROLS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The visible form of UTF-8 text[0, length), NUL-terminated, malloc'd (the
 * caller frees it), its length in *out_length; NULL when out of memory.
 */
char *sm_ui_visible_controls(const char *text, size_t length, size_t *out_length);

/*
 * A note for a message that is only white space (spaces, TABs, line breaks,
 * U+00A0, U+3000), which would otherwise look like an empty entry: "only white
 * space: 3 characters" in note. Returns false (note untouched) for other text.
 * Such a message is sent and shown as it is: it is text, and the protocol
 * carries it (only an empty text cannot be sent; see send_queue_push).
 */
bool sm_ui_blank_note(const char *text, size_t length, char *note, size_t note_size);

#endif
