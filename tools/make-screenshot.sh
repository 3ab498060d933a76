#!/bin/sh
# make-screenshot.sh - regenerates docs/screenshot.png: both windows side by side under
# Xvfb after exchanging messages in several scripts (needs xvfb, xdotool, imagemagick).
# usage: tools/make-screenshot.sh [BUILD_DIR]   (default: build; build it first)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=$build/tests/gui/artefacts
helper=$build/tests/gui/samplemap_x_helper
set -- --sender "$build/sender/samplemap-sender" --receiver "$build/receiver/samplemap-receiver" \
       --out "$out"
if [ -x "$helper" ]; then
    set -- "$@" --x-helper "$helper"
fi
python3 "$root/tests/gui/gui_test.py" "$@" showcase
mkdir -p "$root/docs"
cp "$out/showcase/screenshot.png" "$root/docs/screenshot.png"
echo "wrote $root/docs/screenshot.png"
