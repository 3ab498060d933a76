/*
 * platform_win32.c - the Windows side of platform.h.
 *
 * MinGW's main() receives argv converted to the ANSI code page, where text
 * such as Cyrillic on a Western system becomes '?'. The lossless source is
 * the UTF-16 command line (GetCommandLineW), split by CommandLineToArgvW
 * (the C runtime's rules for ordinary quoting), then converted to UTF-8 once, here.
 * Standard streams are switched to binary so the C runtime does not turn
 * "\n" into "\r\n" (receiver --print must write exact UTF-8 lines, also into
 * pipes) or treat Ctrl-Z as end of input; the console is told to expect
 * UTF-8 and gets its previous code pages back at exit.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h> /* first: the other Windows headers need its types */

#include <shellapi.h>

#include "platform.h"

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static UINT saved_output_cp; /* console output code page before us; 0 = none to restore */
static UINT saved_input_cp;  /* console input code page before us */

static void restore_console(void)
{
    if (saved_output_cp != 0)
        SetConsoleOutputCP(saved_output_cp);
    if (saved_input_cp != 0)
        SetConsoleCP(saved_input_cp);
}

/*
 * A GUI-subsystem process may have no standard handles at all; the UCRT then
 * treats _setmode on the unopened descriptor as an invalid parameter and ends
 * the process, so only streams backed by a real handle are touched.
 */
static void set_binary(FILE *stream, DWORD which)
{
    HANDLE handle = GetStdHandle(which);
    int fd = _fileno(stream);
    if (handle != NULL && handle != INVALID_HANDLE_VALUE && fd >= 0)
        _setmode(fd, _O_BINARY);
}

/* True when the process was given a usable handle for this standard stream. */
static bool has_std_handle(DWORD which)
{
    HANDLE handle = GetStdHandle(which);
    return handle != NULL && handle != INVALID_HANDLE_VALUE;
}

/*
 * A GUI-subsystem program started from cmd.exe or PowerShell gets no console of
 * its own. Attaching to the parent's console (if there is one: from Explorer
 * there is none, and nothing happens) and reopening the streams that have no
 * handle makes --print, --help and error messages appear where the user typed
 * the command. Streams the parent redirected (pipes, files) are left as they are.
 */
static void attach_parent_console(void)
{
    bool out = has_std_handle(STD_OUTPUT_HANDLE);
    bool err = has_std_handle(STD_ERROR_HANDLE);
    bool in = has_std_handle(STD_INPUT_HANDLE);
    if ((out && err && in) || !AttachConsole(ATTACH_PARENT_PROCESS))
        return;
    /* If a reopen fails, that stream stays unusable, exactly as it was before. */
    if (!out)
        (void)freopen("CONOUT$", "w", stdout);
    if (!err)
        (void)freopen("CONOUT$", "w", stderr);
    if (!in)
        (void)freopen("CONIN$", "r", stdin);
}

static void setup_streams(void)
{
    attach_parent_console();
    /* The console code page outlives us (it belongs to the console): restore it at exit. */
    saved_output_cp = GetConsoleOutputCP();
    saved_input_cp = GetConsoleCP();
    if (saved_output_cp != 0 || saved_input_cp != 0) {
        SetConsoleOutputCP(CP_UTF8);
        SetConsoleCP(CP_UTF8);
        atexit(restore_console);
    }
    set_binary(stdin, STD_INPUT_HANDLE);
    set_binary(stdout, STD_OUTPUT_HANDLE);
    set_binary(stderr, STD_ERROR_HANDLE);
}

/* Converts one wide argument to a malloc()ed UTF-8 string, or NULL. */
static char *to_utf8(const WCHAR *wide)
{
    int bytes = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    if (bytes <= 0)
        return NULL;
    char *text = malloc((size_t)bytes);
    if (text != NULL && WideCharToMultiByte(CP_UTF8, 0, wide, -1, text, bytes, NULL, NULL) <= 0) {
        free(text);
        text = NULL;
    }
    return text;
}

