/*
 * channel.h - the safe message protocol on a named view (2 KB by default).
 *
 * A channel is the data mapping (the classic view, see slot.h) plus a
 * small companion control mapping "<name>.ctl" that counts the messages
 * receivers have taken, carries the wake words, the layout version and the
 * data object's identity, and (Local channels on Linux) the lock. Every
 * mutation of the slot happens under the channel's cross-process lock - the
 * robust mutex in the control object for a Local channel where the OS has
 * one, else the data mapping's flock / named mutex - which passes on when
 * its holder dies, and which nobody waits for without a bound:
 *   R1 no torn read      - readers copy under the lock; unit 0 is stored last.
 *   R2 no lost message   - a send into a full slot returns SM_BUSY; nothing is
 *                          overwritten. The sender keeps the message until it
 *                          is delivered or, on timeout, withdraws it.
 *   R3 many senders/receivers - the lock makes each take happen once.
 *   R4 a killed process  - the lock is released; a half-written body is never
 *                          published because unit 0 was not yet stored.
 *   R5 hostile bytes     - reads are bounded by the view (sm_slot_load).
 * A stopped holder (SIGSTOP, a debugger) makes a lock wait end in
 * SM_ERR_HELD; objects truncated or overwritten under us give
 * SM_ERR_DAMAGED; a control object of another layout version SM_ERR_VERSION.
 */
#ifndef SAMPLEMAP_IPC_CHANNEL_H
#define SAMPLEMAP_IPC_CHANNEL_H

#include <signal.h> /* sig_atomic_t */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "lock_state.h"
#include "slot.h"
#include "version.h" /* SM_VERSION_*: generated from version.h.in */

#include "visibility.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sm_channel sm_channel;

/*
 * What a sender keeps to learn whether its message was delivered. It refers
 * to the sender's own text (the units given to sm_channel_try_send), which
 * is how sm_channel_poll_delivery and sm_channel_withdraw recognise the
 * message even after a classic writer overwrote the slot: keep those units
 * unchanged until delivery is known or the withdraw has answered, as libuv's
 * uv_write wants its buffers kept until the write's callback.
 */
typedef struct sm_ticket {
    uint64_t taken_at_publish; /* control counter when our message went in */
    const uint16_t *units;     /* our message (the caller's units), to recognise it in the slot */
    size_t count;              /* its units; 0 = nothing to track (classic mode) */
} sm_ticket;

/*
 * Opens (creating if needed) the channel called name: the 2048-byte data
 * mapping and its control mapping. Errors are those of sm_mapping_open, and
 * SM_ERR_VERSION (the control object has another layout version) or
 * SM_ERR_DAMAGED (the two objects still do not belong together after
 * retrying: one was removed and re-created, e.g. by --unlink, meanwhile).
 */
SM_API sm_status sm_channel_open(const char *name, sm_channel **out, sm_error *err);

/*
 * The same with a view of view_bytes (even, SM_SLOT_BYTES_MIN..SM_SLOT_BYTES_MAX,
 * else SM_ERR_INVALID_ARGUMENT), for programs whose layout is not the classic
 * 2 KB one: a 1 KB view of a 64 KB mapping, a 256-byte mapping. The object
 * may be larger than the view (only view_bytes are mapped and used); a
 * smaller one is refused with SM_ERR_WRONG_SIZE. Messages are then limited to
 * SM_SLOT_TEXT_UNITS(view_bytes) units (sm_channel_max_units).
 */
SM_API sm_status sm_channel_open_sized(const char *name, size_t view_bytes, sm_channel **out,
                                       sm_error *err);

/*
 * Like sm_channel_open_sized, but never creates the data mapping: SM_ERR_NOT_FOUND
 * when no program has made it yet. For looking at another program's mapping
 * (--peek) without leaving an object of our own behind. The small control
 * object "<name>.ctl" is still created if needed: it holds the lock.
 */
SM_API sm_status sm_channel_open_existing(const char *name, size_t view_bytes, sm_channel **out,
                                          sm_error *err);

/*
 * sm_channel_open_sized (may_create) or sm_channel_open_existing (!may_create)
 * with one deadline for every wait of the opening: deadline_ms, a time of
 * sm_channel_clock_ms(). An opening waits when another process is part-way
 * through making the channel (for the creator to size an object, at most
 * 1 s, and to store the layout version, at most 1 s) and when the name is
 * removed and made again under it (retries, at most SM_CHANNEL_PAIR_TRIES);
 * a hostile local user who replaces a Global name's objects on purpose could
 * keep those waits going, so all of them end at the deadline, with the error
 * of what was last seen (SM_ERR_WRONG_SIZE, SM_ERR_VERSION, SM_ERR_DAMAGED,
 * SM_ERR_SYSTEM) and the time waited in its message. deadline_ms 0: the
 * deadline is SM_CHANNEL_OPEN_WAIT_MS from now (what the other opens use).
 */
