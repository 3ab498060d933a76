#!/bin/sh
# wine-run.sh PROGRAM.exe [ARGS...] - runs a Windows program under Wine for ctest and scripts.
#
# Quiet and self-contained: a private Wine prefix in a temp dir (created once, with no
# Mono/Gecko install prompts), no debug chatter, no window (DISPLAY unset), no network
# needed. The prefix is shared by every run on purpose: named mappings and mutexes live
# in the wineserver of one prefix, so cooperating processes must use the same one.
# Override the place with SAMPLEMAP_WINEPREFIX. exec keeps the pid, so a test that
# kills this process kills the Windows program itself.
set -eu

prefix=${SAMPLEMAP_WINEPREFIX:-${TMPDIR:-/tmp}/samplemap-wine-$(id -u)}
export WINEPREFIX="$prefix"
export WINEDEBUG=-all
# Skip the Mono (.NET) and Gecko (HTML) installers that would otherwise prompt.
export WINEDLLOVERRIDES="mscoree=;mshtml="
unset DISPLAY WAYLAND_DISPLAY

if [ ! -f "$prefix/.samplemap-ready" ]; then
    mkdir -p "$prefix"
    chmod 700 "$prefix"
    # Parallel ctest jobs may all arrive here first: one initialises, the others wait.
    (
        flock 9
        if [ ! -f "$prefix/.samplemap-ready" ]; then
            wineboot -i >/dev/null 2>&1 || {
                echo "wine-run.sh: 'wineboot -i' failed for WINEPREFIX=$prefix;" \
                     "check that wine64 is installed" >&2
                exit 1
            }
            touch "$prefix/.samplemap-ready"
        fi
    ) 9>"$prefix.lock"
fi

if command -v wine64 >/dev/null 2>&1; then
    exec wine64 "$@"
fi
exec wine "$@"
