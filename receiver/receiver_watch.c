/* receiver_watch.c - the byte view on the command line (--peek --watch). */
#include "receiver_watch.h"

#include <stdlib.h>

#include "byteview.h"
#include "os_process.h"

/* CLI rows: 16 bytes (8 units) fit an 80-column terminal with their markers and glyphs. */
#define WATCH_BYTES_PER_ROW 16

static bool print_view(const sm_app_options *opts, unsigned long look, unsigned long long ms,
                       const sm_channel_snapshot *now, const sm_channel_snapshot *before)
{
    unsigned unit0 = (unsigned)now->bytes[0] | (unsigned)now->bytes[1] << 8;
    size_t terminator = sm_byteview_terminator(now);
    char control[400];
    sm_byteview_control_line(now, control, sizeof control);
    printf("\nview %lu of '%s' (%zu bytes) at +%llu.%03llu s: unit 0 = 0x%04x (slot %s), ", look,
           opts->name, now->view_bytes, ms / 1000, ms % 1000, unit0, unit0 != 0 ? "full" : "empty");
    if (terminator < now->view_bytes / 2)
        printf("terminator at unit %zu (byte %zu)\n", terminator, 2 * terminator);
    else
        printf("no terminator in the view\n");
    printf("control: %s\n", control);
    return sm_byteview_print(stdout, now, before, WATCH_BYTES_PER_ROW, opts->all_rows);
}

int receiver_watch_run(const sm_app_options *opts)
{
    /* Now and before; their byte buffers are sized from the channel once it is open. */
    sm_channel_snapshot looks[2] = {SM_CHANNEL_SNAPSHOT_INIT(NULL, 0),
                                    SM_CHANNEL_SNAPSHOT_INIT(NULL, 0)};
    unsigned char *bytes = NULL;
    sm_channel_snapshot *now = &looks[0], *before = &looks[1];
    bool have_before = false, said_missing = false;
    sm_channel *channel = NULL;
    sm_error err;
    unsigned long long start = sm_monotonic_ms();
    unsigned long long deadline =
        opts->timeout_s > 0 ? start + (unsigned long long)(opts->timeout_s * 1000.0) : 0;
    unsigned long printed = 0;
    int code = SM_EXIT_OK;
    fprintf(stderr, "%s: watching '%s' every %u ms without taking or locking (Ctrl+C stops)\n",
            opts->program, opts->name, opts->interval_ms);
    (void)fflush(stderr); /* a diagnostic: if stderr is gone, nobody is left to tell */
    for (;;) {
        if (channel == NULL) {
            /* Never create what we watch: the program that makes it may not have started yet. */
            /* Its waits (a creator part-way through making it) end with --timeout too. */
            sm_status status = sm_channel_open_until(opts->name, opts->view_bytes, false, deadline,
                                                     &channel, &err);
            if (status == SM_ERR_NOT_FOUND && !said_missing) {
                fprintf(stderr, "%s: '%s' does not exist yet; waiting for it\n", opts->program,
                        opts->name);
                (void)fflush(stderr); /* a diagnostic: if stderr is gone, nobody is left to tell */
                said_missing = true;
            } else if (status != SM_OK && status != SM_ERR_NOT_FOUND) {
                sm_app_error(opts, err.message);
                code = SM_EXIT_FAILURE;
                break;
            }
        }
        if (channel != NULL && bytes == NULL) {
            size_t view_bytes = sm_channel_view_bytes(channel);
            bytes = malloc(2 * view_bytes);
            if (bytes == NULL) {
                sm_app_error(opts, "out of memory");
                code = SM_EXIT_FAILURE;
                break;
            }
            sm_channel_snapshot first = SM_CHANNEL_SNAPSHOT_INIT(bytes, view_bytes);
            sm_channel_snapshot second = SM_CHANNEL_SNAPSHOT_INIT(bytes + view_bytes, view_bytes);
            looks[0] = first;
            looks[1] = second;
        }
        if (channel != NULL) {
            if (sm_channel_inspect(channel, now, &err) != SM_OK) {
                sm_app_error(opts, err.message);
                code = SM_EXIT_FAILURE;
                break;
            }
            if (sm_byteview_differs(now, have_before ? before : NULL)) {
                if (!print_view(opts, printed + 1, sm_monotonic_ms() - start, now,
                                have_before ? before : NULL)) {
                    sm_app_error(opts, "writing to standard output failed");
                    code = SM_EXIT_OUTPUT;
                    break;
                }
                printed++;
                sm_channel_snapshot *swap = before;
                before = now;
                now = swap;
                have_before = true;
                if (opts->count > 0 && printed >= (unsigned long)opts->count)
                    break;
            }
        }
        unsigned long long now_ms = sm_monotonic_ms();
        if (deadline != 0 && now_ms >= deadline)
            break;
        unsigned wait = opts->interval_ms;
        if (deadline != 0 && deadline - now_ms < wait)
            wait = (unsigned)(deadline - now_ms);
        sm_sleep_ms(wait);
    }
    sm_channel_close(channel);
    free(bytes);
    return code;
}
