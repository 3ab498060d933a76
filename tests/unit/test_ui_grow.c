/* test_ui_grow.c - the doubling of a growable array (ui_grow.h). */
#include "test.h"

#include <stdint.h>
#include <stdlib.h>

#include "ui_grow.h"

TEST(ui_grow_doubles_from_first)
{
    int *items = NULL;
    size_t capacity = 0, count = 0;
    for (int value = 0; value < 100; value++) {
        int *more = sm_ui_grow(items, &capacity, count, sizeof *items, 4);
        ASSERT_NOT_NULL(more);
        items = more;
        items[count++] = value;
        ASSERT_LT(count - 1, capacity);
    }
    /* 4, 8, 16, 32, 64, 128: room for 100 after five doublings. */
    ASSERT_EQ(capacity, 128);
    for (int value = 0; value < 100; value++)
        ASSERT_EQ(items[value], value);
    /* With room left, the same array comes back and the capacity stays. */
    ASSERT_EQ((uintptr_t)sm_ui_grow(items, &capacity, 100, sizeof *items, 4), (uintptr_t)items);
    ASSERT_EQ(capacity, 128);
    free(items);
    return 0;
}

TEST(ui_grow_refuses_overflow)
{
    char unused = 0;
    size_t capacity = SIZE_MAX / 4 + 1;
    /* Doubling would need more than SIZE_MAX bytes: refused, the caller's array untouched. */
    ASSERT_NULL(sm_ui_grow(&unused, &capacity, capacity, 2, 4));
    ASSERT_EQ(capacity, SIZE_MAX / 4 + 1);
    capacity = (SIZE_MAX / 2) + 1;
    ASSERT_NULL(sm_ui_grow(&unused, &capacity, capacity, 1, 4));
    ASSERT_EQ(capacity, (SIZE_MAX / 2) + 1);
    return 0;
}
