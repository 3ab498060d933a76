#!/usr/bin/env python3
"""install.library: the IPC library as another project sees it, from the *installed* tree.

Installs the build into a scratch prefix, builds tests/install/consumer with
find_package(SampleMap) (CMake: SampleMap::ipc, the static library, and
SampleMap::ipc_shared) and once with pkg-config alone (cc +
`pkg-config --cflags --libs samplemap-ipc`: the shared library, libsamplemap_ipc.so.1),
then passes messages with them: CMake consumer -> installed samplemap-receiver, installed
samplemap-sender -> pkg-config consumer, and consumer -> consumer. Neither build can see
the source tree: only the prefix. The .pc names plain directories (prefix=<the prefix>,
no "pkgconfig/../.."). A C++ program (consumer.cpp, every public header, built with
--cxx) links against the shared library and sends to the installed receiver: the headers'
extern "C" at work; and its SM_VERSION_STRING is the project's version.

usage: library_test.py --build DIR --prefix DIR --cc CC --cxx CXX --cmake CMAKE --version V
"""
import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from proctest import DEADLINE, Child, check  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def run(argv, **kw):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, **kw)
    check(done.returncode == 0, f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def exchange(sender_argv, receiver_argv, text, name):
    """Starts the receiving side, then the sending one; both must finish and the text arrive."""
    rx = Child(receiver_argv)
    tx = Child(sender_argv)
    check(tx.finish() == 0, f"{sender_argv} failed: {tx.stderr()}")
    check(rx.finish() == 0, f"{receiver_argv} failed: {rx.stderr()}")
    check(rx.stdout() == text.encode() + b"\n", f"{receiver_argv} printed {rx.stdout()!r}, not {text!r}")


def main():
    ap = argparse.ArgumentParser()
    for flag in ("build", "prefix", "cc", "cxx", "cmake", "version"):
        ap.add_argument("--" + flag, required=True)
    args = ap.parse_args()
    prefix, work = args.prefix, args.prefix + "-consumer"
    for path in (prefix, work):
        shutil.rmtree(path, ignore_errors=True)
    run([args.cmake, "--install", args.build, "--prefix", prefix])
    for header in ("channel.h", "error.h", "slot.h", "text.h", "name.h", "lock_state.h", "visibility.h",
                   "version.h"):
        check(os.path.isfile(os.path.join(prefix, "include", "samplemap", header)), f"{header} not installed")
    # The OS seam and the protocol points are the library's own business (docs/api.md).
    for header in ("mapping.h", "os_process.h", "hook.h", "mapping_posix.h"):
        check(not os.path.exists(os.path.join(prefix, "include", "samplemap", header)),
              f"the private header {header} was installed")
    # The library has documented hook points only: the crash tests' pause lives in the apps.
    libs = [os.path.join(root, f) for root, _, files in os.walk(prefix) for f in files
            if f.startswith("libsamplemap_ipc")]
    check(libs, "libsamplemap_ipc not installed")
    for lib in libs:
        with open(lib, "rb") as archive:
            check(b"SAMPLEMAP_TEST" not in archive.read(),
                  f"{lib} holds a test-only SAMPLEMAP_TEST name")

    # 1. CMake: find_package(SampleMap) from the prefix only.
    source = os.path.join(work, "src")
    shutil.copytree(os.path.join(HERE, "consumer"), source)
    run([args.cmake, "-S", source, "-B", os.path.join(work, "cmake-build"), f"-DCMAKE_C_COMPILER={args.cc}",
         f"-DCMAKE_PREFIX_PATH={prefix}", "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"])
    run([args.cmake, "--build", os.path.join(work, "cmake-build")])
    by_cmake = os.path.join(work, "cmake-build", "consumer")
    by_cmake_shared = os.path.join(work, "cmake-build", "consumer-shared")
    check(os.path.isfile(by_cmake_shared), "find_package(SampleMap) gave no SampleMap::ipc_shared")
    needed = run(["readelf", "-d", by_cmake_shared])
    check("[libsamplemap_ipc.so.1]" in needed, f"SampleMap::ipc_shared consumer does not use libsamplemap_ipc.so.1")

    # 2. pkg-config: nothing but the .pc file of the prefix.
    libdirs = [d for d in ("lib", "lib64") if os.path.isdir(os.path.join(prefix, d, "pkgconfig"))]
    check(libdirs, "no lib/pkgconfig in the prefix")
    env = dict(os.environ, PKG_CONFIG_PATH="", PKG_CONFIG_LIBDIR=os.path.join(prefix, libdirs[0], "pkgconfig"))
    flags = run(["pkg-config", "--cflags", "--libs", "samplemap-ipc"], env=env).split()
    libdir = os.path.join(prefix, libdirs[0])
    # Plain directories: what distributions expect and pkg-config users read.
    check(f"-I{prefix}/include" in flags and f"-L{libdir}" in flags and "-lsamplemap_ipc" in flags,
          f"pkg-config --cflags --libs: {flags}, not -I{prefix}/include -L{libdir} -lsamplemap_ipc")
    check(not any(".." in f for f in flags), f"pkg-config gives a path with '..': {flags}")
    static_flags = run(["pkg-config", "--static", "--libs", "samplemap-ipc"], env=env).split()
    check("-pthread" in static_flags, f"pkg-config --static lacks the static link's -pthread: {static_flags}")
    by_pkgconfig = os.path.join(work, "consumer-pkgconfig")
    run([args.cc, "-std=c11", "-Wall", "-Wextra", "-Werror", os.path.join(source, "consumer.c"),
         "-o", by_pkgconfig] + flags)
    # -lsamplemap_ipc found the shared library: the program needs its SONAME at run time.
    needed = run(["readelf", "-d", by_pkgconfig])
    check("[libsamplemap_ipc.so.1]" in needed, f"pkg-config consumer does not use libsamplemap_ipc.so.1:\n{needed}")
    os.environ["LD_LIBRARY_PATH"] = libdir  # the scratch prefix is not in the loader's path
    by_cxx = os.path.join(work, "consumer-cxx")
    run([args.cxx, "-std=c++11", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
         os.path.join(source, "consumer.cpp"), "-o", by_cxx] + flags)
    cxx_version = run([by_cxx, "version"]).split()
    major, minor, patch = (int(part) for part in args.version.split("."))
    check(cxx_version == [args.version, str(major * 10000 + minor * 100 + patch)],
          f"SM_VERSION_STRING/NUMBER {cxx_version}, project version {args.version}")

    bindir = os.path.join(prefix, "bin")
    name = f"Local\\lib{os.getpid()}"
    try:
        exchange([by_cmake, "send", name, "from find_package: Привет 😀"],
                 [os.path.join(bindir, "samplemap-receiver"), "--print", "--count", "1", "--name", name,
                  "--timeout", str(DEADLINE)],
                 "from find_package: Привет 😀", name)
        exchange([os.path.join(bindir, "samplemap-sender"), "--message", "to pkg-config: 世界", "--name", name,
                  "--timeout", str(DEADLINE)],
                 [by_pkgconfig, "receive", name], "to pkg-config: 世界", name)
        exchange([by_pkgconfig, "send", name, "consumer to consumer"], [by_cmake, "receive", name],
                 "consumer to consumer", name)
        exchange([by_cmake_shared, "send", name, "find_package, shared"], [by_pkgconfig, "receive", name],
                 "find_package, shared", name)
        exchange([by_cxx, "send", name, "from C++: Grüße, 世界"],
                 [os.path.join(bindir, "samplemap-receiver"), "--print", "--count", "1", "--name", name,
                  "--timeout", str(DEADLINE)],
                 "from C++: Grüße, 世界", name)
    finally:
        subprocess.run([os.path.join(bindir, "samplemap-sender"), "--unlink", "--name", name],
                       capture_output=True, timeout=DEADLINE)
    print("install.library ok: find_package, pkg-config (shared) and C++ consumers built from", prefix)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as failure:  # Failure from check(), or a tool that could not run
        print(f"FAIL install.library: {failure}")
        sys.exit(1)
