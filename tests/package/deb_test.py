#!/usr/bin/env python3
"""package.deb: builds the .deb with cpack and checks it the way Debian would.

- cpack -G DEB into a scratch directory; Depends must be computed (dpkg-shlibdeps gives
  versioned libc6/SDL2 entries; nothing is hand-listed);
- the contents (dpkg-deb -c) hold the programs, the man pages (section 1), the bash
  completion, the .desktop entries, the AppStream metainfo, the hicolor icon, the library
  with headers, CMake package and .pc, copyright and changelog;
- extracted into a scratch root (dpkg-deb -x): desktop-file-validate, appstreamcli
  validate, `man --warnings` render each page, each page lists every option of the
  packaged program's --help, the completion offers exactly the --help options of each
  program and files after --log, and the packaged programs run;
- lintian: no error or warning tag except those explained in docs/packaging.md.

usage: deb_test.py --build DIR --work DIR
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

# Tags we leave in place on purpose; docs/packaging.md explains each.
EXPLAINED_TAGS = {"pkg-config-unavailable-for-cross-compilation"}
TOOLS = {"cpack": "cmake", "dpkg-deb": "dpkg", "dpkg-shlibdeps": "dpkg-dev", "lintian": "lintian",
         "desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream", "man": "man-db",
         "bash": "bash"}


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


def complete(root, program, words):
    """COMPREPLY of the packaged completion for the command line `program words...` (last is current)."""
    script = os.path.join(root, "usr/share/bash-completion/completions", os.path.basename(program))
    line = " ".join([os.path.basename(program)] + words)
    cmd = (f'source "{script}"; COMP_WORDS=({line}); COMP_CWORD={len(words)}; '
           f'_samplemap "{program}"; printf "%s\\n" "${{COMPREPLY[@]}}"')
    return [w for w in run(["bash", "-c", cmd]).stdout.splitlines() if w]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    missing = [f"{tool} ({pkg})" for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    check(not missing, f"missing tools: {', '.join(missing)}; ./quickstart.sh test installs them")
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)

    run(["cpack", "-G", "DEB", "--config", os.path.join(args.build, "CPackConfig.cmake"), "-B", args.work])
    debs = glob.glob(os.path.join(args.work, "*.deb"))
    check(len(debs) == 1, f"expected one .deb, found {debs}")
    deb = debs[0]

    depends = run(["dpkg-deb", "-f", deb, "Depends"]).stdout
    check(re.search(r"libc6 \(>= [0-9.]+\)", depends), f"Depends not computed by dpkg-shlibdeps: {depends!r}")
    check("libsdl2-2.0-0 (>=" in depends, f"the windows' SDL2 is not in Depends: {depends!r}")

    contents = run(["dpkg-deb", "-c", deb]).stdout
    for path in ["usr/bin/samplemap-sender", "usr/bin/samplemap-receiver", "usr/bin/samplemap-demo",
                 "usr/share/man/man1/samplemap-sender.1.gz", "usr/share/man/man1/samplemap-receiver.1.gz",
                 "usr/share/man/man1/samplemap-demo.1.gz",
                 "usr/share/bash-completion/completions/samplemap-sender",
                 "usr/share/bash-completion/completions/samplemap-receiver",
                 "usr/share/applications/samplemap-sender.desktop",
                 "usr/share/applications/samplemap-receiver.desktop",
                 "usr/share/applications/samplemap-demo.desktop",
                 "usr/share/metainfo/io.github.samplemap.samplemap.metainfo.xml",
                 "usr/share/icons/hicolor/128x128/apps/samplemap.png",
                 "usr/include/samplemap/channel.h", "usr/lib/libsamplemap_ipc.a",
                 "usr/lib/cmake/SampleMap/SampleMapConfig.cmake", "usr/lib/pkgconfig/samplemap-ipc.pc",
                 "usr/share/doc/samplemap/copyright", "usr/share/doc/samplemap/changelog.gz"]:
        check(re.search(r" \./" + re.escape(path) + r"$", contents, re.M), f"not in the .deb: {path}")

    root = os.path.join(args.work, "root")
    run(["dpkg-deb", "-x", deb, root])
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
        if program == "samplemap-demo":
            continue
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
    check(os.path.basename(deb) in [os.path.basename(p) for p in complete(root, receiver, ["--log", args.work + "/"])],
          "--log does not complete file names")
    version = run([receiver, "--version"], cwd="/").stdout
    check(version.startswith("samplemap-receiver "), f"packaged receiver --version: {version!r}")

    done = run(["lintian", "--no-tag-display-limit", deb], ok_codes=(0, 1, 2))
    tags = re.findall(r"^([EW]): samplemap: ([a-z0-9-]+)(.*)$", done.stdout, re.M)
    unexplained = [f"{kind}: {tag}{rest}" for kind, tag, rest in tags if tag not in EXPLAINED_TAGS]
    check(not unexplained, "lintian tags not explained in docs/packaging.md:\n" + "\n".join(unexplained))
    print(f"package.deb ok: {os.path.basename(deb)}; Depends: {depends.strip()}; lintian: "
          f"{len(tags)} explained tag(s) {sorted({t for _, t, _ in tags})}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print(f"FAIL package.deb: {failure}")
        sys.exit(1)
