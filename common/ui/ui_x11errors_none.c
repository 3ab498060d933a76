/* ui_x11errors_none.c - no X server, no X errors (Windows, macOS). */
#include "ui_x11errors.h"

void sm_ui_x11errors_install(void) {}
