#!/bin/sh
# race-table.sh - the classic protocol next to the safe one under the same load:
# prints sent / received / lost / torn / duplicated for each, under load and with a writer
# stalled mid-store (tearing on demand); its receiver polls every 1 ms (see README, "Teaching").
# usage: tools/race-table.sh [BUILD_DIR]   (default: build; built first if needed)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ -x "$build/sender/samplemap-sender" ] || { cmake -S "$root" -B "$build" && cmake --build "$build" -j; }
exec python3 "$root/tests/process/proc_tests.py" --sender "$build/sender/samplemap-sender" \
    --receiver "$build/receiver/samplemap-receiver" --probe "$build/tests/process/samplemap_probe" \
    --peer "$build/tests/interop/classic_peer" \
    race_table
