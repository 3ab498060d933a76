/* channel.c - the slot protocol under the cross-process lock, with delivery tracking. */
#include "channel.h"

#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hook.h"
#include "mapping.h"
#include "name.h"
#include "os_process.h"
#include "spin_budget.h"

/*
 * The companion control object: counters that the classic 2 KB format has no
 * room for, and the wake words of the two-event handshake of the
 * classic DBWIN_BUFFER_READY / DBWIN_DATA_READY protocol:
 *   data_word  "data ready":  bumped by a writer after each publish,
 *   free_word  "buffer ready": bumped by a reader after each take (and by a
 *              withdraw), i.e. whenever the slot became free.
 * Each is bumped AFTER the lock is released, so a woken peer finds the lock
 * free and never blocks in the kernel on it. A side that is about to sleep on
 * a word first counts itself in *_sleepers; the other side makes the wake
 * system call only when that count is non-zero, so the hot path (the peer is
 * spinning or busy) costs one atomic add and one load, no system call.
 * The fields were "reserved, zero" before: a zeroed object is a valid state,
 * and an older build that ignores them still interoperates (its waits are polls).
 * A process killed while asleep leaves its sleeper count behind: harmless,
 * the other side then makes one needless wake call per message.
 */
typedef struct sm_control {
    _Atomic uint64_t taken;         /* messages receivers have removed from the slot */
    _Atomic uint64_t published;     /* messages senders have put into the slot */
    _Atomic uint32_t data_word;     /* "data ready": bumped after every publish */
    _Atomic uint32_t free_word;     /* "slot free": bumped after every take or withdraw */
    _Atomic uint32_t data_sleepers; /* receivers asleep (or going to sleep) on data_word */
    _Atomic uint32_t free_sleepers; /* senders asleep (or going to sleep) on free_word */
    /*
     * Version 3: the layout version, stored by the control object's creator
     * right after creating it and checked by every opener (0 = made by
     * version 2, which left these bytes zero, or by a creator killed before
     * it stored the version); then the identity of the data object this one
     * belongs to (sm_mapping_identity), set by the first opener that finds 0,
     * so a process never pairs one channel's view with another's lock.
     */
    _Atomic uint32_t layout_version;
    /*
     * The running words (hints, like the wake words; zero in objects of
     * builds before them, which leaves their peers' spins short, not wrong):
     * a receiver's wait stores a new non-zero beat in receiver_running when it
     * starts, every SM_SPIN_BEAT_EVERY reads while it spins and when it wakes,
     * and 0 just before it sleeps; a sender's the same in sender_running. A
     * waiter spins only while its peer's word shows the peer on a CPU (see
     * wait_word).
     */
    _Atomic uint32_t receiver_running;
    _Atomic uint64_t data_identity;
    /*
     * Version 4: the ABI of the lock kept below (sm_mapping_lock_abi), stored
     * by the creator before the version, so an opener that sees the version
     * sees it too. A Local lock is a pthread mutex whose layout differs
     * between 32-bit and 64-bit programs: a peer of the other ABI is refused
     * at open, never left to misread the lock (check_lock_abi).
     */
    _Atomic uint32_t lock_abi;
    /*
     * Version 4 too: who made the channel and who last opened it to send or
     * receive (process ids; 0 = unknown), for the channel list (--list) to
     * tell a channel in use from a stale one. Hints only: nothing the
     * protocol decides reads them, and anyone who may write the object can
     * change them.
     */
    _Atomic uint32_t creator_pid;
    _Atomic uint32_t last_pid;
    _Atomic uint32_t sender_running; /* see receiver_running */
    /*
     * Since version 2 the channel lock may live here, at
     * SM_CONTROL_LOCK_OFFSET: the bytes sm_mapping_lock is offered for a lock
     * whose uncontended path is a userspace atomic instead of system calls
     * (three lock+unlock pairs per message; docs/performance.md has the
     * figures). The object grew from 64 to 128 bytes for it: a version-1
     * object (64 bytes, whose users lock with flock and would not exclude us)
     * is refused as the wrong size.
     */
    unsigned char lock[SM_LOCK_BYTES];
    unsigned char reserved2[128 - 64 - SM_LOCK_BYTES];
} sm_control;

#define SM_CONTROL_BYTES 128
#define SM_CONTROL_LOCK_OFFSET 64
#define SM_CONTROL_VERSION 4
/* How long an opener waits for a fresh control object's creator to store the version. */
#define SM_CONTROL_VERSION_WAIT_MS 1000
/* How often an open retries when the two objects do not belong together (a remove in progress). */
#define SM_CHANNEL_PAIR_TRIES 200
_Static_assert(sizeof(sm_control) == SM_CONTROL_BYTES, "control object layout is fixed");
_Static_assert(offsetof(sm_control, lock) == SM_CONTROL_LOCK_OFFSET, "lock offset is fixed");
_Static_assert(offsetof(sm_control, layout_version) == 32 &&
                   offsetof(sm_control, data_identity) == 40 &&
                   offsetof(sm_control, lock_abi) == 48,
               "version, identity and lock ABI offsets are fixed");
_Static_assert(offsetof(sm_control, data_word) % 4 == 0 && offsetof(sm_control, free_word) % 4 == 0,
               "wake words are aligned 32-bit words");
_Static_assert(offsetof(sm_control, receiver_running) == 36 &&
                   offsetof(sm_control, sender_running) == 60,
               "the running words sit where version 4 kept zero bytes, in the hot line");

/*
 * The spin's bounds besides its budget (spin_budget.h): at most
 * SM_SPIN_MAX_ITERATIONS reads, which keeps the bound even if the clock were
 * to stall; the clock is read only every SM_SPIN_YIELD_EVERY iterations.
 */
#define SM_SPIN_YIELD_AFTER_NS 5000ull
#define SM_SPIN_MAX_ITERATIONS 200000u
/* Each wait moves the learned average (spin_budget.h) by 1/8. */
#define SM_SPIN_LEARN_SHIFT 3

/*
 * And no spin at all while more threads are ready than this thread has CPUs
 * (sm_cpus_contended), or when it may use one CPU only (sm_single_cpu): a
 * spinner then holds a CPU someone waits for, often the very peer it waits
 * on, so a busy desktop gets the slowest hand-over of all - the spin, the
 * peer's wait for a CPU, then the sleep anyway.
 *
 * Otherwise a spin only while the peer is on a CPU, the way Linux's mutexes
 * spin only while the owner runs: what a waiter waits for is the peer's next
 * step, and a peer that is asleep or preempted takes none however long one
 * spins. The peer's running word says it: 0 (asleep, or never waited) means
 * no spin, unless this waiter has just woken it (then the whole SM_SPIN_NS
 * covers its way back onto a CPU, which on an idle VM CPU takes tens of
 * microseconds: spin_budget.h); a spin ends when the word drops to 0, or
 * when its beat has not changed for SM_PEER_QUIET_NS (the peer was
 * preempted, or works longer than a hand-over).
 */