#define SM_CHANNEL_OPEN_WAIT_MS 10000u
/*
 * Now, on the clock of the channel's deadlines: milliseconds of a monotonic
 * clock (never stepped by NTP or a person changing the time), counted from an
 * unspecified start. A deadline is sm_channel_clock_ms() + the time allowed.
 */
SM_API unsigned long long sm_channel_clock_ms(void);

SM_API sm_status sm_channel_open_until(const char *name, size_t view_bytes, bool may_create,
                                       unsigned long long deadline_ms, sm_channel **out,
                                       sm_error *err);

/*
 * The channels this process can see, sorted by name: visit(name, view_bytes,
 * context) for each data object whose ".ctl" companion exists too - this
 * user's Local channels and every Global one (like ipcs for SampleMap). Open
 * one with sm_channel_open_existing to look inside; a channel may be removed
 * between the list and the open. SM_ERR_SYSTEM where the OS cannot list its
 * objects (Linux can; see sm_mapping_list).
 */
typedef void (*sm_channel_visit)(const char *name, size_t view_bytes, void *context);
SM_API sm_status sm_channel_list(sm_channel_visit visit, void *context, sm_error *err);

/* The view size the channel was opened with, and the longest message it carries. */
SM_API size_t sm_channel_view_bytes(const sm_channel *channel);
SM_API size_t sm_channel_max_units(const sm_channel *channel);

/* Closes the channel (NULL is fine). The named objects stay; see sm_channel_unlink. */
SM_API void sm_channel_close(sm_channel *channel);

/* Removes both named objects (POSIX); *removed is true if the data object existed. */
SM_API sm_status sm_channel_unlink(const char *name, bool *removed, sm_error *err);

/*
 * Switches the channel to the classic samples' protocol (teaching mode): no
 * lock, no ordering, overwrite on send, copy-then-clear on receive, no
 * delivery tracking - so messages can be lost or torn, which is the point.
 */
SM_API void sm_channel_set_classic(sm_channel *channel, bool classic);
SM_API bool sm_channel_classic(const sm_channel *channel);

/*
 * Wake mode (--wake): sm_channel_wait_message / sm_channel_wait_free
 * spin for a bounded few microseconds on the "data ready" / "slot free" word
 * of the control object and then sleep on it (futex / named event) instead of
 * sleeping a whole poll interval. Every safe-mode send and receive signals the
 * other side (only if it said it sleeps), wake mode or not, so modes mix.
 * A classic writer never signals: the wait's timeout (the poll interval) is
 * the fallback that still finds its message.
 */
SM_API void sm_channel_set_wake(sm_channel *channel, bool wake);
SM_API bool sm_channel_wake(const sm_channel *channel);

/*
 * The longest any one operation waits for the channel's lock, in ms
 * (SM_WAIT_FOREVER from lock_state.h = no bound; default
 * SM_CHANNEL_LOCK_TIMEOUT_MS). A process stopped while it holds the lock
 * (Ctrl-Z, SIGSTOP, a debugger) would otherwise hang everyone: on expiry an
 * operation returns SM_ERR_HELD, saying the channel is held and for how
 * long, and has changed nothing. sm_channel_send_wait also bounds each wait
 * by what is left of its own timeout. Windows keep this short so their event
 * loop never blocks on the lock.
 */
#define SM_CHANNEL_LOCK_TIMEOUT_MS 5000u
/*
 * How long a sender whose --timeout ended still tries to take the lock to
 * withdraw (or to ask why the slot stayed full): the only wait allowed past
 * the deadline, and short, so a run ends within --timeout + this + a few ms.
 */
#define SM_CHANNEL_WITHDRAW_GRACE_MS 50u
SM_API void sm_channel_set_lock_timeout(sm_channel *channel, unsigned timeout_ms);

/*
 * Waits up to timeout_ms for a message: true when the slot is full or a
 * writer signalled "data ready" (then call sm_channel_try_receive), false on
 * timeout. Poll mode: checks, sleeps timeout_ms, checks again.
 */
SM_API bool sm_channel_wait_message(sm_channel *channel, unsigned timeout_ms);

