#!/usr/bin/env python3
"""install.assets_not_from_source: an installed program never reads assets from the
build machine's source tree.

Before #30 the programs had the source tree's assets/ compiled in as a last fallback, so
an installed program (even root's window) loaded a font from there when the install had
none: a local user able to create that directory chose the font file root's window parses.
Now the build tree gets its own copy of assets/ beside its programs (as an install does),
and no source path is compiled in (common/ui/ui_assets.c).

The test installs the build into a scratch prefix, plants a font at the old path
<source>/assets/fonts/DejaVuSans.ttf (a real font, so it would load if looked at), starts
the installed receiver's window (SDL's offscreen driver, no X server) with
--trace state,fonts and reads the fonts it opened up to its "ready" line: none may
come from the source tree. It also checks that no installed program holds the source
tree's assets path at all. The planted file is removed afterwards.

usage: assets_test.py --build DIR --prefix DIR --source DIR --cmake CMAKE
"""
import argparse
import os
import select
import shutil
import subprocess
import sys
import time

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEADLINE = 60.0


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def window_fonts(program, env):
    """Starts program's window, returns the 'font ASSET: PATH' lines printed before 'ready'."""
    process = subprocess.Popen([program, "--name", f"Local\\assets{os.getpid()}", "--trace", "state,fonts"], cwd="/",
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines, buffer = [], b""
    deadline = time.monotonic() + DEADLINE
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(process.stdout.fileno(), 4096) if ready else b""
            if not chunk:
                break
            buffer += chunk
            *done, buffer = buffer.split(b"\n")
            lines += [line.decode("utf-8", "replace") for line in done]
            if any(line.startswith("ready") for line in lines):
                return [line for line in lines if line.startswith("font ")]
        raise Failure(f"{program} printed no 'ready' line within {DEADLINE:.0f} s: {lines} "
                      f"{process.stderr.read1().decode(errors='replace') if process.poll() is not None else ''}")
    finally:
        if process.poll() is None:
            process.terminate()  # SDL's quit request
        process.wait(timeout=DEADLINE)
        subprocess.run([program, "--unlink", "--name", f"Local\\assets{os.getpid()}"],
                       capture_output=True, timeout=DEADLINE)


def main():
    ap = argparse.ArgumentParser()
    for flag in ("build", "prefix", "source", "cmake"):
        ap.add_argument("--" + flag, required=True)
    args = ap.parse_args()
    check(os.path.isfile(DEJAVU), f"{DEJAVU} missing: apt-get install fonts-dejavu-core")
    shutil.rmtree(args.prefix, ignore_errors=True)
    done = subprocess.run([args.cmake, "--install", args.build, "--prefix", args.prefix],
                          capture_output=True, text=True, timeout=300)
    check(done.returncode == 0, f"cmake --install failed: {done.stderr}")

    source_assets = os.path.realpath(os.path.join(args.source, "assets"))
    for program in ("samplemap-sender", "samplemap-receiver"):
        with open(os.path.join(args.prefix, "bin", program), "rb") as f:
            check(source_assets.encode() not in f.read(),
                  f"installed {program} contains the source tree's path {source_assets}")

    fonts_dir = os.path.join(source_assets, "fonts")
    planted = os.path.join(fonts_dir, "DejaVuSans.ttf")
    made_dir = not os.path.isdir(fonts_dir)
    made_file = not os.path.exists(planted)
    env = {k: v for k, v in os.environ.items() if k not in ("SAMPLEMAP_ASSETS", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(SDL_VIDEODRIVER="offscreen", SAMPLEMAP_PREFS_DIR="none")  # no remembered window
    try:
        os.makedirs(fonts_dir, exist_ok=True)
        if made_file:
            shutil.copyfile(DEJAVU, planted)
        fonts = window_fonts(os.path.join(args.prefix, "bin", "samplemap-receiver"), env)
    finally:
        if made_file and os.path.exists(planted):
            os.remove(planted)
        if made_dir and os.path.isdir(fonts_dir):
            os.rmdir(fonts_dir)
    check(fonts, "the receiver opened no font (--trace fonts printed nothing)")
    used = [line.split(": ", 1)[1] for line in fonts]
    from_source = [path for path in used if os.path.realpath(path).startswith(source_assets + os.sep)]
    check(not from_source, f"the installed receiver loaded a font planted in the source tree: {from_source}")
    print(f"install.assets_not_from_source ok: the installed receiver used {sorted(set(used))}, "
          f"not {planted}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print(f"FAIL install.assets_not_from_source: {failure}")
        sys.exit(1)
