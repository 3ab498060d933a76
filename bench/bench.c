/*
 * bench.c - samplemap-bench: SampleMap against a pipe and a UNIX socket,
 * between two real processes, with the same 2 KB payloads.
 *
 * The parent is the sender; for each transport it fork()s and exec()s itself
 * as the receiver ("--child KIND"). Each message is the 2048-byte wire image:
 * 1023 UTF-16 units + terminator, carrying its sequence number, a
 * CLOCK_MONOTONIC send stamp and a checksum as hex digits, then filler that
 * depends on the sequence number (see build). The receiver takes its arrival stamp first,
 * then verifies the sequence (no loss, no duplicate, in order) and the
 * checksum (no corruption); any failure fails the whole run (exit 1).
 *
 * One-way latency = arrival stamp - send stamp, both CLOCK_MONOTONIC on the
 * same machine (no halving of a round trip). The send stamp is taken just
 * before the send call, so the figure includes the sender's locking and
 * copying. Throughput = timed messages / (last arrival - first timed send).
 *
 * Transports:
 *   floor               two processes spinning on a shared page pair, no lock,
 *                       no system call, acked: a 2 KB hand-over's physical limit
 *   floor-stream        the same page pair streamed: the sender waits only for
 *                       the previous message's copy-out, so one slot's ceiling
 *   samplemap-wake      sm_channel_send_wait / wait_message in --wake mode:
 *                       the sender waits for each message's take (acked)
 *   samplemap-stream    the same receiver; the sender publishes as soon as
 *                       the slot is free (sm_channel_try_send, wait_free) and
 *                       builds the next message meanwhile, as a pipe writer does
 *   samplemap-wake-idle the same, with 200 us pauses between messages, so
 *                       the receiver has stopped spinning and sleeps on the
 *                       futex: the cold path
 *   samplemap-poll      the classic 1 ms polling (both sides)
 *   pipe-acked          write 2 KB, receiver answers 1 byte (ping-pong)
 *   pipe-stream         write 2 KB messages back to back (latency includes
 *                       time queued in the 64 KB pipe buffer)
 *   unix-acked / unix-stream  the same over socketpair(AF_UNIX, SOCK_STREAM)
 *   pipe-idle / unix-idle     acked, with the same 200 us pauses as
 *                       samplemap-wake-idle: the receiver sleeps in read(),
 *                       so this is the kernel's own wake-from-idle, the
 *                       reference for samplemap-wake-idle
 *   pipe-quick-idle     pipe-idle whose receiver makes the request every
 *                       SampleMap receiver makes (sm_thread_request_quick_wake,
 *                       a short time slice): what that request alone is worth
 *   no-ipc-idle         no transport: one process, after the same pause, reads
 *                       the clock for 7 us (about one idle hand-over here); what
 *                       the machine alone does to a hand-over's time
 * The rows run one after the other, except the *-idle rows, which take turns
 * of 250 messages (run_interleaved), so that their ratios compare transports
 * rather than moments of a machine whose speed changes every few seconds.
 * A receiver stops when its sender dies (watch_parent), and removes the
 * channel the sender made, so a killed benchmark leaves no process behind.
 * SampleMap is used through channel.h only (and os_process.h's quick-wake
 * request for pipe-quick-idle); the process and pipe code below
 * is the benchmark's own, POSIX only. On Windows it says so and exits 77.
 */
#if defined(_WIN32)
#include <stdio.h>
int main(void)
{
    fprintf(stderr, "samplemap-bench: not available on Windows yet (it forks and uses pipes and "
                    "UNIX sockets); run it on Linux\n");
    return 77;
}
#else

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"
#include "json.h"
#include "os_process.h"

#define UNITS 1023 /* text units per message; unit 1023 is the terminator */
#define WIRE_BYTES 2048
#define FD_DATA 3   /* child: where messages arrive (pipe / socket) */
#define FD_ACK 4    /* child: where acks go */
#define FD_RESULT 5 /* child: where the results go */
/*
 * A hand-over slower than this is a stall, not a wake (they take 6-12 us here):
 * the share of such messages decides a p99 when it is near 1 % (docs/performance.md).
 */
#define SLOW_US 30
/* The pause before each message of the *-idle rows: longer than SampleMap's 30 us spin. */
#define IDLE_GAP_NS 200000
/*
 * no-ipc-idle: after the same pause, one process reads the clock for this long
 * (about an idle hand-over here) and nothing else. The row's share of windows
 * over SLOW_US is the stall share the machine gives any hand-over, with no
 * second process, no wake and no transport.
 */
#define NO_IPC_WINDOW_NS 7000
/* The idle rows take turns of this many messages (run_interleaved). */
#define IDLE_TURN 250

/*
 * Where each idle hand-over ran: the CPU the sender sent from and the CPU the
 * woken receiver took the message on (-1: unknown). A wake onto the other CPU
 * is always a stall here, though most stalls happen on the sender's own CPU
 * (the idle rows' table in docs/performance.md); these two numbers, kept for every
 * message, show which in every run without a profiler.
 */
static int16_t current_cpu(void)
{
#if defined(__linux__)
    int cpu = sched_getcpu(); /* vDSO: a few ns, no system call */
    return (int16_t)(cpu >= 0 && cpu < INT16_MAX ? cpu : -1);
#else
    return -1;
#endif
}

typedef enum kind {
    K_FLOOR,
    K_FLOOR_STREAM,
    K_WAKE,
    K_STREAM,
    K_WAKE_IDLE,
    K_POLL,
    K_PIPE_ACKED,
    K_PIPE_STREAM,
    K_PIPE_IDLE,
    K_PIPE_QUICK_IDLE,
    K_UNIX_ACKED,
    K_UNIX_STREAM,
    K_UNIX_IDLE,
    K_NO_IPC_IDLE,
    K_COUNT
} kind;

static const char *kind_names[K_COUNT] = {
    "floor",          "floor-stream", "samplemap-wake", "samplemap-stream", "samplemap-wake-idle",
    "samplemap-poll", "pipe-acked",   "pipe-stream",    "pipe-idle",        "pipe-quick-idle",
    "unix-acked",     "unix-stream",  "unix-idle",      "no-ipc-idle"};

/* The rows with no SampleMap channel: two processes spinning on a shared page pair. */
static bool is_floor(kind k)
{
    return k == K_FLOOR || k == K_FLOOR_STREAM;
}
static bool is_idle(kind k)
{
    return k == K_WAKE_IDLE || k == K_PIPE_IDLE || k == K_PIPE_QUICK_IDLE || k == K_UNIX_IDLE ||
           k == K_NO_IPC_IDLE;
}
static bool is_acked(kind k)
{
    return k == K_PIPE_ACKED || k == K_UNIX_ACKED || k == K_PIPE_IDLE || k == K_PIPE_QUICK_IDLE ||
           k == K_UNIX_IDLE;
}
static bool is_unix(kind k)
{
    return k == K_UNIX_ACKED || k == K_UNIX_STREAM || k == K_UNIX_IDLE;
}
static bool is_samplemap(kind k)
{
    return k == K_WAKE || k == K_STREAM || k == K_WAKE_IDLE || k == K_POLL;
}

/* --pin: the sender on CPU 0, the receiver on CPU 1 (-1: wherever the scheduler puts them). */
static int pin_cpu = -1;

