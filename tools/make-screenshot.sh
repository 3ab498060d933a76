#!/bin/sh
# make-screenshot.sh - regenerates docs/screenshot.png: both windows side by side under
# Xvfb after 40 messages, the last ones in several scripts (needs xvfb, xdotool, imagemagick).
# With --windows, docs/windows-screenshot.png: the same with the Windows .exe files under
# Wine (build them first: tools/build-windows-deps.sh, then the mingw preset).
# With --dbwin, docs/dbwin-screenshot.png: the Windows receiver --dbwin under Wine capturing
# the OutputDebugStringA calls of a separate Windows program (tests/helpers/dbwin_writer.exe).
# usage: tools/make-screenshot.sh [BUILD_DIR]             (default: build; build it first)
#        tools/make-screenshot.sh --windows [BUILD_DIR]   (default: build-mingw)
#        tools/make-screenshot.sh --dbwin [BUILD_DIR]     (default: build-mingw)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
scenario=showcase
if [ "${1:-}" = --dbwin ]; then
    build=${2:-$root/build-mingw}
    out=$build/tests/gui/artefacts
    target=$root/docs/dbwin-screenshot.png
    scenario=dbwin_showcase
    set -- --sender "$build/bin/samplemap-sender.exe" --receiver "$build/bin/samplemap-receiver.exe" \
           --emulator "$root/cmake/wine-run.sh" --out "$out" \
           --dbwin-writer "$build/tests/process/dbwin_writer.exe"
elif [ "${1:-}" = --windows ]; then
    build=${2:-$root/build-mingw}
    out=$build/tests/gui/artefacts
    target=$root/docs/windows-screenshot.png
    set -- --sender "$build/bin/samplemap-sender.exe" --receiver "$build/bin/samplemap-receiver.exe" \
           --emulator "$root/cmake/wine-run.sh" --out "$out"
else
    build=${1:-$root/build}
    out=$build/tests/gui/artefacts
    target=$root/docs/screenshot.png
    set -- --sender "$build/sender/samplemap-sender" --receiver "$build/receiver/samplemap-receiver" \
           --out "$out"
fi
helper=$build/tests/gui/samplemap_x_helper
if [ -x "$helper" ]; then
    set -- "$@" --x-helper "$helper"
fi
python3 "$root/tests/gui/gui_test.py" "$@" "$scenario"
mkdir -p "$root/docs"
cp "$out/$scenario/screenshot.png" "$target"
echo "wrote $target"
