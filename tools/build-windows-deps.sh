#!/bin/sh
# build-windows-deps.sh - cross-builds the windows' libraries for 64-bit Windows from
# Debian's *source* packages with MinGW-w64, into a cache prefix outside the tree.
#
#   tools/build-windows-deps.sh            build (or reuse) the prefix; prints its path last
#   tools/build-windows-deps.sh --print    print the prefix path only (exit 1 if not built)
#
# Why from source: Debian ships MinGW compilers but no MinGW builds of SDL2, so the only
# way to get Windows DLLs here without downloading a prebuilt binary is to build Debian's
# own sources. The libraries and the versions are those of the Linux build, so text is
# shaped by the same HarfBuzz and laid out by the same FriBidi on both systems.
#
# What it builds, in dependency order (each a shared library, a DLL, like on Linux):
#   zlib, libpng         PNG glyphs (colour emoji fonts store their glyphs as PNG)
#   freetype             glyph rasterizer (with zlib/png, without harfbuzz: no cycle)
#   harfbuzz             text shaping, on freetype
#   fribidi              the Unicode Bidirectional Algorithm
#   utf8proc             grapheme clusters (UAX #29) for the text field; a static library,
#                        linked into the programs (its .pc cannot tell a DLL's users to import)
#   SDL2                 windows, input, rendering
#   SDL2_ttf             text rendering on freetype + harfbuzz
#
# The prefix is $SAMPLEMAP_WINDOWS_DEPS_CACHE (default ~/.cache/samplemap/windows-deps)
# /<key>, where the key names every source version and this script's own checksum: a
# second run with nothing changed finds the finished prefix and returns in seconds, and
# any change builds a new one beside it. "current" is a symlink to the newest, which is
# where cmake/toolchain-mingw-w64-x86_64.cmake looks. A prefix is marked complete only
# after every library built, so an interrupted run is redone, never half-used.
#
# Needs root (or sudo) once: it adds a deb-src entry derived from the machine's own apt
# sources (the same archive, Types: deb-src) and installs the build tools from Debian.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
script="$here/$(basename "$0")"
cache=${SAMPLEMAP_WINDOWS_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/samplemap/windows-deps}
host=x86_64-w64-mingw32
jobs=$(nproc 2>/dev/null || echo 2)

