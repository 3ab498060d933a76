/* error.c - status names and the error-recording helper. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *sm_status_name(sm_status code)
{
    switch (code) {
#define SM_STATUS_CASE(name, text)                                                       \
    case name:                                                                           \
        return text;
        SM_STATUS_LIST(SM_STATUS_CASE)
#undef SM_STATUS_CASE
    }
    return "unknown status";
}

sm_status sm_error_set(sm_error *err, sm_status code, const char *format, ...)
{
    if (err != NULL) {
        va_list args;
        err->code = code;
        va_start(args, format);
        /* vsnprintf truncates safely; a cut message is still one line. */
        vsnprintf(err->message, sizeof err->message, format, args);
        va_end(args);
    }
    return code;
}

void sm_error_clear(sm_error *err)
{
    if (err != NULL) {
        err->code = SM_OK;
        err->message[0] = '\0';
    }
}