#define SM_PEER_QUIET_NS 8000ull
#define SM_SPIN_BEAT_EVERY 32

/*
 * Why the spin yields the CPU: the kernel often places a woken peer on the
 * waker's own CPU, and a peer preempted by its own wake call lands there too;
 * a pure spin would then keep the very peer it waits for from running (the
 * perf sched evidence is in docs/performance.md). So a waiter that has just
 * woken a sleeper yields before it spins, and a spin that has lasted
 * SM_SPIN_YIELD_AFTER_NS yields every SM_SPIN_YIELD_EVERY reads, when it
 * reads the clock: each yield returns when nothing else is ready on the CPU,
 * and hands the CPU over when the peer waits in the run queue. Not sooner: a
 * yield is a system call (1.6 us on the benchmark VM, docs/performance.md),
 * and a peer on the other CPU usually answers within a few microseconds.
 */
#define SM_SPIN_YIELD_EVERY 64

struct sm_channel {
    sm_mapping *data;         /* the view (2 KB by default); its lock guards every slot change */
    size_t view_bytes;        /* the view's size: limits and reads follow it */
    sm_mapping *control;      /* "<name>.ctl": the counters and wake words */
    bool classic;             /* teaching mode: the unsafe classic protocol */
    bool wake;                /* wait by spinning then sleeping on a wake word */
    unsigned lock_timeout_ms; /* longest wait for the lock (sm_channel_set_lock_timeout) */
    unsigned long long lock_deadline; /* sm_channel_send_wait's end (monotonic ms), 0 = none */
    bool lock_cut; /* the last lock wait was cut short by lock_deadline, not lock_timeout_ms */
    unsigned long long identity; /* the data object's identity, recorded in the control object */
    _Atomic bool woke_sleeper;   /* our last signal woke a sleeping peer: next wait yields first */
    /* The learned average wait on data_word / free_word, in ns (see SM_SPIN_MIN_NS). */
    _Atomic unsigned long long data_wait_avg_ns, free_wait_avg_ns;
    const volatile sig_atomic_t *cancel; /* set (non-zero) by a signal handler: stop waiting */
    bool last_send_published;            /* the last send_until got its message into the slot */
};

static sm_control *control_of(sm_channel *channel)
{
    return sm_mapping_view(channel->control);
}

/*
 * The channel's lock: the backend's lock on the data object, which may keep
 * itself in the control object's lock bytes (mapping.h says which kind each
 * OS uses and why). The wait is bounded (a stopped peer can hold it for
 * ever): by the channel's lock timeout, and inside sm_channel_send_wait by
 * what is left of its --timeout, so a sender never waits past it.
 */
static sm_status channel_lock(sm_channel *channel, sm_error *err)
{
    unsigned timeout_ms = channel->lock_timeout_ms;
    channel->lock_cut = false;
    if (channel->lock_deadline != 0) {
        unsigned long long now = sm_monotonic_ms();
        unsigned long long left = now >= channel->lock_deadline ? 0 : channel->lock_deadline - now;
        if (left < timeout_ms) {
            timeout_ms = (unsigned)left;
            channel->lock_cut = true;
        }
    }
    unsigned long long start = sm_monotonic_ms();
    sm_status status =
        sm_mapping_lock(channel->data, channel->control, SM_CONTROL_LOCK_OFFSET, timeout_ms, err);
    if (status == SM_ERR_HELD) /* name the channel, not its companion object; the real wait */
        status = sm_error_set(err, SM_ERR_HELD,
                              "channel '%s' is held by another process: its lock stayed taken "
                              "for the %llu ms waited (a peer stopped with Ctrl-Z or SIGSTOP, "
                              "or in a debugger?)",
                              sm_channel_name(channel), sm_monotonic_ms() - start);
    return status;
}

static void channel_unlock(sm_channel *channel)
{
    sm_mapping_unlock(channel->data, channel->control, SM_CONTROL_LOCK_OFFSET);
}

/*
 * SM_ERR_DAMAGED once either object was truncated under us (sm_mapping_damaged):
 * its pages were replaced with zeros, so nothing read from it can be trusted.
 */
static sm_status check_damage(sm_channel *channel, sm_error *err)
{
    /* Bytes written over the control object show in the two words fixed since the open. */
    sm_control *control = control_of(channel);
    bool overwritten =
        atomic_load(&control->layout_version) != SM_CONTROL_VERSION ||
        (channel->identity != 0 && atomic_load(&control->data_identity) != channel->identity);
    /* Those loads may themselves have found the object truncated: test that after them. */
    if (overwritten && !sm_mapping_damaged(channel->control))
        return sm_error_set(err, SM_ERR_DAMAGED,
                            "channel '%s' was damaged by another process: its control object's "
                            "version and identity words were overwritten while in use (anyone "
                            "who may write it can)",
                            sm_channel_name(channel));
    if (!sm_mapping_damaged(channel->data) && !sm_mapping_damaged(channel->control))
        return SM_OK;
    return sm_error_set(err, SM_ERR_DAMAGED,
                        "channel '%s' was damaged by another process: its %s object was "
                        "truncated while in use (anyone who may write it can); nothing more is "
                        "sent or taken",
                        sm_channel_name(channel),
                        sm_mapping_damaged(channel->data) ? "data" : "control");
}

/*
 * An operation's result, unless the objects were found damaged during it.
 * A message left in the slot (SM_ERR_TEXT_TOO_LONG or SM_ERR_BUFFER_TOO_SMALL
 * from a take) counts as a result too: bytes scribbled over both objects look
 * like an unterminated message, and the damage is what the receiver must
 * report, not the message.
 */
static sm_status after_damage_check(sm_channel *channel, sm_status status, sm_error *err)
{
    if (status != SM_OK && status != SM_BUSY && status != SM_EMPTY &&
        status != SM_ERR_TEXT_TOO_LONG && status != SM_ERR_BUFFER_TOO_SMALL)
        return status;
    sm_status damage = check_damage(channel, err);
    return damage != SM_OK ? damage : status;
}

/* A user's name may not end in ".ctl": that is how every channel names its companion. */
static sm_status refuse_companion_name(const char *name, sm_error *err)
{
    if (!sm_name_is_companion(name))
        return SM_OK;
    return sm_error_set(err, SM_ERR_NAME,
                        "mapping name '%s' ends in '%s', which is reserved for each channel's "
                        "control object; choose a name that does not",
                        name, SM_NAME_CONTROL_SUFFIX);
}

