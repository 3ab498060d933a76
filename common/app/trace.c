/* trace.c - the categories of --trace and the one switch per process. */
#include "trace.h"

#include <stdarg.h>
#include <string.h>

static const struct {
    const char *name;
    unsigned bit;
    const char *description;
} categories[] = {
    {"state", SM_TRACE_STATE,
     "what the window does: \"ready ...\" after the first frame, then mapping open, "
     "queued/delivered N, kept open, step, help shown, ..."},
    {"fonts", SM_TRACE_FONTS, "which file each font face was loaded from"},
    {"frames", SM_TRACE_FRAMES,
     "receiver: \"frame <seq> <monotonic ns>\" when a message reaches the screen"},
    {"layout", SM_TRACE_LAYOUT,
     "where the widgets are (when it changes) and the runs of each line shown"},
};

/* Set once, before the window opens; read by the window's thread only. */
static unsigned enabled;

bool sm_trace_parse(const char *list, unsigned *mask, char *error, size_t error_size)
{
    const char *word = list;
    for (;;) {
        size_t length = strcspn(word, ",");
        bool known = false;
        if (length == 3 && strncmp(word, "all", 3) == 0) {
            for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
                *mask |= categories[i].bit;
            known = true;
        }
        for (size_t i = 0; !known && i < sizeof categories / sizeof categories[0]; i++) {
            if (strlen(categories[i].name) == length &&
                strncmp(categories[i].name, word, length) == 0) {
                *mask |= categories[i].bit;
                known = true;
            }
        }
        if (!known) {
            snprintf(error, error_size, "--trace: no category '%.*s'; '--trace help' lists them",
                     (int)(length < 40 ? length : 40), word);
            return false;
        }
        if (word[length] == '\0')
            return true;
        word += length + 1;
    }
}

void sm_trace_print_categories(FILE *out)
{
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
        fprintf(out, "%-7s %s\n", categories[i].name, categories[i].description);
    fprintf(out, "%-7s %s\n", "all", "every category above");
}

void sm_trace_enable(unsigned mask)
{
    enabled = mask;
}

bool sm_trace_on(unsigned category)
{
    return (enabled & category) != 0;
}

void sm_trace(unsigned category, const char *format, ...)
{
    if (!sm_trace_on(category))
        return;
    va_list args;
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    putchar('\n');
    /* Flushed per line: a script reading the pipe sees each event when it happens. */
    (void)fflush(stdout);
}
