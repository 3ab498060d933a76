/*
 * platform_posix.c - the POSIX side of platform.h. argv and the standard
 * streams are bytes already, and UTF-8 is the usual locale; closed standard
 * descriptors and SIGPIPE need handling. The wall clock is clock_gettime.
 */
#define _DEFAULT_SOURCE /* setitimer */
#define _POSIX_C_SOURCE 200809L
#include "os_process.h"
#include "platform.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/*
 * A program started with fd 0, 1 or 2 closed (">&-", some service managers)
 * would get its next open() there - the shared-memory object - and every
 * printf would then write into the channel. So each closed one is parked on
 * /dev/null first, before anything is opened (process.closed_std_streams).
 */
static void park_closed_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        /* open() returns the lowest free descriptor, which is this one. */
        int parked = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (parked != fd)
            _exit(
                SM_PLATFORM_NO_STD_FDS); /* no /dev/null: nowhere to say so, and unsafe to go on */
    }
}

void sm_platform_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    park_closed_std_fds();
    /*
     * A write into a closed pipe must fail with EPIPE, which the receiver
     * checks (and then puts the message back), not kill the process with
     * SIGPIPE after the message was taken from the slot.
     */
    (void)signal(SIGPIPE, SIG_IGN); /* SIG_ERR only for an invalid signal number */
    /*
     * Likewise a write past the file size limit (ulimit -f) must fail with
     * EFBIG, not kill us with SIGXFSZ after a message was taken (it is then
     * put back) or inside a creator's ftruncate (which left a 0-byte object).
     */
    (void)signal(SIGXFSZ, SIG_IGN);
}

FILE *sm_platform_fopen(const char *path, const char *mode)
{
    if (strcmp(mode, "ab") != 0)
        return fopen(path, mode);
    /*
     * O_NONBLOCK for the open only: opening a FIFO nobody reads would block
     * for good; this way it fails at once with ENXIO. Cleared right after, so
     * writes then block as usual (bounded by sm_platform_interrupt_after).
     */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0666);
    if (fd < 0)
        return NULL;
    int flags = fcntl(fd, F_GETFL);
    FILE *file =
        flags == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1 ? NULL : fdopen(fd, mode);
    if (file == NULL) {
        int error_number = errno;
        (void)close(fd);
        errno = error_number;
    }
    return file;
}

/*
 * Installs handler for signal_number without SA_RESTART: a write, an open or a
 * sleep in progress when it arrives returns EINTR instead of resuming.
 */
static void catch_signal(int signal_number, void (*handler)(int))
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    (void)sigemptyset(&action.sa_mask);            /* cannot fail on a valid set */
    (void)sigaction(signal_number, &action, NULL); /* valid signals: cannot fail */
}

/* SIGALRM's handler: nothing to do; its arrival makes the blocked call return EINTR. */
static void interrupt_blocked_call(int signal_number)
{
    (void)signal_number;
}

void sm_platform_interrupt_after(unsigned long long deadline_ms)
{
    catch_signal(SIGALRM, interrupt_blocked_call);
    unsigned long long now = sm_monotonic_ms();
    unsigned long long left = deadline_ms > now ? deadline_ms - now : 1;
    /*
     * Then every 10 ms: a call that starts blocking after the deadline (the
     * output of one more message taken just before it) is interrupted too.
     */
    struct itimerval timer = {{0, 10000},
                              {(time_t)(left / 1000), (suseconds_t)(left % 1000) * 1000}};
    (void)setitimer(ITIMER_REAL, &timer, NULL); /* fails only for invalid values */
}

static volatile sig_atomic_t *stop_signal_target;

static void note_stop_signal(int signal_number)
{
    *stop_signal_target = signal_number;
}

void sm_platform_catch_stop_signals(volatile sig_atomic_t *which)
{
    stop_signal_target = which;
    catch_signal(SIGINT, note_stop_signal);
    catch_signal(SIGTERM, note_stop_signal);
    catch_signal(SIGHUP, note_stop_signal);
}

void sm_platform_discard_stdout(void)
{
    /* What stdio still holds for the stuck pipe goes to /dev/null at exit, instead of blocking it.
     */
    int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_fd >= 0) {
        (void)dup2(null_fd, STDOUT_FILENO);
        (void)close(null_fd);
    }
}

bool sm_platform_getenv(const char *name, char *out, size_t out_size)
{
    const char *value = getenv(name);
    if (value == NULL || strlen(value) >= out_size)
        return false;
    memcpy(out, value, strlen(value) + 1);
    return true;
}

long long sm_platform_file_size(FILE *file)
{
    struct stat info;
    if (fflush(file) != 0 || fstat(fileno(file), &info) != 0)
        return -1;
    return (long long)info.st_size;
}

bool sm_platform_truncate(FILE *file, long long size)
{
    /* Whatever the stdio buffer still holds belongs to the cut line: drop it with the write error.
     */
    clearerr(file);
    return ftruncate(fileno(file), (off_t)size) == 0;
}

void sm_platform_wall_time(long long *seconds, long *nanoseconds)
{
    struct timespec now = {0, 0};
    clock_gettime(CLOCK_REALTIME, &now);
    *seconds = (long long)now.tv_sec;
    *nanoseconds = now.tv_nsec;
}

bool sm_platform_replace_file(const char *from, const char *to)
{
    return rename(from, to) == 0; /* POSIX rename replaces atomically */
}
