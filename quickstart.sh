#!/bin/sh
# quickstart.sh - the README's two commands on a fresh Debian machine.
#
#   ./quickstart.sh demo   install what is missing, build, launch the sender/receiver pair
#   ./quickstart.sh test   install what is missing, build with -Werror, run the whole ctest suite
#
# Packages come from Debian only (apt-get); run as root or with sudo available.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

# What the build, the windows, the fonts, the tests and docs/lab.md need (xxd: the lab dumps
# the view's bytes with it; clang and libclang-rt-dev: the tsan preset of its exercise 4; the
# last line: the man pages, the .deb and its checks in package.deb; clang-format:
# build.format; libsystemd-dev: --theme system asks the desktop portal over D-Bus with sd-bus,
# dbus-daemon: gui_theme_system's private session bus; libfreetype-dev: unit.ui_fontscan_noto;
# fonts-noto-core and fonts-noto-cjk also give gui_fonts_coverage its Thai, Devanagari, Ethiopic
# and CJK files for the Wine prefix).
packages="build-essential cmake pkg-config python3 libsdl2-dev libsdl2-ttf-dev libfreetype-dev
  libfribidi-dev libharfbuzz-dev libfontconfig-dev libx11-dev libutf8proc-dev libsystemd-dev
  fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fontconfig
  xvfb xauth xdotool xclip x11-utils imagemagick util-linux xxd clang libclang-rt-dev dbus-daemon
  help2man dpkg-dev lintian desktop-file-utils appstream man-db clang-format"
# On x86-64, 32-bit builds of the headless apps for the mixed-bitness tests (process.abi.*).
[ "$(dpkg --print-architecture 2>/dev/null)" != amd64 ] || packages="$packages gcc-multilib"
# A window manager for gui_prefs_window_manager (a remembered window under a real frame).
packages="$packages openbox"

install_missing() {
    missing=""
    for p in $packages; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    echo "quickstart: installing:$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

build() { # $1 = preset
    cmake --preset "$1"
    cmake --build --preset "$1" -j "$(nproc)"
}

case "${1:-}" in
demo)
    install_missing
    build default
    if [ -x tools/samplemap-demo ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        SAMPLEMAP_BUILD_DIR="$here/build" exec tools/samplemap-demo
    fi
    echo "quickstart: no display found: showing the headless pair instead"
    name='Local\QuickstartDemo'
    build/receiver/samplemap-receiver --print --count 2 --name "$name" --timeout 30 &
    receiver=$!
    build/sender/samplemap-sender --name "$name" --message "Hello from the sender" \
        --message "Привет, 世界 😀"
    wait "$receiver"
    build/sender/samplemap-sender --unlink --name "$name"
    ;;
test)
    install_missing
    build ci
    ctest --preset ci
    ;;
*)
    echo "usage: $0 demo | test" >&2
    exit 2
    ;;
esac
