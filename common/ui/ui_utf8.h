/*
 * ui_utf8.h - stepping through UTF-8 by code point, for the editor and the
 * text layout. No SDL here, so the unit tests can use it.
 */
#ifndef SAMPLEMAP_UI_UTF8_H
#define SAMPLEMAP_UI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the code point at text[pos] (pos < length) and returns the position
 * after it. A malformed byte decodes as U+FFFD and advances by one, so every
 * input makes progress.
 */
size_t sm_ui_utf8_next(const char *text, size_t length, size_t pos, uint32_t *cp);

/* Position of the code point before pos (0 stays 0): skips continuation bytes. */
size_t sm_ui_utf8_prev(const char *text, size_t pos);

#endif
