#!/bin/sh
# build-deb.sh - builds SampleMap's Debian packages the way a distribution does:
# configured for /usr (-DCMAKE_INSTALL_PREFIX=/usr: multiarch libdir, assets looked for
# in /usr/share/samplemap), compiled with dpkg-buildflags' flags (hardening=+all: stack
# protector, _FORTIFY_SOURCE, PIE, RELRO and BIND_NOW; -ffile-prefix-map keeps the build
# directory out of the binaries), then cpack -G DEB: samplemap, libsamplemap-ipc1 and
# libsamplemap-ipc-dev (docs/packaging.md). package.deb runs this script.
#
#   tools/build-deb.sh [BUILD_DIR [OUT_DIR]]     default: build-deb and build-deb/packages
#
# The maintainer: SAMPLEMAP_MAINTAINER="Name <address>" in the environment, or DEBFULLNAME
# and DEBEMAIL (Debian's convention); without one, cpack stops with an error.
set -eu
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$source_dir/build-deb}
out_dir=${2:-$build_dir/packages}
jobs=${SAMPLEMAP_BUILD_JOBS:-2}
cd "$source_dir" # dpkg-buildflags maps the current directory away (-ffile-prefix-map=$PWD=.)

# CFLAGS, CPPFLAGS, LDFLAGS as Debian builds packages, all hardening features on.
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
# Given to CMake on every run, not through the environment, which CMake reads only when the
# build directory is new. CPPFLAGS (-D_FORTIFY_SOURCE) goes with CFLAGS: CMake has no CPPFLAGS.
# CMAKE_BUILD_TYPE=None: no flags of CMake's own beside dpkg-buildflags' (as debhelper does).
set -- -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=None -DCMAKE_INSTALL_PREFIX=/usr \
    "-DCMAKE_C_FLAGS=$CFLAGS $CPPFLAGS" "-DCMAKE_EXE_LINKER_FLAGS=$LDFLAGS" \
    "-DCMAKE_SHARED_LINKER_FLAGS=$LDFLAGS" -DSAMPLEMAP_TESTS=OFF -DSAMPLEMAP_TEST_HOOKS=OFF \
    -DSAMPLEMAP_GUI=ON
if [ -n "${SAMPLEMAP_MAINTAINER:-}" ]; then
    set -- "$@" "-DSAMPLEMAP_MAINTAINER=$SAMPLEMAP_MAINTAINER"
fi
cmake "$@"
cmake --build "$build_dir" -j "$jobs"
mkdir -p "$out_dir"
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$out_dir"
ls "$out_dir"/*.deb