static sm_status open_channel(const char *name, size_t view_bytes, bool may_create,
                              unsigned long long deadline, sm_channel **out, sm_error *err);

/* "a 32-bit program (its lock: a 24-byte pthread mutex)" for an ABI word (sm_mapping_lock_abi). */
static void describe_lock_abi(uint32_t abi, char *out, size_t size)
{
    unsigned bits = abi >> 16, bytes = abi & 0xffffu;
    if (abi == 0)
        snprintf(out, size, "a program whose lock keeps nothing in the object (flock)");
    else if ((bits == 32 || bits == 64) && bytes != 0)
        snprintf(out, size, "a %u-bit program (its lock: a %u-byte pthread mutex)", bits, bytes);
    else
        snprintf(out, size, "a program of unknown lock ABI 0x%08lx", (unsigned long)abi);
}

/*
 * A peer of another ABI is refused here, at open: it would read the lock with
 * its own layout, exclude nobody reliably, and never understand the "owner
 * died" mark a dead holder leaves, so the channel would wedge for everyone.
 */
static sm_status check_lock_abi(sm_channel *channel, sm_error *err)
{
    uint32_t recorded = atomic_load(&control_of(channel)->lock_abi);
    uint32_t mine = sm_mapping_lock_abi(channel->data);
    if (recorded == mine)
        return SM_OK;
    char theirs[96], ours[96];
    describe_lock_abi(recorded, theirs, sizeof theirs);
    describe_lock_abi(mine, ours, sizeof ours);
    return sm_error_set(err, SM_ERR_ABI,
                        "channel '%s' was set up by %s and this is %s: the two lay the lock out "
                        "differently and cannot share it",
                        sm_channel_name(channel), theirs, ours);
}

/*
 * Checks the control object's layout version; its creator stores it first.
 * The wait for it ends SM_CONTROL_VERSION_WAIT_MS from now, or at deadline.
 */
static sm_status check_version(sm_channel *channel, unsigned long long deadline, sm_error *err)
{
    sm_control *control = control_of(channel);
    if (sm_mapping_created(channel->control)) {
        /* The lock's ABI first: seq_cst stores, so whoever sees the version sees it too. */
        atomic_store(&control->lock_abi, sm_mapping_lock_abi(channel->data));
        atomic_store(&control->creator_pid, (uint32_t)sm_process_id());
        atomic_store(&control->layout_version, SM_CONTROL_VERSION);
        return SM_OK;
    }
    uint32_t version = atomic_load(&control->layout_version);
    /* A creator stores the version right after creating the object: wait for it, boundedly. */
    unsigned long long version_start = sm_monotonic_ms();
    unsigned long long version_deadline = version_start + SM_CONTROL_VERSION_WAIT_MS;
    if (deadline < version_deadline)
        version_deadline = deadline;
    while (version == 0 && sm_monotonic_ms() < version_deadline) {
        sm_sleep_ms(1);
        version = atomic_load(&control->layout_version);
    }
    if (version == SM_CONTROL_VERSION)
        return check_lock_abi(channel, err);
    if (version == 0)
        return sm_error_set(err, SM_ERR_VERSION,
                            "the control object of '%s' has no layout version (none stored in "
                            "the %llu ms waited): an older build (layout version 2) made it, or "
                            "its creator was killed; this build uses version %u",
                            sm_channel_name(channel), sm_monotonic_ms() - version_start,
                            SM_CONTROL_VERSION);
    return sm_error_set(err, SM_ERR_VERSION,
                        "the control object of '%s' has layout version %lu, this build uses "
                        "version %u (a %s build made it, or someone overwrote it)",
                        sm_channel_name(channel), (unsigned long)version, SM_CONTROL_VERSION,
                        version > SM_CONTROL_VERSION ? "newer" : "older");
}

/*
 * True if the control object belongs to our data object: it records the
 * data object's identity (the first opener stores it). False means the name
 * was removed and created again between our two opens (--unlink racing us),
 * so we hold one channel's view and another's lock: open both again.
 */
static bool objects_belong_together(sm_channel *channel)
{
    unsigned long long mine = sm_mapping_identity(channel->data);
    channel->identity = mine;
    if (mine == 0)
        return true; /* the OS cannot re-create an object while we hold it */
    uint64_t expected = 0;
    _Atomic uint64_t *recorded = &control_of(channel)->data_identity;
    if (atomic_compare_exchange_strong(recorded, &expected, (uint64_t)mine))
        return true;
    return expected == mine;
}

sm_status sm_channel_open(const char *name, sm_channel **out, sm_error *err)
{
    return open_channel(name, SM_SLOT_BYTES, true, 0, out, err);
}

sm_status sm_channel_open_sized(const char *name, size_t view_bytes, sm_channel **out,
                                sm_error *err)
{
    return open_channel(name, view_bytes, true, 0, out, err);
}

sm_status sm_channel_open_existing(const char *name, size_t view_bytes, sm_channel **out,
                                   sm_error *err)
{
    return open_channel(name, view_bytes, false, 0, out, err);
}

unsigned long long sm_channel_clock_ms(void)
{
    return sm_monotonic_ms();
}

sm_status sm_channel_open_until(const char *name, size_t view_bytes, bool may_create,
                                unsigned long long deadline_ms, sm_channel **out, sm_error *err)
{
    return open_channel(name, view_bytes, may_create, deadline_ms, out, err);
}

