/*
 * platform_posix.c - the POSIX side of platform.h. argv and the standard
 * streams are bytes already, and UTF-8 is the usual locale; only SIGPIPE
 * needs changing.
 */
#include "platform.h"

#include <signal.h>

void sm_platform_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /*
     * A write into a closed pipe must fail with EPIPE, which the receiver
     * checks (and then puts the message back), not kill the process with
     * SIGPIPE after the message was taken from the slot.
     */
    signal(SIGPIPE, SIG_IGN);
}

FILE *sm_platform_fopen(const char *path, const char *mode)
{
    return fopen(path, mode);
}
