/*
 * slot.c - the ordered steps on the view (2 KB by default).
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

#include "hook.h"
#include "text.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the wire is UTF-16LE stored natively: a big-endian port must byte-swap in slot.c"
#endif

/*
 * The view as the protocol sees it: unit 0 is the atomic "full/empty" flag,
 * units 1..view_bytes/2-1 the rest of the string. The layout is the same for
 * every view size, so a 256-byte view is just a shorter one.
 */
static _Atomic uint16_t *first_unit(const void *view)
{
    return (_Atomic uint16_t *)view;
}
static uint16_t *rest_units(const void *view)
{
    return (uint16_t *)view + 1;
}

_Static_assert(sizeof(_Atomic uint16_t) == 2, "atomic unit 0 must be a plain 16-bit unit");
_Static_assert(SM_SLOT_BYTES % 2 == 0 && SM_SLOT_BYTES >= SM_SLOT_BYTES_MIN &&
                   SM_SLOT_BYTES <= SM_SLOT_BYTES_MAX,
               "the default view must be a valid size");

sm_status sm_slot_check_size(size_t view_bytes, sm_error *err)
{
    if (view_bytes % 2 != 0 || view_bytes < SM_SLOT_BYTES_MIN || view_bytes > SM_SLOT_BYTES_MAX)
        return sm_error_set(err, SM_ERR_INVALID_ARGUMENT,
                            "a view of %zu bytes cannot hold UTF-16 text: the size must be even "
                            "and from %d to %d bytes",
                            view_bytes, SM_SLOT_BYTES_MIN, SM_SLOT_BYTES_MAX);
    return SM_OK;
}

bool sm_slot_is_empty(const void *view)
{
    /* Acquire pairs with the writer's release in sm_slot_publish. */
    return atomic_load_explicit(first_unit(view), memory_order_acquire) == 0;
}

sm_status sm_slot_check_empty(const void *view, sm_error *err)
{
    if (!sm_slot_is_empty(view))
        return sm_error_set(err, SM_BUSY, "the slot still holds an unread message");
    return SM_OK;
}

/*
 * True if units[0..n) holds a 0. Why it has no early exit: a loop that stops
 * at the first 0 is not vectorised, but one that only ORs "this unit is 0"
 * over a block of a size known at compile time is (gcc and clang -O2 turn it
 * into 16-byte compares, 8 units each).
 */
static inline bool has_zero(const uint16_t *units, size_t n)
{
    uint16_t any = 0;
    /* All ones for a 0 unit, as the SIMD compare yields it; unrolled: no loop counter per vector.
     */
#pragma GCC unroll 8
    for (size_t j = 0; j < n; j++)
        any |= (uint16_t) - (units[j] == 0);
    return any != 0;
}

/*
 * Index of the first 0 in units[0..count), count if there is none: blocks of
 * 64 units, then of 16 inside the block that holds the 0 (or the tail), then
 * at most 15 units one by one: 1023 units cost ~800 instructions, not ~5 000.
 */
static size_t find_zero(const uint16_t *units, size_t count)
{
    size_t i = 0;
    while (i + 64 <= count && !has_zero(units + i, 64))
        i += 64;
    while (i + 16 <= count && !has_zero(units + i, 16))
        i += 16;
    while (i < count && units[i] != 0)
        i++;
    return i;
}

sm_status sm_slot_check_text(size_t view_bytes, const uint16_t *units, size_t count, sm_error *err)
{
    sm_status status = sm_slot_check_size(view_bytes, err);
    if (status != SM_OK)
        return status;
    if (count == 0)
        return sm_error_set(err, SM_ERR_TEXT_INVALID,
                            "empty message: an empty string means 'slot empty' on the wire, "
                            "so it cannot be sent");
    if (count > SM_SLOT_TEXT_UNITS(view_bytes))
        return sm_error_set(err, SM_ERR_TEXT_TOO_LONG,
                            "text is %zu UTF-16 units long; the limit is %zu: shorten it", count,
                            SM_SLOT_TEXT_UNITS(view_bytes));
    size_t nul = find_zero(units, count);
    if (nul < count)
        return sm_error_set(err, SM_ERR_TEXT_INVALID,
                            "U+0000 at unit %zu would end the wire string early", nul);
    return SM_OK;
}

sm_status sm_slot_write_body(void *view, size_t view_bytes, const uint16_t *units, size_t count,
                             sm_error *err)
{
    (void)view_bytes; /* the caller's sm_slot_check_text checked count against it */
    sm_status status = sm_slot_check_empty(view, err);
    if (status != SM_OK)
        return status;
    memcpy(rest_units(view), units + 1, (count - 1) * sizeof units[0]);
    rest_units(view)[count - 1] = 0; /* the terminator, text[count] */
    return SM_OK;
}

void sm_slot_publish(void *view, uint16_t first)
{
    /* Release: every store of the body happens-before a reader's acquire of this unit. */
    atomic_store_explicit(first_unit(view), first, memory_order_release);
}

sm_status sm_slot_store(void *view, size_t view_bytes, const uint16_t *units, size_t count,
                        sm_error *err)
{
    sm_status status = sm_slot_check_text(view_bytes, units, count, err);
    if (status == SM_OK)
        status = sm_slot_write_body(view, view_bytes, units, count, err);
    if (status == SM_OK)
        sm_slot_publish(view, units[0]);
    return status;
}