static sm_status open_channel(const char *name, size_t view_bytes, bool may_create,
                              unsigned long long deadline, sm_channel **out, sm_error *err)
{
    char control_name[300];
    *out = NULL;
    if (sm_slot_check_size(view_bytes, err) != SM_OK)
        return SM_ERR_INVALID_ARGUMENT;
    if (refuse_companion_name(name, err) != SM_OK)
        return SM_ERR_NAME;
    sm_status status =
        sm_name_with_suffix(name, SM_NAME_CONTROL_SUFFIX, control_name, sizeof control_name, err);
    if (status != SM_OK)
        return status;
    /* One deadline for every wait of the opening; none given: SM_CHANNEL_OPEN_WAIT_MS. */
    unsigned long long start = sm_monotonic_ms();
    if (deadline == 0)
        deadline = start + SM_CHANNEL_OPEN_WAIT_MS;
    for (unsigned attempt = 1;; attempt++) {
        sm_channel *channel = calloc(1, sizeof *channel);
        if (channel == NULL)
            return sm_error_set(err, SM_ERR_SYSTEM, "out of memory");
        channel->lock_timeout_ms = SM_CHANNEL_LOCK_TIMEOUT_MS;
        channel->view_bytes = view_bytes;
        /* Until it has learned: the whole SM_SPIN_NS (SM_SPIN_MIN_NS + 4 x this). */
        atomic_init(&channel->data_wait_avg_ns, (SM_SPIN_NS - SM_SPIN_MIN_NS) / 4);
        atomic_init(&channel->free_wait_avg_ns, (SM_SPIN_NS - SM_SPIN_MIN_NS) / 4);
        status = sm_mapping_open_until(name, view_bytes, may_create, deadline, &channel->data, err);
        if (status == SM_OK) {
            /* A process stopped here sees --unlink remove the objects it is opening. */
            sm_hook_pass("channel-between-opens");
            status = sm_mapping_open_until(control_name, SM_CONTROL_BYTES, true, deadline,
                                           &channel->control, err);
        }
        if (status == SM_OK)
            status = check_version(channel, deadline, err);
        if (status == SM_OK && !objects_belong_together(channel)) {
            status = sm_error_set(err, SM_ERR_DAMAGED,
                                  "the two objects of channel '%s' do not belong together "
                                  "(still after %u %s in %llu ms: is it being removed and "
                                  "created again, or was one removed by hand?)",
                                  name, attempt, attempt == 1 ? "try" : "tries",
                                  sm_monotonic_ms() - start);
            if (attempt < SM_CHANNEL_PAIR_TRIES && sm_monotonic_ms() < deadline) {
                sm_channel_close(channel);
                sm_sleep_ms(1);
                continue;
            }
        }
        if (status != SM_OK) {
            sm_channel_close(channel);
            return status;
        }
        /* A sender or receiver is a user; a mere look (--peek, --list) leaves no trace. */
        if (may_create)
            atomic_store(&control_of(channel)->last_pid, (uint32_t)sm_process_id());
        *out = channel;
        return SM_OK;
    }
}

/* The objects sm_channel_list found, collected so that pairs can be matched and sorted. */
typedef struct listed_object {
    char name[SM_POSIX_NAME_MAX + 16];
    unsigned long long size;
} listed_object;

typedef struct object_list {
    listed_object *items;
    size_t count, capacity;
    bool out_of_memory;
} object_list;

static void collect_object(const char *name, const char *os_name, unsigned long long size,
                           void *context)
{
    (void)os_name;
    object_list *list = context;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity == 0 ? 64 : list->capacity * 2;
        listed_object *items = realloc(list->items, capacity * sizeof *items);
        if (items == NULL) {
            list->out_of_memory = true;
            return;
        }
        list->items = items;
        list->capacity = capacity;
    }
    listed_object *item = &list->items[list->count++];
    snprintf(item->name, sizeof item->name, "%s", name);
    item->size = size;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const listed_object *)a)->name, ((const listed_object *)b)->name);
}

sm_status sm_channel_list(sm_channel_visit visit, void *context, sm_error *err)
{
    object_list list = {NULL, 0, 0, false};
    sm_status status = sm_mapping_list(collect_object, &list, err);
    if (status == SM_OK && list.out_of_memory)
        status = sm_error_set(err, SM_ERR_SYSTEM, "out of memory while listing the channels");
    if (status == SM_OK && list.count > 0) {
        qsort(list.items, list.count, sizeof *list.items, by_name);
        /* A channel is a data object whose companion "<name>.ctl" is listed too. */
        for (size_t i = 0; i < list.count; i++) {
            listed_object key;
            if (sm_name_is_companion(list.items[i].name) ||
                sm_name_with_suffix(list.items[i].name, SM_NAME_CONTROL_SUFFIX, key.name,
                                    sizeof key.name, NULL) != SM_OK ||
                bsearch(&key, list.items, list.count, sizeof *list.items, by_name) == NULL)
                continue;
            visit(list.items[i].name, (size_t)list.items[i].size, context);
        }
    }
    free(list.items);
    return status;
}

void sm_channel_close(sm_channel *channel)
{
    if (channel == NULL)
        return;
    sm_mapping_close(channel->control);
    sm_mapping_close(channel->data);
    free(channel);
}

sm_status sm_channel_unlink(const char *name, bool *removed, sm_error *err)
{
    char control_name[300];
    if (removed != NULL)
        *removed = false;
    if (refuse_companion_name(name, err) != SM_OK)
        return SM_ERR_NAME;
    sm_status status = sm_mapping_unlink(name, removed, err);
    if (status == SM_OK)
        status = sm_name_with_suffix(name, SM_NAME_CONTROL_SUFFIX, control_name,
                                     sizeof control_name, err);
    if (status == SM_OK)
        status = sm_mapping_unlink(control_name, NULL, err);
    return status;
}

size_t sm_channel_view_bytes(const sm_channel *channel)
{
    return channel->view_bytes;
}
size_t sm_channel_max_units(const sm_channel *channel)
{
    return SM_SLOT_TEXT_UNITS(channel->view_bytes);
}

void sm_channel_set_classic(sm_channel *channel, bool classic)
{
    channel->classic = classic;
}
bool sm_channel_classic(const sm_channel *channel)
{
    return channel->classic;
}
void sm_channel_set_wake(sm_channel *channel, bool wake)
{
    channel->wake = wake;
}
void sm_channel_set_lock_timeout(sm_channel *channel, unsigned timeout_ms)
{
    channel->lock_timeout_ms = timeout_ms;
}
bool sm_channel_wake(const sm_channel *channel)
{
    return channel->wake;
}

/*
 * Bumps a wake word and wakes its sleepers if any said they sleep. Called by
 * every safe-mode writer and reader, --wake or not, after unlocking: so a
 * --wake peer is woken by a poll-mode one too. seq_cst on the bump and the
 * sleeper load pairs with the sleeper's seq_cst add and re-check (wait_word):
 * either we see its count, or it sees our bump - a wake is never lost.
 */
static void signal_word(sm_channel *channel, _Atomic uint32_t *word, _Atomic uint32_t *sleepers)
{
    atomic_fetch_add(word, 1);
    if (atomic_load(sleepers) == 0)
        return;
    sm_mapping_wake_word(channel->control, (size_t)((char *)word - (char *)control_of(channel)));
    /* Relaxed: only a hint for this process's next wait (a GUI waits on another thread). */
    atomic_store_explicit(&channel->woke_sleeper, true, memory_order_relaxed);
}

/* A new non-zero beat in a running word: this side is on a CPU (see SM_PEER_QUIET_NS). */
static void beat(_Atomic uint32_t *running)
{
    /* Relaxed: a hint; two threads of one side may race, and either beat will do. */
    uint32_t next = atomic_load_explicit(running, memory_order_relaxed) + 1;
    atomic_store_explicit(running, next != 0 ? next : 1, memory_order_relaxed);
}

