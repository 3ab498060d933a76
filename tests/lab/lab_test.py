#!/usr/bin/env python3
"""docs.lab: runs every command block of docs/lab.md as written and checks every expected
output of docs/lab-answers.md against what the commands really printed.

The sheet says where each block runs; an HTML comment just before the block (invisible when the
sheet is rendered) says it in a form this script reads:

    <!-- lab: terminal=1 background until="^ready$" -->     start it and go on once it printed that
    <!-- lab: terminal=2 -->                                  run it to its end
    <!-- lab: terminal=1 cwd=.. timeout=120 -->               from the source directory, at most 120 s
    <!-- lab: terminal=3 capture=PID:"pid (\\d+)" background until=paused -->   PID in later blocks
    <!-- lab: skip="why the test does not run it" -->         (the build itself, the exercises)
    <!-- lab: enter 2 -->            press Enter in terminal 2 (a --step process goes on)
    <!-- lab: wait 2 until="..." -->  wait until terminal 2 printed that
    <!-- lab: finish 1 -->           wait until terminal 1's program has ended
    <!-- lab: interrupt 1 -->        Ctrl+C in terminal 1 (SIGINT to its programs), then wait for the end
    <!-- lab: check NAME -->         the expected output NAME must be on its terminal now

and docs/lab-answers.md holds the expected outputs, each after a comment naming it and its
terminal:

    <!-- lab: expect NAME terminal=1 -->
    ```
    samplemap-receiver: ready: 'Local\\Lab3' (/Lab3.<uid>, 2048-byte view), created it, ...
    ```

An expected block matches when its lines appear in the terminal's output (the output of the
block that runs there now) as consecutive lines, in order; a line "..." stands for any number of
lines, and a run of spaces matches a run of any length (columns of numbers change width). Placeholders: <pid>, <uid>, <n> (a whole number), <t> (a number such as 1.060) and
<any> (anything on the rest of the line or in the middle of it). Every fenced sh block of the
sheet must carry a directive, and every expected output must be checked, so neither can drift
from the other.

Every block runs in its own pseudo-terminal under bash, in a scratch directory laid out like
the source tree (the sheet's `cd build`): <scratch>/build/* links to the build directory's
entries and <scratch>/* to the source tree's, so `../tools/...` works as written. The only
change to the commands: each mapping name LabN becomes Lab<unique>N (in the expected outputs
too), so the test and a student's lab, or two test runs, never share a channel.

usage: lab_test.py --source DIR --build DIR [--sheet docs/lab.md] [--answers docs/lab-answers.md]
                   [--only 'Task 3'] [--keep]
Exit 0 when every block ran and every expected output matched; 77 when the build cannot run it.
"""
import argparse
import difflib
import os
import pty
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

WAIT_S = 30.0  # how long an expected line may take to appear; every wait ends by a match or this
RUN_S = 120.0  # the longest a foreground block may run (the race table takes about 10 s)


class LabFailure(Exception):
    pass


# ------------------------------------------------------------------ parsing the two documents

# Indented too: a block may sit in a list item (the README's reading order).
DIRECTIVE = re.compile(r"^\s*<!--\s*lab:(.*?)-->\s*$")
FENCE = re.compile(r"^(\s*)```(\S*)\s*$")


def parse_directive(text):
    """'terminal=1 background until="^ready$"' -> {'terminal': '1', 'background': True, ...}."""
    words = shlex.split(text, posix=True)
    out = {"_words": []}
    for word in words:
        key, sep, value = word.partition("=")
        if sep:
            out[key] = value
        else:
            out["_words"].append(word)
    return out


def read_blocks(path):
    """Yields (kind, line number, data) in order: ('heading', n, title), ('directive', n, dict)
    for a directive standing alone, ('block', n, (info, text, directive or None))."""
    lines = open(path, encoding="utf-8").read().splitlines()
    i = 0
    pending = None
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        directive = DIRECTIVE.match(line)
        if line.startswith("## "):
            if pending:
                yield ("directive", pending[0], pending[1])
                pending = None
            yield ("heading", i + 1, line[3:].strip())
        elif directive:
            if pending:
                yield ("directive", pending[0], pending[1])
            pending = (i + 1, parse_directive(directive.group(1)))
        elif fence:
            start = i
            indent = len(fence.group(1))
            body = []
            i += 1
            while i < len(lines) and not lines[i].lstrip().startswith("```"):
                body.append(lines[i][indent:] if lines[i][:indent].isspace() else lines[i].lstrip())
                i += 1
            attached = None
            if pending and pending[0] == start:  # the directive is the line just above
                attached = pending[1]
                pending = None
            elif pending:
                yield ("directive", pending[0], pending[1])
                pending = None
            yield ("block", start + 1, (fence.group(2), "\n".join(body), attached))
        i += 1
    if pending:
        yield ("directive", pending[0], pending[1])


