#!/bin/sh
# wine-run.sh PROGRAM.exe [ARGS...] - runs a Windows program under Wine for ctest and scripts.
# wine-run.sh --stop                 - ends this prefix's Wine session (keeper, wineserver).
# wine-run.sh --prefix               - prints the Wine prefix it uses (creating nothing).
#
# Quiet and self-contained: a private Wine prefix in a temp dir (created once, with no
# Mono/Gecko install prompts), no debug chatter, no window (DISPLAY unset), no network
# needed. The prefix is shared by every run on purpose: named mappings and mutexes live
# in the wineserver of one prefix, so cooperating processes must use the same one.
# Override the place with SAMPLEMAP_WINEPREFIX. exec keeps the pid, so a test that
# kills this process kills the Windows program itself.
set -eu

prefix=${SAMPLEMAP_WINEPREFIX:-${TMPDIR:-/tmp}/samplemap-wine-$(id -u)}
keep_s=${SAMPLEMAP_WINE_KEEPALIVE_S:-300}
export WINEPREFIX="$prefix"
export WINEDEBUG=-all
# Skip the Mono (.NET) and Gecko (HTML) installers that would otherwise prompt.
export WINEDLLOVERRIDES="mscoree=;mshtml="
# Headless by default. The GUI tests set SAMPLEMAP_WINE_GUI=1 (and a prefix of their own, whose
# Wine session they --stop at the end): Wine's desktop process binds to the X display of the
# session's first program, so a session must never outlive the Xvfb it was started on.
if [ "${SAMPLEMAP_WINE_GUI:-}" != 1 ]; then
    unset DISPLAY WAYLAND_DISPLAY
fi

# True if the pid in file $1 is a live process (a zombie, which an unreaping init may
# leave behind in containers, does not count).
alive() {
    [ -f "$1" ] || return 1
    pid=$(cat "$1")
    [ -r "/proc/$pid/stat" ] || return 1
    state=$(sed 's/^.*) //' "/proc/$pid/stat" | cut -c1)
    [ "$state" != Z ]
}

if [ "${1:-}" = --prefix ]; then
    printf '%s\n' "$prefix"
    exit 0
fi

if [ "${1:-}" = --stop ]; then
    # Only this prefix's wineserver and the programs it runs; other prefixes are untouched.
    if alive "$prefix.keeper"; then
        kill -- "-$(cat "$prefix.keeper")" 2>/dev/null || true
    fi
    [ -d "$prefix" ] && wineserver -k </dev/null >/dev/null 2>&1 || true
    rm -f "$prefix.keeper"
    exit 0
fi

mkdir -p "$prefix"
chmod 700 "$prefix"
# One wrapper at a time prepares the prefix; parallel ctest jobs wait here.
(
    flock 9
    if [ ! -f "$prefix/.samplemap-ready" ]; then
        wineboot -i </dev/null >/dev/null 2>&1 || {
            echo "wine-run.sh: 'wineboot -i' failed for WINEPREFIX=$prefix;" \
                 "check that wine64 is installed" >&2
            exit 1
        }
        touch "$prefix/.samplemap-ready"
    fi
    # Wine's system processes (services.exe, winedevice.exe, ...) start with the first
    # program of a session and inherit that program's unix stdio. If that were a test's
    # pipe, the test would see end-of-file only when they exit, seconds later. So a
    # keeper program with quiet stdio holds the session open (it reads stdin until the
    # sleep ends, then exits), and a throw-away program makes sure the system processes
    # exist before ours starts. fd 9 (the lock) is closed for both.
    if ! alive "$prefix.keeper"; then
        # Its own session, so --stop can end the sleep and the keeper together.
        setsid sh -c 'sleep "$1" | wine cmd' keeper "$keep_s" </dev/null >/dev/null 2>&1 9>&- &
        echo $! >"$prefix.keeper"
        wine cmd /c exit </dev/null >/dev/null 2>&1 9>&- || true
    fi
) 9>"$prefix.lock"

exec wine "$@"
