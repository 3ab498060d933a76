/*
 * fake_portal.c - a stand-in for the XDG desktop portal's Settings interface, for the
 * theme tests (gui_theme_system): it owns org.freedesktop.portal.Desktop on the session
 * bus it is given (DBUS_SESSION_BUS_ADDRESS, a private dbus-daemon of the test's own) and
 * answers org.freedesktop.appearance's color-scheme and contrast as told.
 *
 * usage: fake_portal [--scheme N] [--contrast N] [--old] [--hang]
 *   --scheme N    color-scheme's value (0 no preference, 1 dark, 2 light; default 0)
 *   --contrast N  contrast's value; without it the key is missing, as in portals before it
 *   --old         no ReadOne, only Read with its value in two variants (portals before 1.15)
 *   --hang        own the name and never answer (a hung portal)
 * Prints "ready" on stdout once the name is owned; runs until killed. A line on standard
 * input "KEY N" (color-scheme or contrast) changes that value and emits SettingChanged, as
 * a portal does when the user flips the desktop's switch; "changed" on stdout follows.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <unistd.h>

static uint32_t scheme;
static long contrast = -1; /* -1: no such key */
static bool old_portal;

static int reply_value(sd_bus_message *call, uint32_t value)
{
    if (!old_portal)
        return sd_bus_reply_method_return(call, "v", "u", value);
    sd_bus_message *reply = NULL;
    int r = sd_bus_message_new_method_return(call, &reply);
    if (r >= 0)
        r = sd_bus_message_append(reply, "v", "v", "u", value);
    if (r >= 0)
        r = sd_bus_send(NULL, reply, NULL);
    sd_bus_message_unref(reply);
    return r;
}

static int read_setting(sd_bus_message *call, void *data, sd_bus_error *error)
{
    (void)data;
    const char *space = NULL, *key = NULL;
    int r = sd_bus_message_read(call, "ss", &space, &key);
    if (r < 0)
        return r;
    if (strcmp(space, "org.freedesktop.appearance") == 0 && strcmp(key, "color-scheme") == 0)
        return reply_value(call, scheme);
    if (strcmp(space, "org.freedesktop.appearance") == 0 && strcmp(key, "contrast") == 0 &&
        contrast >= 0)
        return reply_value(call, (uint32_t)contrast);
    return sd_bus_error_set(error, "org.freedesktop.portal.Error.NotFound",
                            "Requested setting not found");
}

static const sd_bus_vtable settings[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("ReadOne", "ss", "v", read_setting, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Read", "ss", "v", read_setting, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

static const sd_bus_vtable old_settings[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Read", "ss", "v", read_setting, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

static int fail(const char *what, int r)
{
    fprintf(stderr, "fake_portal: %s: %s\n", what, strerror(-r));
    return 1;
}

int main(int argc, char **argv)
{
    bool hang = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--scheme") == 0 && i + 1 < argc)
            scheme = (uint32_t)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--contrast") == 0 && i + 1 < argc)
            contrast = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--old") == 0)
            old_portal = true;
        else if (strcmp(argv[i], "--hang") == 0)
            hang = true;
        else {
            fprintf(stderr, "usage: fake_portal [--scheme N] [--contrast N] [--old] [--hang]\n");
            return 2;
        }
    }
    sd_bus *bus = NULL;
    int r = sd_bus_open_user(&bus);
    if (r < 0)
        return fail("sd_bus_open_user", r);
    r = sd_bus_add_object_vtable(bus, NULL, "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.Settings",
                                 old_portal ? old_settings : settings, NULL);
    if (r < 0)
        return fail("sd_bus_add_object_vtable", r);
    r = sd_bus_request_name(bus, "org.freedesktop.portal.Desktop", 0);
    if (r < 0)
        return fail("sd_bus_request_name", r);
    printf("ready\n");
    (void)fflush(stdout);
    if (hang) {
        for (;;)
            pause(); /* calls queue up in the socket, and nobody reads them */
    }
    for (;;) {
        while ((r = sd_bus_process(bus, NULL)) > 0)
            continue;
        if (r < 0)
            return fail("sd_bus_process", r);
        struct pollfd fds[2] = {{sd_bus_get_fd(bus), (short)sd_bus_get_events(bus), 0},
                                {STDIN_FILENO, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            return fail("poll", -errno);
        if ((fds[1].revents & (POLLIN | POLLHUP)) == 0)
            continue;
        char line[100], key[40];
        long value = 0;
        if (fgets(line, sizeof line, stdin) == NULL)
            return 0; /* the test closed our input: done */
        if (sscanf(line, "%39s %ld", key, &value) != 2)
            continue;
        if (strcmp(key, "color-scheme") == 0)
            scheme = (uint32_t)value;
        else if (strcmp(key, "contrast") == 0)
            contrast = value;
        else
            continue;
        r = sd_bus_emit_signal(bus, "/org/freedesktop/portal/desktop",
                               "org.freedesktop.portal.Settings", "SettingChanged", "ssv",
                               "org.freedesktop.appearance", key, "u", (uint32_t)value);
        if (r < 0)
            return fail("sd_bus_emit_signal", r);
        (void)sd_bus_flush(bus); /* sent before we say so */
        printf("changed\n");
        (void)fflush(stdout);
    }
}
