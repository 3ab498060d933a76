#!/usr/bin/env python3
"""build.shared_library: libsamplemap_ipc.so exports the sm_ API and nothing else.

- its SONAME is libsamplemap_ipc.so.<major>, the ABI number (readelf -d);
- every defined dynamic symbol (nm -D --defined-only) is an sm_ function with the version
  node SAMPLEMAP_IPC_<major> (the version script), besides the node itself: the helpers the .c
  files share stay hidden (-fvisibility=hidden);
- every function a public header marks SM_API is exported, so a program built against the
  headers links against the shared library as well as against the static one.

usage: shared_library_test.py --library PATH --headers H.h... --major N
"""
import argparse
import os
import re
import subprocess
import sys


def check(condition, message):
    if not condition:
        print(f"FAIL build.shared_library: {message}")
        sys.exit(1)


def run(argv):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    check(done.returncode == 0, f"{' '.join(argv)} failed: {done.stderr}")
    return done.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--library", required=True)
    ap.add_argument("--headers", required=True, nargs="+", help="the installed (public) headers")
    ap.add_argument("--major", required=True)
    args = ap.parse_args()

    soname = re.search(r"\(SONAME\)\s+Library soname: \[(.*)\]", run(["readelf", "-d", args.library]))
    check(soname and soname.group(1) == f"libsamplemap_ipc.so.{args.major}",
          f"SONAME {soname.group(1) if soname else None}, not libsamplemap_ipc.so.{args.major}")

    exported = {}
    for line in run(["nm", "-D", "--defined-only", "--with-symbol-versions", args.library]).splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        kind, symbol = parts[1], parts[2]
        name, _, version = symbol.partition("@")
        exported[name] = (kind, version.lstrip("@"))
    node = f"SAMPLEMAP_IPC_{args.major}"
    exported.pop(node, None)  # the version node's own symbol
    stray = sorted(n for n in exported if not n.startswith("sm_"))
    check(not stray, f"exported without the sm_ prefix (should be hidden): {stray}")
    unversioned = sorted(n for n, (_, v) in exported.items() if v != node)
    check(not unversioned, f"exported without the version node {node}: {unversioned}")

    declared = set()
    for header in args.headers:
        with open(header, encoding="utf-8") as f:
            text = f.read()
        # Every function declaration at the start of a line (SM_API or not; not static inline).
        declared.update(re.findall(r"^(?:SM_API )?(?!static|typedef|#)[a-z_][a-z_0-9 ]*[ *]"
                                   r"(sm_[a-z0-9_]+)\(", text, re.M))
    check(len(declared) > 50, f"only {len(declared)} SM_API declarations found in {args.headers}")
    missing = sorted(declared - set(exported))
    check(not missing, f"declared in a public header but not exported (SM_API missing?): {missing}")
    extra = sorted(set(exported) - declared)
    check(not extra, f"exported but not declared in a public header: {extra}")
    print(f"build.shared_library ok: {soname.group(1)}, {len(exported)} sm_ functions, all {node}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
