/*
 * ui_syscolors_portal.c - the desktop's colour settings on Linux: the XDG desktop portal
 * (org.freedesktop.portal.Desktop at /org/freedesktop/portal/desktop), interface
 * org.freedesktop.portal.Settings, read over the session D-Bus with sd-bus (libsystemd).
 *
 * Two keys of the namespace org.freedesktop.appearance: color-scheme (0 no preference,
 * 1 prefer dark, 2 prefer light) and, in newer portals, contrast (0 normal, 1 higher).
 * ReadOne returns the value in one variant; portals older than 1.15 only have Read, which
 * wraps it in a second one. GNOME, KDE and the other desktops each run a portal backend
 * that answers for their own settings, so one question covers them all.
 *
 * While a window is open, a thread of its own follows the portal's SettingChanged signal
 * (sm_ui_syscolors_follow), so a window changes theme with the desktop.
 *
 * With no session bus or no portal on it, the fallback is GTK_THEME (what GTK apps obey
 * too): a theme name with GTK's ":dark" variant asks for dark, one named HighContrast
 * (Adwaita's HighContrast and HighContrastInverse) for high contrast; else nothing.
 *
 * sd-bus rather than GDBus or libdbus: it never starts a bus of its own (both others
 * "autolaunch" dbus-launch when DBUS_SESSION_BUS_ADDRESS is unset, leaving a daemon
 * behind), it has a per-call timeout, and libsystemd0 is on every Debian system already.
 */
#include "ui_syscolors.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS "org.freedesktop.portal.Settings"
#define APPEARANCE "org.freedesktop.appearance"

/*
 * Each call's own bound: four times the window's (ui_syscolors.c bounds the whole query), so
 * a portal that never answers is always the window's "no answer within 250 ms", never a race
 * between the two bounds; the thread, left alone past the window's bound, ends by this one.
 */
#define CALL_TIMEOUT_US ((uint64_t)SM_UI_SYSCOLORS_TIMEOUT_MS * 4000u)

/* Enters every variant around the value (one from ReadOne, two from an old Read). */
static int read_uint32(sd_bus_message *reply, uint32_t *value)
{
    int depth = 0, r = 0;
    for (;;) {
        char type = 0;
        const char *contents = NULL;
        r = sd_bus_message_peek_type(reply, &type, &contents);
        if (r <= 0)
            return r < 0 ? r : -EBADMSG;
        if (type != SD_BUS_TYPE_VARIANT || depth == 3)
            break;
        r = sd_bus_message_enter_container(reply, SD_BUS_TYPE_VARIANT, contents);
        if (r < 0)
            return r;
        depth++;
    }
    return sd_bus_message_read_basic(reply, SD_BUS_TYPE_UINT32, value);
}

/*
 * One key of org.freedesktop.appearance: 1 with *value set, 0 when this portal does not
 * have the key, a negative errno when the portal could not be asked (why says so).
 */
static int read_key(sd_bus *bus, const char *key, uint32_t *value, char *why, size_t why_size)
{
    sd_bus_error error = SD_BUS_ERROR_NULL;
    sd_bus_message *reply = NULL;
    int r = sd_bus_call_method(bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "ReadOne", &error,
                               &reply, "ss", APPEARANCE, key);
    if (r < 0 && sd_bus_error_has_name(&error, SD_BUS_ERROR_UNKNOWN_METHOD)) {
        sd_bus_error_free(&error); /* a portal older than ReadOne (1.15) */
        r = sd_bus_call_method(bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read", &error,
                               &reply, "ss", APPEARANCE, key);
    }
    if (r < 0) {
        bool missing_key = sd_bus_error_has_name(&error, "org.freedesktop.portal.Error.NotFound");
        snprintf(why, why_size, "no portal answer for %s: %s", key,
                 error.message != NULL ? error.message : strerror(-r));
        sd_bus_error_free(&error);
        return missing_key ? 0 : r;
    }
    r = read_uint32(reply, value);
    sd_bus_message_unref(reply);
    if (r < 0) {
        snprintf(why, why_size, "the portal's %s is not a number", key);
        return 0; /* a value of another type says nothing we can use */
    }
    return 1;
}

/* No portal: what GTK_THEME asks for (see the top of this file). */
static void gtk_theme_fallback(sm_ui_syscolors *out, const char *no_portal)
{
    const char *gtk = getenv("GTK_THEME");
    if (gtk != NULL && strstr(gtk, "HighContrast") != NULL)
        out->contrast = true;
    if (gtk != NULL && strstr(gtk, ":dark") != NULL)
        out->scheme = SM_UI_SCHEME_DARK;
    if (out->contrast || out->scheme != SM_UI_SCHEME_NONE)
        snprintf(out->why, sizeof out->why, "%.120s; GTK_THEME=%.40s", no_portal, gtk);
    else
        snprintf(out->why, sizeof out->why, "%.180s", no_portal);
}

