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

/* Each call's own bound, below the window's (ui_syscolors.c bounds the whole query). */
#define CALL_TIMEOUT_US ((uint64_t)SM_UI_SYSCOLORS_TIMEOUT_MS * 1000u)

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
