#!/usr/bin/env python3
"""package.deb: builds the .deb packages as tools/build-deb.sh does and checks them the way
Debian would.

- tools/build-deb.sh (its own build directory under --work: -DCMAKE_INSTALL_PREFIX=/usr,
  dpkg-buildflags with hardening=+all) gives three packages: samplemap (the programs),
  libsamplemap-ipc1 (the shared library) and libsamplemap-ipc-dev (headers, .so link, static
  library, CMake package, .pc); Depends computed (dpkg-shlibdeps' versioned entries), the -dev
  package depends on the library package of its version, the library package has a shlibs
  file and the ldconfig trigger; the Maintainer is the one the build was given
  (SAMPLEMAP_MAINTAINER), and without one cpack refuses;
- the contents of each (dpkg-deb -c): the programs, man pages, bash completion, .desktop
  entries, AppStream metadata, the icon at 48 px, 128 px and scalable; the library files in
  the multiarch directory, each in its own package and nowhere else;
- the hardening of the packaged programs and library (readelf): PIE, RELRO, BIND_NOW, the
  stack protector (__stack_chk_fail) and _FORTIFY_SOURCE (__*_chk functions); no path of
  the source tree inside them, and no SAMPLEMAP_TEST name (`strings`: a release build has no
  test-only stand-ins, docs/diagnostics.md);
- extracted into a scratch root (dpkg-deb -x): desktop-file-validate, appstreamcli validate,
  `man --warnings` render each page at 80 columns with no line wider than 80 and the
  Cyrillic/Chinese examples intact (no "?"), each page lists every option of the packaged
  program's --help, the completion offers exactly the --help options of each program, and
  after --log file names, one reply per name even with spaces, a quoted or escaped word,
  directories with -o filenames; the packaged programs run;
- lintian --pedantic: no tag on any of the three except those explained in docs/packaging.md.

usage: deb_test.py --source DIR --work DIR
"""
import argparse
import glob
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree

# Tags we leave in place on purpose; docs/packaging.md explains each.
EXPLAINED_TAGS = {"maintscript-calls-ldconfig"}
TOOLS = {"strings": "binutils", "cpack": "cmake", "dpkg-deb": "dpkg", "dpkg-shlibdeps": "dpkg-dev", "dpkg-buildflags": "dpkg-dev",
         "lintian": "lintian", "readelf": "binutils", "desktop-file-validate": "desktop-file-utils",
         "appstreamcli": "appstream", "man": "man-db", "bash": "bash"}
