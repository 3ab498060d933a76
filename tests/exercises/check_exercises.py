#!/usr/bin/env python3
"""Checks that every exercise of docs/teaching.md breaks the code the way it promises.

Each exercise is one patch here (NN-name.patch): a few header lines, then a diff
against the tree. The header names the test that shows the exercise and what
that test must do with the patch applied:

    Exercise: 1. Store unit 0 first
    Test: process.killed_writer_holding_lock
    Expect: fail
    Symptom: a half message: .*showed b'vn older       (a Python regex on the test's output)
    Why: ...                                            (printed; for Expect: pass, the reason)
    Build: tsan                                         (optional: build with ThreadSanitizer, clang)

The tree is copied to a scratch directory (made a git repository, so a patch is
applied and reverted with git), configured once without the windows, and for each
exercise: apply, build only the targets its test runs, run the test and check
the promise (fails with the symptom, or - Expect: pass - still passes), revert,
build, and check that the test passes again. Every step prints what it did;
exit 0 only if every exercise kept its promise.

usage: check_exercises.py [--scratch DIR] [--keep] [--jobs N] [--only NN] [--refresh]
--refresh rewrites the patches against the current tree (see README.md here).
"""
import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# What each kind of test runs; the scratch build builds only these.
TARGETS = {
    "unit": ["samplemap_unit_tests"],
    "process": ["samplemap-sender", "samplemap-receiver", "samplemap_probe"],
    "interop": ["samplemap-sender", "samplemap-receiver", "classic_peer"],
    "threads": ["slot_threads"],
}
HEADER_KEYS = ("Exercise", "Test", "Expect", "Symptom", "Why", "Build")
# The builds a patch may ask for (header "Build:"); each is configured once, when first needed.
BUILDS = {
    "default": [],
    # ThreadSanitizer checks the program against the C11 memory model, not against this CPU,
    # so it shows a missing release/acquire on x86-64 too (the same flags as the tsan preset).
    "tsan": ["-DCMAKE_C_COMPILER=clang", "-DCMAKE_C_FLAGS=-fsanitize=thread -fno-omit-frame-pointer",
             "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread"],
}


class Broken(Exception):
    pass


def run(argv, cwd, quiet=True):
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0 and quiet:
        raise Broken(f"{' '.join(argv)} failed ({done.returncode}):\n{out}")
    return done.returncode, out


def read_exercise(path):
    """Returns (header dict, diff text) of one patch file."""
    text = open(path, encoding="utf-8").read()
    start = text.find("diff --git ")
    if start < 0:
        raise Broken(f"{path}: no 'diff --git' line")
    header = {}
    for line in text[:start].splitlines():
        key, sep, value = line.partition(":")
        if sep and key in HEADER_KEYS:
            header[key] = value.strip()
    missing = [k for k in ("Exercise", "Test", "Expect") if k not in header]
    if missing or header["Expect"] not in ("fail", "pass") or (
            header["Expect"] == "fail" and "Symptom" not in header):
        raise Broken(f"{path}: header needs Exercise, Test, Expect (fail|pass) and, to fail, Symptom")
    if header.setdefault("Build", "default") not in BUILDS:
        raise Broken(f"{path}: Build: {header['Build']} is not one of {', '.join(BUILDS)}")
    return header, text[:start], text[start:]


def copy_tree(scratch):
    """Copies the source tree (what git tracks or would track, not the build dirs) to scratch/src."""
    src = os.path.join(scratch, "src")
    _, listing = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    for rel in listing.split("\0"):
        if not rel or not os.path.isfile(os.path.join(ROOT, rel)):
            continue  # deleted in the work tree but still in the index
        os.makedirs(os.path.dirname(os.path.join(src, rel)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), os.path.join(src, rel))
    # A repository of its own: patches go in and out with git, whatever encloses the scratch dir.
    git = ["git", "-c", "user.name=exercises", "-c", "user.email=exercises@localhost"]
    run(["git", "init", "-q"], src)
    run(["git", "add", "-A"], src)
    run(git + ["commit", "-q", "-m", "the tree under test"], src)
    return src


def configure(src, build, kind="default"):
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    run(["cmake", "-S", src, "-B", build, *generator, "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
         "-DSAMPLEMAP_WERROR=ON", "-DSAMPLEMAP_GUI=OFF", *BUILDS[kind]], src)


def build_dir_for(scratch, src, kind, configured):
    """The scratch build directory of one kind of build, configured the first time it is asked for."""
    build_dir = os.path.join(scratch, "build" if kind == "default" else "build-" + kind)
    if kind not in configured:
        configure(src, build_dir, kind)
        configured.add(kind)
    return build_dir


def build(build_dir, test, jobs):
    targets = TARGETS.get(test.split(".")[0])
    if targets is None:
        raise Broken(f"no targets known for {test}: add its kind to TARGETS")
    run(["cmake", "--build", build_dir, "-j", str(jobs), "--target", *targets], build_dir)


