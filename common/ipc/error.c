/* error.c - status names and the error-recording helper. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *sm_status_name(sm_status code)
{
    switch (code) {
#define SM_STATUS_CASE(name, text)                                                                 \
    case name: return text;
        SM_STATUS_LIST(SM_STATUS_CASE)
#undef SM_STATUS_CASE
    }
    return "unknown status";
}

/* Fills err from a va_list; the one place that formats a message. */
static void record(sm_error *err, sm_status code, unsigned long os_error, const char *call,
                   const char *format, va_list args)
{
    err->code = code;
    err->os_error = os_error;
    /* Truncated, never overflowed: a call name is an identifier far shorter than the field. */
    (void)snprintf(err->call, sizeof err->call, "%s", call);
    /*
     * vsnprintf truncates safely, and a cut message is still one line. Its
     * result is not checked: a negative one (an encoding error in a %ls,
     * which no caller uses) would leave the message empty, still terminated.
     */
    (void)vsnprintf(err->message, sizeof err->message, format, args);
}

sm_status sm_error_set(sm_error *err, sm_status code, const char *format, ...)
{
    if (err != NULL) {
        va_list args;
        va_start(args, format);
        record(err, code, 0, "", format, args);
        va_end(args);
    }
    return code;
}

sm_status sm_error_set_os(sm_error *err, sm_status code, unsigned long os_error, const char *call,
                          const char *format, ...)
{
    if (err != NULL) {
        va_list args;
        va_start(args, format);
        record(err, code, os_error, call != NULL ? call : "", format, args);
        va_end(args);
    }
    return code;
}

void sm_error_clear(sm_error *err)
{
    if (err != NULL) {
        err->code = SM_OK;
        err->os_error = 0;
        err->call[0] = '\0';
        err->message[0] = '\0';
    }
}
