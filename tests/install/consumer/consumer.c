/*
 * consumer.c - a tiny program that uses the *installed* SampleMap IPC library,
 * the way another project would: <samplemap/channel.h> and SampleMap::ipc or
 * pkg-config samplemap-ipc. The install.library test builds it both ways.
 *
 *   consumer send NAME TEXT     sends TEXT (UTF-8) and waits until it is delivered
 *   consumer receive NAME       waits for one message and prints it as a UTF-8 line
 * Both give up after 30 s (exit 3); exit 1 on any other error.
 */
#include <samplemap/channel.h>
#include <samplemap/os_process.h>
#include <samplemap/text.h>

#include <stdio.h>
#include <string.h>

#define WAIT_MS 30000u

static int fail(const sm_error *err)
{
    fprintf(stderr, "consumer: %s\n", err->message);
    return err->code == SM_ERR_TIMEOUT ? 3 : 1;
}

int main(int argc, char **argv)
{
    static uint16_t units[SM_TEXT_MAX_UNITS];
    static sm_message message;
    static char utf8[SM_UTF8_BYTES_FOR_UNITS(SM_SLOT_UNITS_MAX)];
    sm_channel *channel = NULL;
    sm_error err;
    size_t count = 0;
    bool sending = argc == 4 && strcmp(argv[1], "send") == 0;
    if (!sending && !(argc == 3 && strcmp(argv[1], "receive") == 0)) {
        fprintf(stderr, "usage: consumer send NAME TEXT | consumer receive NAME\n");
        return 2;
    }
    if (sending && sm_utf8_to_utf16(argv[3], strlen(argv[3]), units, SM_TEXT_MAX_UNITS, &count,
                                    &err) != SM_OK)
        return fail(&err);
    if (sm_channel_open(argv[2], &channel, &err) != SM_OK)
        return fail(&err);
    int code = 0;
    if (sending) {
        if (sm_channel_send_wait(channel, units, count, WAIT_MS, 5, &err) != SM_OK)
            code = fail(&err);
    } else {
        sm_status status = SM_EMPTY;
        unsigned long long deadline = sm_monotonic_ms() + WAIT_MS;
        while ((status = sm_channel_try_receive(channel, &message, &err)) == SM_EMPTY &&
               sm_monotonic_ms() < deadline)
            sm_channel_wait_message(channel, 5);
        if (status == SM_OK) {
            size_t length = sm_utf16_to_utf8(message.units, message.count, utf8, sizeof utf8, NULL);
            printf("%.*s\n", (int)length, utf8);
        } else if (status == SM_EMPTY) {
            fprintf(stderr, "consumer: no message within %u ms\n", WAIT_MS);
            code = 3;
        } else {
            code = fail(&err);
        }
    }
    sm_channel_close(channel);
    return code;
}
