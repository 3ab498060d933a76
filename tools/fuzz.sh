#!/bin/sh
# fuzz.sh - fuzz longer than CI does (CI runs each target for 30 s via ctest -L fuzz).
#
#   tools/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 300);
#                                           TARGETs: receive_view utf8_to_utf16 name font_cache (default all)
#
# Configures build-fuzz with clang and -DSAMPLEMAP_FUZZ=ON, builds the targets and runs each
# for SECONDS. Unlike the ctest runs, the corpus found here is kept in
# build-fuzz/tests/fuzz/long/<target>/corpus and grows from run to run; the committed seeds
# (tests/fuzz/corpus/<target>) are read, never written. A crash stops that target, its input
# is saved in build-fuzz/tests/fuzz/long/<target>/crashes/, and the script exits non-zero
# after trying the remaining targets. Extra libFuzzer flags: FUZZ_FLAGS="-jobs=4 -workers=4".
# Needs clang and its libFuzzer runtime (Debian: libclang-rt-<version>-dev, which clang pulls in).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
seconds=${1:-300}
[ $# -gt 0 ] && shift
targets=${*:-receive_view utf8_to_utf16 name font_cache}

case $seconds in
'' | *[!0-9]*) echo "usage: tools/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DSAMPLEMAP_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMPLEMAP_GUI=OFF
for t in $targets; do
    cmake --build "$build" -j "$(nproc)" --target "fuzz_$t"
done

failed=""
for t in $targets; do
    work=$build/tests/fuzz/long/$t
    mkdir -p "$work/corpus" "$work/crashes"
    printf '\n===== fuzz_%s for %s s =====\n' "$t" "$seconds"
    # The first directory receives new inputs; the seeds after it are only read.
    # -max_len: a view is 2048 bytes and no name or message needs more.
    # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
    if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -max_len=2048 \
        -print_final_stats=1 -artifact_prefix="$work/crashes/" ${FUZZ_FLAGS:-} \
        "$work/corpus" "$root/tests/fuzz/corpus/$t"; then
        failed="$failed $t"
    fi
done

if [ -n "$failed" ]; then
    echo "fuzz.sh: crashes in:$failed - reproducers in $build/tests/fuzz/long/<target>/crashes/;" \
        "replay one with $build/tests/fuzz/fuzz_<target> FILE" >&2
    exit 1
fi
echo "fuzz.sh: no crash in $seconds s per target: $targets"