/*
 * Waits until *word moves away from seen, or ready() holds, or timeout_ms
 * passes: spins (bounded, see SM_SPIN_NS, and only while the peer runs, see
 * SM_PEER_QUIET_NS) then sleeps on the word. own_running is this side's
 * running word, peer_running the other side's. Returns true if the word
 * moved or ready() holds.
 */
static bool wait_word(sm_channel *channel, _Atomic uint32_t *word, _Atomic uint32_t *sleepers,
                      _Atomic uint32_t *own_running, _Atomic uint32_t *peer_running,
                      _Atomic unsigned long long *wait_avg_ns, uint32_t seen,
                      bool (*ready)(sm_channel *), unsigned timeout_ms)
{
    unsigned long long spin_start = sm_monotonic_ns();
    /* Relaxed: a hint for this process's spins; another thread's update may be lost. */
    unsigned long long average = atomic_load_explicit(wait_avg_ns, memory_order_relaxed);
    beat(own_running);
    bool woke = atomic_exchange_explicit(&channel->woke_sleeper, false, memory_order_relaxed);
    uint32_t peer = atomic_load_explicit(peer_running, memory_order_relaxed);
    unsigned long long peer_seen_ns = spin_start; /* when the peer's word last changed */
    /* None while contended or on one CPU, none for a sleeping peer, all after a wake call. */
    unsigned long long budget =
        sm_spin_budget_ns(average, sm_cpus_contended() || sm_single_cpu(), peer == 0, woke);
    bool moved = false, slept = false;
    /* Just woke the peer: it may be queued on this CPU, so let it run first (see above). */
    if (woke)
        sm_yield_cpu();
    for (unsigned i = 1; i <= SM_SPIN_MAX_ITERATIONS; i++) {
        if (atomic_load_explicit(word, memory_order_acquire) != seen || ready(channel)) {
            moved = true;
            break;
        }
        if (budget == 0)
            break;
        sm_cpu_relax();
        if (i % SM_SPIN_BEAT_EVERY == 0)
            beat(own_running);
        if (i % SM_SPIN_YIELD_EVERY == 0) {
            unsigned long long now = sm_monotonic_ns(), spun = now - spin_start;
            if (spun >= budget)
                break;
            uint32_t running = atomic_load_explicit(peer_running, memory_order_relaxed);
            if (running == 0 && peer != 0)
                break; /* the peer went to sleep: it takes no step until someone wakes it */
            if (running != peer) {
                peer = running;
                peer_seen_ns = now;
            } else if (running != 0 && now - peer_seen_ns >= SM_PEER_QUIET_NS) {
                break; /* no beat: the peer is not on a CPU (preempted, or working long) */
            }
            if (spun >= SM_SPIN_YIELD_AFTER_NS)
                sm_yield_cpu();
        }
    }
    if (!moved && timeout_ms == 0)
        return ready(channel);
    if (!moved) {
        /* Off the CPU from here: a peer's spin on us would be for nothing. */
        atomic_store_explicit(own_running, 0, memory_order_relaxed);
        /* Say we sleep, then re-check: pairs with signal_word (see there). */
        atomic_fetch_add(sleepers, 1);
        if (atomic_load(word) == seen && !ready(channel)) {
            sm_mapping_wait_word(channel->control,
                                 (size_t)((char *)word - (char *)control_of(channel)), seen,
                                 timeout_ms);
            slept = true;
        }
        atomic_fetch_sub(sleepers, 1);
        beat(own_running);
        moved = atomic_load(word) != seen || ready(channel);
    }
    /* Learn: a wait a spin of SM_SPIN_NS would have caught counts, a longer one counts as 0. */
    unsigned long long waited = sm_monotonic_ns() - spin_start;
    unsigned long long sample = moved && (!slept || waited <= SM_SPIN_NS) ? waited : 0;
    if (sample > SM_SPIN_NS)
        sample = SM_SPIN_NS;
    long long step = ((long long)sample - (long long)average) / (1 << SM_SPIN_LEARN_SHIFT);
    atomic_store_explicit(wait_avg_ns, (unsigned long long)((long long)average + step),
                          memory_order_relaxed);
    return moved;
}

/* How often a poll-mode wait of a cancellable channel looks at its flag while it sleeps. */
#define SM_CHANNEL_CANCEL_LOOK_MS 20u

void sm_channel_set_cancel(sm_channel *channel, const volatile sig_atomic_t *flag)
{
    channel->cancel = flag;
}

bool sm_channel_last_send_published(const sm_channel *channel)
{
    return channel->last_send_published;
}

static bool cancelled(const sm_channel *channel)
{
    return channel->cancel != NULL && *channel->cancel != 0;
}

/*
 * A poll-mode pause of timeout_ms. A cancellable channel sleeps it in slices
 * and stops early once its flag is set, so Ctrl+C is seen within about 20 ms
 * even with --interval 60000; the slot is still looked at only once per
 * interval (the interval is what the classic lessons are about).
 */
static unsigned ms_left(unsigned long long deadline);

static void pause_ms(const sm_channel *channel, unsigned timeout_ms)
{
    if (channel->cancel == NULL) {
        sm_sleep_ms(timeout_ms);
        return;
    }
    unsigned long long end = sm_monotonic_ms() + timeout_ms;
    for (unsigned left = timeout_ms; left > 0 && !cancelled(channel); left = ms_left(end))
        sm_sleep_ms(left < SM_CHANNEL_CANCEL_LOOK_MS ? left : SM_CHANNEL_CANCEL_LOOK_MS);
}

static bool slot_full(sm_channel *channel)
{
    return !sm_slot_is_empty(sm_mapping_view(channel->data));
}
static bool slot_free(sm_channel *channel)
{
    return sm_slot_is_empty(sm_mapping_view(channel->data));
}

bool sm_channel_wait_message(sm_channel *channel, unsigned timeout_ms)
{
    if (!channel->wake || channel->classic) {
        if (slot_full(channel))
            return true;
        pause_ms(channel, timeout_ms);
        return slot_full(channel);
    }
    /*
     * A receiver asks once per thread to run the moment it is woken
     * (os_process.h). Only receivers: the scheduler lets a woken thread
     * preempt its waker only if its slice is shorter than the waker's, so a
     * sender must keep the ordinary slice. docs/performance.md has the figures.
     */
    static _Thread_local bool quick_wake_asked;
    if (!quick_wake_asked) {
        quick_wake_asked = true;
        (void)sm_thread_request_quick_wake();
    }
    sm_control *control = control_of(channel);
    uint32_t seen = atomic_load(&control->data_word);
    if (slot_full(channel))
        return true;
    return wait_word(channel, &control->data_word, &control->data_sleepers,
                     &control->receiver_running, &control->sender_running,
                     &channel->data_wait_avg_ns, seen, slot_full, timeout_ms);
}

