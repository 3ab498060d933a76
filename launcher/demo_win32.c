/*
 * demo_win32.c - samplemap-demo.exe, the pair on Windows: starts the receiver
 * window and the sender window side by side on one mapping, like the classic
 * sample that spawns both of its halves, and returns when both are closed.
 *
 *   samplemap-demo.exe [options for both programs, e.g. --name Local\Demo]
 *
 * It is a GUI-subsystem program (double-clicking it in Explorer opens no
 * console) that looks for the two programs in its own folder, so the unpacked
 * zip works wherever it is, also in a folder whose name is not ASCII: every
 * path and the command line stay UTF-16 from start to end. The options after
 * the program's own name are passed to both programs exactly as typed.
 * (tools/samplemap-demo is the same launcher for Linux, as a shell script.)
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdbool.h>
#include <wchar.h>

#define PATH_UNITS 32768 /* the longest path Windows can have, in UTF-16 units */

/* The command line after the program name, as typed (CommandLineToArgvW's rules). */
static const wchar_t *arguments_after_program(const wchar_t *line)
{
    bool quoted = false;
    while (*line != L'\0' && (quoted || (*line != L' ' && *line != L'\t'))) {
        if (*line == L'"')
            quoted = !quoted;
        line++;
    }
    while (*line == L' ' || *line == L'\t')
        line++;
    return line;
}

/* Shows a message box: a GUI program has no console to print to. */
static void complain(const wchar_t *what, const wchar_t *path)
{
    wchar_t text[PATH_UNITS + 256];
    DWORD code = GetLastError();
    _snwprintf(text, sizeof text / sizeof text[0],
               L"%ls\n\n%ls\n\n(error %lu) Keep samplemap-demo.exe in the folder of "
               L"samplemap-sender.exe and samplemap-receiver.exe, as unpacked from the zip.",
               what, path, (unsigned long)code);
    text[sizeof text / sizeof text[0] - 1] = L'\0';
    MessageBoxW(NULL, text, L"SampleMap demo", MB_OK | MB_ICONERROR);
}

/* Starts dir\program.exe --geometry at with the user's arguments; its process or NULL. */
static HANDLE start(const wchar_t *dir, const wchar_t *program, const wchar_t *at,
                    const wchar_t *arguments)
{
    static wchar_t path[PATH_UNITS], line[PATH_UNITS];
    int n = _snwprintf(path, PATH_UNITS, L"%ls%ls", dir, program);
    int m = _snwprintf(line, PATH_UNITS, L"\"%ls\" --geometry %ls %ls", path, at, arguments);
    if (n < 0 || n >= PATH_UNITS || m < 0 || m >= PATH_UNITS) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        complain(L"The path or the options are too long:", program);
        return NULL;
    }
    STARTUPINFOW startup = {.cb = sizeof startup};
    PROCESS_INFORMATION process;
    if (!CreateProcessW(path, line, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process)) {
        complain(L"Cannot start", path);
        return NULL;
    }
    CloseHandle(process.hThread);
    return process.hProcess;
}

int main(void)
{
    /* This program's folder, with its trailing backslash. */
    static wchar_t dir[PATH_UNITS];
    DWORD length = GetModuleFileNameW(NULL, dir, PATH_UNITS);
    if (length == 0 || length >= PATH_UNITS) {
        complain(L"Cannot find the folder of", L"samplemap-demo.exe");
        return 1;
    }
    wchar_t *slash = wcsrchr(dir, L'\\');
    if (slash != NULL)
        slash[1] = L'\0';
    const wchar_t *arguments = arguments_after_program(GetCommandLineW());

    /* Side by side: each window is 560 logical pixels wide by default. */
    HANDLE processes[2];
    processes[0] = start(dir, L"samplemap-receiver.exe", L"40,60", arguments);
    if (processes[0] == NULL)
        return 1;
    processes[1] = start(dir, L"samplemap-sender.exe", L"640,60", arguments);
    if (processes[1] == NULL) {
        CloseHandle(processes[0]);
        return 1;
    }
    WaitForMultipleObjects(2, processes, TRUE, INFINITE);
    DWORD status = 0, code = 0;
    for (int i = 0; i < 2; i++) {
        if (GetExitCodeProcess(processes[i], &code) && code != 0)
            status = code; /* as the shell launcher does: the last non-zero exit */
        CloseHandle(processes[i]);
    }
    return (int)status;
}
