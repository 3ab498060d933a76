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

#endif