bool sm_channel_wait_free(sm_channel *channel, unsigned timeout_ms)
{
    if (!channel->wake || channel->classic) {
        if (slot_free(channel))
            return true;
        pause_ms(channel, timeout_ms);
        return slot_free(channel);
    }
    sm_control *control = control_of(channel);
    uint32_t seen = atomic_load(&control->free_word);
    if (slot_free(channel))
        return true;
    return wait_word(channel, &control->free_word, &control->free_sleepers,
                     &control->sender_running, &control->receiver_running,
                     &channel->free_wait_avg_ns, seen, slot_free, timeout_ms);
}

bool sm_channel_created(const sm_channel *channel)
{
    return sm_mapping_created(channel->data);
}
const char *sm_channel_name(const sm_channel *channel)
{
    return sm_mapping_name(channel->data);
}
const char *sm_channel_os_name(const sm_channel *channel)
{
    return sm_mapping_os_name(channel->data);
}

bool sm_channel_replaced(const sm_channel *channel)
{
    unsigned long long mine = sm_mapping_identity(channel->data);
    if (mine == 0)
        return false; /* the OS cannot replace an object while we hold it */
    return sm_mapping_identity_of(sm_mapping_os_name(channel->data)) != mine;
}

/* sm_channel_try_send (safe mode) for text that passed sm_slot_check_text: checked once per
 * message. */
static sm_status send_checked(sm_channel *channel, const uint16_t *units, size_t count,
                              sm_ticket *sent, sm_error *err)
{
    void *view = sm_mapping_view(channel->data);
    sm_hook_pass("writer-before-lock");
    sm_status status = check_damage(channel, err);
    /*
     * Unlocked look first: a full slot needs no lock to be refused, and a
     * sender that takes the lock only to find the slot full takes it from the
     * receiver that is about to empty the slot. Checked again under the lock
     * (sm_slot_write_body).
     */
    if (status == SM_OK)
        status = sm_slot_check_empty(view, err);
    sm_control *control = control_of(channel);
    if (status == SM_OK)
        status = channel_lock(channel, err);
    if (status != SM_OK)
        return status;
    sm_hook_pass("writer-locked");
    status = sm_slot_write_body(view, channel->view_bytes, units, count, err);
    if (status == SM_OK) {
        /* A writer killed here has written only the body: unit 0 is still 0, the slot empty. */
        sm_hook_pass("writer-after-body");
        sm_slot_publish(view, units[0]);
        atomic_fetch_add(&control->published, 1);
        sent->taken_at_publish = atomic_load(&control->taken);
        sent->units = units;
        sent->count = count;
        sm_hook_pass("writer-after-publish");
    }
    channel_unlock(channel);
    sm_hook_pass("writer-unlocked");
    if (status == SM_OK)
        signal_word(channel, &control->data_word, &control->data_sleepers);
    return after_damage_check(channel, status, err);
}

sm_status sm_channel_try_send(sm_channel *channel, const uint16_t *units, size_t count,
                              sm_ticket *ticket, sm_error *err)
{
    void *view = sm_mapping_view(channel->data);
    if (channel->classic) {
        if (ticket != NULL) /* nothing to track: the classic protocol cannot tell */
            *ticket = (sm_ticket){0, NULL, 0};
        return sm_slot_classic_store(view, channel->view_bytes, units, count, err);
    }
    sm_status status = sm_slot_check_text(channel->view_bytes, units, count, err);
    sm_ticket sent;
    if (status == SM_OK)
        status = send_checked(channel, units, count, &sent, err);
    if (status == SM_OK && ticket != NULL)
        *ticket = sent; /* refers to the caller's units: no copy of the text */
    return status;
}

/* Under the lock: has the message left the slot through a receiver? */
static bool delivered_under_lock(sm_channel *channel, const sm_ticket *ticket)
{
    if (channel->classic)
        return true;
    /*
     * Writers only write into an empty slot, so after our publish the next
     * take is ours: the counter moving proves delivery. A classic receiver
     * does not count, so an empty slot, or one holding other text, proves it too.
     */
    if (atomic_load(&control_of(channel)->taken) != ticket->taken_at_publish)
        return true;
    return !sm_slot_holds(sm_mapping_view(channel->data), channel->view_bytes, ticket->units,
                          ticket->count);
}

static sm_status poll_delivery(sm_channel *channel, const sm_ticket *ticket, bool *delivered,
                               sm_error *err)
{
    if (channel->classic) {
        *delivered = true; /* classic senders fire and forget: no lock, nothing to ask */
        return SM_OK;
    }
    /*
     * Fast path without the lock: the counter only grows, and once it moved
     * past our publish a receiver has taken our message (delivered_under_lock).
     */
    if (atomic_load(&control_of(channel)->taken) != ticket->taken_at_publish) {
        *delivered = true;
        return after_damage_check(channel, SM_OK, err);
    }
    sm_status status = channel_lock(channel, err);
    if (status != SM_OK)
        return status;
    *delivered = delivered_under_lock(channel, ticket);
    channel_unlock(channel);
    return after_damage_check(channel, SM_OK, err);
}

sm_status sm_channel_poll_delivery(sm_channel *channel, const sm_ticket *ticket, bool *delivered,
                                   sm_error *err)
{
    return poll_delivery(channel, ticket, delivered, err);
}

static sm_status withdraw(sm_channel *channel, const sm_ticket *ticket, bool *withdrawn,
                          sm_error *err)
{
    sm_status status = channel_lock(channel, err);
    if (status != SM_OK)
        return status;
    *withdrawn = !delivered_under_lock(channel, ticket);
    if (*withdrawn)
        sm_slot_clear(sm_mapping_view(channel->data));
    channel_unlock(channel);
    if (*withdrawn)
        signal_word(channel, &control_of(channel)->free_word, &control_of(channel)->free_sleepers);
    return after_damage_check(channel, SM_OK, err);
}

sm_status sm_channel_withdraw(sm_channel *channel, const sm_ticket *ticket, bool *withdrawn,
                              sm_error *err)
{
    return withdraw(channel, ticket, withdrawn, err);
}

/*
 * A load into a buffer too small for the message (sm_slot_load left it in the
 * slot): the error names the channel, the size needed and what to allocate.
 */