static bool pin_to(int cpu)
{
#if defined(__linux__)
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0;
#else
    (void)cpu;
    errno = ENOSYS;
    return false;
#endif
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static void die(const char *what)
{
    fprintf(stderr, "samplemap-bench: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* ------------------------------------------------------------ the payload */

static void put_hex(uint16_t *out, uint64_t value)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, value >>= 4)
        out[i] = (uint16_t)digits[value & 15];
}

static bool get_hex(const uint16_t *in, uint64_t *value)
{
    uint64_t v = 0;
    for (int i = 0; i < 16; i++) {
        uint16_t c = in[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return false;
        v = v << 4 | (uint64_t)d;
    }
    *value = v;
    return true;
}

/*
 * FNV-1a over the filler units, 4 units (one 64-bit word) per step: every
 * unit still counts (a step is a bijection of the word), at a quarter of the
 * serial multiplies of a unit-by-unit hash, so verifying costs little next to
 * moving the message.
 */
static uint64_t filler_hash(const uint16_t *units)
{
    uint64_t h = 1469598103934665603ull;
    int i = 48;
    for (; i + 4 <= UNITS; i += 4) {
        uint64_t word;
        memcpy(&word, units + i, sizeof word);
        h = (h ^ word) * 1099511628211ull;
    }
    for (; i < UNITS; i++)
        h = (h ^ units[i]) * 1099511628211ull;
    return h;
}

static uint64_t seal(uint64_t hash, uint64_t seq, uint64_t stamp)
{
    return hash ^ (seq * 0x9E3779B97F4A7C15ull) ^ (stamp * 0xC2B2AE3D27D4EB4Full);
}

/* splitmix64, for the filler table and each message's key. */
static uint64_t mix(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/*
 * Everything but the stamp and the seal; returns the filler hash. The filler
 * is a fixed random table (0x4000..0x7FFF) XORed with a per-message key
 * (0..0x3FFF): bit 14 stays set, so never 0 and never a surrogate, and every
 * message differs from the one before it in every unit (unless the keys
 * collide, 1 in 16 384). One XOR per 4 units: building a message costs
 * little next to moving it.
 */
static uint64_t build(uint16_t *units, uint64_t seq)
{
    static uint16_t table[UNITS];
    if (table[48] == 0)
        for (int i = 48; i < UNITS; i++)
            table[i] = (uint16_t)(0x4000 | (mix((uint64_t)i) & 0x3FFF));
    uint16_t key = (uint16_t)(mix(seq) & 0x3FFF);
    uint64_t key4 = key * 0x0001000100010001ull; /* the key in each 16-bit lane */
    put_hex(units, seq);
    int i = 48;
    for (; i + 4 <= UNITS; i += 4) {
        uint64_t word;
        memcpy(&word, table + i, sizeof word);
        word ^= key4;
        memcpy(units + i, &word, sizeof word);
    }
    for (; i < UNITS; i++)
        units[i] = table[i] ^ key;
    units[UNITS] = 0;
    return filler_hash(units);
}

static void stamp(uint16_t *units, uint64_t seq, uint64_t hash, uint64_t *sent)
{
    *sent = now_ns();
    put_hex(units + 16, *sent);
    put_hex(units + 32, seal(hash, seq, *sent));
}

/* Checks one arrived message; fills *sent. */
static bool verify(const uint16_t *units, size_t count, uint64_t want_seq, uint64_t *sent)
{
    uint64_t seq, check;
    if (count != UNITS || !get_hex(units, &seq) || !get_hex(units + 16, sent) ||
        !get_hex(units + 32, &check))
        return false;
    if (seq != want_seq) {
        fprintf(stderr, "samplemap-bench: expected message %llu, got %llu (lost or reordered)\n",
                (unsigned long long)want_seq, (unsigned long long)seq);
        return false;
    }
    if (check != seal(filler_hash(units), seq, *sent)) {
        fprintf(stderr, "samplemap-bench: message %llu is corrupt (checksum)\n",
                (unsigned long long)seq);
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------- fd I/O */

static bool read_full(int fd, void *buffer, size_t size)
{
    char *p = buffer;
    while (size > 0) {
        ssize_t n = read(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= (size_t)n;
    }
    return true;
}

static bool write_full(int fd, const void *buffer, size_t size)
{
    const char *p = buffer;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= (size_t)n;
    }
    return true;
}

/* ---------------------------------------------------------------- receiver */

typedef struct result_header {
    uint64_t received, ok, first_arrival, last_arrival;
} result_header;

/* Set when the sender (the parent) has died: see watch_parent. */
static volatile sig_atomic_t parent_gone;

static void on_parent_gone(int signal_number)
{
    (void)signal_number;
    parent_gone = 1;
}

/*
 * A receiver whose sender died would wait for the rest of its messages for
 * ever: a pipe or socket receiver sees its stream end, but a SampleMap one
 * has only a name in /dev/shm. So the kernel is asked to send SIGTERM when
 * the parent dies (Linux), and the parent is checked once, in case it died
 * before the request.
 */
static void watch_parent(long parent)
{
    signal(SIGPIPE, SIG_IGN); /* a write to a dead parent fails (EPIPE) instead of killing */
#if defined(__linux__)
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_parent_gone; /* no SA_RESTART: a sleep returns at once */
    sigaction(SIGTERM, &action, NULL);
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0)
        die("prctl(PR_SET_PDEATHSIG)");
#endif
    if (parent > 0 && getppid() != (pid_t)parent)
        parent_gone = 1;
}

/* The sender is gone: remove the channel it made and would have removed, and stop. */
static int abandon(kind k, sm_channel *channel, const char *name)
{
    sm_error err;
    if (channel != NULL) {
        sm_channel_close(channel);
        sm_channel_unlink(name, NULL, &err);
    }
    fprintf(stderr, "samplemap-bench: %s: the sender died; the receiver stops\n", kind_names[k]);
    return 1;
}

/*
 * floor: the physical limit of a 2 KB hand-over on this machine. One shared
 * page pair, not a SampleMap channel: the sender copies the message in and
 * bumps seq; the receiver, spinning on seq, copies it out and bumps ack; the
 * sender spins on ack before the next message. No lock, no system call, no
 * sleep: what any shared-memory hand-over costs at least (the message's cache
 * lines moving from one CPU to the other, and the two words' lines).
 */
typedef struct floor_area {
    _Alignas(64) _Atomic uint64_t seq; /* messages the sender has put in */
    _Alignas(
        64) _Atomic uint64_t ack; /* messages the receiver has copied out; FLOOR_GAVE_UP: failed */
    _Alignas(64) uint16_t units[WIRE_BYTES / 2];
} floor_area;
#define FLOOR_GAVE_UP UINT64_MAX
/* The floor row's page pair (MAP_SHARED, anonymous: the receiver is fork()ed without exec). */
static floor_area *floor_shared;

/*
 * Spins until *word == want; false when the peer gave up, the parent died or
 * 10 s passed. After 1 ms of spinning it yields between looks: on a busy
 * machine the peer may wait for this very CPU, and a floor that never ends
 * measures nothing. A quiet machine never gets there (a hand-over takes well
 * under a microsecond), so the floor stays free of system calls.
 */
static bool floor_spin(_Atomic uint64_t *word, uint64_t want)
{
    uint64_t start = 0;
    for (unsigned i = 1;; i++) {
        uint64_t value = atomic_load_explicit(word, memory_order_acquire);
        if (value == want)
            return true;
        if (value == FLOOR_GAVE_UP)
            return false;
        if (i % 4096 == 0) {
            uint64_t t = now_ns();
            if (parent_gone || (start != 0 && t - start > 10000000000ull))
                return false;
            if (start == 0)
                start = t;
            else if (t - start > 1000000)
                sched_yield();
        }
    }
}

static int child_main(kind k, const char *name, uint64_t total, uint64_t warmup)
{
    uint64_t *latency = calloc(total, sizeof *latency);
    int16_t *arrival_cpu = calloc(total, sizeof *arrival_cpu);
    uint16_t taken[SM_SLOT_UNITS]; /* the default view's units (2 KB): each take copies into it */
    sm_message message = SM_MESSAGE_INIT(taken, SM_SLOT_UNITS);
    static uint16_t wire[WIRE_BYTES / 2];
    result_header h = {0, 1, 0, 0};
    sm_channel *channel = NULL;
    sm_error err;
    bool samplemap = is_samplemap(k);
    if (latency == NULL || arrival_cpu == NULL)
        die("out of memory");
    if (samplemap) {
        if (sm_channel_open(name, &channel, &err) != SM_OK) {
            fprintf(stderr, "samplemap-bench: %s\n", err.message);
            return 1;
        }
        sm_channel_set_wake(channel, k != K_POLL);
    }
    /* SampleMap's receiver asks for it in sm_channel_wait_message; this pipe receiver asks here. */
    if (k == K_PIPE_QUICK_IDLE && !sm_thread_request_quick_wake())
        fprintf(stderr, "samplemap-bench: pipe-quick-idle: the quick-wake request was refused; the "
                        "row is plain pipe-idle\n");
    char ready = 'r';
    if (!write_full(FD_ACK, &ready, 1)) /* tells the parent the channel is open */
        return abandon(k, channel, name);
    for (uint64_t seq = 0; seq < total; seq++) {
        const uint16_t *units;
        size_t count;
        uint64_t arrival;
        if (is_floor(k)) {
            if (!floor_spin(&floor_shared->seq, seq + 1)) {
                if (parent_gone)
                    return abandon(k, channel, name);
                fprintf(stderr, "samplemap-bench: %s: message %llu did not come within 10 s\n",
                        kind_names[k], (unsigned long long)seq);
                h.ok = 0;
                break;
            }
            /* Stamped once copied out, as every other row stamps when its receive returned. */
            memcpy(wire, floor_shared->units, WIRE_BYTES);
            arrival = now_ns();
            /* Copied out: the sender may write the next message now. */
            atomic_store_explicit(&floor_shared->ack, seq + 1, memory_order_release);
            units = wire;
            count = wire[UNITS] == 0 ? UNITS : 0;
        } else if (samplemap) {
            sm_status status;
            while ((status = sm_channel_try_receive(channel, &message, &err)) == SM_EMPTY) {
                if (parent_gone)
                    return abandon(k, channel, name);
                sm_channel_wait_message(channel, k == K_POLL ? 1 : 100);
            }
            arrival = now_ns();
            if (status != SM_OK) {
                fprintf(stderr, "samplemap-bench: receive: %s\n", err.message);
                h.ok = 0;
                break;
            }
            units = message.units;
            count = message.count;
        } else {
            if (!read_full(FD_DATA, wire, WIRE_BYTES)) {
                fprintf(stderr, "samplemap-bench: %s: stream ended after %llu messages\n",
                        kind_names[k], (unsigned long long)seq);
                h.ok = 0;
                break;
            }
            arrival = now_ns();
            units = wire;
            count = wire[UNITS] == 0 ? UNITS : 0;
        }
        uint64_t sent = 0;
        if (!verify(units, count, seq, &sent)) {
            if (is_floor(k)) /* the sender stops waiting at once */
                atomic_store_explicit(&floor_shared->ack, FLOOR_GAVE_UP, memory_order_release);
            h.ok = 0;
            break;
        }
        if (is_acked(k) && !write_full(FD_ACK, "a", 1))
            die("ack");
        if (seq >= warmup) {
            latency[seq - warmup] = arrival - sent;
            /* Only the idle rows: there the receiver was asleep and this is where it was woken. */
            arrival_cpu[seq - warmup] = is_idle(k) ? current_cpu() : -1;
        }
        if (seq == warmup)
            h.first_arrival = arrival;
        h.last_arrival = arrival;
        h.received++;
    }
    if (!write_full(FD_RESULT, &h, sizeof h) ||
        !write_full(FD_RESULT, latency, (total - warmup) * sizeof *latency) ||
        !write_full(FD_RESULT, arrival_cpu, (total - warmup) * sizeof *arrival_cpu))
        return abandon(k, channel, name);
    sm_channel_close(channel);
    free(latency);
    free(arrival_cpu);
    return h.ok && h.received == total ? 0 : 1;
}

/* ------------------------------------------------------------------ sender */

typedef struct stats {
    bool ran;
    double median_us, p99_us, mean_us, max_us, msgs_per_s;
    double over_slow_pct; /* share of the messages slower than SLOW_US (JSON only) */
    /*
     * Idle rows on Linux (else -1): the share of the messages the receiver took on
     * another CPU than the sender's, and the share that were both that and slow.
     */
    double other_cpu_pct, over_slow_other_cpu_pct;
    uint64_t messages;
    uint64_t span_start_ns, span_end_ns; /* first timed send, last arrival (CLOCK_MONOTONIC) */
} stats;

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static char self_path[4096];

/*
 * One row being measured: its receiver process (none for no-ipc-idle), the
 * sender's ends of the pipes and the sender's side of each timed message.
 * A row is started, sent message by message and finished, so that the idle
 * rows can take turns (run_interleaved).
 */
typedef struct row {
    kind k;
    uint64_t warmup, total;
    uint64_t
        after; /* messages after the warm-up: the timed ones, plus each turn's first (untimed) */
    uint64_t turn; /* run_interleaved's turn, in messages; 0 when the row runs alone */
    pid_t pid;     /* the receiver; 0 for no-ipc-idle */
    int send_fd, ack_fd, result_fd; /* -1 when unused */
    sm_channel *channel;
    char name[64];
    int16_t *send_cpu;        /* per timed message: the sender's CPU (idle rows), else -1 */
    uint64_t *no_ipc_latency; /* no-ipc-idle: each window's length */
    uint64_t first_send, last_end;
    bool ok;
} row;

/* Message i after the warm-up is timed unless it opens a turn (run_interleaved). */
static bool row_timed(const row *r, uint64_t i)
{
    return r->turn == 0 || i % r->turn != 0;
}

/*
 * The floor row's receiver: fork()ed without exec, so that it shares the
 * anonymous page pair; it reports on the same pipes as the other receivers.
 */
static void row_start_floor(row *r)
{
    int ack[2], result[2];
    floor_shared =
        mmap(NULL, sizeof *floor_shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (floor_shared == MAP_FAILED)
        die("mmap (floor)");
    if (pipe(ack) != 0 || pipe(result) != 0)
        die("pipe");
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        if (dup2(ack[1], FD_ACK) < 0 || dup2(result[1], FD_RESULT) < 0)
            _exit(1);
        for (int fd = FD_RESULT + 1; fd < 1024; fd++)
            close(fd);
        if (pin_cpu >= 0 && !pin_to(1))
            die("--pin: sched_setaffinity for the receiver");
        watch_parent((long)parent);
        _exit(child_main(r->k, "", r->total, r->warmup));
    }
    r->pid = pid;
    close(ack[1]);
    close(result[1]);
    r->ack_fd = ack[0];
    r->result_fd = result[0];
    char byte;
    if (!read_full(r->ack_fd, &byte, 1)) {
        fprintf(stderr, "samplemap-bench: floor: the receiver did not start\n");
        exit(1);
    }
}

/*
 * Starts a row: spawns its receiver and waits for its "ready" byte. Taking
 * turns (run_interleaved), the warm-up is rounded up to whole turns and one
 * untimed message per turn is added, so that exactly timed messages are timed.
 */
static void row_start(row *r, kind k, uint64_t timed, uint64_t warmup, uint64_t turn)
{
    memset(r, 0, sizeof *r);
    r->k = k;
    r->turn = turn;
    r->warmup = turn ? (warmup + turn - 1) / turn * turn : warmup;
    r->after = turn ? timed + (timed + turn - 2) / (turn - 1) : timed;
    r->total = r->warmup + r->after;
    r->send_fd = r->ack_fd = r->result_fd = -1;
    r->ok = true;
    r->send_cpu = calloc(r->after, sizeof *r->send_cpu);
    if (r->send_cpu == NULL)
        die("out of memory");
    if (k == K_NO_IPC_IDLE) {
        r->no_ipc_latency = calloc(r->after, sizeof *r->no_ipc_latency);
        if (r->no_ipc_latency == NULL)
            die("out of memory");
        return;
    }
    if (is_floor(k)) {
        row_start_floor(r);
        return;
    }
    int data[2], ack[2], result[2];
    bool unix_socket = is_unix(k);
    if (unix_socket ? socketpair(AF_UNIX, SOCK_STREAM, 0, data) != 0 : pipe(data) != 0)
        die("pipe");
    if (pipe(ack) != 0 || pipe(result) != 0)
        die("pipe");
    /* One name per row and process: rows that take turns each have their own channel. */
    snprintf(r->name, sizeof r->name, "Local\\smbench%ld.%d", (long)getpid(), (int)k);
    sm_error err;
    if (is_samplemap(k)) {
        sm_channel_unlink(r->name, NULL, &err);
        if (sm_channel_open(r->name, &r->channel, &err) != SM_OK) {
            fprintf(stderr, "samplemap-bench: %s\n", err.message);
            exit(1);
        }
        sm_channel_set_wake(r->channel, k != K_POLL);
    }
    char total_text[32], warm_text[32], parent_text[32];
    snprintf(parent_text, sizeof parent_text, "%ld", (long)getpid());
    snprintf(total_text, sizeof total_text, "%llu", (unsigned long long)r->total);
    snprintf(warm_text, sizeof warm_text, "%llu", (unsigned long long)r->warmup);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        /* The receiver gets the read end of data, the write ends of ack and result. */
        int keep_data = unix_socket ? data[1] : data[0];
        if (dup2(keep_data, FD_DATA) < 0 || dup2(ack[1], FD_ACK) < 0 ||
            dup2(result[1], FD_RESULT) < 0)
            _exit(1);
        for (int fd = FD_RESULT + 1; fd < 1024; fd++) /* other rows' pipes too */
            close(fd);
        char *argv[] = {self_path,  "--child",   (char *)kind_names[k],
                        "--name",   r->name,     "--total",
                        total_text, "--warmup",  warm_text,
                        "--parent", parent_text, pin_cpu >= 0 ? "--cpu" : NULL,
                        "1",        NULL};
        execv(self_path, argv);
        _exit(127);
    }
    r->pid = pid;
    r->send_fd = unix_socket ? data[0] : data[1];
    close(unix_socket ? data[1] : data[0]);
    close(ack[1]);
    close(result[1]);
    r->ack_fd = ack[0];
    r->result_fd = result[0];
    char byte;
    if (!read_full(r->ack_fd, &byte, 1)) {
        fprintf(stderr, "samplemap-bench: %s: the receiver did not start\n", kind_names[k]);
        exit(1);
    }
}

/*
 * no-ipc-idle's "message": a window of NO_IPC_WINDOW_NS of clock reads; its
 * latency is how long the window really took. Anything over the window is time
 * the process lost the CPU (to another task, an interrupt or the hypervisor),
 * as a hand-over of that length would have lost it.
 */
static void row_send_no_ipc(row *r, uint64_t seq)
{
    uint64_t start = now_ns(), end;
    while ((end = now_ns()) - start < NO_IPC_WINDOW_NS)
        ;
    if (seq == r->warmup)
        r->first_send = start;
    if (seq >= r->warmup) {
        r->no_ipc_latency[seq - r->warmup] = end - start;
        r->send_cpu[seq - r->warmup] = -1; /* one process: no other CPU */
    }
    r->last_end = end;
}

/* Sends message seq of a row (after the idle rows' pause); false once the row has failed. */
static bool row_send(row *r, uint64_t seq)
{
    static uint16_t units[WIRE_BYTES / 2];
    if (!r->ok)
        return false;
    /* no-ipc-idle sends nothing, so it builds nothing. */
    uint64_t hash = r->k == K_NO_IPC_IDLE ? 0 : build(units, seq), sent;
    if (is_idle(r->k)) {
        struct timespec gap = {0, IDLE_GAP_NS};
        nanosleep(&gap, NULL);
    }
    if (r->k == K_NO_IPC_IDLE) {
        row_send_no_ipc(r, seq);
        return true;
    }
    stamp(units, seq, hash, &sent);
    if (seq == r->warmup)
        r->first_send = sent;
    if (seq >= r->warmup)
        r->send_cpu[seq - r->warmup] = is_idle(r->k) ? current_cpu() : -1;
    sm_error err;
    if (r->k == K_FLOOR) {
        memcpy(floor_shared->units, units, WIRE_BYTES);
        atomic_store_explicit(&floor_shared->seq, seq + 1, memory_order_release);
        if (!floor_spin(&floor_shared->ack, seq + 1)) {
            fprintf(stderr, "samplemap-bench: floor: message %llu was not taken\n",
                    (unsigned long long)seq);
            r->ok = false;
        }
    } else if (r->k == K_FLOOR_STREAM) {
        /*
         * One slot, streamed: wait only until the previous message is copied
         * out, put this one in and go on to build the next, as
         * samplemap-stream does. The most any one-slot stream can do here.
         */
        if (!floor_spin(&floor_shared->ack, seq)) {
            fprintf(stderr, "samplemap-bench: floor-stream: message %llu was not taken\n",
                    (unsigned long long)(seq - 1));
            r->ok = false;
        } else {
            memcpy(floor_shared->units, units, WIRE_BYTES);
            atomic_store_explicit(&floor_shared->seq, seq + 1, memory_order_release);
        }
    } else if (r->k == K_STREAM) {
        /*
         * Streaming: publish as soon as the slot is free and go on to
         * build the next message, as a pipe writer does; the receiver's
         * check of every sequence number is the proof of delivery.
         */
        sm_status status;
        unsigned long long start = now_ns();
        while ((status = sm_channel_try_send(r->channel, units, UNITS, NULL, &err)) == SM_BUSY &&
               now_ns() - start < 10000000000ull)
            (void)sm_channel_wait_free(r->channel, 100);
        if (status != SM_OK) {
            fprintf(stderr, "samplemap-bench: %s: message %llu: %s\n", kind_names[r->k],
                    (unsigned long long)seq,
                    status == SM_BUSY ? "the slot stayed full for 10 s" : err.message);
            r->ok = false;
        }
    } else if (is_samplemap(r->k)) {
        if (sm_channel_send_wait(r->channel, units, UNITS, 10000, r->k == K_POLL ? 1 : 100, &err) !=
            SM_OK) {
            fprintf(stderr, "samplemap-bench: %s: message %llu: %s\n", kind_names[r->k],
                    (unsigned long long)seq, err.message);
            r->ok = false;
        }
    } else {
        char byte;
        r->ok = write_full(r->send_fd, units, WIRE_BYTES);
        if (r->ok && is_acked(r->k))
            r->ok = read_full(r->ack_fd, &byte, 1);
        if (!r->ok)
            fprintf(stderr, "samplemap-bench: %s: the receiver went away at message %llu\n",
                    kind_names[r->k], (unsigned long long)seq);
    }
    return r->ok;
}

/* Sorts the latencies and fills the row's order statistics and slow share. */
static void fill_stats(uint64_t *latency, uint64_t timed, stats *out)
{
    double sum = 0;
    for (uint64_t i = 0; i < timed; i++)
        sum += (double)latency[i];
    out->mean_us = sum / (double)timed / 1000.0;
    qsort(latency, timed, sizeof *latency, compare_u64);
    out->ran = true;
    out->messages = timed;
    out->median_us = latency[timed / 2] / 1000.0;
    out->p99_us = latency[(timed * 99) / 100 < timed ? (timed * 99) / 100 : timed - 1] / 1000.0;
    out->max_us = latency[timed - 1] / 1000.0;
    uint64_t slow = 0;
    while (slow < timed && latency[timed - 1 - slow] > SLOW_US * 1000ull)
        slow++;
    out->over_slow_pct = 100.0 * (double)slow / (double)timed;
}

/* Keeps the timed messages' entries (in place, in order); returns how many. */
static uint64_t keep_timed(const row *r, uint64_t *latency, int16_t *arrival_cpu)
{
    uint64_t kept = 0;
    for (uint64_t i = 0; i < r->after; i++) {
        if (!row_timed(r, i))
            continue;
        latency[kept] = latency[i];
        if (arrival_cpu != NULL)
            arrival_cpu[kept] = arrival_cpu[i];
        r->send_cpu[kept] = r->send_cpu[i];
        kept++;
    }
    return kept;
}

/* Ends a row: collects its receiver's results and fills out. false = data failure. */
static bool row_finish(row *r, stats *out)
{
    out->other_cpu_pct = out->over_slow_other_cpu_pct = -1;
    if (r->k == K_NO_IPC_IDLE) {
        uint64_t kept = keep_timed(r, r->no_ipc_latency, NULL);
        double seconds = (double)(r->last_end - r->first_send) / 1e9;
        out->msgs_per_s = seconds > 0 ? (double)kept / seconds : 0;
        out->span_start_ns = r->first_send;
        out->span_end_ns = r->last_end;
        fill_stats(r->no_ipc_latency, kept, out);
        free(r->no_ipc_latency);
        free(r->send_cpu);
        return true;
    }
    if (r->send_fd >= 0)
        close(r->send_fd);
    result_header h;
    uint64_t *latency = calloc(r->after, sizeof *latency);
    int16_t *arrival_cpu = calloc(r->after, sizeof *arrival_cpu);
    if (latency == NULL || arrival_cpu == NULL)
        die("out of memory");
    bool got = read_full(r->result_fd, &h, sizeof h) &&
               read_full(r->result_fd, latency, r->after * sizeof *latency) &&
               read_full(r->result_fd, arrival_cpu, r->after * sizeof *arrival_cpu);
    int status = 0;
    waitpid(r->pid, &status, 0);
    close(r->ack_fd);
    close(r->result_fd);
    sm_error err;
    sm_channel_close(r->channel);
    if (is_samplemap(r->k))
        sm_channel_unlink(r->name, NULL, &err);
    if (is_floor(r->k)) {
        munmap(floor_shared, sizeof *floor_shared);
        floor_shared = NULL;
    }
    bool ok = r->ok && got && h.ok && h.received == r->total && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0;
    if (!ok) {
        fprintf(stderr, "samplemap-bench: %s FAILED: %llu of %llu messages arrived intact\n",
                kind_names[r->k], got ? (unsigned long long)h.received : 0ull,
                (unsigned long long)r->total);
    } else {
        uint64_t timed = keep_timed(r, latency, arrival_cpu);
        /* Before the sort: message i's latency still sits beside its two CPUs. */
        uint64_t known = 0, other = 0, slow_other = 0;
        for (uint64_t i = 0; i < timed; i++) {
            if (r->send_cpu[i] < 0 || arrival_cpu[i] < 0)
                continue;
            known++;
            if (r->send_cpu[i] != arrival_cpu[i]) {
                other++;
                slow_other += latency[i] > SLOW_US * 1000ull;
            }
        }
        if (known == timed) {
            out->other_cpu_pct = 100.0 * (double)other / (double)timed;
            out->over_slow_other_cpu_pct = 100.0 * (double)slow_other / (double)timed;
        }
        double seconds = (double)(h.last_arrival - r->first_send) / 1e9;
        out->msgs_per_s = seconds > 0 ? (double)timed / seconds : 0;
        out->span_start_ns = r->first_send;
        out->span_end_ns = h.last_arrival;
        fill_stats(latency, timed, out);
    }
    free(latency);
    free(arrival_cpu);
    free(r->send_cpu);
    return ok;
}

/* Runs one row alone: every message of it, one after the other. false = data failure. */
static bool run_one(kind k, uint64_t timed, uint64_t warmup, stats *out)
{
    row r;
    row_start(&r, k, timed, warmup, 0);
    for (uint64_t seq = 0; seq < r.total && row_send(&r, seq); seq++)
        ;
    return row_finish(&r, out);
}

/*
 * Runs the idle rows together, taking turns of IDLE_TURN messages (~50 ms),
 * each message still after its own pause: so every row meets the same moments
 * of the machine, and a ratio between two rows compares the transports rather
 * than two stretches of time seconds apart (this VM changes speed for seconds
 * at a time: docs/performance.md, "Method"). The first message of each turn
 * follows the other rows' work, not a pause of its own row, so it is not timed.
 */
static bool run_interleaved(const kind *kinds, size_t n, uint64_t timed, uint64_t warmup,
                            stats *out)
{
    row rows[K_COUNT];
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        row_start(&rows[i], kinds[i], timed, warmup, IDLE_TURN);
    for (uint64_t base = 0; base < rows[0].total; base += IDLE_TURN)
        for (size_t i = 0; i < n; i++)
            for (uint64_t seq = base; seq < base + IDLE_TURN && seq < rows[i].total; seq++)
                (void)row_send(&rows[i], seq); /* a failed row stops; row_finish reports it */
    for (size_t i = 0; i < n; i++)
        ok = row_finish(&rows[i], &out[kinds[i]]) && ok;
    return ok;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: samplemap-bench [--count N] [--poll-count N] [--json | --markdown] [--pin]\n"
            "                       [--only LIST] [--runs N] [--load N[:NICE] | --scenarios LIST]\n"
            "Measures one-way latency (median, p99, mean, max) and throughput of 2 KB messages\n"
            "between two processes: SampleMap wake mode (acked and streaming), SampleMap poll\n"
            "mode (1 ms), pipes and UNIX sockets, acked (ping-pong) and streaming, and the\n"
            "floor: two processes spinning on a shared page, no lock, no system call (and\n"
            "floor-stream, the same streamed: one slot's ceiling). Every message is verified;\n"
            "a lost or corrupt message fails the run (exit 1). The *-idle\n"
            "rows (200 us pause before each message) take turns of 250 messages, so they\n"
            "meet the same moments of the machine; no-ipc-idle is no transport, one process\n"
            "reading the clock for 7 us after each pause: what the machine alone costs.\n"
            "  --count N       timed messages per transport (default 20000; after 10%% warm-up)\n"
            "  --poll-count N  timed messages for samplemap-poll (default 300: ~1 ms each)\n"
            "  --only LIST     comma-separated rows, e.g. samplemap-wake,pipe-acked\n"
            "  --runs N        run every transport N times (1..15, default 1), one set after\n"
            "                  the other; print each figure's median and each target's spread\n"
            "  --load N[:NICE] N CPU-bound processes (0..16, at nice 0..19, default 0) run\n"
            "                  through every row: the same rows on a busy machine\n"
            "  --scenarios LIST  comma-separated: quiet or N:NICE each, e.g. quiet,2:0,2:19;\n"
            "                  every scenario runs all its rows and runs, and is reported\n"
            "  --json          print the results as JSON instead of a table\n"
            "  --markdown      print the table as Markdown (README.md's Performance table)\n"
            "  --pin           sender on CPU 0, receiver on CPU 1 (Linux): each has a CPU\n");
}

/* ------------------------------------------------------------- scenarios */

/* A scenario: how many CPU-bound processes run beside the rows, and at which nice. */
typedef struct scenario {
    unsigned load;
    int nice;
    char label[16]; /* "quiet" or "N:NICE" */
} scenario;

#define MAX_SCENARIOS 4
#define MAX_LOAD 16

/* "quiet" or N[:NICE]; false with a message on bad text. */
static bool parse_scenario(const char *text, size_t length, scenario *out)
{
    char buf[32];
    if (length == 0 || length >= sizeof buf)
        return false;
    memcpy(buf, text, length);
    buf[length] = '\0';
    memset(out, 0, sizeof *out);
    if (strcmp(buf, "quiet") == 0 || strcmp(buf, "0") == 0) {
        snprintf(out->label, sizeof out->label, "quiet");
        return true;
    }
    char *end;
    long load = strtol(buf, &end, 10), nice = 0;
    if (end == buf || load < 0 || load > MAX_LOAD)
        return false;
    if (*end == ':') {
        char *nice_text = end + 1;
        nice = strtol(nice_text, &end, 10);
        if (end == nice_text || nice < 0 || nice > 19)
            return false;
    }
    if (*end != '\0')
        return false;
    out->load = (unsigned)load;
    out->nice = (int)nice;
    if (load == 0)
        snprintf(out->label, sizeof out->label, "quiet");
    else
        snprintf(out->label, sizeof out->label, "%ld:%ld", load, nice);
    return true;
}

/*
 * --load: starts the CPU-bound processes of a scenario (each a loop that
 * never makes a system call, at the scenario's nice); they run through every
 * row of it and die with the benchmark (PR_SET_PDEATHSIG) or at stop_load.
 */
static void start_load(const scenario *sc, pid_t *pids)
{
    pid_t parent = getpid();
    fflush(NULL);
    for (unsigned i = 0; i < sc->load; i++) {
        pid_t pid = fork();
        if (pid < 0)
            die("fork (--load)");
        if (pid == 0) {
#if defined(__linux__)
            prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
            if (getppid() != parent)
                _exit(0);
            if (setpriority(PRIO_PROCESS, 0, sc->nice) != 0)
                _exit(3);
            volatile uint64_t spin = 0;
            for (;;)
                spin++;
        }
        pids[i] = pid;
    }
}

/* What the load did: its CPU time against the scenario's wall time, and the nice it really had. */
typedef struct load_seen {
    double cpu_s, wall_s;
    long voluntary_switches; /* times the load processes blocked: 0 for a loop that never sleeps */
    int nice; /* the nice each load process had (getpriority); -100: they differed or none ran */
} load_seen;

/* Stops the load: reads each process's nice while it runs, then its CPU time from wait4. */
static void stop_load(const scenario *sc, const pid_t *pids, uint64_t started_ns, load_seen *seen)
{
    seen->cpu_s = 0;
    seen->voluntary_switches = 0;
    seen->wall_s = (double)(now_ns() - started_ns) / 1e9;
    seen->nice = sc->load > 0 ? sc->nice : -100;
    for (unsigned i = 0; i < sc->load; i++) {
        errno = 0;
        int nice = getpriority(PRIO_PROCESS, (id_t)pids[i]);
        if (errno != 0 || nice != seen->nice)
            seen->nice = -100;
        kill(pids[i], SIGKILL);
        struct rusage usage;
        memset(&usage, 0, sizeof usage);
        if (wait4(pids[i], NULL, 0, &usage) != pids[i])
            continue;
        seen->voluntary_switches += usage.ru_nvcsw;
        seen->cpu_s += (double)usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                       (double)usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    }
}

/* One target: value is the measured ratio, -1 when a row it needs did not run. */
typedef struct target {
    const char *key, *text; /* JSON summary key; what the table prints */
    double bound; /* a latency target is met at or below it, a throughput one at or above */
    double value;
} target;

static double ratio(const stats *a, const stats *b, double x, double y)
{
    return a->ran && b->ran && y > 0 ? x / y : -1;
}

static bool target_met(const target *t)
{
    bool throughput = strstr(t->key, "throughput") != NULL;
    return throughput ? t->value >= t->bound : t->value <= t->bound;
}

/* --runs: the whole set of transports is run this many times, one after the other. */
#define MAX_RUNS 15
#define TARGET_COUNT 6 /* the most targets of a scenario */

/*
 * The targets of one run's results (docs/performance.md), for a quiet or a
 * busy scenario; returns how many. Quiet: the hand-over against the floor, the
 * tail and the rates against the pipe. Busy (--load): what a desktop sees,
 * the rates, the tail and the worst message against the pipe's, and the idle
 * row no worse than pipe-idle (no SampleMap row worse than its pipe row).
 */
static size_t fill_targets(const stats *r, bool busy, target *out)
{
    const stats *pipe_ref = &r[K_PIPE_ACKED], *stream_ref = &r[K_PIPE_STREAM];
    const stats *idle_ref = &r[K_PIPE_IDLE], *floor_ref = &r[K_FLOOR];
    const stats *wake = &r[K_WAKE], *wake_idle = &r[K_WAKE_IDLE], *stream = &r[K_STREAM];
    target quiet[] = {
        {"wake_median_le_2_floor", "wake median <= 2.0 x floor", 2.0,
         ratio(wake, floor_ref, wake->median_us, floor_ref->median_us)},
        {"wake_p99_le_0_1_pipe", "wake p99 <= 0.1 x pipe-acked", 0.1,
         ratio(wake, pipe_ref, wake->p99_us, pipe_ref->p99_us)},
        /* Streaming against streaming: neither writer waits for each message's take. */
        {"stream_throughput_ge_1_5_stream_pipe", "stream msgs/s >= 1.5 x pipe-stream", 1.5,
         ratio(stream, stream_ref, stream->msgs_per_s, stream_ref->msgs_per_s)},
        {"idle_median_le_idle_pipe", "wake-idle median <= 1.0 x pipe-idle", 1.0,
         ratio(wake_idle, idle_ref, wake_idle->median_us, idle_ref->median_us)},
        {"idle_p99_le_idle_pipe", "wake-idle p99 <= 1.0 x pipe-idle", 1.0,
         ratio(wake_idle, idle_ref, wake_idle->p99_us, idle_ref->p99_us)},
    };
    target loaded[] = {
        {"wake_throughput_ge_1_5_pipe", "wake msgs/s >= 1.5 x pipe-acked", 1.5,
         ratio(wake, pipe_ref, wake->msgs_per_s, pipe_ref->msgs_per_s)},
        {"wake_p99_le_pipe", "wake p99 <= 1.0 x pipe-acked", 1.0,
         ratio(wake, pipe_ref, wake->p99_us, pipe_ref->p99_us)},
        {"stream_throughput_ge_1_5_stream_pipe", "stream msgs/s >= 1.5 x pipe-stream", 1.5,
         ratio(stream, stream_ref, stream->msgs_per_s, stream_ref->msgs_per_s)},
        {"wake_max_le_2_pipe", "wake max <= 2.0 x pipe-acked", 2.0,
         ratio(wake, pipe_ref, wake->max_us, pipe_ref->max_us)},
        {"idle_median_le_idle_pipe", "wake-idle median <= 1.0 x pipe-idle", 1.0,
         ratio(wake_idle, idle_ref, wake_idle->median_us, idle_ref->median_us)},
        {"idle_p99_le_idle_pipe", "wake-idle p99 <= 1.0 x pipe-idle", 1.0,
         ratio(wake_idle, idle_ref, wake_idle->p99_us, idle_ref->p99_us)},
    };
    _Static_assert(sizeof loaded / sizeof loaded[0] <= TARGET_COUNT, "TARGET_COUNT");
    if (busy) {
        memcpy(out, loaded, sizeof loaded);
        return sizeof loaded / sizeof loaded[0];
    }
    memcpy(out, quiet, sizeof quiet);
    return sizeof quiet / sizeof quiet[0];
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median of n values (the mean of the middle two for an even n); -1 if any is -1. */
static double median_double(const double *values, unsigned n)
{
    double sorted[MAX_RUNS];
    memcpy(sorted, values, n * sizeof *values);
    qsort(sorted, n, sizeof *sorted, compare_double);
    if (sorted[0] < 0)
        return -1;
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* One row's figures over the runs: each the median of its runs' (max: the largest). */
static stats median_of_runs(stats per_run[][K_COUNT], unsigned runs, kind k)
{
    stats out = per_run[0][k];
    double median[MAX_RUNS], p99[MAX_RUNS], mean[MAX_RUNS], rate[MAX_RUNS], slow[MAX_RUNS],
        other[MAX_RUNS], slow_other[MAX_RUNS];
    for (unsigned run = 0; run < runs; run++) {
        const stats *s = &per_run[run][k];
        out.ran = out.ran && s->ran;
        median[run] = s->median_us;
        p99[run] = s->p99_us;
        mean[run] = s->mean_us;
        rate[run] = s->msgs_per_s;
        slow[run] = s->over_slow_pct;
        other[run] = s->other_cpu_pct;
        slow_other[run] = s->over_slow_other_cpu_pct;
        if (s->max_us > out.max_us)
            out.max_us = s->max_us;
    }
    out.median_us = median_double(median, runs);
    out.p99_us = median_double(p99, runs);
    out.mean_us = median_double(mean, runs);
    out.msgs_per_s = median_double(rate, runs);
    out.over_slow_pct = median_double(slow, runs);
    out.other_cpu_pct = median_double(other, runs);
    out.over_slow_other_cpu_pct = median_double(slow_other, runs);
    return out;
}

/* How a target fared over the runs. */
typedef struct spread {
    double low, high;
    unsigned met, runs;
} spread;

static spread spread_of(const target *t, const double *values, unsigned runs)
{
    spread s = {values[0], values[0], 0, runs};
    for (unsigned run = 0; run < runs; run++) {
        target one = *t;
        one.value = values[run];
        s.met += values[run] >= 0 && target_met(&one);
        if (values[run] < s.low)
            s.low = values[run];
        if (values[run] > s.high)
            s.high = values[run];
    }
    return s;
}

static bool parse_count(const char *text, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    if (*text == '\0' || *end != '\0' || v < 1 || v > 100000000ull)
        return false;
    *out = v;
    return true;
}

/* Runs every wanted row, runs times; per_run[run][row] gets the figures. false = a data failure. */
static bool run_scenario(const bool *wanted, uint64_t count, uint64_t poll_count, unsigned runs,
                         bool json, stats per_run[][K_COUNT])
{
    bool all_ok = true;
    for (unsigned run = 0; run < runs; run++) {
        /* The other rows one after the other, then the idle rows together, taking turns. */
        kind idle_kinds[K_COUNT];
        size_t idle_count = 0;
        for (int k = 0; k < K_COUNT; k++) {
            if (!wanted[k])
                continue;
            if (is_idle((kind)k)) {
                idle_kinds[idle_count++] = (kind)k;
                continue;
            }
            uint64_t timed = k == K_POLL ? poll_count : count;
            if (!json)
                fprintf(stderr, "  %srunning %-20s %llu messages...\n", runs > 1 ? "  " : "",
                        kind_names[k], (unsigned long long)timed);
            if (!run_one((kind)k, timed, timed / 10 + 1, &per_run[run][k]))
                all_ok = false;
        }
        if (idle_count > 0) {
            uint64_t timed = count / 4 ? count / 4 : 1;
            if (!json)
                fprintf(stderr,
                        "  %srunning the %zu idle rows, taking turns, %llu messages each...\n",
                        runs > 1 ? "  " : "", idle_count, (unsigned long long)timed);
            if (!run_interleaved(idle_kinds, idle_count, timed, timed / 10 + 1, per_run[run]))
                all_ok = false;
        }
    }
    return all_ok;
}

typedef struct report_options {
    bool json, markdown;
    unsigned runs;
    uint64_t count;
    const char *command; /* the arguments as given, for the JSON summary */
} report_options;

/* The 1-minute load average, as text ("unknown" if unreadable). */
static void load_average(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *f = fopen("/proc/loadavg", "r");
    if (f == NULL)
        return;
    if (fgets(out, (int)size, f) != NULL)
        out[strcspn(out, " ")] = '\0';
    else
        snprintf(out, size, "unknown");
    fclose(f);
}

/* One scenario's report (table or JSON); results gets each row's median over the runs. */
static void report(const report_options *o, const scenario *sc, const load_seen *seen,
                   stats per_run[][K_COUNT], bool all_ok, stats *results)
{
    unsigned runs = o->runs;
    bool json = o->json, markdown = o->markdown, busy = sc->load > 0;
    /* Each row's figures: the median over the runs (the one run's own for --runs 1). */
    for (int k = 0; k < K_COUNT; k++)
        results[k] = median_of_runs(per_run, runs, (kind)k);

    /* The targets of docs/performance.md, per run; each needs both of its rows. */
    target targets[TARGET_COUNT];
    double values[TARGET_COUNT][MAX_RUNS]; /* each target's value in each run */
    size_t target_count = 0;
    for (unsigned run = 0; run < runs; run++) {
        target_count = fill_targets(per_run[run], busy, targets);
        for (size_t t = 0; t < target_count; t++)
            values[t][run] = targets[t].value;
    }
    /* What is judged: the median of the runs' ratios; the spread is printed beside it. */
    spread spreads[TARGET_COUNT];
    for (size_t t = 0; t < target_count; t++) {
        targets[t].value = median_double(values[t], runs);
        spreads[t] = spread_of(&targets[t], values[t], runs);
    }
    const stats *pipe_ref = &results[K_PIPE_ACKED], *stream_ref = &results[K_PIPE_STREAM];
    const stats *idle_ref = &results[K_PIPE_IDLE];

    if (json) {
        /* JSON Lines with the apps' conventions (docs/json.md): one "result" per transport, one
         * "summary". */
        for (int k = 0; k < K_COUNT; k++) {
            const stats *s = &results[k];
            if (!s->ran)
                continue;
            sm_json_begin(stdout, "result");
            sm_json_key_string(stdout, "scenario", sc->label);
            sm_json_key_string(stdout, "transport", kind_names[k]);
            printf(",\"messages\":%llu,\"payload_bytes\":%d,\"median_us\":%.3f,\"p99_us\":%.3f,"
                   "\"mean_us\":%.3f,\"max_us\":%.3f,\"msgs_per_s\":%.0f,\"over_%dus_pct\":%.2f",
                   (unsigned long long)s->messages, WIRE_BYTES, s->median_us, s->p99_us, s->mean_us,
                   s->max_us, s->msgs_per_s, SLOW_US, s->over_slow_pct);
            if (pipe_ref->ran)
                printf(",\"median_ratio_to_pipe\":%.3f,\"p99_ratio_to_pipe\":%.3f,"
                       "\"throughput_ratio_to_pipe\":%.3f",
                       s->median_us / pipe_ref->median_us, s->p99_us / pipe_ref->p99_us,
                       s->msgs_per_s / pipe_ref->msgs_per_s);
            if (stream_ref->ran)
                printf(",\"throughput_ratio_to_stream_pipe\":%.3f",
                       s->msgs_per_s / stream_ref->msgs_per_s);
            if (is_idle((kind)k) && idle_ref->ran)
                printf(",\"median_ratio_to_idle_pipe\":%.3f,\"p99_ratio_to_idle_pipe\":%.3f",
                       s->median_us / idle_ref->median_us, s->p99_us / idle_ref->p99_us);
            /* One run: when the row ran, so that a test can see the idle rows take turns. */
            if (runs == 1)
                printf(",\"first_send_ns\":%llu,\"last_arrival_ns\":%llu",
                       (unsigned long long)s->span_start_ns, (unsigned long long)s->span_end_ns);
            if (s->other_cpu_pct >= 0)
                printf(",\"other_cpu_pct\":%.2f,\"over_%dus_other_cpu_pct\":%.2f", s->other_cpu_pct,
                       SLOW_US, s->over_slow_other_cpu_pct);
            sm_json_end(stdout);
        }
        char load[32];
        load_average(load, sizeof load);
        sm_json_begin(stdout, "summary");
        sm_json_key_string(stdout, "scenario", sc->label);
        sm_json_key_string(stdout, "latency", "one-way, CLOCK_MONOTONIC stamp in the payload");
        printf(",\"load_processes\":%u,\"load_nice\":%d,\"payload_bytes\":%d,\"idle_gap_us\":%d,"
               "\"runs\":%u",
               sc->load, sc->nice, WIRE_BYTES, IDLE_GAP_NS / 1000, runs);
        printf(",\"count\":%llu", (unsigned long long)o->count);
        sm_json_key_string(stdout, "command", o->command);
        sm_json_key_string(stdout, "load_average_1min", load);
        if (busy)
            printf(",\"load_cpu_s\":%.3f,\"load_wall_s\":%.3f,\"load_nice_seen\":%d,"
                   "\"load_voluntary_switches\":%ld",
                   seen->cpu_s, seen->wall_s, seen->nice, seen->voluntary_switches);
        for (size_t i = 0; i < target_count; i++)
            if (targets[i].value >= 0)
                printf(",\"%s\":%s,\"%s_value\":%.3f,\"%s_low\":%.3f,\"%s_high\":%.3f,"
                       "\"%s_runs_met\":%u",
                       targets[i].key, target_met(&targets[i]) ? "true" : "false", targets[i].key,
                       targets[i].value, targets[i].key, spreads[i].low, targets[i].key,
                       spreads[i].high, targets[i].key, spreads[i].met);
        /* Each target's words as the table prints them, for tools/bench-report.py. */
        for (size_t i = 0; i < target_count; i++)
            if (targets[i].value >= 0) {
                char key[64];
                snprintf(key, sizeof key, "%s_text", targets[i].key);
                sm_json_key_string(stdout, key, targets[i].text);
            }
        printf(",\"verified\":%s", all_ok ? "true" : "false");
        sm_json_end(stdout);
        return;
    }
    /* The table: plain text, or Markdown (--markdown) to paste into README.md and
     * docs/performance.md. */
    const char *cell = markdown ? " | " : " ";
    char load[32];
    load_average(load, sizeof load);
    if (markdown) {
        printf("\n### Scenario %s%s\n\n", sc->label,
               busy ? (sc->nice ? " (CPU-bound processes at nice 19 beside the rows)"
                                : " (CPU-bound processes at nice 0 beside the rows)")
                    : " (nothing else started)");
        printf("<!-- samplemap-bench --markdown --count %llu --runs %u%s, scenario %s; 1-minute "
               "load average at the end: %s -->\n",
               (unsigned long long)o->count, runs, pin_cpu >= 0 ? " --pin" : "", sc->label, load);
        if (runs > 1)
            printf("Each figure is the median of %u runs (max: the largest); the ratio columns "
                   "divide those medians, while each target is judged on the median of the runs' "
                   "own ratios (a run's row against the same run's reference row).\n\n",
                   runs);
        printf("| transport | messages | median µs | p99 µs | mean µs | max µs | msgs/s | median / "
               "pipe-acked | p99 / pipe-acked | msgs/s / pipe-acked | median / pipe-idle | p99 / "
               "pipe-idle |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    } else {
        printf("\n== scenario %s: ", sc->label);
        if (busy)
            printf("%u CPU-bound processes at nice %d ran through every row, using %.1f CPU-s "
                   "in %.1f s",
                   sc->load, sc->nice, seen->cpu_s, seen->wall_s);
        else
            printf("no load started by the benchmark");
        printf(" (1-minute load average at the end: %s)\n", load);
        printf("2 KB messages between two processes; one-way latency from a CLOCK_MONOTONIC "
               "stamp in each payload;\nratios are to pipe-acked (the pipe with a 1-byte ack "
               "per message) and, for the *-idle rows\n(%d us pause before each message), to "
               "pipe-idle.\n",
               IDLE_GAP_NS / 1000);
        if (runs > 1)
            printf("Each figure is the median of %u runs (max: the largest); the ratio columns "
                   "divide those medians,\nwhile each target is judged on the median of the runs' "
                   "own ratios.\n",
                   runs);
        printf("\n");
        printf("%-20s %9s %10s %10s %10s %10s %12s %9s %9s %9s %9s %9s\n", "transport", "messages",
               "median us", "p99 us", "mean us", "max us", "msgs/s", "med/pipe", "p99/pipe",
               "tput/pipe", "med/idle", "p99/idle");
    }
    for (int k = 0; k < K_COUNT; k++) {
        const stats *s = &results[k];
        if (!s->ran)
            continue;
        printf(markdown ? "| %s | %llu | %.2f | %.2f | %.2f | %.1f | %.0f"
                        : "%-20s %9llu %10.2f %10.2f %10.2f %10.1f %12.0f",
               kind_names[k], (unsigned long long)s->messages, s->median_us, s->p99_us, s->mean_us,
               s->max_us, s->msgs_per_s);
        double ratios[5] = {-1, -1, -1, -1, -1};
        if (pipe_ref->ran) {
            ratios[0] = s->median_us / pipe_ref->median_us;
            ratios[1] = s->p99_us / pipe_ref->p99_us;
            ratios[2] = s->msgs_per_s / pipe_ref->msgs_per_s;
        }
        if (is_idle((kind)k) && idle_ref->ran) {
            ratios[3] = s->median_us / idle_ref->median_us;
            ratios[4] = s->p99_us / idle_ref->p99_us;
        }
        for (int i = 0; i < 5; i++) {
            if (ratios[i] >= 0)
                printf(markdown ? "%s%.3f" : "%s%9.3f", cell, ratios[i]);
            else
                printf(markdown ? "%s–" : "%s%9s", cell, "-");
        }
        printf(markdown ? " |\n" : "\n");
    }
    if (results[K_PIPE_STREAM].ran || results[K_UNIX_STREAM].ran)
        printf(markdown ? "\n*-stream latency includes time queued in the kernel buffer.\n"
                        : "(*-stream latency includes time spent queued in the kernel buffer)\n");
    /* The idle rows' stalls beside where the woken receiver ran (docs/performance.md). */
    bool cpu_header = false;
    for (int k = 0; k < K_COUNT; k++) {
        const stats *s = &results[k];
        if (!s->ran || !is_idle((kind)k))
            continue;
        if (!cpu_header && markdown)
            printf("\nWhere the woken receiver took each idle message (%% of the messages):\n\n"
                   "| transport | over %d µs | on the other CPU | on the other CPU and over "
                   "%d µs |\n|---|---:|---:|---:|\n",
                   SLOW_US, SLOW_US);
        else if (!cpu_header)
            printf("\n%-20s %14s %14s %24s\n", "idle row", "% over 30 us", "% other CPU",
                   "% other CPU and over 30");
        cpu_header = true;
        if (s->other_cpu_pct >= 0)
            printf(markdown ? "| %s | %.2f | %.2f | %.2f |\n" : "%-20s %14.2f %14.2f %24.2f\n",
                   kind_names[k], s->over_slow_pct, s->other_cpu_pct, s->over_slow_other_cpu_pct);
        else /* no-ipc-idle, or a system without sched_getcpu */
            printf(markdown ? "| %s | %.2f | – | – |\n" : "%-20s %14.2f %14s %24s\n", kind_names[k],
                   s->over_slow_pct, "-", "-");
    }
    bool any = false;
    for (size_t i = 0; i < target_count; i++) {
        if (targets[i].value < 0)
            continue;
        if (!any)
            printf(markdown ? "\nTargets (scenario %s):\n" : "\ntargets (%s):\n", sc->label);
        any = true;
        printf(markdown ? "- %s: **%s** (%.3f" : "  %-38s %-6s (%.3f", targets[i].text,
               target_met(&targets[i]) ? "met" : "MISSED", targets[i].value);
        if (runs > 1)
            printf(", the median of %u runs: %.3f to %.3f, met in %u of them)\n", runs,
                   spreads[i].low, spreads[i].high, spreads[i].met);
        else
            printf(")\n");
    }
    /* Why the stream target may be out of reach: what one slot allows at all, here and now. */
    const stats *ceiling = &results[K_FLOOR_STREAM];
    if (ceiling->ran && stream_ref->ran)
        printf("%sone slot's ceiling: floor-stream msgs/s = %.3f x pipe-stream\n",
               markdown ? "- " : "  ", ceiling->msgs_per_s / stream_ref->msgs_per_s);
}

/* Several scenarios: the same rows quiet and busy next to each other. */
static void report_side_by_side(bool markdown, const scenario *scenarios, size_t n,
                                stats by_scenario[][K_COUNT])
{
    if (markdown) {
        printf("\n### The scenarios side by side (median µs / p99 µs / max µs / msgs/s)\n\n"
               "| transport |");
        for (size_t sc = 0; sc < n; sc++)
            printf(" %s |", scenarios[sc].label);
        printf("\n|---|");
        for (size_t sc = 0; sc < n; sc++)
            printf("---:|");
        printf("\n");
    } else {
        printf("\n== the scenarios side by side: median us / p99 us / max us / msgs/s\n%-20s",
               "transport");
        for (size_t sc = 0; sc < n; sc++)
            printf(" %32s", scenarios[sc].label);
        printf("\n");
    }
    for (int k = 0; k < K_COUNT; k++) {
        bool any = false;
        for (size_t sc = 0; sc < n; sc++)
            any = any || by_scenario[sc][k].ran;
        if (!any)
            continue;
        printf(markdown ? "| %s |" : "%-20s", kind_names[k]);
        for (size_t sc = 0; sc < n; sc++) {
            const stats *s = &by_scenario[sc][k];
            char cell_text[64] = "-";
            if (s->ran)
                snprintf(cell_text, sizeof cell_text, "%.2f / %.1f / %.0f / %.0f", s->median_us,
                         s->p99_us, s->max_us, s->msgs_per_s);
            printf(markdown ? " %s |" : " %32s", cell_text);
        }
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--child") == 0) {
        const char *name = "";
        uint64_t total = 0, warmup = 0;
        long parent = 0;
        kind k = K_COUNT;
        for (int i = 0; i < K_COUNT; i++)
            if (strcmp(argv[2], kind_names[i]) == 0)
                k = (kind)i;
        for (int i = 3; i + 1 < argc; i += 2) {
            if (strcmp(argv[i], "--name") == 0)
                name = argv[i + 1];
            else if (strcmp(argv[i], "--total") == 0)
                total = strtoull(argv[i + 1], NULL, 10);
            else if (strcmp(argv[i], "--warmup") == 0)
                warmup = strtoull(argv[i + 1], NULL, 10);
            else if (strcmp(argv[i], "--parent") == 0)
                parent = strtol(argv[i + 1], NULL, 10);
            else if (strcmp(argv[i], "--cpu") == 0 && !pin_to(atoi(argv[i + 1])))
                die("--pin: sched_setaffinity for the receiver");
        }
        if (k == K_COUNT || total == 0)
            return 2;
        watch_parent(parent);
        return child_main(k, name, total, warmup);
    }

    uint64_t count = 20000, poll_count = 300;
    unsigned runs = 1;
    bool json = false, markdown = false;
    const char *only = NULL;
    scenario scenarios[MAX_SCENARIOS];
    size_t scenario_count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--markdown") == 0) {
            markdown = true;
        } else if (strcmp(argv[i], "--pin") == 0) {
            pin_cpu = 0;
        } else if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) {
            if (!parse_count(argv[++i], &count)) {
                fprintf(stderr, "samplemap-bench: --count needs 1..100000000\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--poll-count") == 0 && i + 1 < argc) {
            if (!parse_count(argv[++i], &poll_count)) {
                fprintf(stderr, "samplemap-bench: --poll-count needs 1..100000000\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            uint64_t n;
            if (!parse_count(argv[++i], &n) || n > MAX_RUNS) {
                fprintf(stderr, "samplemap-bench: --runs needs 1..%d\n", MAX_RUNS);
                return 2;
            }
            runs = (unsigned)n;
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else if ((strcmp(argv[i], "--load") == 0 || strcmp(argv[i], "--scenarios") == 0) &&
                   i + 1 < argc) {
            bool list = strcmp(argv[i], "--scenarios") == 0;
            const char *text = argv[++i];
            if (scenario_count > 0) {
                fprintf(stderr, "samplemap-bench: give --load or --scenarios once\n");
                return 2;
            }
            for (const char *p = text;; p++) {
                size_t length = strcspn(p, list ? "," : "");
                if (scenario_count == MAX_SCENARIOS ||
                    !parse_scenario(p, length, &scenarios[scenario_count])) {
                    fprintf(stderr,
                            "samplemap-bench: %s '%s': each scenario is quiet or N[:NICE] with N "
                            "0..%d CPU-bound processes at nice 0..19, at most %d of them, e.g. "
                            "--scenarios quiet,2:0,2:19\n",
                            argv[i - 1], text, MAX_LOAD, MAX_SCENARIOS);
                    return 2;
                }
                scenario_count++;
                p += length;
                if (*p == '\0')
                    break;
            }
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "samplemap-bench: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (scenario_count == 0)
        parse_scenario("quiet", 5, &scenarios[scenario_count++]);

    /* --only: every name must be a row; a typo would silently measure nothing. */
    bool wanted[K_COUNT];
    for (int k = 0; k < K_COUNT; k++)
        wanted[k] = only == NULL;
    for (const char *p = only; p != NULL;) {
        size_t length = strcspn(p, ",");
        int found = -1;
        for (int k = 0; k < K_COUNT; k++)
            if (strlen(kind_names[k]) == length && strncmp(p, kind_names[k], length) == 0)
                found = k;
        if (found < 0) {
            fprintf(stderr,
                    "samplemap-bench: --only: '%.*s' is not a row; the rows are:", (int)length, p);
            for (int k = 0; k < K_COUNT; k++)
                fprintf(stderr, "%s%s", k ? ", " : " ", kind_names[k]);
            fprintf(stderr, "\n");
            return 2;
        }
        wanted[found] = true;
        p = p[length] == ',' ? p + length + 1 : NULL;
    }

    ssize_t n = readlink("/proc/self/exe", self_path, sizeof self_path - 1);
    if (n > 0)
        self_path[n] = '\0';
    else
        snprintf(self_path, sizeof self_path, "%s", argv[0]);
    signal(SIGPIPE, SIG_IGN);
    if (pin_cpu >= 0 && !pin_to(pin_cpu))
        die("--pin: sched_setaffinity for the sender (needs 2 CPUs)");

    static stats per_run[MAX_RUNS][K_COUNT];
    static stats by_scenario[MAX_SCENARIOS][K_COUNT];
    bool all_ok = true;
    /* The command as given (argv[0]'s file name), so a JSON report says how it was made. */
    static char command[1024];
    const char *base = strrchr(argv[0], '/');
    snprintf(command, sizeof command, "%s", base != NULL ? base + 1 : argv[0]);
    for (int i = 1; i < argc; i++) {
        size_t used = strlen(command);
        snprintf(command + used, sizeof command - used, " %s", argv[i]);
    }
    report_options options = {json, markdown, runs, count, command};
    for (size_t sc = 0; sc < scenario_count; sc++) {
        pid_t hogs[MAX_LOAD];
        memset(per_run, 0, sizeof per_run);
        if (!json && scenarios[sc].load > 0)
            fprintf(stderr, "  scenario %s: %u CPU-bound processes at nice %d\n",
                    scenarios[sc].label, scenarios[sc].load, scenarios[sc].nice);
        uint64_t started = now_ns();
        start_load(&scenarios[sc], hogs);
        bool ok = run_scenario(wanted, count, poll_count, runs, json, per_run);
        load_seen seen;
        stop_load(&scenarios[sc], hogs, started, &seen);
        all_ok = ok && all_ok;
        report(&options, &scenarios[sc], &seen, per_run, ok, by_scenario[sc]);
    }
    if (scenario_count > 1 && !json)
        report_side_by_side(markdown, scenarios, scenario_count, by_scenario);
    if (!json)
        printf(markdown ? "\n%s\n" : "\n%s\n", all_ok
                                                   ? "all messages verified (sequence + checksum)"
                                                   : "FAILED: a message was lost or corrupt");
    return all_ok ? 0 : 1;
}
#endif
