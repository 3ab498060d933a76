#!/usr/bin/env python3
"""The Windows package as a Windows user gets it: a release build of its own (configured under
--out/release with the cross toolchain, -DSAMPLEMAP_TESTS=OFF -DSAMPLEMAP_TEST_HOOKS=OFF, as
tools/build-deb.sh builds the .deb; the test build's programs have the test-only stand-ins),
from which cpack makes SampleMap-<version>-win64.zip, which is unpacked into a scratch folder whose name is not ASCII, away from the build tree,
and checked the way Windows would load it:

- the files: the three programs, the DLLs, assets (icon, bundled font), README, licences;
- every program and DLL: each DLL it imports is shipped in the zip or is part of Windows
  (so it starts on a machine that has nothing else installed);
- the programs: GUI subsystem (no console window from Explorer), an icon and a version
  resource with the project's version;
- no program or DLL holds a SAMPLEMAP_TEST name (`strings`, 8-bit and UTF-16LE): no
  test-only stand-in ships (docs/diagnostics.md);

then runs the unpacked pair in a fresh Wine prefix in Xvfb (gui_test.py's package scenario):
a message typed into the sender appears in the receiver's --log, written into a folder whose
name is not ASCII either (screenshots beside it, under scratch/); and in another fresh prefix
with Debian's Noto fonts under their own names, the receiver draws Chinese, Thai, Devanagari
and Ethiopic without a box (the fonts_coverage scenario).

usage: zip_test.py --source DIR --toolchain FILE --deps DIR --version X.Y.Z --objdump OBJDUMP
                   --strings STRINGS --emulator WINE-RUN --gui-test gui_test.py
                   [--x-helper PROGRAM] --out DIR
Exit 0 pass, 1 fail, 77 skipped (no Xvfb/xdotool/ImageMagick)."""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import zipfile

# DLLs every Windows has (the system's own); anything else must be in the zip.
SYSTEM_DLLS = {
    "advapi32.dll", "bcrypt.dll", "cfgmgr32.dll", "comdlg32.dll", "gdi32.dll", "imm32.dll",
    "kernel32.dll", "msvcrt.dll", "ole32.dll", "oleaut32.dll", "setupapi.dll", "shell32.dll",
    "shlwapi.dll", "user32.dll", "uuid.dll", "version.dll", "winmm.dll", "ws2_32.dll",
    "dwmapi.dll", "hid.dll", "rpcrt4.dll", "usp10.dll", "dinput8.dll", "xinput1_4.dll"}
PROGRAMS = ["samplemap-sender.exe", "samplemap-receiver.exe", "samplemap-demo.exe"]
REQUIRED = PROGRAMS + ["SDL2.dll", "SDL2_ttf.dll", "libfreetype.dll", "libharfbuzz-0.dll",
                       "libfribidi-0.dll", "libpng16.dll", "libzlib.dll", "README.md",
                       "windows.md", "LICENSE.txt", "assets/icons/samplemap.bmp",
                       "assets/fonts/DejaVuSans.ttf", "licences/libsdl2/copyright",
                       "licences/libsdl2-ttf/copyright", "licences/freetype/copyright",
                       "licences/harfbuzz/copyright", "licences/fribidi/COPYING",
                       "licences/fonts-dejavu-core/copyright"]


class Failure(Exception):
    pass


def run(argv, **kwargs):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, **kwargs)
    if done.returncode != 0:
        raise Failure(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return done.stdout


def release_build(args):
    """The release tree: configured once under --out/release, then rebuilt incrementally."""
    build = os.path.join(args.out, "release")
    run(["cmake", "-S", args.source, "-B", build, f"--toolchain={args.toolchain}",
         f"-DSAMPLEMAP_WINDOWS_DEPS={args.deps}", "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
         "-DSAMPLEMAP_GUI=ON", "-DSAMPLEMAP_TESTS=OFF", "-DSAMPLEMAP_TEST_HOOKS=OFF"])
    run(["cmake", "--build", build, "-j", os.environ.get("SAMPLEMAP_BUILD_JOBS", "2")])
    return build


def check_no_test_names(strings, folder):
    """No program or DLL of the zip holds a SAMPLEMAP_TEST name, as 8-bit or UTF-16LE text."""
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".exe", ".dll")):
            continue
        found = set()
        for encoding in ("s", "l"):
            out = run([strings, "-a", "-e", encoding, os.path.join(folder, name)])
            found |= {line for line in out.splitlines() if "SAMPLEMAP_TEST" in line}
        if found:
            raise Failure(f"{name} holds test-only names (a test build was packaged): {sorted(found)}")


def make_zip(args, scratch):
    out = os.path.join(scratch, "cpack")
    run(["cpack", "-G", "ZIP", "--config", os.path.join(args.build, "CPackConfig.cmake"),
         "-B", out])
    name = f"SampleMap-{args.version}-win64.zip"
    path = os.path.join(out, name)
    if not os.path.isfile(path):
        raise Failure(f"cpack made no {name} in {out}: {os.listdir(out)}")
    return path


