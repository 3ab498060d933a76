/*
 * ui_grapheme.h - stepping through UTF-8 by user-perceived character: the
 * extended grapheme clusters of Unicode's UAX #29, so the caret, Backspace and
 * Delete treat 👨‍👩‍👧 (a ZWJ sequence), 👍🏽 (a modifier), 🇫🇷 (two regional
 * indicators), e + U+0301 and Hangul jamo each as one character.
 *
 * The segmentation is utf8proc's (libutf8proc-dev: Unicode 15.0 in Debian 12;
 * on Windows the static library tools/build-windows-deps.sh builds from the same
 * source), not tables of our own, plus Unicode 15.1's rule GB9c, which keeps
 * Indic conjuncts (क्ष) together and which utf8proc 2.8 lacks (ui_grapheme.c
 * says how little data it needs). A build without utf8proc steps by code point,
 * as sm_ui_grapheme_exact() says.
 */
#ifndef SAMPLEMAP_UI_GRAPHEME_H
#define SAMPLEMAP_UI_GRAPHEME_H

#include <stdbool.h>
#include <stddef.h>

/* The boundary after the cluster at pos (pos < length; length stays length). */
size_t sm_ui_grapheme_next(const char *text, size_t length, size_t pos);

/* The boundary before pos (0 stays 0). */
size_t sm_ui_grapheme_prev(const char *text, size_t length, size_t pos);

/* The boundary at or before pos: where a click inside a cluster puts the caret. */
size_t sm_ui_grapheme_floor(const char *text, size_t length, size_t pos);

/* Whether clusters are UAX #29's (built with utf8proc) or code points. */
bool sm_ui_grapheme_exact(void);

#endif