static sm_status explain_buffer_too_small(sm_channel *channel, const sm_message *out, sm_error *err)
{
    return sm_error_set(err, SM_ERR_BUFFER_TOO_SMALL,
                        "the message in '%s' is %zu UTF-16 units%s and the buffer holds %zu: it "
                        "was left in the slot; a buffer of %zu units holds it "
                        "(sm_channel_max_units: %zu holds any message of this %zu-byte view)",
                        sm_channel_name(channel), out->count,
                        out->unterminated ? " with no terminator" : "", out->capacity, out->count,
                        sm_channel_max_units(channel), channel->view_bytes);
}

sm_status sm_channel_try_receive(sm_channel *channel, sm_message *out, sm_error *err)
{
    void *view = sm_mapping_view(channel->data);
    if (channel->classic) {
        sm_status status = sm_slot_classic_take(view, channel->view_bytes, out, err);
        return status == SM_ERR_BUFFER_TOO_SMALL ? explain_buffer_too_small(channel, out, err)
                                                 : status;
    }
    /* Unlocked peek: an empty slot needs no lock, which keeps idle polling cheap. */
    if (sm_slot_is_empty(view)) {
        out->count = 0;
        return after_damage_check(channel, SM_EMPTY, err);
    }
    sm_status status = channel_lock(channel, err);
    if (status != SM_OK)
        return status;
    sm_hook_pass("reader-locked");
    status = sm_slot_load(view, channel->view_bytes, out, err);
    if ((status == SM_OK || status == SM_ERR_BUFFER_TOO_SMALL) && out->unterminated) {
        /*
         * No terminator within our view: the text goes on past what we can
         * see. Taking it would cut it and tell its sender "delivered", so it
         * stays for a receiver with a view that holds it (see channel.h).
         */
        status = sm_error_set(err, SM_ERR_TEXT_TOO_LONG,
                              "the message in '%s' does not end within this receiver's "
                              "%zu-byte view (a sender with a larger view wrote it, or another "
                              "program wrote bytes with no terminator): it was left in the slot "
                              "for a receiver whose view holds it",
                              sm_channel_name(channel), channel->view_bytes);
        out->count = 0;
    } else if (status == SM_ERR_BUFFER_TOO_SMALL) {
        /* Left in the slot, whole, for a call with a buffer that holds it. */
        status = explain_buffer_too_small(channel, out, err);
    }
    if (status == SM_OK) {
        /* A reader killed here leaves the message in the slot: the next reader gets it. */
        sm_hook_pass("reader-after-copy");
        sm_slot_clear(view);
        atomic_fetch_add(&control_of(channel)->taken, 1);
        sm_hook_pass("reader-after-clear");
    }
    channel_unlock(channel);
    sm_hook_pass("reader-unlocked");
    if (status == SM_OK)
        signal_word(channel, &control_of(channel)->free_word, &control_of(channel)->free_sleepers);
    /*
     * Taken from an intact data view: the message is whole and its sender
     * counts it delivered, so it is handed on even if the control object was
     * written over meanwhile; the next call reports that damage.
     */
    if (status == SM_OK && !sm_mapping_damaged(channel->data))
        return SM_OK;
    return after_damage_check(channel, status, err);
}

sm_status sm_channel_check(sm_channel *channel, sm_error *err)
{
    return check_damage(channel, err);
}

sm_status sm_channel_put_back(sm_channel *channel, const sm_message *message, sm_error *err)
{
    void *view = sm_mapping_view(channel->data);
    /* An unterminated view held every unit: only all but one and a terminator fit back. */
    size_t max_units = sm_channel_max_units(channel);
    size_t count = message->count <= max_units ? message->count : max_units;
    if (channel->classic)
        return sm_slot_classic_store(view, channel->view_bytes, message->units, count, err);
    sm_status status = sm_slot_check_text(channel->view_bytes, message->units, count, err);
    if (status == SM_OK)
        status = channel_lock(channel, err);
    if (status != SM_OK)
        return status;
    status = sm_slot_write_body(view, channel->view_bytes, message->units, count, err);
    if (status == SM_OK)
        sm_slot_publish(view, message->units[0]);
    channel_unlock(channel);
    if (status == SM_OK)
        signal_word(channel, &control_of(channel)->data_word, &control_of(channel)->data_sleepers);
    return status;
}

sm_status sm_channel_peek(sm_channel *channel, sm_message *out, sm_error *err)
{
    void *view = sm_mapping_view(channel->data);
    sm_status status = SM_OK;
    /* Under the lock, so one of our writers is never seen half-way (it publishes under it too). */
    if (!channel->classic)
        status = channel_lock(channel, err);
    if (status != SM_OK)
        return status;
    status = sm_slot_load(view, channel->view_bytes, out, err);
    if (!channel->classic)
        channel_unlock(channel);
    return status == SM_ERR_BUFFER_TOO_SMALL ? explain_buffer_too_small(channel, out, err) : status;
}

sm_status sm_channel_inspect(sm_channel *channel, sm_channel_snapshot *out, sm_error *err)
{
    /* volatile: each unit is read from memory now, in order, as a racing writer leaves it. */
    const volatile uint16_t *view = sm_mapping_view(channel->data);
    size_t units = channel->view_bytes / 2;
    out->view_bytes = channel->view_bytes;
    if (out->capacity < channel->view_bytes)
        return sm_error_set(err, SM_ERR_BUFFER_TOO_SMALL,
                            "the view of '%s' is %zu bytes and the snapshot's buffer holds %zu: "
                            "nothing was copied; give it sm_channel_view_bytes (%zu) bytes",
                            sm_channel_name(channel), channel->view_bytes, out->capacity,
                            channel->view_bytes);
    for (size_t i = 0; i < units; i++) {
        uint16_t unit = view[i];
        out->bytes[2 * i] = (unsigned char)(unit & 0xFF); /* the wire is little-endian */
        out->bytes[2 * i + 1] = (unsigned char)(unit >> 8);
    }
    sm_control *control = control_of(channel);
    out->layout_version = atomic_load(&control->layout_version);
    out->creator_pid = atomic_load(&control->creator_pid);
    out->last_pid = atomic_load(&control->last_pid);
    out->taken = atomic_load(&control->taken);
    out->published = atomic_load(&control->published);
    out->data_word = atomic_load(&control->data_word);
    out->free_word = atomic_load(&control->free_word);
    out->data_sleepers = atomic_load(&control->data_sleepers);
    out->free_sleepers = atomic_load(&control->free_sleepers);
    out->lock_state = sm_mapping_lock_state(channel->data, channel->control, SM_CONTROL_LOCK_OFFSET,
                                            &out->lock_owner, &out->lock_kind);
    return check_damage(channel, err);
}

