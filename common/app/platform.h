/*
 * platform.h - the per-OS start-up of both executables: the command line as
 * UTF-8 and standard streams that pass bytes through unchanged.
 *
 * One backend per OS (platform_posix.c, platform_win32.c), chosen by CMake
 * like the mapping backend, so app code needs no #ifdef.
 */
#ifndef SAMPLEMAP_APP_PLATFORM_H
#define SAMPLEMAP_APP_PLATFORM_H

/*
 * Call first in main. Afterwards *argv holds the arguments as UTF-8 (on
 * Windows they are rebuilt from the UTF-16 command line, because MinGW's argv
 * is in the ANSI code page and loses every character outside it), and
 * stdin/stdout/stderr are binary with UTF-8 console output, so "\n" stays one
 * byte and --print lines are byte-exact. The new argv lives until exit.
 * Never fails: if the UTF-16 command line cannot be read, argv is kept.
 * POSIX terminals are already UTF-8 byte streams, so there it does nothing.
 */
void sm_platform_init(int *argc, char ***argv);

/*
 * For the windows: makes the C library's character type (LC_CTYPE) UTF-8,
 * because libraries that convert text through it do so for the window title
 * (Xlib: in the default "C" locale the title came out as Latin-1 mojibake and
 * without its UTF-8 property). POSIX: the user's LC_CTYPE when it is UTF-8,
 * else C.UTF-8. Windows: nothing (titles are UTF-16 there). Only LC_CTYPE
 * changes: numbers and times print as before.
 */
void sm_platform_utf8_ctype(void);

#endif
