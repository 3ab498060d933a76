/*
 * platform_posix.c - the POSIX side of platform.h. argv and the standard
 * streams are bytes already, so start-up has nothing to do; the windows want
 * a UTF-8 LC_CTYPE for Xlib's title conversion.
 */
#define _POSIX_C_SOURCE 200809L /* nl_langinfo */

#include "platform.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

void sm_platform_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

void sm_platform_utf8_ctype(void)
{
    const char *locale = setlocale(LC_CTYPE, "");
    const char *codeset = locale != NULL ? nl_langinfo(CODESET) : "";
    if (strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "utf8") != 0 &&
        setlocale(LC_CTYPE, "C.UTF-8") == NULL)
        setlocale(LC_CTYPE, "en_US.UTF-8"); /* systems without C.UTF-8 (older macOS) */
}
