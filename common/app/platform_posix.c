/*
 * platform_posix.c - the POSIX side of platform.h: nothing to do. argv and
 * the standard streams are bytes already, and UTF-8 is the usual locale.
 */
#include "platform.h"

void sm_platform_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

FILE *sm_platform_fopen(const char *path, const char *mode)
{
    return fopen(path, mode);
}