def read_expectations(path, is_sheet=False):
    """{name: (terminal, line number, [expected lines])} from the answers (which may be the
    sheet itself, as for the README: then its run directives are not expectations)."""
    found = {}
    for kind, line, data in read_blocks(path):
        if kind != "block" or data[2] is None:
            continue
        directive = data[2]
        if is_sheet and directive["_words"][:1] != ["expect"]:
            continue
        if directive["_words"][:1] != ["expect"] or len(directive["_words"]) != 2:
            raise LabFailure(f"{path}:{line}: a lab directive on a block must be 'expect NAME terminal=N'")
        name = directive["_words"][1]
        if name in found:
            raise LabFailure(f"{path}:{line}: expected output {name} is defined twice")
        found[name] = (directive.get("terminal"), line, data[1].splitlines())
    return found


# ------------------------------------------------------------------ matching

PLACEHOLDERS = {"<pid>": r"\d+", "<uid>": r"\d+", "<n>": r"\d+", "<t>": r"\d+(?:\.\d+)?", "<any>": r".*?"}
PLACEHOLDER = re.compile("|".join(re.escape(k) for k in PLACEHOLDERS))


def line_pattern(expected):
    parts, pos = [], 0
    for m in PLACEHOLDER.finditer(expected):
        parts.append(re.escape(expected[pos:m.start()]))
        parts.append(PLACEHOLDERS[m.group(0)])
        pos = m.end()
    parts.append(re.escape(expected[pos:]))
    return re.compile("".join(parts) + r"\Z")


def squeeze(line):
    """Runs of spaces count as one: a column of numbers may be wider or narrower on another run."""
    return re.sub(r"[ \t]+", " ", line.strip())


def matches(expected_lines, output):
    """True if the expected chunks (split at '...') appear in order, each as consecutive lines."""
    got = [squeeze(line) for line in output.split("\n")]
    chunks, chunk = [], []
    for line in expected_lines:
        if line.strip() == "...":
            if chunk:
                chunks.append(chunk)
            chunk = []
        else:
            chunk.append(line_pattern(squeeze(line)))
    if chunk:
        chunks.append(chunk)
    at = 0
    for chunk in chunks:
        while at + len(chunk) <= len(got):
            if all(p.match(got[at + k]) for k, p in enumerate(chunk)):
                break
            at += 1
        else:
            return False
        at += len(chunk)
    return True


# ------------------------------------------------------------------ terminals

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """One program running in a pseudo-terminal, as in one of the student's terminals."""

    def __init__(self, number, script, cwd, env, script_file):
        self.number = number
        self.script = script
        self.master, slave = pty.openpty()
        # From a file, not bash -c: the command line of the shell then is "bash FILE", as a
        # terminal's shell does not show what was typed into it (pgrep -f finds no shell).
        with open(script_file, "w", encoding="utf-8") as f:
            f.write(script + "\n")
        self.proc = subprocess.Popen(["bash", script_file], cwd=cwd, env=env, stdin=slave, stdout=slave,
                                     stderr=slave, start_new_session=True)
        os.close(slave)
        self.raw = bytearray()
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.1)
                if not ready:
                    if self.proc.poll() is not None and not self._pending():
                        return
                    continue
                data = os.read(self.master, 65536)
            except OSError:  # EIO: every process on the terminal closed it
                return
            if not data:
                return
            with self.lock:
                self.raw += data

    def _pending(self):
        ready, _, _ = select.select([self.master], [], [], 0)
        return bool(ready)

    def output(self):
        with self.lock:
            text = self.raw.decode("utf-8", "replace")
        # As a person sees it: line ends normalised, colour codes dropped. The Enter presses
        # are echoed as empty lines, as on a real terminal.
        return ANSI.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))

    def running(self):
        return self.proc.poll() is None

    def wait_for(self, predicate, what, timeout=WAIT_S):
        end = time.monotonic() + timeout
        while not predicate(self.output()):
            if not self.running():
                self.reader.join(timeout=2)
                if predicate(self.output()):
                    return
                raise LabFailure(f"terminal {self.number} ended (exit {self.proc.returncode}) without {what}")
            if time.monotonic() > end:
                raise LabFailure(f"terminal {self.number}: no {what} within {timeout:.0f} s")
            time.sleep(0.01)

    def finish(self, timeout=RUN_S):
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise LabFailure(f"terminal {self.number}: still running after {timeout:.0f} s")
        self.reader.join(timeout=5)

    def enter(self):
        os.write(self.master, b"\n")

    def interrupt(self):
        """Ctrl+C: SIGINT to the terminal's process group (its session has no controlling
        terminal, so the pty cannot send it), then the programs must end by themselves."""
        os.killpg(self.proc.pid, signal.SIGINT)
        self.finish(WAIT_S)

    def stop(self):
        if self.running():
            for sig in (signal.SIGINT, signal.SIGKILL):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(timeout=3)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.reader.join(timeout=2)
        try:
            os.close(self.master)
        except OSError:
            pass