say() { printf 'build-windows-deps: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

if [ "${1:-}" = --print ]; then
    [ -f "$cache/current/.complete" ] || { say "no prefix built yet: run $script"; exit 1; }
    (cd "$cache/current" && pwd -P)
    exit 0
fi
[ $# -eq 0 ] || die "unknown argument '$1' (usage: $0 [--print])"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# --- 1. Build tools, from Debian --------------------------------------------------------
tools="dpkg-dev gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 cmake meson ninja-build pkg-config"
missing=""
for p in $tools; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

# --- 2. deb-src entries derived from the machine's own apt sources ----------------------
# Copies each enabled "Types: deb" stanza (deb822) or "deb " line (one-line format) with
# the type changed to deb-src. No archive address is written here: it is the machine's.
src_list=/etc/apt/sources.list.d/samplemap-deb-src.sources
need_update=""
if [ ! -f "$src_list" ]; then
    tmp=$(mktemp)
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] && [ "$f" != "$src_list" ] || continue
        # Keep only stanzas that are plain "Types: deb" and not disabled.
        awk 'BEGIN { RS = ""; ORS = "\n\n" }
             /(^|\n)Types:[ \t]*deb[ \t]*(\n|$)/ && !/(^|\n)Enabled:[ \t]*no/ {
                 sub(/Types:[ \t]*deb/, "Types: deb-src"); print }' "$f" >>"$tmp"
    done
    # The one-line format: "deb URI SUITE..." becomes "deb-src URI SUITE...".
    if [ -f /etc/apt/sources.list ]; then
        lines=$(sed -n 's/^[ \t]*deb\([ \t]\)/deb-src\1/p' /etc/apt/sources.list)
        if [ -n "$lines" ]; then
            src_list_one=/etc/apt/sources.list.d/samplemap-deb-src.list
            printf '%s\n' "$lines" | $sudo tee "$src_list_one" >/dev/null
        fi
    fi
    if [ -s "$tmp" ]; then
        $sudo install -m 644 "$tmp" "$src_list"
    elif [ -z "${src_list_one:-}" ]; then
        rm -f "$tmp"
        die "found no 'deb' entry in /etc/apt/sources.list{,.d} to derive a deb-src entry from"
    fi
    rm -f "$tmp"
    need_update=1
fi
if [ -n "$missing" ] || [ -n "$need_update" ] || ! apt-cache showsrc libsdl2 2>/dev/null | grep -q '^Version:'; then
    say "apt-get update${missing:+; installing$missing}"
    $sudo apt-get update -qq
    [ -z "$missing" ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

# --- 3. The versions, and the cache key ------------------------------------------------
packages="zlib libpng1.6 freetype harfbuzz fribidi utf8proc libsdl2 libsdl2-ttf"
src_versions() { # the source versions apt knows for $1, newest first
    apt-cache showsrc "$1" 2>/dev/null | sed -n 's/^Version: //p' | sort -rVu
}
# The key covers every version apt offers (a new upload changes it) and this script.
known=""
for p in $packages; do
    v=$(src_versions "$p" | tr '\n' ' ')
    [ -n "$v" ] || die "apt knows no source package '$p' (is the deb-src entry in $src_list right?)"
    known="$known$p: $v
"
done
key=win64-$( (printf '%s' "$known"; cat "$script") | sha256sum | cut -c1-12)
prefix="$cache/$key"

if [ -f "$prefix/.complete" ]; then
    ln -sfn "$key" "$cache/current"
    say "up to date: $prefix ($(tr '\n' ' ' <"$prefix/VERSIONS"))"
    printf '%s\n' "$prefix"
    exit 0
fi

# --- 4. Sources ------------------------------------------------------------------------
work="$cache/work-$key"
rm -rf "$work" "$prefix"
mkdir -p "$work/src" "$prefix"
log="$work/build.log"
: >"$log"
say "building into $prefix (log: $log)"
step() { say "$1"; printf '\n===== %s =====\n' "$1" >>"$log"; }
run() { # run a command with its output in the log; on failure show the log's tail
    if ! "$@" >>"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "failed: $* (whole log: $log)"
    fi
}

# The newest version first; a mirror that lists a version it no longer serves (a stale
# security index) makes us fall back to the next one, and VERSIONS says what was built.
step "fetching sources: $packages"
: >"$prefix/VERSIONS"
for p in $packages; do
    fetched=""
    for v in $(src_versions "$p"); do
        if (cd "$work/src" && apt-get source -qq --only-source "$p=$v" >>"$log" 2>&1); then
            fetched=$v
            break
        fi
        say "  $p $v could not be fetched; trying an older version"
    done
    [ -n "$fetched" ] || die "could not fetch any source version of $p (see $log)"
    printf '%s %s\n' "$p" "$fetched" >>"$prefix/VERSIONS"
done
srcdir() { # the unpacked source directory of package $1
    d=$(find "$work/src" -maxdepth 1 -type d -name "$1-[0-9]*" | head -n 1)
    [ -n "$d" ] || die "no unpacked source for $1 in $work/src"
    printf '%s\n' "$d"
}

# --- 5. Cross files --------------------------------------------------------------------
# CMake: look for headers/libraries in the MinGW sysroot and in our prefix only.
cat >"$work/toolchain.cmake" <<EOF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER $host-gcc)
set(CMAKE_CXX_COMPILER $host-g++)
set(CMAKE_RC_COMPILER $host-windres)
set(CMAKE_FIND_ROOT_PATH /usr/$host "$prefix")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
EOF
# Meson: the same compilers; pkg-config sees our prefix only (never the Linux .pc files).
cat >"$work/cross.ini" <<EOF
[binaries]
c = '$host-gcc'
cpp = '$host-g++'
ar = '$host-ar'
strip = '$host-strip'
windres = '$host-windres'
pkgconfig = 'pkg-config'

[properties]
pkg_config_libdir = '$prefix/lib/pkgconfig'

[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig"
export PKG_CONFIG_PATH=""
# No compiler runtime DLLs to ship: HarfBuzz is C++ (linked by the C driver, as it avoids
# libstdc++), so link libgcc and libstdc++ into its DLL; step 8 checks that this held.
cxx_link="-static-libgcc -static-libstdc++"

cmake_build() { # $1 = name, $2 = source dir, rest = cache options
    name=$1 src=$2
    shift 2
    step "building $name"
    run cmake -S "$src" -B "$work/build-$name" -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE="$work/toolchain.cmake" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_PREFIX_PATH="$prefix" "$@"
    run cmake --build "$work/build-$name" -j "$jobs"
    run cmake --install "$work/build-$name"
}
meson_build() { # $1 = name, $2 = source dir, rest = meson options
    name=$1 src=$2
    shift 2
    step "building $name"
    run meson setup "$work/build-$name" "$src" --cross-file "$work/cross.ini" \
        --prefix "$prefix" --libdir lib --buildtype release -Ddefault_library=shared "$@"
    run ninja -C "$work/build-$name" -j "$jobs"
    run meson install -C "$work/build-$name" --no-rebuild
}

# --- 6. The libraries ------------------------------------------------------------------
# Debian's zlib source drops win32/ (it is not free of other files' licences), and with it
# the DLL's version resource that zlib's CMake file names: a minimal one stands in.
zlib_src=$(srcdir zlib)
if [ ! -f "$zlib_src/win32/zlib1.rc" ]; then
    mkdir -p "$zlib_src/win32"
    printf '%s\n' '#include <winver.h>' '1 VERSIONINFO' 'BEGIN' \
        ' BLOCK "StringFileInfo"' ' BEGIN' '  BLOCK "040904E4"' '  BEGIN' \
        '   VALUE "FileDescription", "zlib data compression library"' '  END' ' END' \
        'END' >"$zlib_src/win32/zlib1.rc"
fi
cmake_build zlib "$zlib_src" -DINSTALL_PKGCONFIG_DIR="$prefix/lib/pkgconfig"
cmake_build libpng "$(srcdir libpng1.6)" -DPNG_SHARED=ON -DPNG_STATIC=OFF -DPNG_TESTS=OFF \
    -DPNG_EXECUTABLES=OFF -DSKIP_INSTALL_PROGRAMS=ON
cmake_build freetype "$(srcdir freetype)" -DBUILD_SHARED_LIBS=ON \
    -DFT_REQUIRE_ZLIB=ON -DFT_REQUIRE_PNG=ON -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_BROTLI=ON \
    -DFT_DISABLE_HARFBUZZ=ON
# -Wa,-mbig-obj: HarfBuzz's amalgamated sources exceed COFF's default section count.
meson_build harfbuzz "$(srcdir harfbuzz)" -Dfreetype=enabled -Dglib=disabled -Dgobject=disabled \
    -Dcairo=disabled -Dicu=disabled -Dchafa=disabled -Dgraphite2=disabled -Dtests=disabled \
    -Ddocs=disabled -Dintrospection=disabled -Dbenchmark=disabled \
    -Dcpp_args=-Wa,-mbig-obj -Dcpp_link_args="$cxx_link" -Dc_link_args="$cxx_link"
meson_build fribidi "$(srcdir fribidi)" -Ddocs=false
cmake_build utf8proc "$(srcdir utf8proc)" -DBUILD_SHARED_LIBS=OFF -DUTF8PROC_INSTALL=ON
cmake_build sdl2 "$(srcdir libsdl2)" -DSDL_SHARED=ON -DSDL_STATIC=OFF -DSDL_TEST=OFF
cmake_build sdl2_ttf "$(srcdir libsdl2-ttf)" -DBUILD_SHARED_LIBS=ON -DSDL2TTF_HARFBUZZ=ON \
    -DSDL2TTF_VENDORED=OFF -DSDL2TTF_SAMPLES=OFF

# --- 7. Licences -----------------------------------------------------------------------
# Whoever ships these DLLs (the Windows zip does) must ship their licences: Debian's
# copyright file of each source package, plus the upstream licence texts it refers to.
step "collecting licences"
for p in $packages; do
    src=$(srcdir "$p")
    dest="$prefix/share/licenses/$p"
    mkdir -p "$dest"
    cp "$src/debian/copyright" "$dest/copyright"
    for f in "$src"/COPYING* "$src"/LICENSE* "$src"/LICENCE* "$src"/docs/LICENSE.TXT \
             "$src"/docs/FTL.TXT "$src"/docs/GPLv2.TXT; do
        if [ -f "$f" ]; then cp "$f" "$dest/"; fi
    done
done

# --- 8. Check and mark complete --------------------------------------------------------
for dll in SDL2.dll SDL2_ttf.dll libfreetype.dll libharfbuzz-0.dll libfribidi-0.dll \
           libpng16.dll libzlib.dll; do
    [ -f "$prefix/bin/$dll" ] || die "expected $prefix/bin/$dll after the build"
    [ -f "$prefix/lib/libutf8proc.a" ] || die "expected $prefix/lib/libutf8proc.a after the build"
    # A DLL that needs the compiler's runtime DLLs would not start on a clean Windows.
    runtime=$($host-objdump -p "$prefix/bin/$dll" | grep -io 'DLL Name: *lib\(gcc_s\|stdc++\|winpthread\)[^ ]*' || true)
    [ -z "$runtime" ] || die "$dll imports a compiler runtime DLL ($runtime); it must be linked statically"
done
cp "$log" "$prefix/build.log"
rm -rf "$work"
touch "$prefix/.complete"
ln -sfn "$key" "$cache/current"
say "done: $prefix"
printf '%s\n' "$prefix"
