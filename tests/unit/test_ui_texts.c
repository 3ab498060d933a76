/*
 * test_ui_texts.c - a command the error view advises works when pasted into a
 * shell: the names in it are quoted (an unquoted Local\X reaches the program as
 * LocalX from a POSIX shell). The advice is run through /bin/sh with printf in
 * the program's place, which shows the arguments the program would get.
 */
#define _POSIX_C_SOURCE 200809L /* popen */
#include "test.h"

#if defined(SAMPLEMAP_HAVE_UI)
#include <stdio.h>
#include <string.h>

#include "ui_texts.h"

#ifndef _WIN32
/* The command between the curly quotes of the view's body. */
static void advised_command(const char *body, char *out, size_t out_size)
{
    const char *open = strstr(body, "\xE2\x80\x9C"), *close = NULL;
    out[0] = '\0';
    if (open == NULL)
        return;
    open += 3;
    close = strstr(open, "\xE2\x80\x9D");
    if (close == NULL || (size_t)(close - open) >= out_size)
        return;
    memcpy(out, open, (size_t)(close - open));
    out[close - open] = '\0';
}
#endif

TEST(ui_texts_advice_pastes_into_a_shell)
{
    char quoted[64];
    sm_ui_shell_quote("Local\\X", quoted, sizeof quoted);
#ifdef _WIN32
    ASSERT_STR_EQ(quoted, "\"Local\\X\"");
    return 0; /* no POSIX shell to paste into; cmd.exe and PowerShell take the double quotes */
#else
    ASSERT_STR_EQ(quoted, "'Local\\X'");
    sm_ui_shell_quote("Local\\it's", quoted, sizeof quoted);
    ASSERT_STR_EQ(quoted, "'Local\\it'\\''s'");
    sm_ui_shell_quote("Local\\abcdef", quoted, 8); /* cut, but still closed */
    ASSERT_STR_EQ(quoted, "'Local'");
    const char *names[] = {"Local\\X", "Local\\it's", "Global\\a b", "Plain"};
    sm_status codes[] = {SM_ERR_WRONG_SIZE, SM_ERR_FOREIGN_OWNER, SM_ERR_ABI};
    for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++) {
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            char title[300], body[1200], command[400], line[400] = "";
            sm_ui_mapping_error_text(codes[c], names[i], "printf '%s|'", "why", title, sizeof title,
                                     body, sizeof body);
            advised_command(body, command, sizeof command);
            ASSERT_NE(command[0], '\0');
            FILE *shell = popen(command, "r");
            ASSERT_NOT_NULL(shell);
            if (fgets(line, sizeof line, shell) == NULL)
                line[0] = '\0';
            ASSERT_EQ(pclose(shell), 0);
            /* The name the program would get: the argument after --name. */
            const char *after = strstr(line, "--name|");
            ASSERT_NOT_NULL(after);
            after += strlen("--name|");
            const char *expected = codes[c] == SM_ERR_WRONG_SIZE ? names[i]
                                   : codes[c] == SM_ERR_ABI      ? "Global\\Mine"
                                                                 : "Local\\Mine";
            ASSERT_MEM_EQ(after, expected, strlen(expected));
            ASSERT_EQ(after[strlen(expected)], '|');
        }
    }
    return 0;
#endif
}
#else
TEST(ui_texts_advice_pastes_into_a_shell)
{
    return TEST_SKIPPED; /* built without SDL2: no windows to advise in */
}
#endif
