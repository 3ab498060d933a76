/* test_layout.c - views of other sizes (--view-size), looking without taking, and JSON output. */
#include <stdatomic.h>
#include <stdint.h>

#include "json.h"
#include "options.h"
#include "channel.h"
#include "mapping.h"
#include "name.h"
#include "os_process.h"
#include "slot.h"
#include "test.h"

TEST(slot_sized_views)
{
    sm_error err;
    ASSERT_EQ_INT(sm_slot_check_size(4, &err), SM_OK);
    ASSERT_EQ_INT(sm_slot_check_size(256, &err), SM_OK);
    ASSERT_EQ_INT(sm_slot_check_size(SM_SLOT_BYTES_MAX, &err), SM_OK);
    ASSERT_EQ_INT(sm_slot_check_size(2, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_CONTAINS(err.message, "must be even and from 4 to 65536 bytes");
    ASSERT_EQ_INT(sm_slot_check_size(1023, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT_EQ_INT(sm_slot_check_size(SM_SLOT_BYTES_MAX + 2, &err), SM_ERR_INVALID_ARGUMENT);

    /* A 256-byte view inside a larger buffer whose bytes past the view are never zero. */
    static _Alignas(64) uint16_t buffer[512];
    static uint16_t text[200];
    uint16_t units[128]; /* the 256-byte view's units */
    sm_message message = SM_MESSAGE_INIT(units, 128);
    for (size_t i = 0; i < 512; i++)
        buffer[i] = 0x4141;
    for (size_t i = 0; i < 200; i++)
        text[i] = (uint16_t)(0x0430 + i % 32);
    ASSERT_EQ_INT(sm_slot_load(buffer, 256, &message, NULL), SM_OK);
    ASSERT_EQ_INT(message.count, 128); /* stops at the end of the view, not of the buffer */
    ASSERT(message.unterminated);
    buffer[0] = 0;
    ASSERT_EQ_INT(sm_slot_store(buffer, 256, text, 128, &err), SM_ERR_TEXT_TOO_LONG);
    ASSERT_STR_EQ(err.message, "text is 128 UTF-16 units long; the limit is 127: shorten it");
    ASSERT_EQ_INT(sm_slot_store(buffer, 256, text, 127, &err), SM_OK);
    ASSERT_EQ_INT(buffer[127], 0); /* the terminator is the view's last unit */
    ASSERT_EQ_INT(buffer[128], 0x4141); /* nothing written past the view */
    ASSERT(sm_slot_holds(buffer, 256, text, 127));
    ASSERT(!sm_slot_holds(buffer, 256, text, 128));
    ASSERT_EQ_INT(sm_slot_load(buffer, 256, &message, NULL), SM_OK);
    ASSERT_EQ_INT(message.count, 127);
    ASSERT(!message.unterminated);
    ASSERT_EQ_INT(sm_slot_store(buffer, 257, text, 1, &err), SM_ERR_INVALID_ARGUMENT);

    /* The smallest view: one unit and the terminator. */
    sm_slot_clear(buffer);
    ASSERT_EQ_INT(sm_slot_classic_store(buffer, 4, text, 2, &err), SM_ERR_TEXT_TOO_LONG);
    ASSERT_EQ_INT(sm_slot_classic_store(buffer, 4, text, 1, &err), SM_OK);
    ASSERT_EQ_INT(buffer[1], 0);
    ASSERT_EQ_INT(sm_slot_classic_take(buffer, 4, &message, NULL), SM_OK);
    ASSERT_EQ_INT(message.count, 1);
    ASSERT_EQ_INT(buffer[0], 0);
    return 0;
}

TEST(channel_sized_and_peek)
{
    char name[64];
    sm_error err;
    sm_channel *tx = NULL, *rx = NULL, *bad = NULL;
    static uint16_t text[600];
    uint16_t units[512]; /* the 1024-byte view's units */
    sm_message message = SM_MESSAGE_INIT(units, 512);
    for (size_t i = 0; i < 600; i++)
        text[i] = (uint16_t)('a' + i % 26);
    test_unique_name(name, sizeof name, "lay");
    sm_channel_unlink(name, NULL, &err);
    ASSERT_EQ_INT(sm_channel_open_sized(name, 1023, &bad, &err), SM_ERR_INVALID_ARGUMENT);
    ASSERT(bad == NULL);
    /* Looking never creates: no data object yet is SM_ERR_NOT_FOUND, and still none after. */
    ASSERT_EQ_INT(sm_channel_open_existing(name, 1024, &bad, &err), SM_ERR_NOT_FOUND);
    ASSERT_EQ_INT(sm_channel_open_existing(name, 1024, &bad, &err), SM_ERR_NOT_FOUND);
    ASSERT(bad == NULL);
    ASSERT_EQ_INT(sm_channel_open_sized(name, 1024, &tx, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_view_bytes(tx), 1024);
    ASSERT_EQ_INT(sm_channel_max_units(tx), 511);
    ASSERT_EQ_INT(sm_channel_open_sized(name, 256, &rx, &err), SM_OK); /* a smaller view is fine */
    ASSERT_EQ_INT(sm_channel_max_units(rx), 127);
#ifndef _WIN32 /* Windows rounds sections up to pages, so it cannot see a 1 KB object as too small */
    ASSERT_EQ_INT(sm_channel_open_sized(name, 2048, &bad, &err), SM_ERR_WRONG_SIZE);
#endif
    ASSERT_EQ_INT(sm_channel_peek(rx, &message, &err), SM_EMPTY);
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 512, &(sm_ticket){0}, &err), SM_ERR_TEXT_TOO_LONG);
    sm_ticket ticket;
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 511, &ticket, &err), SM_OK);

    /* Peeking twice shows the message twice and takes nothing: the sender is not told "delivered". */
    sm_channel *peeker = NULL;
    ASSERT_EQ_INT(sm_channel_open_existing(name, 1024, &peeker, &err), SM_OK);
    ASSERT(!sm_channel_created(peeker));
    for (int look = 0; look < 2; look++) {
        ASSERT_EQ_INT(sm_channel_peek(peeker, &message, &err), SM_OK);
        ASSERT_EQ_INT(message.count, 511);
        ASSERT(memcmp(message.units, text, 511 * sizeof text[0]) == 0);
    }
    bool delivered = true;
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    ASSERT_EQ_INT(sm_channel_try_receive(peeker, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.count, 511);
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    ASSERT_EQ_INT(sm_channel_peek(peeker, &message, &err), SM_EMPTY);

    /* Classic mode peeks without the lock and still takes nothing. */
    sm_channel_set_classic(peeker, true);
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 3, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_peek(peeker, &message, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_peek(peeker, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.count, 3);
    sm_channel_close(peeker);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ_INT(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/* A 32-bit word of the channel's control object, opened as a second mapping (as a peer would). */
static _Atomic uint32_t *control_word(const char *name, size_t offset, sm_mapping **control)
{
    char control_name[80];
    sm_error err;
    *control = NULL;
    if (sm_name_with_suffix(name, SM_NAME_CONTROL_SUFFIX, control_name, sizeof control_name,
                            &err) != SM_OK ||
        sm_mapping_open(control_name, 128, control, &err) != SM_OK)
        return NULL;
    return (_Atomic uint32_t *)((unsigned char *)sm_mapping_view(*control) + offset);
}

/*
 * The control object records its lock's ABI (offset 48): a channel whose word
 * is another ABI's is refused at open with SM_ERR_ABI naming both; with the
 * word put back it opens again. Process tests mix real 32-bit and 64-bit
 * programs (process.abi_*); this runs on every backend.
 */
TEST(channel_refuses_other_lock_abi)
{
    char name[64];
    test_unique_name(name, sizeof name, "labi");
    sm_channel *owner = NULL, *other = NULL;
    sm_mapping *control = NULL;
    sm_error err;
    ASSERT_EQ_INT(sm_channel_open(name, &owner, &err), SM_OK);
    _Atomic uint32_t *word = control_word(name, 48, &control);
    ASSERT(word != NULL);
    uint32_t mine = atomic_load(word);
    /* Another ABI than ours: i386's 24-byte mutex, unless that is ours, then x86-64's. */
    uint32_t theirs = mine == 0x00200018u ? 0x00400028u : 0x00200018u;
    atomic_store(word, theirs);
    ASSERT_EQ_INT(sm_channel_open(name, &other, &err), SM_ERR_ABI);
    ASSERT(other == NULL);
    ASSERT_CONTAINS(err.message, name);
    ASSERT_CONTAINS(err.message, theirs == 0x00200018u ? "set up by a 32-bit program (its lock: a "
                                                         "24-byte pthread mutex)"
                                                       : "set up by a 64-bit program");
    ASSERT_CONTAINS(err.message, "cannot share it");
    atomic_store(word, mine);
    ASSERT_EQ_INT(sm_channel_open(name, &other, &err), SM_OK);
    sm_channel_close(other);
    sm_mapping_close(control);
    sm_channel_close(owner);
    ASSERT_EQ_INT(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/*
 * A message taken after someone wrote over the control object is still handed
 * out whole (its sender counts it delivered); sm_channel_check then reports
 * the damage. process.taken_message_shown_before_damage does it across processes.
 */
TEST(channel_take_then_check_damage)
{
    char name[64];
    test_unique_name(name, sizeof name, "chk");
    sm_channel *tx = NULL, *rx = NULL;
    sm_mapping *control = NULL;
    sm_error err;
    TEST_MESSAGE(got);
    ASSERT_EQ_INT(sm_channel_open(name, &tx, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_open(name, &rx, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_check(rx, &err), SM_OK);
    const uint16_t text[] = {'o', 'k'};
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 2, NULL, &err), SM_OK);
    _Atomic uint32_t *version = control_word(name, 32, &control);
    ASSERT(version != NULL);
    uint32_t saved = atomic_load(version);
    atomic_store(version, 0xFFFFFFFFu);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &got, &err), SM_OK);
    ASSERT_EQ_INT(got.count, 2);
    ASSERT_EQ_INT(got.units[1], 'k');
    ASSERT_EQ_INT(sm_channel_check(rx, &err), SM_ERR_DAMAGED);
    ASSERT_CONTAINS(err.message, "overwritten");
    atomic_store(version, saved);
    ASSERT_EQ_INT(sm_channel_check(rx, &err), SM_OK);
    sm_mapping_close(control);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ_INT(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/*
 * A receiver whose view is smaller than the message never takes it cut: the
 * message stays in the slot (SM_ERR_TEXT_TOO_LONG, saying so), its sender is
 * not told "delivered", and a receiver with a view that holds it takes it whole.
 */
TEST(channel_receive_leaves_longer_message)
{
    char name[64];
    sm_error err;
    sm_channel *tx = NULL, *small = NULL, *large = NULL;
    static uint16_t text[1500];
    uint16_t units[2048]; /* the 4096-byte view's units */
    sm_message message = SM_MESSAGE_INIT(units, 2048);
    sm_ticket ticket;
    for (size_t i = 0; i < 1500; i++)
        text[i] = (uint16_t)('a' + i % 26);
    test_unique_name(name, sizeof name, "leave");
    sm_channel_unlink(name, NULL, &err);
    ASSERT_EQ_INT(sm_channel_open_sized(name, 4096, &tx, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_open_sized(name, 2048, &small, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_open_until(name, 4096, false, 0, &large, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 1500, &ticket, &err), SM_OK);
    for (int look = 0; look < 2; look++) {
        ASSERT_EQ_INT(sm_channel_try_receive(small, &message, &err), SM_ERR_TEXT_TOO_LONG);
        ASSERT_CONTAINS(err.message, "does not end within this receiver's 2048-byte view");
        ASSERT_CONTAINS(err.message, "left in the slot");
        ASSERT_EQ_INT(message.count, 0);
    }
    bool delivered = true;
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    ASSERT_EQ_INT(sm_channel_try_receive(large, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.count, 1500);
    ASSERT(memcmp(message.units, text, sizeof text) == 0);
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    /* A message that fits the small view is taken by it as before. */
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 1023, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_receive(small, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.count, 1023);
    sm_channel_close(large);
    sm_channel_close(small);
    sm_channel_close(tx);
    ASSERT_EQ_INT(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/*
 * A buffer too small for the message in the slot never loses it: a take, a
 * peek and a classic take each return SM_ERR_BUFFER_TOO_SMALL naming the
 * units needed, the message stays in the slot (its sender is not told
 * "delivered", a withdraw still finds it), and a buffer of the size named
 * takes it whole. Here a larger-view sender (4096 bytes) wrote 1500 units and
 * the receiver sized its buffer for the classic view (sm_channel_max_units of
 * a 2048-byte channel, 1023 units).
 */
TEST(channel_buffer_too_small_leaves_message)
{
    char name[64];
    sm_error err;
    sm_channel *tx = NULL, *rx = NULL, *classic = NULL;
    static uint16_t text[1500];
    for (size_t i = 0; i < 1500; i++)
        text[i] = (uint16_t)('a' + i % 26);
    test_unique_name(name, sizeof name, "small");
    sm_channel_unlink(name, NULL, &err);
    ASSERT_EQ_INT(sm_channel_open_sized(name, 8192, &tx, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_open_sized(name, 4096, &rx, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_open_sized(name, 4096, &classic, &err), SM_OK);
    sm_channel_set_classic(classic, true);
    uint16_t *units = malloc(2048 * sizeof *units);
    ASSERT(units != NULL);
    sm_message message = SM_MESSAGE_INIT(units, SM_SLOT_TEXT_UNITS(SM_SLOT_BYTES));
    sm_ticket ticket;
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 1500, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_ERR_BUFFER_TOO_SMALL);
    ASSERT_EQ_INT(message.count, 1500);
    ASSERT_CONTAINS(err.message, name);
    ASSERT_CONTAINS(err.message, "is 1500 UTF-16 units and the buffer holds 1023");
    ASSERT_CONTAINS(err.message, "left in the slot");
    ASSERT_CONTAINS(err.message, "sm_channel_max_units: 2047");
    ASSERT_EQ_INT(sm_channel_peek(rx, &message, &err), SM_ERR_BUFFER_TOO_SMALL);
    ASSERT_EQ_INT(message.count, 1500);
    ASSERT_EQ_INT(sm_channel_try_receive(classic, &message, &err), SM_ERR_BUFFER_TOO_SMALL);
    ASSERT_EQ_INT(message.count, 1500);
    bool delivered = true;
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(!delivered);
    /* Still there for a withdraw... */
    bool withdrawn = false;
    ASSERT_EQ_INT(sm_channel_withdraw(tx, &ticket, &withdrawn, &err), SM_OK);
    ASSERT(withdrawn);
    /* ...and, sent again, for a buffer of the size the error named. */
    ASSERT_EQ_INT(sm_channel_try_send(tx, text, 1500, &ticket, &err), SM_OK);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_ERR_BUFFER_TOO_SMALL);
    message.capacity = message.count;
    ASSERT_EQ_INT(sm_channel_peek(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.count, 1500);
    message.capacity = sm_channel_max_units(rx);
    ASSERT_EQ_INT(sm_channel_try_receive(rx, &message, &err), SM_OK);
    ASSERT_EQ_INT(message.count, 1500);
    ASSERT(memcmp(units, text, sizeof text) == 0);
    ASSERT_EQ_INT(sm_channel_poll_delivery(tx, &ticket, &delivered, &err), SM_OK);
    ASSERT(delivered);
    free(units);
    sm_channel_close(classic);
    sm_channel_close(rx);
    sm_channel_close(tx);
    ASSERT_EQ_INT(sm_channel_unlink(name, NULL, &err), SM_OK);
    return 0;
}

/* sm_channel_list finds a channel (both objects) with its view size; process.list_channels shows the rest. */
static void find_listed(const char *name, size_t view_bytes, void *context)
{
    struct { const char *name; size_t view_bytes; int seen; } *want = context;
    if (strcmp(name, want->name) == 0) {
        want->view_bytes = view_bytes;
        want->seen++;
    }
}

TEST(channel_list_and_process_alive)
{
    char name[64];
    test_unique_name(name, sizeof name, "lst");
    sm_channel *channel = NULL;
    sm_error err;
    ASSERT(sm_process_alive(sm_process_id()));
    ASSERT(!sm_process_alive(0));
    ASSERT_EQ_INT(sm_channel_open_sized(name, 256, &channel, &err), SM_OK);
    struct { const char *name; size_t view_bytes; int seen; } want = {name, 0, 0};
    sm_status listed = sm_channel_list(find_listed, &want, &err);
#if defined(__linux__)
    ASSERT_EQ_INT(listed, SM_OK);
    ASSERT_EQ_INT(want.seen, 1); /* once: its ".ctl" companion is not a channel of its own */
    ASSERT_EQ_INT(want.view_bytes, 256);
#else
    ASSERT_EQ_INT(listed, SM_ERR_SYSTEM); /* Windows and the BSDs show no list */
    ASSERT(strlen(err.message) > 0);
#endif
    sm_channel_close(channel);
    ASSERT_EQ_INT(sm_channel_unlink(name, NULL, &err), SM_OK);
    want.seen = 0;
#if defined(__linux__)
    ASSERT_EQ_INT(sm_channel_list(find_listed, &want, &err), SM_OK);
    ASSERT_EQ_INT(want.seen, 0); /* removed: no longer listed */
#endif
    return 0;
}

/* Parses argv for kind; returns the exit code and leaves the error text in error. */
static int parse_args(sm_app_kind kind, int argc, char **argv, sm_app_options *opts, char *error)
{
    int code = sm_app_parse(argc, argv, kind, opts, error, 300);
    sm_app_options_free(opts);
    return code;
}

TEST(options_layout_peek_json)
{
    sm_app_options opts;
    char error[300] = "";
    char *defaults[] = {"r"};
    ASSERT_EQ_INT(parse_args(SM_APP_RECEIVER, 1, defaults, &opts, error), SM_EXIT_OK);
    ASSERT_EQ_INT(opts.view_bytes, 2048);
    ASSERT(!opts.peek && !opts.json);
    char *small[] = {"r", "--view-size", "256", "--peek", "--json"};
    ASSERT_EQ_INT(parse_args(SM_APP_RECEIVER, 5, small, &opts, error), SM_EXIT_OK);
    ASSERT_EQ_INT(opts.view_bytes, 256);
    ASSERT(opts.peek && opts.json && opts.headless);
    char *json_only[] = {"r", "--json"};
    ASSERT_EQ_INT(parse_args(SM_APP_RECEIVER, 2, json_only, &opts, error), SM_EXIT_OK);
    ASSERT(opts.json && opts.headless && !opts.print);
    char *sender_json[] = {"s", "--json", "--view-size=4", "--message", "x"};
    ASSERT_EQ_INT(parse_args(SM_APP_SENDER, 5, sender_json, &opts, error), SM_EXIT_OK);
    ASSERT_EQ_INT(opts.view_bytes, 4);
    ASSERT(opts.json);

    const char *bad_sizes[] = {"1023", "2", "0", "65538", "-4", "2k", ""};
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
        char *argv[] = {"s", "--view-size", (char *)bad_sizes[i]};
        ASSERT_EQ_INT(parse_args(SM_APP_SENDER, 3, argv, &opts, error), SM_EXIT_USAGE);
        ASSERT_CONTAINS(error, "--view-size needs an even number of bytes from 4 to 65536");
    }
    char *peek_sender[] = {"s", "--peek"};
    ASSERT_EQ_INT(parse_args(SM_APP_SENDER, 2, peek_sender, &opts, error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "it is a receiver option");
    char *both[] = {"r", "--json", "--print"};
    ASSERT_EQ_INT(parse_args(SM_APP_RECEIVER, 3, both, &opts, error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--json and --print cannot be combined");
    char *peek_count[] = {"r", "--peek", "--count", "2"};
    ASSERT_EQ_INT(parse_args(SM_APP_RECEIVER, 4, peek_count, &opts, error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--peek looks once");
    char *json_nothing[] = {"s", "--json"};
    ASSERT_EQ_INT(parse_args(SM_APP_SENDER, 2, json_nothing, &opts, error), SM_EXIT_USAGE);
    ASSERT_CONTAINS(error, "--json reports headless sends");
    return 0;
}

/* What sm_json_string writes for length bytes of text. */
static const char *json_of(const char *text, size_t length)
{
    static char out[512];
    FILE *file = tmpfile();
    ASSERT(file != NULL);
    sm_json_string(file, text, length);
    rewind(file);
    size_t n = fread(out, 1, sizeof out - 1, file);
    out[n] = '\0';
    fclose(file);
    return out;
}

TEST(json_strings_and_time)
{
    ASSERT_STR_EQ(json_of("plain", 5), "\"plain\"");
    ASSERT_STR_EQ(json_of("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
    ASSERT_STR_EQ(json_of("l1\nl2\r\t", 7), "\"l1\\nl2\\r\\t\"");
    ASSERT_STR_EQ(json_of("\x01\x1f\x7f", 3), "\"\\u0001\\u001f\\u007f\"");
    ASSERT_STR_EQ(json_of("z\0y", 3), "\"z\\u0000y\"");
    /* UTF-8 passes through; U+2028/U+2029 are escaped for JavaScript readers. */
    ASSERT_STR_EQ(json_of("мир 😀", strlen("мир 😀")), "\"мир 😀\"");
    ASSERT_STR_EQ(json_of("a\xe2\x80\xa8" "b\xe2\x80\xa9", 8), "\"a\\u2028b\\u2029\"");
    /* Not UTF-8: every non-ASCII byte becomes U+FFFD, so the line stays valid JSON. */
    ASSERT_STR_EQ(json_of("x\xff\xc3", 3), "\"x\\ufffd\\ufffd\"");

    char when[48];
    sm_json_format_time(86400LL * 365, 123456789, when, sizeof when);
    /* "1971-01-01T..." in any zone: date, T, time, milliseconds, +hh:mm / -hh:mm. */
    ASSERT_EQ_INT(strlen(when), 29);
    ASSERT(when[4] == '-' && when[10] == 'T' && when[19] == '.');
    ASSERT(memcmp(when + 20, "123", 3) == 0);
    ASSERT((when[23] == '+' || when[23] == '-') && when[26] == ':');
    return 0;
}
