#!/bin/sh
# soak.sh - the load test for as long as you like: 8 senders x 2000 random messages per
# round (1..1023 UTF-16 units, mixed scripts), round after round, every message verified.
# usage: tools/soak.sh [MINUTES] [BUILD_DIR]     (default: 10 minutes, build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-10}
build=${2:-$root/build}
[ -x "$build/sender/samplemap-sender" ] || { cmake -S "$root" -B "$build" && cmake --build "$build" -j; }
SAMPLEMAP_SOAK_MINUTES=$minutes exec python3 "$root/tests/process/proc_tests.py" \
    --sender "$build/sender/samplemap-sender" --receiver "$build/receiver/samplemap-receiver" \
    --probe "$build/tests/process/samplemap_probe" soak