MAINTAINER = "SampleMap package test <package-test@samplemap.example.org>"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(argv, ok_codes=(0,), **kw):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, **kw)
    check(done.returncode in ok_codes, f"{' '.join(argv)} exit {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def help_options(program):
    """The options a program's --help lists ("  --flag ..." and "  -h, --flag ..." lines)."""
    text = run([program, "--help"]).stdout
    return sorted(set(re.findall(r"^  (?:-[a-zA-Z], )?(--[a-z][a-z-]*)", text, re.M)))


def complete(root, program, words, log=None):
    """COMPREPLY of the packaged completion for the command line `program words...` (last is
    current), each word given as typed (so quotes and backslashes are the user's); compopt is
    replaced by a function that records its arguments in log (readline's own needs a terminal)."""
    script = os.path.join(root, "usr/share/bash-completion/completions", os.path.basename(program))
    array = " ".join(shlex.quote(w) for w in [os.path.basename(program)] + words)
    cmd = (f'compopt() {{ printf "%s " "$@" >> {shlex.quote(log or os.devnull)}; }}; '
           f'source "{script}"; COMP_WORDS=({array}); COMP_CWORD={len(words)}; '
           f'_samplemap "{program}"; printf "%s\\n" "${{COMPREPLY[@]}}"')
    return [w for w in run(["bash", "-c", cmd]).stdout.splitlines() if w]


def width(line):
    """Columns a rendered line takes on a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in line)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    check(head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def check_hardened(path):
    """PIE (programs), RELRO, BIND_NOW, stack protector and FORTIFY in an ELF file."""
    name = os.path.basename(path)
    header = run(["readelf", "-hW", path]).stdout
    check("DYN (" in header, f"{name} is not position-independent: {header}")
    check("GNU_RELRO" in run(["readelf", "-lW", path]).stdout, f"{name}: no RELRO segment")
    dynamic = run(["readelf", "-dW", path]).stdout
    check(re.search(r"\(FLAGS\)\s.*BIND_NOW|\(FLAGS_1\)\s.*\bNOW\b", dynamic),
          f"{name}: not linked with -z now (BIND_NOW): hardening flags missing")
    symbols = run(["readelf", "--dyn-syms", "-W", path]).stdout
    check("__stack_chk_fail" in symbols, f"{name}: no stack protector (__stack_chk_fail): hardening flags missing")
    check(re.search(r"__\w+_chk\b(?<!__stack_chk)", symbols.replace("__stack_chk_fail", "")),
          f"{name}: no _FORTIFY_SOURCE checked functions (__*_chk): hardening flags missing")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    missing = [f"{tool} ({pkg})" for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    check(not missing, f"missing tools: {', '.join(missing)}; ./quickstart.sh test installs them")
    source = os.path.realpath(args.source)
    args.work = os.path.abspath(args.work)
    build, out = os.path.join(args.work, "build"), os.path.join(args.work, "out")
    shutil.rmtree(out, ignore_errors=True)  # the build directory stays: rebuilding is incremental
    os.makedirs(out)

    # Without a maintainer the package build stops (no placeholder is ever shipped).
    refused = subprocess.run(["cmake", "-DCPACK_GENERATOR=DEB", "-DCPACK_PACKAGE_CONTACT=", "-P",
                              os.path.join(source, "cmake/SampleMapCPackOptions.cmake")],
                             capture_output=True, text=True, timeout=60)
    check(refused.returncode != 0 and "SAMPLEMAP_MAINTAINER" in refused.stderr,
          f"a DEB build without a maintainer is not refused: {refused.stderr}")

    env = dict(os.environ, SAMPLEMAP_MAINTAINER=MAINTAINER)
    for var in ("CFLAGS", "CPPFLAGS", "LDFLAGS", "DEB_BUILD_MAINT_OPTIONS"):
        env.pop(var, None)
    run([os.path.join(source, "tools/build-deb.sh"), build, out], env=env)
    debs = {run(["dpkg-deb", "-f", deb, "Package"]).stdout.strip(): deb
            for deb in glob.glob(os.path.join(out, "*.deb"))}
    check(sorted(debs) == ["libsamplemap-ipc-dev", "libsamplemap-ipc1", "samplemap"],
          f"expected samplemap, libsamplemap-ipc1 and libsamplemap-ipc-dev, found {sorted(debs)}")
    app, lib, dev = debs["samplemap"], debs["libsamplemap-ipc1"], debs["libsamplemap-ipc-dev"]
    version = run(["dpkg-deb", "-f", app, "Version"]).stdout.strip()
    triplet = run(["dpkg-architecture", "-qDEB_HOST_MULTIARCH"]).stdout.strip()
    libdir = f"usr/lib/{triplet}"

    for deb in debs.values():
        maintainer = run(["dpkg-deb", "-f", deb, "Maintainer"]).stdout.strip()
        check(maintainer == MAINTAINER, f"{os.path.basename(deb)}: Maintainer {maintainer!r}, not {MAINTAINER!r}")
    depends = run(["dpkg-deb", "-f", app, "Depends"]).stdout
    check(re.search(r"libc6 \(>= [0-9.]+\)", depends), f"Depends not computed by dpkg-shlibdeps: {depends!r}")
    check("libsdl2-2.0-0 (>=" in depends, f"the windows' SDL2 is not in Depends: {depends!r}")
    check("libsystemd0" in depends, f"sd-bus (--theme system) is not in Depends: {depends!r}")
    lib_depends = run(["dpkg-deb", "-f", lib, "Depends"]).stdout
    check(re.search(r"libc6 \(>= [0-9.]+\)", lib_depends), f"libsamplemap-ipc1 Depends: {lib_depends!r}")
    dev_depends = run(["dpkg-deb", "-f", dev, "Depends"]).stdout
    check(f"libsamplemap-ipc1 (= {version})" in dev_depends,
          f"libsamplemap-ipc-dev does not depend on libsamplemap-ipc1 (= {version}): {dev_depends!r}")
    control = os.path.join(args.work, "control")
    shutil.rmtree(control, ignore_errors=True)
    run(["dpkg-deb", "-e", lib, control])
    def control_file(name):
        path = os.path.join(control, name)
        return open(path).read() if os.path.exists(path) else ""
    shlibs = control_file("shlibs")
    check(f"libsamplemap_ipc 1 libsamplemap-ipc1 (>= {version})" in shlibs,
          f"libsamplemap-ipc1's shlibs file: {shlibs!r}")
    check("activate-noawait ldconfig" in control_file("triggers"),
          "libsamplemap-ipc1 does not activate the ldconfig trigger")

    expected = {
        app: ["usr/bin/samplemap-sender", "usr/bin/samplemap-receiver", "usr/bin/samplemap-demo",
              "usr/share/man/man1/samplemap-sender.1.gz", "usr/share/man/man1/samplemap-receiver.1.gz",
              "usr/share/man/man1/samplemap-demo.1.gz",
              "usr/share/bash-completion/completions/samplemap-sender",
              "usr/share/bash-completion/completions/samplemap-receiver",
              "usr/share/applications/samplemap-sender.desktop",
              "usr/share/applications/samplemap-receiver.desktop",
              "usr/share/applications/samplemap-demo.desktop",
              "usr/share/metainfo/io.github.samplemap.samplemap.metainfo.xml",
              "usr/share/icons/hicolor/48x48/apps/samplemap.png",
              "usr/share/icons/hicolor/128x128/apps/samplemap.png",
              "usr/share/icons/hicolor/scalable/apps/samplemap.svg",
              "usr/share/samplemap/icons/samplemap.bmp",
              "usr/share/doc/samplemap/copyright", "usr/share/doc/samplemap/changelog.gz"],
        lib: [f"{libdir}/libsamplemap_ipc.so.1", f"{libdir}/libsamplemap_ipc.so.{version}",
              "usr/share/doc/libsamplemap-ipc1/copyright", "usr/share/doc/libsamplemap-ipc1/changelog.gz"],
        dev: ["usr/include/samplemap/channel.h", "usr/include/samplemap/version.h",
              f"{libdir}/libsamplemap_ipc.so", f"{libdir}/libsamplemap_ipc.a",
              f"{libdir}/cmake/SampleMap/SampleMapConfig.cmake", f"{libdir}/pkgconfig/samplemap-ipc.pc",
              "usr/share/doc/libsamplemap-ipc-dev/copyright",
              "usr/share/doc/libsamplemap-ipc-dev/changelog.gz"],
    }
    for deb, paths in expected.items():
        contents = run(["dpkg-deb", "-c", deb]).stdout
        for path in paths:
            check(re.search(r" \./" + re.escape(path) + r"( -> .*)?$", contents, re.M),
                  f"not in {os.path.basename(deb)}: {path}")
        # Each file in one package only: no library in the programs' package, and so on.
        for other, other_paths in expected.items():
            for path in other_paths:
                if other != deb and "/doc/" not in path:
                    check(not re.search(r" \./" + re.escape(path) + r"( -> .*)?$", contents, re.M),
                          f"{path} is in {os.path.basename(deb)} as well as {os.path.basename(other)}")

    root = os.path.join(args.work, "root")
    shutil.rmtree(root, ignore_errors=True)
    for deb in debs.values():
        run(["dpkg-deb", "-x", deb, root])
    for binary in ("usr/bin/samplemap-sender", "usr/bin/samplemap-receiver", f"{libdir}/libsamplemap_ipc.so.{version}"):
        path = os.path.join(root, binary)
        check_hardened(path)
        with open(path, "rb") as f:
            check(source.encode() not in f.read(), f"{binary} holds the source tree's path {source}")
    # A release build has no test-only stand-in (SAMPLEMAP_TEST_HOOKS off, docs/diagnostics.md):
    # no program or library of the packages holds a SAMPLEMAP_TEST name.
    for binary in ("usr/bin/samplemap-sender", "usr/bin/samplemap-receiver", "usr/bin/samplemap-demo",
                   f"{libdir}/libsamplemap_ipc.so.{version}", f"{libdir}/libsamplemap_ipc.a"):
        path = os.path.join(root, binary)
        test_names = sorted({line for line in run(["strings", "-a", path]).stdout.splitlines()
                             if "SAMPLEMAP_TEST" in line})
        check(not test_names, f"{binary} holds test-only names (a test build was packaged): {test_names}")
    check(png_size(os.path.join(root, "usr/share/icons/hicolor/48x48/apps/samplemap.png")) == (48, 48),
          "the 48x48 icon is not 48x48")
    check(png_size(os.path.join(root, "usr/share/icons/hicolor/128x128/apps/samplemap.png")) == (128, 128),
          "the 128x128 icon is not 128x128")
    svg = ElementTree.parse(os.path.join(root, "usr/share/icons/hicolor/scalable/apps/samplemap.svg")).getroot()
    check(svg.tag == "{http://www.w3.org/2000/svg}svg", f"the scalable icon is not SVG: {svg.tag}")

    for desktop in glob.glob(os.path.join(root, "usr/share/applications/*.desktop")):
        done = run(["desktop-file-validate", desktop])
        check("error:" not in done.stdout + done.stderr, f"{desktop}: {done.stdout}{done.stderr}")
    run(["appstreamcli", "validate", "--no-net",
         os.path.join(root, "usr/share/metainfo/io.github.samplemap.samplemap.metainfo.xml")])

    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    for program in ("samplemap-sender", "samplemap-receiver", "samplemap-demo"):
        page = os.path.join(root, "usr/share/man/man1", program + ".1.gz")
        done = run(["man", "--warnings", "-l", page], env=env)
        check(done.stderr.strip() == "", f"{program}.1 renders with warnings: {done.stderr}")
        wide = [line for line in done.stdout.splitlines() if width(line) > 80]
        check(not wide, f"{program}.1 at 80 columns has lines wider than 80: {wide}")
        check("??" not in done.stdout, f"{program}.1 shows '??' for characters it should show")
        if program == "samplemap-demo":
            continue
        if program == "samplemap-sender":
            check("Hello, мир, 世界" in done.stdout, f"{program}.1 lacks its UTF-8 example 'Hello, мир, 世界'")
        exe = os.path.join(root, "usr/bin", program)
        options = help_options(exe)
        check("--view-size" in options and "--json" in options, f"{program} --help: {options}")
        rendered = done.stdout.replace("\u2010", "-")
        for option in options:  # the page is generated from --help, so every option is in it
            check(re.search(r"(^|\s)" + re.escape(option) + r"\b", rendered), f"{program}.1 lacks {option}")
        # Completion: exactly the program's own options, and file names after --log.
        offered = sorted(complete(root, exe, ["--"]))
        check(offered == options, f"completion for {program}: {offered}, --help: {options}")
        check(complete(root, exe, ["--view-s"]) == ["--view-size"], "no completion for --view-s")
    receiver = os.path.join(root, "usr/bin/samplemap-receiver")
    check(complete(root, receiver, ["--pe"]) == ["--peek"], "receiver: --pe does not complete to --peek")
    check(complete(root, os.path.join(root, "usr/bin/samplemap-sender"), ["--pe"]) == [],
          "sender: --peek offered, but it is a receiver option")
    check("1024" in complete(root, receiver, ["--view-size", "10"]), "--view-size values not offered")
    check(complete(root, receiver, ["--theme", "d"]) == ["dark"], "--theme values not offered")
    # --log: names with spaces stay one reply each (typed plain, quoted or escaped), a
    # directory is offered, and readline is told they are file names (-o filenames: quoting,
    # and a "/" instead of a space after a directory).
    logs = os.path.join(args.work, "log dir")
    os.makedirs(os.path.join(logs, "sub dir"), exist_ok=True)
    open(os.path.join(logs, "my messages.log"), "w").close()
    replies = sorted([os.path.join(logs, "my messages.log"), os.path.join(logs, "sub dir")])
    compopt_log = os.path.join(args.work, "compopt.log")
    for typed in (logs + "/", "'" + logs + "/", logs.replace(" ", "\\ ") + "/"):
        if os.path.exists(compopt_log):
            os.remove(compopt_log)
        got = sorted(complete(root, receiver, ["--log", typed], log=compopt_log))
        check(got == replies, f"--log {typed!r} completes to {got}, not {replies}")
        recorded = open(compopt_log).read() if os.path.exists(compopt_log) else ""
        check("-o filenames" in recorded, "--log completion does not ask readline for -o filenames")
    version_out = run([receiver, "--version"], cwd="/").stdout
    check(version_out.startswith("samplemap-receiver "), f"packaged receiver --version: {version_out!r}")

    done = run(["lintian", "--pedantic", "--tag-display-limit", "0"] + sorted(debs.values()), ok_codes=(0, 1, 2))
    tags = re.findall(r"^([EWIPX]): ([a-z0-9-]+): ([a-z0-9-]+)(.*)$", done.stdout, re.M)
    unexplained = [f"{kind}: {pkg}: {tag}{rest}" for kind, pkg, tag, rest in tags if tag not in EXPLAINED_TAGS]
    check(not unexplained, "lintian tags not explained in docs/packaging.md:\n" + "\n".join(unexplained))
    print(f"package.deb ok: {', '.join(sorted(os.path.basename(d) for d in debs.values()))}; "
          f"Depends: {depends.strip()}; lintian --pedantic: {len(tags)} explained tag(s) "
          f"{sorted({t for _, _, t, _ in tags})}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print(f"FAIL package.deb: {failure}")
        sys.exit(1)
