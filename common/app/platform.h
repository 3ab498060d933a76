/*
 * platform.h - the per-OS start-up of both executables: the command line as
 * UTF-8 and standard streams that pass bytes through unchanged.
 *
 * One backend per OS (platform_posix.c, platform_win32.c), chosen by CMake
 * like the mapping backend, so app code needs no #ifdef.
 */
#ifndef SAMPLEMAP_APP_PLATFORM_H
#define SAMPLEMAP_APP_PLATFORM_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Call first in main. Afterwards *argv holds the arguments as UTF-8 (on
 * Windows they are rebuilt from the UTF-16 command line, because MinGW's argv
 * is in the ANSI code page and loses every character outside it), and
 * stdin/stdout/stderr are binary with UTF-8 console output, so "\n" stays one
 * byte and --print lines are byte-exact. The new argv lives until exit.
 * Never fails: if the UTF-16 command line cannot be read, argv is kept.
 * POSIX terminals are already UTF-8 byte streams; there it opens /dev/null
 * on each of fds 0, 1 and 2 that was closed at exec (else the shared-memory
 * object would become stdout, and printing would write into the channel;
 * without a /dev/null it exits SM_PLATFORM_NO_STD_FDS at once), and ignores
 * SIGPIPE, so a write into a closed pipe is an error the caller sees.
 * Windows needs neither: a mapping is a HANDLE, never a C runtime descriptor,
 * so a missing standard stream only makes its writes fail.
 * On Windows the executables with a window are GUI-subsystem programs (no
 * console pops up when one is started from Explorer); started from a console,
 * they attach to it here, so the headless flags, --help and errors print
 * where the user typed the command.
 */
#define SM_PLATFORM_NO_STD_FDS 127
void sm_platform_init(int *argc, char ***argv);

/*
 * fopen with a UTF-8 path on every OS (Windows' fopen reads the path in the
 * ANSI code page, so a folder named "Отчёты" could not be opened with it).
 * Returns NULL with errno set, like fopen.
 */
FILE *sm_platform_fopen(const char *path, const char *mode);
/* POSIX: mode "ab" never blocks in open(): a FIFO that nobody reads fails at once with ENXIO. */

/*
 * --timeout for the calls that can block without a bound of their own: a
 * write into a pipe nobody drains, a FIFO's writes. POSIX: from deadline_ms
 * (a time of sm_monotonic_ms) on, and every 10 ms after it, SIGALRM
 * interrupts the blocked call, which then fails with EINTR, so the output is
 * reported failed and the message put back. sm_platform_discard_stdout then
 * points stdout at /dev/null, so the bytes stdio still holds cannot block the
 * exit. Windows: nothing (no signal can interrupt a synchronous write).
 */
void sm_platform_interrupt_after(unsigned long long deadline_ms);

/*
 * Catches the signals that ask a program to stop - SIGINT (Ctrl+C), SIGTERM,
 * SIGHUP; on Windows the console's Ctrl+C, Ctrl+Break and close - by storing
 * the signal's number in *which (Windows: SIGINT for Ctrl+C/Break, SIGTERM for
 * close), so the headless programs can finish what is in hand (withdraw or
 * put back a message) and exit 128 + that number. No SA_RESTART: a blocked
 * read or write returns EINTR, so nothing waits on past the signal.
 */
void sm_platform_catch_stop_signals(volatile sig_atomic_t *which);
void sm_platform_discard_stdout(void);

/*
 * Copies the environment variable name, as UTF-8, into out (getenv on Windows
 * gives the ANSI code page, which turns "にほんご" into "????"). False if it is
 * unset, or does not fit in out_size bytes.
 */
bool sm_platform_getenv(const char *name, char *out, size_t out_size);

/*
 * The size of a file opened for writing, its buffer flushed first (-1 on
 * failure), and cutting it back to size: so --log can take back the start of
 * a line that could not be written whole (a full disk, ulimit -f), and the
 * next receiver's first line is not glued to a cut one.
 */
long long sm_platform_file_size(FILE *file);
bool sm_platform_truncate(FILE *file, long long size);

/*
 * The wall clock (UTC) as seconds and nanoseconds since 1970, for the local
 * "time" of --json lines. C11's timespec_get is missing from MinGW's msvcrt
 * headers, hence a backend function.
 */
void sm_platform_wall_time(long long *seconds, long *nanoseconds);

/*
 * Renames the file from (UTF-8 path) to to, replacing to if it exists, in one step: a
 * reader sees the old file or the new one, never half of either (the preferences are
 * written to a temporary file first). C's rename() does not replace on Windows.
 */
bool sm_platform_replace_file(const char *from, const char *to);

#endif
