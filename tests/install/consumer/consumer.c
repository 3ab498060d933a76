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
#include <samplemap/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WAIT_MS 30000u

static int fail(const sm_error *err)
{
    fprintf(stderr, "consumer: %s\n", err->message);
    return err->code == SM_ERR_TIMEOUT ? 3 : 1;
}

int main(int argc, char **argv)
{
    uint16_t units[SM_TEXT_MAX_UNITS]; /* 2 KB: the default view's longest text */
    sm_channel *channel = NULL;
    sm_error err;
    size_t count = 0;
    bool sending = argc == 4 && strcmp(argv[1], "send") == 0;
    if (!sending && !(argc == 3 && strcmp(argv[1], "receive") == 0)) {
        fprintf(stderr, "usage: consumer send NAME TEXT | consumer receive NAME\n");
        return 2;
    }
    if (sending &&
        sm_utf8_to_utf16(argv[3], strlen(argv[3]), units, SM_TEXT_MAX_UNITS, &count, &err) != SM_OK)
        return fail(&err);
    if (sm_channel_open(argv[2], &channel, &err) != SM_OK)
        return fail(&err);
    int code = 0;
    if (sending) {
        if (sm_channel_send_wait(channel, units, count, WAIT_MS, 5, &err) != SM_OK)
            code = fail(&err);
    } else {
        /*
         * The buffers are ours, sized from the channel as read() wants them:
         * sm_channel_max_units units hold any message of this view. A message
         * that needs more is left in the slot (SM_ERR_BUFFER_TOO_SMALL).
         */
        size_t capacity = sm_channel_max_units(channel);
        size_t utf8_size = SM_UTF8_BYTES_FOR_UNITS(capacity);
        sm_message message = SM_MESSAGE_INIT(malloc(capacity * sizeof(uint16_t)), capacity);
        char *utf8 = malloc(utf8_size);
        sm_status status = SM_EMPTY;
        unsigned long long deadline = sm_channel_clock_ms() + WAIT_MS;
        if (message.units == NULL || utf8 == NULL)
            status = sm_error_set(&err, SM_ERR_SYSTEM, "out of memory");
        while (status == SM_EMPTY &&
               (status = sm_channel_try_receive(channel, &message, &err)) == SM_EMPTY &&
               sm_channel_clock_ms() < deadline)
            sm_channel_wait_message(channel, 5);
        if (status == SM_OK) {
            size_t length = sm_utf16_to_utf8(message.units, message.count, utf8, utf8_size, NULL);
            printf("%.*s\n", (int)length, utf8);
        } else if (status == SM_EMPTY) {
            fprintf(stderr, "consumer: no message within %u ms\n", WAIT_MS);
            code = 3;
        } else {
            code = fail(&err);
        }
        free(message.units);
        free(utf8);
    }
    sm_channel_close(channel);
    return code;
}