static void utf8_arguments(int *argc, char ***argv)
{
    int count = 0;
    WCHAR **wide = CommandLineToArgvW(GetCommandLineW(), &count);
    if (wide == NULL)
        return; /* keep the ANSI argv: worse, but still usable */
    char **utf8 = calloc((size_t)count + 1, sizeof *utf8);
    int done = 0;
    while (utf8 != NULL && done < count && (utf8[done] = to_utf8(wide[done])) != NULL)
        done++;
    LocalFree(wide);
    if (utf8 == NULL || done < count) {
        for (int i = 0; utf8 != NULL && i < done; i++)
            free(utf8[i]);
        free(utf8);
        return;
    }
    /* Kept until exit on purpose: the parsed options point into these strings. */
    *argc = count;
    *argv = utf8;
}

void sm_platform_init(int *argc, char ***argv)
{
    setup_streams();
    utf8_arguments(argc, argv);
}

/* Converts NUL-terminated UTF-8 into out[units]; false if it is not UTF-8 or does not fit. */
static bool to_wide(const char *utf8, WCHAR *out, int units)
{
    return MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, out, units) > 0;
}

FILE *sm_platform_fopen(const char *path, const char *mode)
{
    WCHAR wide_path[MAX_PATH * 4];
    WCHAR wide_mode[16];
    if (!to_wide(path, wide_path, (int)(sizeof wide_path / sizeof wide_path[0])) ||
        !to_wide(mode, wide_mode, (int)(sizeof wide_mode / sizeof wide_mode[0]))) {
        errno = EINVAL; /* not UTF-8, or longer than any Windows path */
        return NULL;
    }
    return _wfopen(wide_path, wide_mode);
}

void sm_platform_interrupt_after(unsigned long long deadline_ms)
{
    /* No signals on Windows; a synchronous write to a full pipe is not bounded (docs/platforms.md).
     */
    (void)deadline_ms;
}

void sm_platform_discard_stdout(void) {}

static volatile sig_atomic_t *stop_signal_target;

/* Runs on a thread of its own that the console starts; the flag is all it touches. */
static BOOL WINAPI note_console_stop(DWORD event)
{
    if (event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT) {
        *stop_signal_target = SIGINT;
        return TRUE; /* handled: the main thread withdraws and exits */
    }
    if (event == CTRL_CLOSE_EVENT) {
        *stop_signal_target = SIGTERM;
        Sleep(2000); /* the process ends when this returns: give the withdraw its time */
        return TRUE;
    }
    return FALSE;
}

void sm_platform_catch_stop_signals(volatile sig_atomic_t *which)
{
    stop_signal_target = which;
    (void)SetConsoleCtrlHandler(note_console_stop, TRUE);
}

bool sm_platform_getenv(const char *name, char *out, size_t out_size)
{
    WCHAR wide_name[256];
    if (!to_wide(name, wide_name, (int)(sizeof wide_name / sizeof wide_name[0])))
        return false;
    const WCHAR *value = _wgetenv(wide_name);
    return value != NULL && out_size <= INT_MAX &&
           WideCharToMultiByte(CP_UTF8, 0, value, -1, out, (int)out_size, NULL, NULL) > 0;
}

long long sm_platform_file_size(FILE *file)
{
    if (fflush(file) != 0)
        return -1;
    return (long long)_filelengthi64(_fileno(file));
}

bool sm_platform_truncate(FILE *file, long long size)
{
    clearerr(file);
    return _chsize_s(_fileno(file), size) == 0;
}

void sm_platform_wall_time(long long *seconds, long *nanoseconds)
{
    /* FILETIME counts 100 ns since 1601-01-01; 11644473600 s separate that from 1970. */
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    unsigned long long ticks = ((unsigned long long)now.dwHighDateTime << 32) | now.dwLowDateTime;
    *seconds = (long long)(ticks / 10000000ull) - 11644473600ll;
    *nanoseconds = (long)(ticks % 10000000ull) * 100;
}

bool sm_platform_replace_file(const char *from, const char *to)
{
    WCHAR wide_from[MAX_PATH * 4], wide_to[MAX_PATH * 4];
    if (!to_wide(from, wide_from, (int)(sizeof wide_from / sizeof wide_from[0])) ||
        !to_wide(to, wide_to, (int)(sizeof wide_to / sizeof wide_to[0])))
        return false;
    /* WRITE_THROUGH: the rename is on disk when this returns, as the data before it. */
    return MoveFileExW(wide_from, wide_to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) != 0;
}