void sm_ui_syscolors_query(sm_ui_syscolors *out)
{
    memset(out, 0, sizeof *out);
    sd_bus *bus = NULL;
    int r = sd_bus_open_user(&bus);
    if (r < 0) {
        char why[160];
        snprintf(why, sizeof why, "no session bus: %s", strerror(-r));
        gtk_theme_fallback(out, why);
        return;
    }
    (void)sd_bus_set_method_call_timeout(bus, CALL_TIMEOUT_US); /* fails only for a NULL bus */
    uint32_t scheme = 0, contrast = 0;
    char why[160] = "";
    r = read_key(bus, "color-scheme", &scheme, why, sizeof why);
    if (r <= 0) {
        gtk_theme_fallback(out, why[0] != '\0' ? why : "no color-scheme in the portal");
    } else {
        out->scheme = scheme <= SM_UI_SCHEME_LIGHT ? (sm_ui_scheme)scheme : SM_UI_SCHEME_NONE;
        /* contrast came later than color-scheme: a portal without it means normal. */
        bool has_contrast = read_key(bus, "contrast", &contrast, why, sizeof why) > 0;
        out->contrast = has_contrast && contrast == 1;
        snprintf(out->why, sizeof out->why, "portal color-scheme=%u contrast=%s", scheme,
                 has_contrast ? (contrast == 1 ? "1" : "0") : "none");
    }
    sd_bus_flush_close_unref(bus);
}

/* The follower's state: the setting as last known, updated key by key. */
typedef struct follower {
    sm_ui_syscolors now;
    bool contrast_known; /* the portal has the contrast key (told at start or by a change) */
} follower;

/* SettingChanged (namespace, key, value): a change of ours becomes an SDL event. */
static int on_setting_changed(sd_bus_message *signal, void *data, sd_bus_error *error)
{
    (void)error;
    follower *f = data;
    const char *space = NULL, *key = NULL;
    uint32_t value = 0;
    if (sd_bus_message_read(signal, "ss", &space, &key) < 0 || strcmp(space, APPEARANCE) != 0 ||
        read_uint32(signal, &value) < 0)
        return 0; /* another namespace, or a value we cannot read: not ours */
    if (strcmp(key, "color-scheme") == 0)
        f->now.scheme = value <= SM_UI_SCHEME_LIGHT ? (sm_ui_scheme)value : SM_UI_SCHEME_NONE;
    else if (strcmp(key, "contrast") == 0) {
        f->now.contrast = value == 1;
        f->contrast_known = true;
    } else
        return 0;
    snprintf(f->now.why, sizeof f->now.why, "portal changed %s: color-scheme=%u contrast=%s", key,
             (unsigned)f->now.scheme, f->contrast_known ? (f->now.contrast ? "1" : "0") : "none");
    sm_ui_syscolors_announce(&f->now);
    return 0;
}

static int follow_thread(void *data)
{
    follower *f = data;
    sd_bus *bus = NULL;
    int r = sd_bus_open_user(&bus);
    if (r >= 0)
        r = sd_bus_match_signal(bus, NULL, NULL, PORTAL_PATH, PORTAL_SETTINGS, "SettingChanged",
                                on_setting_changed, f);
    /* Until the process ends: the window's whole life. An error (the bus went away) ends it. */
    while (r >= 0) {
        r = sd_bus_process(bus, NULL);
        if (r == 0)
            r = sd_bus_wait(bus, UINT64_MAX);
        if (r == -EINTR)
            r = 0;
    }
    sd_bus_flush_close_unref(bus);
    free(f);
    return 0;
}

bool sm_ui_syscolors_follow(const sm_ui_syscolors *now)
{
    /* Only a setting that came from the portal is followed: without one there is no signal. */
    if (strncmp(now->why, "portal ", 7) != 0 || !sm_ui_syscolors_register_event())
        return false;
    follower *f = calloc(1, sizeof *f);
    if (f == NULL)
        return false;
    f->now = *now;
    f->contrast_known = strstr(now->why, "contrast=none") == NULL;
    SDL_Thread *thread = SDL_CreateThread(follow_thread, "syscolors follow", f);
    if (thread == NULL) {
        free(f);
        return false;
    }
    SDL_DetachThread(thread);
    return true;
}
