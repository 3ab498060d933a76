#!/usr/bin/env python3
"""Checks that the GUI sources compile with the MinGW-w64 compiler (issue 4, point 2).

Debian has no MinGW build of SDL2, so the mingw preset cannot link the windows. This
test compiles every GUI source with the MinGW compiler and -fsyntax-only against the
host's SDL2 / SDL2_ttf headers (the API is the same on every OS), with the project's
warning flags and -Werror, and with SAMPLEMAP_WITH_GUI as the real build sets it. SDL's
own configuration header is the host's (Debian keeps it per architecture), copied
alone into a temporary directory so no other Linux header can shadow MinGW's.
The text layout's FriBidi and HarfBuzz headers are the host's too (plain C declarations,
the same on every OS). ui_sysfont_fontconfig.c and ui_wmtitle_x11.c are left out: CMake
builds them only off Windows (the *_none.c files stand in there). A full Windows GUI build uses MSYS2 or vcpkg:
see docs/windows.md.

usage: mingw_gui_compile.py --cc x86_64-w64-mingw32-gcc --source-dir DIR
Exit 0 = all compile, 77 = skipped (no SDL2 headers on this host), 1 = failed.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cc", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    src = args.source_dir

    sdl_dir = "/usr/include/SDL2"
    layout_dirs = ["/usr/include/fribidi", "/usr/include/harfbuzz"]
    configs = glob.glob("/usr/include/*/SDL2/_real_SDL_config.h")
    if not os.path.exists(os.path.join(sdl_dir, "SDL.h")) or not os.path.exists(
            os.path.join(sdl_dir, "SDL_ttf.h")) or not configs or not os.path.exists(
            os.path.join(layout_dirs[0], "fribidi.h")) or not os.path.exists(
            os.path.join(layout_dirs[1], "hb.h")):
        print("skipped: no SDL2/SDL2_ttf/FriBidi/HarfBuzz headers on this host (Debian: apt-get "
              "install libsdl2-dev libsdl2-ttf-dev libfribidi-dev libharfbuzz-dev)")
        return SKIP

    sources = sorted(s for s in glob.glob(os.path.join(src, "common", "ui", "*.c"))
                     if not s.endswith(("_fontconfig.c", "_x11.c")))
    sources += [os.path.join(src, p) for p in ("sender/main.c", "sender/sender_gui.c", "sender/send_queue.c", "sender/sender_words.c",
                                               "receiver/main.c", "receiver/receiver_gui.c")]
    sources = [s for s in sources if os.path.exists(s)]
    if not sources:
        print("FAIL: no GUI sources found under", src)
        return 1

    failed = 0
    with tempfile.TemporaryDirectory() as shim:
        os.makedirs(os.path.join(shim, "SDL2"))
        shutil.copy(configs[0], os.path.join(shim, "SDL2", "_real_SDL_config.h"))
        flags = ["-std=c11", "-fsyntax-only", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                 "-D__USE_MINGW_ANSI_STDIO=1", "-DSAMPLEMAP_WITH_GUI", '-DSAMPLEMAP_VERSION="check"',
                 '-DSAMPLEMAP_INSTALL_DATADIR="C:/samplemap"', '-DSAMPLEMAP_SOURCE_ASSETS="C:/samplemap"',
                 "-I" + shim, "-I" + sdl_dir] + ["-I" + d for d in layout_dirs] + [
                 "-I" + os.path.join(src, "common", "ipc"),
                 "-I" + os.path.join(src, "common", "ui"), "-I" + os.path.join(src, "common", "app")]
        for source in sources:
            done = subprocess.run([args.cc] + flags + [source], capture_output=True, text=True)
            name = os.path.relpath(source, src)
            if done.returncode != 0:
                failed += 1
                print(f"FAIL {name}:\n{done.stderr}")
            else:
                print(f"ok   {name}")
    print(f"{len(sources) - failed} of {len(sources)} GUI sources compile with {args.cc}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