/* Waits up to timeout_ms for the slot to become free ("slot free" signalled or slot empty). */
SM_API bool sm_channel_wait_free(sm_channel *channel, unsigned timeout_ms);

/* Whether this process created the data mapping or opened an existing one. */
SM_API bool sm_channel_created(const sm_channel *channel);
SM_API const char *sm_channel_name(const sm_channel *channel);
SM_API const char *sm_channel_os_name(const sm_channel *channel);

/*
 * Whether the name no longer leads to this channel's view: it was removed
 * (--unlink) or removed and made again by another program, so peers that open
 * the name now reach another object than this channel. A window checks this
 * and reopens. Always false on Windows (a section cannot be removed while open).
 */
SM_API bool sm_channel_replaced(const sm_channel *channel);

/*
 * Puts a message into the slot if it is empty: SM_OK and *ticket filled, or
 * SM_BUSY (slot full: try again later; nothing was written), or a text error.
 * Classic mode overwrites instead and never returns SM_BUSY. The ticket
 * points at units (see sm_ticket: keep them while you ask about delivery).
 * ticket may be NULL when the caller will not ask about delivery: a
 * streaming sender learns that its message was taken when the slot is free
 * for the next one.
 */
SM_API sm_status sm_channel_try_send(sm_channel *channel, const uint16_t *units, size_t count,
                                     sm_ticket *ticket, sm_error *err);

/* Sets *delivered once a receiver has taken the message of ticket (classic: at once, unknowable).
 */
SM_API sm_status sm_channel_poll_delivery(sm_channel *channel, const sm_ticket *ticket,
                                          bool *delivered, sm_error *err);

/*
 * Takes the message of ticket back out of the slot if no receiver has taken
 * it yet: *withdrawn true means it will never be delivered, false means it
 * already was. Used when a sender gives up, so "not delivered" is the truth.
 */
SM_API sm_status sm_channel_withdraw(sm_channel *channel, const sm_ticket *ticket, bool *withdrawn,
                                     sm_error *err);

/*
 * Takes the message in the slot: copies it to out->units (out->capacity of
 * them, see sm_message) and empties the slot, atomically with respect to
 * every other user of the lock. SM_EMPTY if none. A message longer than the
 * buffer is not taken: SM_ERR_BUFFER_TOO_SMALL, out->count the units it
 * needs, the message left in the slot; a buffer of sm_channel_max_units
 * units never gets this from a sender of the same view size.
 * A message that does not end within this channel's view (a sender with a
 * larger view wrote it, or another program wrote bytes with no terminator)
 * is not taken: it would reach us cut, and its sender would be told it was
 * delivered. It is left in the slot for a receiver whose view holds it (or
 * for its sender to withdraw at its timeout), and SM_ERR_TEXT_TOO_LONG says
 * so. Classic mode takes it anyway, as the classic samples do.
 */
SM_API sm_status sm_channel_try_receive(sm_channel *channel, sm_message *out, sm_error *err);

/*
 * SM_OK, or SM_ERR_DAMAGED if another process truncated either object or
 * wrote over the control object's version and identity words since the open.
 * A take from an intact data view returns its message even when the control
 * object was damaged meanwhile (the message is whole, and its sender counts it
 * delivered); a receiver hands the message on, then asks this.
 */
SM_API sm_status sm_channel_check(sm_channel *channel, sm_error *err);

/*
 * Puts a message a receiver took back into the slot, for when it could not
 * pass the message on (its output failed): under the lock, if the slot is
 * still empty, the message is stored again (body first, unit 0 last) and
 * "data ready" signalled, so the next receiver gets it. SM_BUSY if another
 * message filled the slot meanwhile (nothing is overwritten). `taken` is not
 * undone: the sender may already have reported delivery, and the message
 * then still reaches a receiver (at-least-once at this point).
 */
SM_API sm_status sm_channel_put_back(sm_channel *channel, const sm_message *message, sm_error *err);

/*
 * Looks without taking: copies the message in the slot to out->units (SM_OK)
 * or returns SM_EMPTY, and leaves the slot as it was - no clear, no count, no
 * signal - so the program that owns the mapping still receives it. A buffer
 * too small for it: SM_ERR_BUFFER_TOO_SMALL as for sm_channel_try_receive (a
 * view with no terminator needs sm_channel_view_bytes / 2 units). Safe mode
 * copies under the lock (never torn by our writers); classic mode reads
 * without one, as a classic reader would.
 */
SM_API sm_status sm_channel_peek(sm_channel *channel, sm_message *out, sm_error *err);

