/* ui_grow.c - the doubling of a growable array (ui_grow.h). */
#include "ui_grow.h"

#include <stdint.h>
#include <stdlib.h>

void *sm_ui_grow(void *items, size_t *capacity, size_t count, size_t item_size, size_t first)
{
    if (count < *capacity)
        return items;
    size_t grown = *capacity != 0 ? *capacity * 2 : (first != 0 ? first : 1);
    /* Doubling keeps appends amortised O(1); refuse a size that would wrap around. */
    if (grown < *capacity || item_size == 0 || grown > SIZE_MAX / item_size)
        return NULL;
    void *more = realloc(items, grown * item_size);
    if (more == NULL)
        return NULL;
    *capacity = grown;
    return more;
}