/* Milliseconds from now until deadline (a time of sm_monotonic_ms()), 0 once it passed. */
static unsigned ms_left(unsigned long long deadline)
{
    unsigned long long now = sm_monotonic_ms();
    unsigned long long left = now >= deadline ? 0 : deadline - now;
    return left > SM_WAIT_FOREVER - 1 ? SM_WAIT_FOREVER - 1 : (unsigned)left;
}

/* One wait between looks: poll_ms, but never past the deadline (0 = none). */
static unsigned wait_between_looks(unsigned long long deadline, unsigned poll_ms)
{
    if (deadline == 0)
        return poll_ms;
    unsigned left = ms_left(deadline);
    return left < poll_ms ? left : poll_ms;
}

sm_status sm_channel_send_wait(sm_channel *channel, const uint16_t *units, size_t count,
                               unsigned timeout_ms, unsigned poll_ms, sm_error *err)
{
    unsigned long long deadline = timeout_ms == 0 ? 0 : sm_monotonic_ms() + timeout_ms;
    return sm_channel_send_until(channel, units, count, deadline, poll_ms, err);
}

sm_status sm_channel_send_until(sm_channel *channel, const uint16_t *units, size_t count,
                                unsigned long long deadline_ms, unsigned poll_ms, sm_error *err)
{
    unsigned long long start = sm_monotonic_ms();
    unsigned long long deadline = deadline_ms;
    if (channel->classic) /* fire and forget: the classic protocol cannot tell delivery */
        return sm_channel_try_send(channel, units, count, NULL, err);
    /* Checked once here, not on every retry below and not under the lock. */
    sm_status status = sm_slot_check_text(channel->view_bytes, units, count, err);
    if (status != SM_OK)
        return status;
    sm_ticket ticket;
    channel->last_send_published = false;
    /* Every lock taken below waits at most until the deadline (plus the withdraw's grace). */
    channel->lock_deadline = deadline;
    bool expired = false;
    /* Phase 1: wait for an empty slot; never overwrite an unread message. */
    while ((status = send_checked(channel, units, count, &ticket, err)) == SM_BUSY) {
        if (cancelled(channel)) {
            status = sm_error_set(err, SM_ERR_CANCELLED,
                                  "not sent: interrupted while the slot of '%s' was still full",
                                  sm_channel_name(channel));
            goto done;
        }
        if (deadline != 0 && sm_monotonic_ms() >= deadline) {
            /*
             * The look at the slot takes no lock, so ask the lock once why it
             * stayed full: a holder stopped mid-send says "held", not "no receiver".
             */
            unsigned long long full_ms = sm_monotonic_ms() - start;
            channel->lock_deadline = sm_monotonic_ms() + SM_CHANNEL_WITHDRAW_GRACE_MS;
            status = channel_lock(channel, err);
            if (status == SM_ERR_HELD) {
                status = sm_error_set(err, SM_ERR_HELD,
                                      "channel '%s' is held by another process: its lock "
                                      "stayed taken for the %llu ms we tried to take it, after "
                                      "its slot stayed full for the %llu ms waited; not "
                                      "delivered (a peer stopped with Ctrl-Z or SIGSTOP, or in "
                                      "a debugger?)",
                                      sm_channel_name(channel), sm_monotonic_ms() - start - full_ms,
                                      full_ms);
                goto done;
            }
            if (status != SM_OK)
                goto done;
            channel_unlock(channel);
            status = sm_error_set(err, SM_ERR_TIMEOUT,
                                  "not delivered: the slot of '%s' stayed full for the %llu ms "
                                  "waited (is a receiver running?)",
                                  sm_channel_name(channel), full_ms);
            goto done;
        }
        /*
         * Wake mode: spin, then sleep on "slot free". Either result: the loop
         * tries again. Never past the deadline, whatever poll_ms is.
         */
        (void)sm_channel_wait_free(channel, wait_between_looks(deadline, poll_ms));
    }
    if (status != SM_OK)
        goto done;
    channel->last_send_published = true;
    /*
     * Phase 2: wait until a receiver takes it. The first look is lock-free: a
     * receiver that woke for our publish is taking the lock right now, and
     * contending with it would put one of us to sleep in the kernel: a context
     * switch per message (docs/performance.md has what that cost).
     */
    for (bool first = true;; first = false) {
        bool delivered = atomic_load(&control_of(channel)->taken) != ticket.taken_at_publish;
        if (!delivered && !first) {
            status = poll_delivery(channel, &ticket, &delivered, err);
            /*
             * A lock held when the deadline cut the look short is no verdict: a receiver
             * may hold it for a moment right then. The withdraw below asks again, with its
             * grace, and only a lock held through that says "held".
             */
            if (status == SM_ERR_HELD && channel->lock_cut)
                status = SM_OK;
            else if (status != SM_OK)
                goto done;
        }
        if (delivered)
            goto done;
        expired = (deadline != 0 && sm_monotonic_ms() >= deadline) || cancelled(channel);
        if (expired)
            break;
        /* A take bumps "slot free" too; re-checked. Never past the deadline. */
        (void)sm_channel_wait_free(channel, wait_between_looks(deadline, poll_ms));
    }
    bool withdrawn = false;
    /*
     * The withdraw needs the lock after the deadline; a short grace lets a peer
     * that holds it for a moment finish. If it is held longer, the message may
     * still be taken later: SM_ERR_HELD says so rather than "not delivered".
     */
    unsigned long long waited_ms = sm_monotonic_ms() - start;
    channel->lock_deadline = sm_monotonic_ms() + SM_CHANNEL_WITHDRAW_GRACE_MS;
    status = withdraw(channel, &ticket, &withdrawn, err);
    if (status == SM_ERR_HELD)
        status = sm_error_set(err, SM_ERR_HELD,
                              "not known whether delivered: the message is still in '%s' and "
                              "could not be withdrawn, because another process holds the "
                              "channel (stopped with Ctrl-Z or SIGSTOP, or in a debugger?); a "
                              "receiver may still take it",
                              sm_channel_name(channel));
    if (status == SM_OK && withdrawn && cancelled(channel))
        status = sm_error_set(err, SM_ERR_CANCELLED,
                              "not delivered: interrupted after %llu ms, so the message was "
                              "withdrawn from '%s' before any receiver read it",
                              waited_ms, sm_channel_name(channel));
    else if (status == SM_OK && withdrawn)
        status = sm_error_set(err, SM_ERR_TIMEOUT,
                              "not delivered: no receiver read the message from '%s' in the "
                              "%llu ms waited, so it was withdrawn",
                              sm_channel_name(channel), waited_ms);
done:
    channel->lock_deadline = 0;
    return status;
}