def run_test(build_dir, test):
    """Runs one ctest test; returns (passed, output)."""
    code, out = run(["ctest", "--test-dir", build_dir, "-R", "^" + re.escape(test) + "$",
                     "--output-on-failure", "--no-tests=error"], build_dir, quiet=False)
    return code == 0, out


def unit_objects():
    """The unit tests' shared-memory objects (names "ut<pid>..."), where the OS shows them."""
    return {n for n in os.listdir("/dev/shm") if n.startswith("ut")} if os.path.isdir("/dev/shm") else set()


def excerpt(out, match):
    """The output line the symptom matched, for the report."""
    begin = out.rfind("\n", 0, match.start()) + 1
    end = out.find("\n", match.end())
    return out[begin:end if end >= 0 else len(out)].strip()


def check_one(path, src, scratch, configured, jobs):
    header, _, diff = read_exercise(path)
    name, test = header["Exercise"], header["Test"]
    kind = header["Build"]
    build_dir = build_dir_for(scratch, src, kind, configured)
    where = "" if kind == "default" else f" ({kind} build)"
    print(f"\n=== exercise {name}: {os.path.basename(path)} -> {test}{where}", flush=True)
    patch_file = os.path.join(os.path.dirname(src), "current.patch")
    with open(patch_file, "w", encoding="utf-8") as f:
        f.write(diff)
    run(["git", "apply", patch_file], src)
    try:
        started = time.monotonic()
        build(build_dir, test, jobs)
        before = unit_objects()
        passed, out = run_test(build_dir, test)
        # A failing unit test still removes what it made (test_abort in tests/unit/test_main.c).
        left = unit_objects() - before
        if left:
            raise Broken(f"{test} left objects in /dev/shm after it ended: {sorted(left)}")
        if header["Expect"] == "fail":
            match = re.search(header["Symptom"], out)
            if passed:
                raise Broken(f"{test} PASSED with the patch, but the exercise promises it fails:\n{out}")
            if match is None:
                raise Broken(f"{test} failed, but without the promised symptom /{header['Symptom']}/:\n{out}")
            print(f"with the patch: {test} FAILS ({time.monotonic() - started:.0f} s), as promised:")
            print(f"    {excerpt(out, match)}")
        else:
            if not passed:
                raise Broken(f"{test} FAILED with the patch, but the exercise promises it passes:\n{out}")
            print(f"with the patch: {test} still PASSES ({time.monotonic() - started:.0f} s), as promised.")
            arch = platform.machine().lower()
            if arch not in ("x86_64", "amd64", "i386", "i686"):
                print(f"    note: this machine is {arch}, not x86: here the pass is luck, not a promise")
        if header.get("Why"):
            print(f"    why: {header['Why']}")
    finally:
        run(["git", "apply", "-R", patch_file], src)
    started = time.monotonic()
    build(build_dir, test, jobs)
    passed, out = run_test(build_dir, test)
    if not passed:
        raise Broken(f"{test} fails even without the patch:\n{out}")
    print(f"without the patch: {test} PASSES again ({time.monotonic() - started:.0f} s).")


def refresh(path, src):
    """Re-applies one patch to the current tree with fuzz and writes it back with fresh context."""
    header_text = read_exercise(path)[1]
    code, out = run(["patch", "-p1", "--fuzz=3", "--no-backup-if-mismatch", "-i", path], src, quiet=False)
    if code != 0:
        raise Broken(f"{os.path.basename(path)} no longer applies; edit it by hand in {src} "
                     f"(the .rej files say where), then copy 'git diff' below its header:\n{out}")
    _, diff = run(["git", "diff"], src)
    with open(path, "w", encoding="utf-8") as f:
        f.write(header_text + diff)
    run(["git", "checkout", "-q", "--", "."], src)
    print(f"refreshed {os.path.basename(path)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", help="work here (default: a new temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--jobs", type=int, default=2, help="build jobs (default 2)")
    parser.add_argument("--only", help="run only the exercise whose file starts with this")
    parser.add_argument("--refresh", action="store_true",
                        help="rewrite each patch against the current tree, then check them all")
    args = parser.parse_args()
    patches = sorted(os.path.join(HERE, f) for f in os.listdir(HERE)
                     if f.endswith(".patch") and (args.only is None or f.startswith(args.only)))
    if not patches:
        print("no exercise patches found")
        return 1
    scratch = args.scratch or tempfile.mkdtemp(prefix="samplemap-exercises-")
    os.makedirs(scratch, exist_ok=True)
    started = time.monotonic()
    ok = False
    try:
        print(f"scratch copy of {ROOT} in {scratch}", flush=True)
        src = copy_tree(scratch)
        if args.refresh:
            for path in patches:
                refresh(path, src)
        configured = set()
        for path in patches:
            check_one(path, src, scratch, configured, args.jobs)
        ok = True
    except Broken as broken:
        print(f"\nEXERCISE CHECK FAILED: {broken}")
    finally:
        if args.keep or (args.refresh and not ok):
            print(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if ok:
        print(f"\nall {len(patches)} exercises keep their promises ({time.monotonic() - started:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
