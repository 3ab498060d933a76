#!/bin/sh
# race-table.sh - the classic protocol next to the safe one under the same load:
# sent / received / lost / torn / duplicated for each, under load and with a writer
# stalled mid-store (tearing on demand). Without -c it prints the setup and asks for a
# prediction; with -c it runs (tools/race_table.py has the flags and what they do).
# usage: tools/race-table.sh [BUILD_DIR] [-c] [--interval MS] [--senders N] [--messages N]
#                            [--stalled N] [--runs N] [--seed N] [--only classic|safe]
# (BUILD_DIR default: build; built first if needed)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
case "${1:-}" in -*|"") ;; *) build=$1; shift ;; esac
# Build first only when it will run (-c): the question and --help need no build.
case " $* " in
*" -c "*|*" --compute "*)
    [ -x "$build/sender/samplemap-sender" ] || { cmake -S "$root" -B "$build" && cmake --build "$build" -j2; } ;;
esac
exec python3 "$root/tools/race_table.py" --build "$build" "$@"
