/*
 * ui_syscolors_none.c - no desktop colour setting is read on this system (macOS): the
 * light theme; --theme still picks any.
 */
#include "ui_syscolors.h"

#include <stdio.h>
#include <string.h>

void sm_ui_syscolors_query(sm_ui_syscolors *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->why, sizeof out->why, "this system's setting is not read");
}

bool sm_ui_syscolors_follow(const sm_ui_syscolors *now)
{
    (void)now;
    return false; /* nothing read, nothing to follow */
}
