/*
 * ui_grow.h - room for one more item in a growable array: the doubling that the text runs,
 * the font index and the font file lists share, written once (and its overflow check with it).
 */
#ifndef SAMPLEMAP_UI_GROW_H
#define SAMPLEMAP_UI_GROW_H

#include <stddef.h>

/*
 * Returns items with room for at least count + 1 of item_size bytes each: items itself
 * when *capacity already exceeds count, else the array reallocated to twice *capacity (first
 * when it is 0) with *capacity updated. NULL when memory (or size_t) runs out; items and
 * *capacity are then unchanged and still the caller's.
 */
void *sm_ui_grow(void *items, size_t *capacity, size_t count, size_t item_size, size_t first);

#endif