def unpack(zip_path, scratch):
    # A folder name with Cyrillic and CJK letters: paths must work in the wide APIs.
    target = os.path.join(scratch, "Программы 世界")
    with zipfile.ZipFile(zip_path) as archive:
        tops = {n.split("/", 1)[0] for n in archive.namelist()}
        archive.extractall(target)
    expected = os.path.splitext(os.path.basename(zip_path))[0]
    if tops != {expected}:
        raise Failure(f"the zip should unpack into one folder {expected}, not {sorted(tops)}")
    return os.path.join(target, expected)


def pe_subsystem_and_sections(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] != b"MZ":
        raise Failure(f"{path} is not a PE file")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise Failure(f"{path} has no PE header")
    sections = struct.unpack_from("<H", data, pe + 6)[0]
    optional_size = struct.unpack_from("<H", data, pe + 20)[0]
    optional = pe + 24
    subsystem = struct.unpack_from("<H", data, optional + 68)[0]
    names = []
    for i in range(sections):
        entry = optional + optional_size + 40 * i
        names.append(data[entry:entry + 8].rstrip(b"\0").decode())
    return subsystem, names, data


def check_program(path, version):
    subsystem, sections, data = pe_subsystem_and_sections(path)
    if subsystem != 2:  # IMAGE_SUBSYSTEM_WINDOWS_GUI; 3 would be a console program
        raise Failure(f"{os.path.basename(path)}: subsystem {subsystem}, expected 2 (GUI)")
    if ".rsrc" not in sections:
        raise Failure(f"{os.path.basename(path)}: no resources (icon, version)")
    for needle in ("VS_VERSION_INFO", "FileDescription", version):
        if needle.encode("utf-16-le") not in data:
            raise Failure(f"{os.path.basename(path)}: the version resource lacks {needle!r}")
    if b"\x28\0\0\0\x80\0\0\0\0\x01\0\0" not in data and b"\x28\0\0\0\x20\0\0\0\x40\0\0\0" \
            not in data:  # BITMAPINFOHEADER of the 128 or 32 px icon image
        raise Failure(f"{os.path.basename(path)}: no icon image in the resources")


def imported_dlls(objdump, path):
    return [line.split("DLL Name:")[1].strip() for line in run([objdump, "-p", path]).splitlines()
            if "DLL Name:" in line]


def check_imports(objdump, folder):
    shipped = {n.lower() for n in os.listdir(folder) if n.lower().endswith(".dll")}
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith((".exe", ".dll")):
            continue
        for dll in imported_dlls(objdump, os.path.join(folder, name)):
            low = dll.lower()
            if low in shipped or low in SYSTEM_DLLS or low.startswith("api-ms-win-"):
                continue
            raise Failure(f"{name} imports {dll}, which is neither in the zip nor part of Windows")


def main():
    parser = argparse.ArgumentParser()
    for flag in ("--source", "--toolchain", "--deps", "--version", "--objdump", "--strings",
                 "--emulator", "--gui-test", "--out"):
        parser.add_argument(flag, required=True)
    parser.add_argument("--x-helper")
    args = parser.parse_args()
    scratch = os.path.join(args.out, "scratch")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    try:
        args.build = release_build(args)
        folder = unpack(make_zip(args, scratch), scratch)
        missing = [f for f in REQUIRED if not os.path.isfile(os.path.join(folder, f))]
        if missing:
            raise Failure(f"the zip lacks {missing}")
        for program in PROGRAMS:
            check_program(os.path.join(folder, program), args.version)
        check_imports(args.objdump, folder)
        check_no_test_names(args.strings, folder)
        print(f"zip contents, imports and program resources checked in {folder}")
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    # The unpacked pair, in a fresh Wine prefix of its own inside the scratch folder.
    def gui_test(scenario, prefix):
        argv = [sys.executable, args.gui_test, "--sender", os.path.join(folder, PROGRAMS[0]),
                "--receiver", os.path.join(folder, PROGRAMS[1]),
                "--demo", os.path.join(folder, PROGRAMS[2]), "--emulator", args.emulator,
                "--wine-prefix", os.path.join(scratch, prefix),
                # The receiver's --log goes there too: a file name with non-ASCII letters.
                "--out", os.path.join(os.path.dirname(folder), "журнал 日志")]
        if args.x_helper:
            argv += ["--x-helper", args.x_helper]
        return subprocess.run(argv + [scenario], timeout=900).returncode
    code = gui_test("package", "wine prefix")
    if code == 0:
        code = gui_test("demo", "wine prefix")
    if code == 0:
        # Fonts found by coverage, as the zip's programs do it: in another fresh prefix holding
        # only Debian's fonts under their own names (gui_test.py's fonts_coverage).
        code = gui_test("fonts_coverage", "wine prefix fonts")
    return code


if __name__ == "__main__":
    sys.exit(main())
