/*
 * dbwin_writer.c - a Windows program that writes debug output the way every
 * Windows program does, with OutputDebugStringA/W (no SampleMap code): the
 * real writer of the DBWIN protocol for tests/process/dbwin_tests.py under
 * Wine. Prints "pid N" first (the id the monitor must report), then "done".
 *
 * usage: dbwin_writer samples        the fixed set of texts (ASCII, CP1252, W Latin/CJK, long)
 *        dbwin_writer lines N TAG    N lines "TAG 0000".."TAG N-1" with OutputDebugStringA
 *        dbwin_writer say TEXT...    each TEXT with OutputDebugStringA, then waits for the end
 *                                    of its stdin (alive, so the monitor finds its name)
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char long_text[10001];

/* A long text whose every character tells its position: 'a'..'z' repeating. */
static const char *long_of(size_t length)
{
    for (size_t i = 0; i < length; i++)
        long_text[i] = (char)('a' + i % 26);
    long_text[length] = '\0';
    return long_text;
}

int main(int argc, char **argv)
{
    printf("pid %lu\n", (unsigned long)GetCurrentProcessId());
    fflush(stdout);
    if (argc == 2 && strcmp(argv[1], "samples") == 0) {
        OutputDebugStringA("ascii: hello\n");
        OutputDebugStringA("cp1252: caf\xE9 cr\xE8me\n"); /* e-acute, e-grave in Windows-1252 */
        OutputDebugStringW(L"wide latin: caf\u00E9 \u00FCber");
        OutputDebugStringW(L"wide cjk: \u4E2D\u6587"); /* outside the ANSI code page */
        OutputDebugStringA(long_of(4091));
        OutputDebugStringA(long_of(10000));
        OutputDebugStringA("last");
    } else if (argc == 4 && strcmp(argv[1], "lines") == 0) {
        long count = strtol(argv[2], NULL, 10);
        char line[128];
        for (long i = 0; i < count; i++) {
            snprintf(line, sizeof line, "%s %04ld", argv[3], i);
            OutputDebugStringA(line);
            if ((i + 1) % 1000 == 0) { /* progress, for the killed-monitor test */
                printf("at %ld\n", i + 1);
                fflush(stdout);
            }
        }
    } else if (argc >= 3 && strcmp(argv[1], "say") == 0) {
        for (int i = 2; i < argc; i++)
            OutputDebugStringA(argv[i]);
        printf("said\n");
        fflush(stdout);
        while (getchar() != EOF)
            continue;
    } else {
        fprintf(stderr, "usage: dbwin_writer samples | lines N TAG | say TEXT...\n");
        return 2;
    }
    printf("done\n");
    return 0;
}