/* Units a view may hold (a bad size reads as the minimum). */
static size_t view_units(size_t view_bytes)
{
    return sm_slot_check_size(view_bytes, NULL) == SM_OK ? view_bytes / 2 : SM_SLOT_BYTES_MIN / 2;
}

/*
 * The message does not fit the caller's buffer: out->count becomes the units
 * it needs, counted in the view from unit `from` on (the units before it were
 * text), and nothing is taken. The count is a moment's reading, for the
 * caller to allocate by; the message stays in the slot either way.
 */
static sm_status buffer_too_small(const void *view, size_t units, size_t from, sm_message *out,
                                  sm_error *err)
{
    const volatile uint16_t *text = view;
    size_t needed = from;
    while (needed < units && text[needed] != 0)
        needed++;
    out->count = needed;
    out->unterminated = (needed == units);
    return sm_error_set(err, SM_ERR_BUFFER_TOO_SMALL,
                        "the message in the slot is %zu UTF-16 units%s and the buffer holds %zu: "
                        "nothing was taken; a buffer of %zu units holds it",
                        needed, out->unterminated ? " with no terminator" : "", out->capacity,
                        needed);
}

/*
 * How many units sm_slot_load copies before it looks for the terminator in
 * what it copied: a short message moves a few cache lines, not the whole view.
 */
#define SM_LOAD_CHUNK 128

sm_status sm_slot_load(const void *view, size_t view_bytes, sm_message *out, sm_error *err)
{
    const uint16_t *rest = rest_units(view);
    size_t units = view_units(view_bytes);
    uint16_t first = atomic_load_explicit(first_unit(view), memory_order_acquire);
    out->count = 0;
    out->unterminated = false;
    if (first == 0)
        return SM_EMPTY;
    if (out->capacity == 0)
        return buffer_too_small(view, units, 1, out, err);
    out->units[0] = first;
    /*
     * Copy a chunk, then search the copy, not the view: each unit of the view
     * is read once, so a writer that ignores the lock (--classic) cannot make
     * the search and the copy disagree, and the message never holds a 0.
     * Bounded: at most the view's units - 1 after unit 0, never beyond, and
     * never more than the caller's buffer holds.
     */
    size_t limit = units < out->capacity ? units : out->capacity;
    size_t n = 1;
    bool ended = false;
    while (n < limit) {
        size_t chunk = limit - n < SM_LOAD_CHUNK ? limit - n : SM_LOAD_CHUNK;
        memcpy(out->units + n, rest + (n - 1), chunk * sizeof rest[0]);
        size_t nul = find_zero(out->units + n, chunk);
        n += nul;
        if (nul < chunk) {
            ended = true;
            break;
        }
    }
    /* The buffer is full before the view ends: the message fits only if its terminator is next. */
    if (!ended && n < units) {
        if (rest[n - 1] != 0) /* text[n] */
            return buffer_too_small(view, units, n, out, err);
    }
    out->count = n;
    out->unterminated = (n == units);
    return SM_OK;
}

void sm_slot_clear(void *view)
{
    atomic_store_explicit(first_unit(view), 0, memory_order_release);
}

bool sm_slot_holds(const void *view, size_t view_bytes, const uint16_t *units, size_t count)
{
    const uint16_t *rest = rest_units(view);
    if (count == 0 || count > view_units(view_bytes) - 1)
        return false;
    if (atomic_load_explicit(first_unit(view), memory_order_acquire) != units[0])
        return false;
    return memcmp(rest, units + 1, (count - 1) * sizeof units[0]) == 0 && rest[count - 1] == 0;
}

sm_status sm_slot_classic_store(void *view, size_t view_bytes, const uint16_t *units, size_t count,
                                sm_error *err)
{
    sm_status status = sm_slot_check_text(view_bytes, units, count, err);
    if (status != SM_OK)
        return status;
    /*
     * Front to back, unit 0 first, as DllStructSetData / wcscpy do: a reader
     * polling now sees a non-empty slot whose tail is still the old text.
     * volatile keeps the compiler from merging the stores into something safer.
     */
    volatile uint16_t *text = view;
    text[0] = units[0];
    /* Stopped here (--step), a reader sees the new unit 0 on the old tail: a torn message. */
    sm_hook_pass("classic-after-unit0");
    for (size_t i = 1; i < count; i++)
        text[i] = units[i];
    text[count] = 0;
    sm_hook_pass("classic-after-body");
    return SM_OK;
}

sm_status sm_slot_classic_take(void *view, size_t view_bytes, sm_message *out, sm_error *err)
{
    const volatile uint16_t *text = view;
    size_t units = view_units(view_bytes);
    out->count = 0;
    out->unterminated = false;
    size_t n = 0;
    while (n < units && n < out->capacity && text[n] != 0) {
        out->units[n] = text[n];
        n++;
    }
    if (n == 0 && (out->capacity > 0 || text[0] == 0))
        return SM_EMPTY;
    /* Not cut and not cleared: a classic reader whose buffer is short takes nothing. */
    if (n < units && n == out->capacity && text[n] != 0)
        return buffer_too_small(view, units, n, out, err);
    out->count = n;
    out->unterminated = (n == units);
    sm_hook_pass("classic-reader-after-copy");
    /* The classic clear: whatever a writer stored since our copy is wiped unread. */
    ((volatile uint16_t *)view)[0] = 0;
    sm_hook_pass("classic-reader-after-clear");
    return SM_OK;
}