/*
 * A copy of everything a channel holds, as sm_channel_inspect found it. The
 * view's bytes go into a buffer the caller provides (bytes, capacity): set
 * one up with SM_CHANNEL_SNAPSHOT_INIT(bytes, capacity), capacity at least
 * sm_channel_view_bytes(channel).
 */
typedef struct sm_channel_snapshot {
    unsigned char *bytes;           /* the caller's buffer: the view as it was, UTF-16LE */
    size_t capacity;                /* bytes the buffer holds */
    size_t view_bytes;              /* bytes of the view copied into bytes */
    uint32_t layout_version;        /* the control object's layout version */
    uint32_t creator_pid, last_pid; /* who made it, who last opened it to use it (0 = unknown) */
    uint64_t taken;                 /* messages receivers have taken */
    uint64_t published;             /* messages safe senders have put in */
    uint32_t data_word, free_word;  /* the wake words "data ready" and "slot free" */
    uint32_t data_sleepers, free_sleepers; /* receivers / senders asleep on them */
    sm_lock_state lock_state;              /* the channel lock, seen without taking it */
    unsigned long lock_owner;              /* its holder's thread/process id when known, else 0 */
    const char *lock_kind;                 /* which lock the channel uses, in words */
} sm_channel_snapshot;

#define SM_CHANNEL_SNAPSHOT_INIT(bytes, capacity)                                                  \
    {                                                                                              \
        (bytes), (capacity), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, SM_LOCK_UNKNOWN, 0, NULL                \
    }

/*
 * Copies the view's bytes into out->bytes and the control object's fields
 * into *out without taking the lock, clearing, counting or
 * signalling anything: the owner of the mapping notices nothing, and a writer
 * stopped half-way is seen half-way (that is what it is for: the byte view).
 * The bytes are read unit by unit while writers may be storing, so they are a
 * moment's picture, not a message. SM_ERR_DAMAGED if an object was truncated;
 * SM_ERR_BUFFER_TOO_SMALL, with out->view_bytes the bytes needed and nothing
 * copied, if out->capacity is less than the view.
 */
SM_API sm_status sm_channel_inspect(sm_channel *channel, sm_channel_snapshot *out, sm_error *err);

/*
 * Sends and waits: retries every poll_ms while the slot is full, then waits
 * for delivery, all within timeout_ms (0 = wait forever). On timeout the
 * message is withdrawn (or found delivered) and SM_ERR_TIMEOUT explains which.
 * SM_ERR_HELD: the lock stayed taken by another process; if that happened
 * after the message went in, it could not be withdrawn either and the
 * message says so (it may still be delivered). Every wait inside - the lock,
 * each wait between looks (poll_ms is cut to what is left), the futex or
 * event wait - ends at the deadline; only the withdraw's lock may take
 * SM_CHANNEL_WITHDRAW_GRACE_MS more (a look cut short by the deadline while
 * a receiver held the lock is no verdict: the withdraw asks again). Messages
 * give the time really waited.
 */
SM_API sm_status sm_channel_send_wait(sm_channel *channel, const uint16_t *units, size_t count,
                                      unsigned timeout_ms, unsigned poll_ms, sm_error *err);

#ifdef __cplusplus
}
#endif

/*
 * The same with the deadline given: deadline_ms, a time of sm_channel_clock_ms()
 * (0 = none), so a program whose opening already used part of its --timeout
 * passes the rest of that one deadline on (the headless sender does).
 */
/*
 * A flag (e.g. set by a SIGINT/SIGTERM handler) that ends the channel's waits:
 * once it is non-zero, sm_channel_wait_message/_free return within about 20 ms
 * (poll mode sleeps in slices and looks at it; a wake-mode sleep is cut short
 * by the signal itself), and sm_channel_send_wait/_until withdraw their
 * message if it is still unread and return SM_ERR_CANCELLED (a message a
 * receiver took first is reported delivered, SM_OK). NULL: not cancellable.
 */
SM_API void sm_channel_set_cancel(sm_channel *channel, const volatile sig_atomic_t *flag);

/*
 * Whether the last sm_channel_send_wait/_until got its message into the slot:
 * after an SM_ERR_TIMEOUT it tells "no receiver took it, withdrawn" (true)
 * from "the slot stayed full, never sent" (false); the sender's --json
 * "cause" reports which.
 */
SM_API bool sm_channel_last_send_published(const sm_channel *channel);

SM_API sm_status sm_channel_send_until(sm_channel *channel, const uint16_t *units, size_t count,
                                       unsigned long long deadline_ms, unsigned poll_ms,
                                       sm_error *err);

#endif