# ------------------------------------------------------------------ the run

class Lab:
    def __init__(self, args):
        self.args = args
        self.tag = f"T{os.getpid()}x"
        self.expectations = {k: (t, line, [self.rename(x) for x in lines])
                             for k, (t, line, lines) in
                             read_expectations(args.answers, args.answers == args.sheet).items()}
        self.checked = set()
        self.terminals = {}
        self.vars = {}
        self.names = set()
        self.ran = self.skipped = 0

    def rename(self, text):
        """Lab1 -> Lab<tag>1: the run's own channels."""
        return re.sub(r"\bLab(?=\d)", "Lab" + self.tag, text)

    def scratch(self):
        root = tempfile.mkdtemp(prefix="samplemap-lab-")
        for entry in os.listdir(self.args.source):
            if not entry.startswith(".") and not entry.startswith("build"):
                os.symlink(os.path.join(self.args.source, entry), os.path.join(root, entry))
        os.mkdir(os.path.join(root, "build"))
        for entry in os.listdir(self.args.build):
            os.symlink(os.path.join(self.args.build, entry), os.path.join(root, "build", entry))
        return root

    def run(self):
        self.root = self.scratch()
        self.cwd = os.path.join(self.root, "build")
        # No remembered windows (common/ui/ui_prefs.h): the sheets never touch the user's own.
        self.env = dict(os.environ, LC_ALL="C.UTF-8", TERM="dumb", SAMPLEMAP_PREFS_DIR="none")
        if self.args.apps_on_path:
            apps = [os.path.join(self.cwd, "sender"), os.path.join(self.cwd, "receiver")]
            self.env["PATH"] = os.pathsep.join(apps + [self.env.get("PATH", "")])
        section = None
        try:
            for kind, line, data in read_blocks(self.args.sheet):
                if kind == "heading":
                    self.end_section()
                    section = data
                    continue
                if self.args.only and (section is None or not section.startswith(self.args.only)):
                    continue
                where = f"{os.path.basename(self.args.sheet)}:{line} ({section})"
                try:
                    if kind == "block":
                        self.block(data, where)
                    else:
                        self.directive(data, where)
                except LabFailure as failure:
                    raise LabFailure(f"{where}: {failure}") from None
            self.end_section()
            if not self.args.only:
                unchecked = sorted(set(self.expectations) - self.checked)
                if unchecked:
                    raise LabFailure(f"expected outputs never checked by the sheet: {', '.join(unchecked)}")
        finally:
            self.end_section(last=True)
            if self.args.keep:
                print(f"scratch kept: {self.root}")
            else:
                shutil.rmtree(self.root, ignore_errors=True)
        print(f"ok   lab: {self.ran} blocks run, {self.skipped} not run (each says why), "
              f"{len(self.checked)} expected outputs matched")

    def block(self, data, where):
        info, text, directive = data
        if info not in ("sh", "console", "bash"):
            return  # a plain fence: an output shown in the sheet (or, in the README, expected)
        if directive is None:
            raise LabFailure("a command block without a lab directive: say where it runs "
                             "(<!-- lab: terminal=N -->) or why the test skips it (<!-- lab: skip=\"...\" -->)")
        if "skip" in directive:
            self.skipped += 1
            print(f"---- not run: {where}: {directive['skip']}")
            return
        number = directive.get("terminal")
        if number is None:
            raise LabFailure("the directive names no terminal")
        script = self.rename(text)
        for var, value in self.vars.items():
            script = re.sub(rf"\b{var}\b", value, script)
        self.names.update(re.findall(r"Lab" + self.tag + r"\w+", script))
        old = self.terminals.get(number)
        if old is not None and old.running():
            raise LabFailure(f"terminal {number} still runs its last block ({old.script!r})")
        print(f"---- terminal {number}: {script}", flush=True)
        # cwd=.. : the source directory (the README runs some commands from there).
        cwd = os.path.normpath(os.path.join(self.cwd, directive.get("cwd", ".")))
        term = Terminal(number, script, cwd, self.env,
                        os.path.join(self.root, f"block{self.ran + 1}.sh"))
        self.terminals[number] = term
        self.ran += 1
        if "background" in directive["_words"]:
            if "until" in directive:
                pattern = re.compile(directive["until"], re.M)
                term.wait_for(lambda out: pattern.search(out), f"line matching /{directive['until']}/")
        else:
            term.finish(float(directive.get("timeout", RUN_S)))
        if "capture" in directive:
            var, _, regex = directive["capture"].partition(":")
            found = re.search(regex, term.output())
            if not found:
                raise LabFailure(f"nothing matching /{regex}/ to capture as {var}:\n{term.output()}")
            self.vars[var] = found.group(1)

    def terminal(self, number):
        term = self.terminals.get(number)
        if term is None:
            raise LabFailure(f"no program has run in terminal {number}")
        return term

    def directive(self, directive, where):
        words = directive["_words"]
        if not words:
            raise LabFailure(f"lab directive without an action: {directive}")
        action = words[0]
        if action == "enter":
            term = self.terminal(words[1])
            before = len(term.output())
            term.enter()
            if "until" in directive:
                pattern = re.compile(directive["until"], re.M)
                term.wait_for(lambda out: pattern.search(out[before:]), f"line matching /{directive['until']}/")
        elif action == "wait":
            pattern = re.compile(directive["until"], re.M)
            self.terminal(words[1]).wait_for(lambda out: pattern.search(out), f"line matching /{directive['until']}/")
        elif action == "finish":
            self.terminal(words[1]).finish(WAIT_S)
        elif action == "interrupt":
            self.terminal(words[1]).interrupt()
        elif action == "check":
            self.check(words[1])
        elif action == "expect":
            raise LabFailure("expected outputs belong in the answers, not in the sheet")
        else:
            raise LabFailure(f"unknown lab directive '{action}'")

    def check(self, name):
        if name not in self.expectations:
            raise LabFailure(f"no expected output {name} in {self.args.answers}")
        number, line, expected = self.expectations[name]
        term = self.terminal(number)
        try:
            term.wait_for(lambda out: matches(expected, out), f"output matching {name}")
        except LabFailure as failure:
            got = term.output().rstrip().split("\n")
            diff = "\n".join(difflib.unified_diff(expected, got, f"expected ({name}, answers line {line})",
                                                  f"terminal {number}", lineterm="", n=2))
            raise LabFailure(f"{failure}\n{diff}") from None
        self.checked.add(name)
        print(f"---- matched {name}")

    def end_section(self, last=False):
        """Ends what still runs in the section's terminals. The channels stay until the end, as
        they do for a student (task 2 reuses task 1's)."""
        for number, term in sorted(self.terminals.items()):
            term.stop()
            print(f"---- terminal {number} showed:\n{term.output().rstrip()}", flush=True)
        self.terminals = {}
        if not last:
            return
        for name in sorted(self.names):
            subprocess.run([os.path.join(self.args.build, "sender", "samplemap-sender"), "--unlink", "--name",
                            "Local\\" + name], capture_output=True)
        self.names = set()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--sheet")
    parser.add_argument("--answers")
    parser.add_argument("--only", help="only the sections whose title starts with this")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--apps-on-path", action="store_true",
                        help="put build/sender and build/receiver first on PATH, as if installed "
                             "(the README's commands name the programs without a directory)")
    args = parser.parse_args()
    args.source, args.build = os.path.abspath(args.source), os.path.abspath(args.build)
    args.sheet = args.sheet or os.path.join(args.source, "docs", "lab.md")
    args.answers = args.answers or os.path.join(args.source, "docs", "lab-answers.md")
    args.sheet, args.answers = os.path.abspath(args.sheet), os.path.abspath(args.answers)
    if not os.access(os.path.join(args.build, "sender", "samplemap-sender"), os.X_OK):
        print(f"skipped: no samplemap-sender in {args.build}")
        return 77
    try:
        Lab(args).run()
    except LabFailure as failure:
        print(f"FAIL lab: {failure}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
