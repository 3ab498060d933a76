/* ui_paragraphs.c - paragraph starts and line estimates (see ui_paragraphs.h). */
#include "ui_paragraphs.h"

#include <stdlib.h>
#include <string.h>

size_t sm_ui_paragraph_count(const char *text, size_t length)
{
    size_t count = 1;
    for (const char *at = text; (at = memchr(at, '\n', length - (size_t)(at - text))) != NULL; at++)
        count++;
    return count;
}

size_t *sm_ui_paragraph_lines(const char *text, size_t length, size_t *line_count)
{
    size_t count = sm_ui_paragraph_count(text, length);
    size_t *starts = malloc((count + 1) * sizeof *starts);
    *line_count = starts != NULL ? count : 0;
    if (starts == NULL)
        return NULL;
    size_t used = 0;
    starts[used++] = 0;
    for (size_t i = 0; i < length; i++)
        if (text[i] == '\n')
            starts[used++] = i + 1;
    starts[used] = length;
    return starts;
}

size_t sm_ui_paragraph_estimate(const int *widths, size_t count, int width)
{
    size_t lines = 0;
    for (size_t i = 0; i < count; i++)
        lines += width > 0 && widths[i] > width ? (size_t)((widths[i] + width - 1) / width) : 1;
    return lines;
}
