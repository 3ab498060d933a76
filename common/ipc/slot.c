/*
 * slot.c - the ordered steps on the 2 KB view.
 *
 * Why unit 0 is stored last: a reader decides "is there a message?" from
 * text[0] alone. The writer fills units 1..n and the terminator first and only
 * then stores unit 0 with release ordering; the reader loads unit 0 with
 * acquire ordering. Release/acquire guarantees that a reader that sees the new
 * unit 0 also sees every unit written before it, so it never sees half a
 * message, and a writer that dies before its last store leaves an empty slot.
 */
#include "slot.h"

#include <stdatomic.h>
#include <string.h>

#include "text.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the wire is UTF-16LE stored natively: a big-endian port must byte-swap in slot.c"
#endif

/* The view as the protocol sees it: unit 0 is the atomic "full/empty" flag. */
typedef struct sm_wire {
    _Atomic uint16_t first;            /* text[0]: 0 = empty, else the first unit */
    uint16_t rest[SM_SLOT_UNITS - 1];  /* text[1..1023] */
} sm_wire;

_Static_assert(sizeof(sm_wire) == SM_SLOT_BYTES, "the wire must be exactly 2048 bytes");
_Static_assert(sizeof(_Atomic uint16_t) == 2, "atomic unit 0 must be a plain 16-bit unit");

bool sm_slot_is_empty(const void *view)
{
    const sm_wire *wire = view;
    /* Acquire pairs with the writer's release in sm_slot_publish. */
    return atomic_load_explicit((_Atomic uint16_t *)&wire->first, memory_order_acquire) == 0;
}

/* The checks every store makes before writing anything. */
static sm_status check_text(const uint16_t *units, size_t count, sm_error *err)
{
    if (count == 0)
        return sm_error_set(err, SM_ERR_TEXT_INVALID,
                            "empty message: an empty string means 'slot empty' on the wire, "
                            "so it cannot be sent");
    if (count > SM_TEXT_MAX_UNITS)
        return sm_error_set(err, SM_ERR_TEXT_TOO_LONG,
                            "text is %zu UTF-16 units long; the limit is %d: shorten it", count,
                            SM_TEXT_MAX_UNITS);
    for (size_t i = 0; i < count; i++)
        if (units[i] == 0)
            return sm_error_set(err, SM_ERR_TEXT_INVALID,
                                "U+0000 at unit %zu would end the wire string early", i);
    return SM_OK;
}

sm_status sm_slot_write_body(void *view, const uint16_t *units, size_t count, sm_error *err)
{
    sm_wire *wire = view;
    sm_status status = check_text(units, count, err);
    if (status != SM_OK)
        return status;
    if (!sm_slot_is_empty(view))
        return sm_error_set(err, SM_BUSY, "the slot still holds an unread message");
    memcpy(wire->rest, units + 1, (count - 1) * sizeof units[0]);
    wire->rest[count - 1] = 0; /* the terminator, text[count] */
    return SM_OK;
}

void sm_slot_publish(void *view, uint16_t first_unit)
{
    sm_wire *wire = view;
    /* Release: every store of the body happens-before a reader's acquire of this unit. */
    atomic_store_explicit(&wire->first, first_unit, memory_order_release);
}

sm_status sm_slot_store(void *view, const uint16_t *units, size_t count, sm_error *err)
{
    sm_status status = sm_slot_write_body(view, units, count, err);
    if (status == SM_OK)
        sm_slot_publish(view, units[0]);
    return status;
}

sm_status sm_slot_load(const void *view, sm_message *out)
{
    const sm_wire *wire = view;
    uint16_t first =
        atomic_load_explicit((_Atomic uint16_t *)&wire->first, memory_order_acquire);
    out->count = 0;
    out->unterminated = false;
    if (first == 0)
        return SM_EMPTY;
    out->units[0] = first;
    size_t n = 1;
    /* Bounded: stop at the terminator or at the end of the view, never beyond. */
    while (n < SM_SLOT_UNITS && wire->rest[n - 1] != 0) {
        out->units[n] = wire->rest[n - 1];
        n++;
    }
    out->count = n;
    out->unterminated = (n == SM_SLOT_UNITS);
    return SM_OK;
}

void sm_slot_clear(void *view)
{
    sm_wire *wire = view;
    atomic_store_explicit(&wire->first, 0, memory_order_release);
}

bool sm_slot_holds(const void *view, const uint16_t *units, size_t count)
{
    const sm_wire *wire = view;
    if (count == 0 || count > SM_TEXT_MAX_UNITS)
        return false;
    if (atomic_load_explicit((_Atomic uint16_t *)&wire->first, memory_order_acquire) != units[0])
        return false;
    return memcmp(wire->rest, units + 1, (count - 1) * sizeof units[0]) == 0 &&
           wire->rest[count - 1] == 0;
}

sm_status sm_slot_classic_store(void *view, const uint16_t *units, size_t count, sm_error *err)
{
    sm_status status = check_text(units, count, err);
    if (status != SM_OK)
        return status;
    /*
     * Front to back, unit 0 first, as DllStructSetData / wcscpy do: a reader
     * polling now sees a non-empty slot whose tail is still the old text.
     * volatile keeps the compiler from merging the stores into something safer.
     */
    volatile uint16_t *text = view;
    for (size_t i = 0; i < count; i++)
        text[i] = units[i];
    text[count] = 0;
    return SM_OK;
}

sm_status sm_slot_classic_take(void *view, sm_message *out)
{
    const volatile uint16_t *text = view;
    out->count = 0;
    out->unterminated = false;
    size_t n = 0;
    while (n < SM_SLOT_UNITS && text[n] != 0) {
        out->units[n] = text[n];
        n++;
    }
    if (n == 0)
        return SM_EMPTY;
    out->count = n;
    out->unterminated = (n == SM_SLOT_UNITS);
    /* The classic clear: whatever a writer stored since our copy is wiped unread. */
    ((volatile uint16_t *)view)[0] = 0;
    return SM_OK;
}
