#!/usr/bin/env python3
"""Reference-image tests: each window state as a person sees it, compared with a committed PNG.

Like GTK's reftests or Flutter's golden tests. The windows run under Xvfb (gui_test.py's
Session) on a deterministic render path, so the same build paints the same pixels every run:
- fixed window size (the default 560 x 520, or a size set with xdotool) at a fixed scale
  (SAMPLEMAP_SCALE=1, or 2 for the 2x images), no window manager;
- SDL's software renderer (the windows' default; SDL_RENDER_DRIVER is unset);
- the fonts of named Debian packages that quickstart.sh and .ci/run install (fonts-dejavu-core,
  fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji);
- a frozen clock for the times shown (SAMPLEMAP_TEST_FIXED_TIME, TZ=UTC; see ui_clock.h);
- a fixed mapping name per scenario (the status line shows it); the caret does not blink.

The comparison (ImageMagick's compare) tolerates anti-aliasing only: a pixel counts as
different when its colour is more than FUZZ away from the reference's, and at most
MAX_DIFFERENT_PIXELS such pixels pass. On failure the actual image and a diff image (changed
pixels in red) are written to <build>/tests/gui/artefacts/<scenario>/ and named in the
message.

Every scenario also runs the draw check (SAMPLEMAP_TEST_DRAW_CHECK=1, ui_drawcheck.h): a widget
that paints outside its own rectangle prints "draw outside ..." and the scenario fails.

Regenerate the references on purpose (then look at them, and commit them with the change; a
reviewer sees the PNGs change in the diff):
    SAMPLEMAP_UPDATE_REFERENCES=1 ctest --test-dir build-ci -L reference
(or --update on this script's command line). Each reference is taken once the window stopped
changing; a normal run never waits for that, it polls until the window matches.

usage: reftest.py --sender EXE --receiver EXE --out DIR [--update] SCENARIO
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test  # noqa: E402  (the Xvfb session, the apps, xdotool)
from gui_test import Failure, wait_until  # noqa: E402

REFERENCE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference")
FUZZ = "8%"                # colour distance below which two pixels count as equal (anti-aliasing)
MAX_DIFFERENT_PIXELS = 16  # pixels beyond FUZZ that still pass: a few glyph edges, never a widget
FIXED_TIME = "1767268800"  # 2026-01-01 12:00:00 UTC, shown as 12:00:00
WRITER_PID = 4242          # the writer's pid in ref_dbwin's PID namespace

# The script sample: README's showcase and the scripts the issue adds (Thai, Devanagari).
SCRIPTS = [("latin", "Hello, world!"),
           ("cyrillic", "Привет, мир!"),
           ("greek", "Γειά σου κόσμε!"),
           ("cjk", "你好，世界 こんにちは 안녕하세요"),
           ("arabic", "العام 2024 كان جيدا"),
           ("hebrew", "המחיר הוא 150 שקלים"),
           ("mixed", "Hello שלום world"),
           ("emoji", "Emoji too: 😀 🎉 👍"),
           ("thai", "สวัสดีชาวโลก"),
           ("devanagari", "नमस्ते दुनिया")]


class Skip(Exception):
    """A scenario that cannot run here (its message starts with "SKIP:"): ctest's skip code."""


def forty_messages():
    """40 messages of different lengths: some wrap, so entries are of different heights."""
    words = "the quick brown fox jumps over the lazy dog".split()
    return [f"Message {n}: " + " ".join(words[: 1 + (n * 7) % 9] * (1 + n % 4))
            for n in range(1, 41)]


class Reftest:
    def __init__(self, args, scenario):
        self.args = args
        self.s = gui_test.Session(args, scenario)
        # One fixed name per scenario: the status line shows it, so it must not hold a pid.
        self.s.name = f"Local\\SampleMap-{scenario}"
        self.s.unlink()  # a run killed before its end may have left it
        self.s.env.update({"TZ": "UTC", "SAMPLEMAP_TEST_FIXED_TIME": FIXED_TIME,
                           "SAMPLEMAP_TEST_DRAW_CHECK": "1", "SAMPLEMAP_SCALE": "1"})
        self.s.env.pop("GDK_SCALE", None)
        if args.no_draw_check:
            self.s.env["SAMPLEMAP_TEST_DRAW_CHECK"] = "0"
        self.checked = []
        self.updated = []

    def shoot(self, app, path):
        return self.s.screenshot(app.window, path)

    def settled(self, app, path):
        """For --update only: the window stopped changing (two shots 0.5 s apart agree and the
        app drew no frame in between). Never used to pass a test: a test waits for its match."""
        def same():
            drawn = len([l for l in app.lines if l.startswith("drawn ")])
            first = self.shoot(app, path + ".a.png")
            time.sleep(0.5)
            second = self.shoot(app, path)
            later = len([l for l in app.lines if l.startswith("drawn ")])
            return drawn == later and differing(first, second, None) == 0
        wait_until("the window to settle", same, timeout=30)
        os.remove(path + ".a.png")

    def check(self, app, name, timeout=15.0):
        """The window looks like reference/<name>.png (within the tolerance) and nothing drew
        outside its widget so far."""
        actual = os.path.join(self.s.out, f"{name}.png")
        reference = os.path.join(REFERENCE_DIR, f"{name}.png")
        self.no_outside_draws(app)
        if self.args.update:
            self.settled(app, actual)
            os.makedirs(REFERENCE_DIR, exist_ok=True)
            shutil.copyfile(actual, reference)
            self.updated.append(reference)
            return
        if not os.path.exists(reference):
            self.shoot(app, actual)
            raise Failure(f"no reference image {reference}; actual: {actual} (make it with "
                          "SAMPLEMAP_UPDATE_REFERENCES=1 ctest -L reference, then look at it)")
        diff = os.path.join(self.s.out, f"{name}-diff.png")
        deadline = time.monotonic() + timeout
        while True:
            self.shoot(app, actual)
            count = differing(reference, actual, diff)
            if count is not None and count <= MAX_DIFFERENT_PIXELS:
                break
            if time.monotonic() > deadline:
                what = ("a different size" if count is None
                        else f"{count} pixels differ by more than {FUZZ}")
                raise Failure(f"{name}: the window does not look like {reference}: {what} "
                              f"(tolerance {MAX_DIFFERENT_PIXELS}); actual: {actual}, diff: {diff}")
            time.sleep(0.1)
        os.remove(diff) if os.path.exists(diff) else None
        self.no_outside_draws(app)
        self.checked.append(name)

    def no_outside_draws(self, app):
        bad = [l for l in app.lines if l.startswith("draw outside")]
        if bad:
            raise Failure(f"{app.name} drew outside a widget's rectangle: {bad[:3]}")


def differing(reference, actual, diff):
    """Pixels more than FUZZ apart (None when the sizes differ); writes the diff image."""
    done = subprocess.run(["compare", "-metric", "AE", "-fuzz", FUZZ, reference, actual,
                           diff or "null:"], capture_output=True, text=True, timeout=60)
    try:
        return int(float(done.stderr.split()[0]))
    except (IndexError, ValueError):
        return None


def send_headless(r, *texts):
    """Messages from a headless sender of the same build, each delivered before it returns."""
    argv = r.s.argv("sender") + ["--name", r.s.name, "--timeout", "60"]
    for text in texts:
        argv += ["--message", text]
    done = subprocess.run(argv, env=r.s.env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise Failure(f"the headless sender failed: {done.stderr.strip()}")


def wait_logged(r, count):
    wait_until(f"{count} messages in the --log file", lambda: len(r.s.log_lines()) >= count,
               timeout=60)


# --- scenarios -----------------------------------------------------------------------------

def scenario_ref_receiver(r):
    """The receiver: empty; after 40 messages at the bottom; scrolled half-way up with the
    "N new" marker; a selection; focus on Pause, Clear and the list; the find bar; the context
    menu; F1, and F1 scrolled to its end; F2."""
    s = r.s
    receiver = s.receiver()
    r.check(receiver, "receiver-empty")
    messages = forty_messages()
    send_headless(r, *messages)
    wait_logged(r, 40)
    r.check(receiver, "receiver-40")
    s.key(receiver, "Page_Up", "Page_Up")  # about half-way up the 40
    send_headless(r, "one more", "and another", "and a third")
    wait_logged(r, 43)
    r.check(receiver, "receiver-40-scrolled-new")
    s.key(receiver, "End")
    x, y, w, h = receiver.log_area
    s.xdotool("mousemove", "--window", receiver.window, str(x + 40), str(y + h - 30), "click", "1")
    s.xdotool("mousemove", "--window", receiver.window, "5", "5")  # no hover in the picture
    r.check(receiver, "receiver-selection")
    s.key(receiver, "Tab")
    r.check(receiver, "receiver-focus-pause")
    s.key(receiver, "Tab")
    r.check(receiver, "receiver-focus-clear")
    s.key(receiver, "Tab")
    r.check(receiver, "receiver-focus-list")
    # The log viewer: the find bar with its matches, then the context menu from the keyboard.
    s.key(receiver, "ctrl+f")
    receiver.wait_line("prompt find")
    s.type_into(receiver, "message")
    receiver.wait_line("viewer shown=43 hidden=0 dropped=0 match=")
    r.check(receiver, "receiver-find")
    s.key(receiver, "Escape")
    receiver.wait_line("prompt closed")
    s.key(receiver, "shift+F10")
    receiver.wait_line("menu shown")
    s.key(receiver, "Down")
    r.check(receiver, "receiver-menu")
    s.key(receiver, "Escape")
    receiver.wait_line("menu hidden")
    s.key(receiver, "F1")
    receiver.wait_line("help shown")
    r.check(receiver, "receiver-help")
    s.key(receiver, "End")  # taller than the window: its end, scrolled to
    receiver.wait_line("help scrolled")
    r.check(receiver, "receiver-help-end")
    s.key(receiver, "Escape")
    receiver.wait_line("help hidden")
    s.key(receiver, "F2")
    receiver.wait_line("bytes shown")
    r.check(receiver, "receiver-bytes")


def scenario_ref_sender(r):
    """The sender: empty; each focus stop; a message typed; 3 queued behind one in the slot;
    the close prompt; F1; and a list that scrolls (30 sent)."""
    s = r.s
    sender = s.sender()
    s.xdotool("mousemove", "--window", sender.window, "5", "5")
    r.check(sender, "sender-empty")
    s.type_into(sender, "Hello, мир, 世界")
    r.check(sender, "sender-focus-field")
    s.key(sender, "Tab")
    r.check(sender, "sender-focus-send")
    s.key(sender, "Tab")
    r.check(sender, "sender-focus-list")
    s.key(sender, "Tab", "Escape")  # back in the field, emptied
    s.key(sender, "Return")  # an empty message: not sent, and why, in plain words
    sender.wait_line("refused:")
    r.check(sender, "sender-empty-refused")
    # Grapheme clusters: Backspace after 👍🏽 removes it whole; the counter says 8 UTF-16 units
    # for the family that stays (issue 24).
    s.type_into(sender, "👨\u200d👩\u200d👧👍🏽")
    s.key(sender, "BackSpace")
    r.check(sender, "sender-graphemes")
    s.key(sender, "Escape")
    # The caret at both ends of a right-to-left line (Home: the right edge; End: the left).
    s.type_into(sender, "שלום עולם 123")
    s.key(sender, "Home")
    r.check(sender, "sender-rtl-home")
    s.key(sender, "End")
    r.check(sender, "sender-rtl-end")
    s.key(sender, "Escape")
    for n in range(1, 5):  # no receiver: the first waits in the slot, three queue behind it
        s.type_into(sender, f"queued message {n}", delay_ms=20)
        s.key(sender, "Return")
        sender.wait_line(f"{'sent' if n == 1 else 'queued'} {n}")
    r.check(sender, "sender-queue-3")
    # Too long: the reason wraps under the field instead of ending in "…".
    s.type_into(sender, "a" * 1024, delay_ms=1)
    s.key(sender, "Return")
    sender.wait_line("refused:", timeout=60)
    r.check(sender, "sender-refused")
    # The field's text is taller than the field: the wheel scrolls it, a scrollbar shows where.
    x, y, w, h = gui_test.FIELD
    s.xdotool("mousemove", "--window", sender.window, str(x + w // 2), str(y + h // 2))
    s.xdotool("click", "--repeat", "3", "--delay", "30", "4")
    r.check(sender, "sender-field-scrolled")
    s.key(sender, "Escape")
    # A triple click selects the whole line (paragraph); a double click a word.
    s.type_into(sender, "first line, three clicks")
    s.key(sender, "shift+Return")
    s.type_into(sender, "second line")
    s.xdotool("mousemove", "--window", sender.window, str(x + 40), str(y + 14))
    s.xdotool("click", "--repeat", "3", "--delay", "80", "1")
    s.xdotool("mousemove", "--window", sender.window, "5", "5")
    r.check(sender, "sender-triple-click")
    s.key(sender, "Escape")
    subprocess.run(s.wm_close + [sender.window], env=s.env, check=True, timeout=30)
    sender.wait_line("confirm close")
    r.check(sender, "sender-close-prompt")
    s.key(sender, "Tab")  # Tab puts the focus on the destructive choice, visibly
    r.check(sender, "sender-close-prompt-focus-withdraw")
    s.key(sender, "Escape")
    sender.wait_line("kept open")
    s.key(sender, "F1")
    sender.wait_line("help shown")
    r.check(sender, "sender-help")
    s.key(sender, "Escape")
    sender.wait_line("help hidden")
    # A receiver takes them all; then 30 more: the list scrolls (issue 24's overpaint).
    s.receiver()
    sender.wait_line("delivered 4")
    for n in range(5, 35):
        s.type_into(sender, f"message {n}", delay_ms=5)
        s.key(sender, "Return")
    sender.wait_line("delivered 34", timeout=60)
    r.check(sender, "sender-34-sent")


def scenario_ref_scripts(r):
    """Each script of the sample in the receiver, alone in its list (Ctrl+L clears)."""
    s = r.s
    receiver = s.receiver()
    for n, (script, text) in enumerate(SCRIPTS, 1):
        send_headless(r, text)
        wait_logged(r, n)
        r.check(receiver, f"script-{script}")
        s.key(receiver, "ctrl+l")
    # Control characters as symbols, U+2028/U+2029 as breaks; a message of spaces says so.
    send_headless(r, gui_test.CONTROLS, "   ")
    wait_logged(r, len(SCRIPTS) + 2)
    r.check(receiver, "receiver-controls-and-spaces")


def scenario_ref_error(r):
    """The mapping-error view of both windows, with the focus on each of its buttons."""
    s = r.s
    gui_test.plant_wrong_size(s.name)
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log_arg)
    receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    s.xdotool("mousemove", "--window", receiver.window, "5", "5")
    r.check(receiver, "receiver-error")
    sender = s.sender()
    r.check(sender, "sender-error")
    s.key(sender, "Return")  # Retry: the object is still the wrong size, and the window says so
    sender.wait_line("retrying")
    r.check(sender, "sender-error-retried")
    s.key(sender, "Tab")
    r.check(sender, "sender-error-focus-2")
    receiver.close(s.wm_close, s.env)
    sender.close(s.wm_close, s.env)
    s.apps.clear()


def scenario_ref_step(r):
    """The --step bar in the receiver window, stopped at its first protocol point."""
    s = r.s
    receiver = s.receiver("--step")
    sender = subprocess.Popen(s.argv("sender") + ["--name", s.name, "--message", "Hello",
                                                  "--timeout", "60"],
                              env=s.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        gui_test.step_line(receiver, "reader-locked", 0)
        r.check(receiver, "receiver-step")
        # Narrow: the explanation wraps and the bar grows (it used to end in "…").
        s.xdotool("windowsize", "--sync", receiver.window, "420", "380")
        r.check(receiver, "receiver-step-narrow")
        for _ in range(4):
            s.key(receiver, "Return")
        if sender.wait(timeout=60) != 0:
            raise Failure(f"the sender failed: {sender.stderr.read()!r}")
    finally:
        if sender.poll() is None:
            sender.kill()


def scenario_ref_sizes(r):
    """The minimum size (420 x 380) of both windows, and the receiver at 2x scale."""
    s = r.s
    receiver = s.receiver()
    send_headless(r, *forty_messages()[:12])
    wait_logged(r, 12)
    sender = s.sender()
    s.type_into(sender, "at the minimum size")
    for app in (receiver, sender):
        s.xdotool("windowsize", "--sync", app.window, "420", "380")
    r.check(receiver, "receiver-minimum")
    r.check(sender, "sender-minimum")
    # Another program removes the mapping: the receiver makes a new one and says so in its
    # heading, which wraps at this width instead of ending in "…".
    s.unlink()
    receiver.wait_line("mapping replaced: reopened")
    r.check(receiver, "receiver-minimum-notice")
    receiver.close(s.wm_close, s.env)
    s.apps.remove(receiver)
    scaled = s.start("receiver", "--geometry", "0,0", env_extra={"SAMPLEMAP_SCALE": "2"})
    scaled.wait_line("ready")
    scaled.window = s.window("SampleMap receiver")
    send_headless(r, "at 2x: Hello, мир, 世界", "العام 2024 كان جيدا")
    r.check(scaled, "receiver-2x")


def scenario_ref_windows(r):
    """Under Wine, with Windows' own references: the empty receiver, 40 messages, the script
    sample, and the error view (a running channel's lock mutex holds the name: Windows has no
    /dev/shm to plant a wrong-size object in; see gui_test.scenario_mapping_error_windows)."""
    s = r.s
    receiver = s.receiver()
    r.check(receiver, "receiver-empty")
    send_headless(r, *forty_messages())
    wait_logged(r, 40)
    r.check(receiver, "receiver-40")
    s.key(receiver, "ctrl+l")
    scripts = [text for _, text in SCRIPTS]
    send_headless(r, *scripts)
    wait_logged(r, 40 + len(scripts))
    r.check(receiver, "receiver-scripts")
    holder = s.start("receiver", "--print", "--count", "1", "--timeout", "120", name=s.name + "x", trace=None)
    wait_until("the headless receiver's ready line",
               lambda: any(": ready: " in l for l in holder.errors), timeout=s.start_timeout)
    failed = s.start("receiver", "--geometry", "0,0", name=s.name + "x.lock")
    failed.wait_line("ready", timeout=s.start_timeout)
    failed.window = s.window("SampleMap receiver.*x.lock")
    r.check(failed, "receiver-error")
    holder.process.terminate()
    holder.process.wait(timeout=30)
    s.apps.remove(holder)
    failed.close(s.wm_close, s.env)
    s.apps.remove(failed)


def scenario_ref_dbwin(r):
    """The receiver in --dbwin mode with three entries of a samplemap-sender --dbwin, each with
    its pid and process in the process column. The pid must not vary: the receiver runs in a
    PID namespace of its own (unshare, with its own /proc, where it looks the process up), the
    writer is started inside it as pid WRITER_PID (ns_last_pid), and it stays running while
    the receiver looks its name up (it reads its lines from a pipe kept open until the check)."""
    s = r.s
    if shutil.which("unshare") is None or shutil.which("nsenter") is None:
        raise Skip("SKIP: unshare and nsenter (util-linux) are needed for a fixed writer pid")
    probe = subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "true"],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        raise Skip(f"SKIP: no PID namespace here (unshare: {probe.stderr.strip()})")
    name = "refdbwin"
    argv = ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child", "--",
            s.args.receiver, "--dbwin", "--name", name, "--trace", "state", "--geometry", "0,0",
            "--log", s.log_arg]
    receiver = gui_test.App(argv, s.env, "receiver")
    s.apps.append(receiver)
    receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    s.xdotool("mousemove", "--window", receiver.window, "5", "5")
    children = f"/proc/{receiver.process.pid}/task/{receiver.process.pid}/children"
    with open(children) as f:
        inside = int(f.read().split()[0])  # the receiver, pid 1 in its namespace
    script = (f'echo {WRITER_PID - 1} > /proc/sys/kernel/ns_last_pid && "$0" "$@"; exit $?')
    writer = subprocess.Popen(["nsenter", "--target", str(inside), "--pid", "--mount", "--",
                               "sh", "-c", script, s.args.sender, "--dbwin", "--name", name,
                               "--stdin"], env=s.env, stdin=subprocess.PIPE)
    try:
        writer.stdin.write("Starting worker thread\nconnected to 127.0.0.1:8080\n"
                           "cache miss: key=caf\u00e9 (3 tries)\n".encode("utf-8"))
        writer.stdin.flush()
        wait_logged(r, 3)
        lines = s.log_lines()
        if any(f"[{WRITER_PID} samplemap-sende] " not in line for line in lines):
            raise Failure(f"the writer is not pid {WRITER_PID} in the --log lines: {lines}")
        r.check(receiver, "receiver-dbwin")
    finally:
        writer.stdin.close()
        code = writer.wait(timeout=60)
    if code != 0:
        raise Failure(f"the writer (sender --dbwin --stdin) exited {code}")


def themed_references(r, theme):
    """Both windows in one theme (--theme THEME), each kind of colour on screen: the sender
    with text typed, then sent, queued and refused messages and its help; the receiver with
    messages, a selected entry, the find bar's matches, its help, the byte view; and the
    mapping-error view with its buttons."""
    s = r.s
    sender = s.sender("--theme", theme)
    s.xdotool("mousemove", "--window", sender.window, "5", "5")
    s.type_into(sender, "Hello, мир, 世界")
    r.check(sender, f"sender-{theme}")
    s.key(sender, "Escape")
    for n in range(1, 5):  # no receiver yet: the first waits in the slot, three queue behind
        s.type_into(sender, f"queued message {n}", delay_ms=20)
        s.key(sender, "Return")
        sender.wait_line(f"{'sent' if n == 1 else 'queued'} {n}")
    s.type_into(sender, "a" * 1024, delay_ms=1)
    s.key(sender, "Return")
    sender.wait_line("refused:", timeout=60)
    r.check(sender, f"sender-{theme}-queue")
    s.key(sender, "Escape", "F1")
    sender.wait_line("help shown")
    r.check(sender, f"sender-{theme}-help")
    s.key(sender, "Escape")
    sender.wait_line("help hidden")
    receiver = s.receiver("--theme", theme)
    sender.wait_line("delivered 4")
    send_headless(r, *forty_messages()[:12])
    wait_logged(r, 16)
    # The --log line is written at the take, before the frame that lays the entry out; the
    # viewer line follows a frame presented with all 16, so the click lands on the newest.
    receiver.wait_line("viewer shown=16 ")
    x, y, w, h = receiver.log_area
    s.xdotool("mousemove", "--window", receiver.window, str(x + 40), str(y + h - 30), "click", "1")
    s.xdotool("mousemove", "--window", receiver.window, "5", "5")
    r.check(receiver, f"receiver-{theme}")
    s.key(receiver, "ctrl+f")
    receiver.wait_line("prompt find")
    s.type_into(receiver, "message")
    receiver.wait_line("viewer shown=16 hidden=0 dropped=0 match=")
    r.check(receiver, f"receiver-{theme}-find")
    s.key(receiver, "Escape")
    receiver.wait_line("prompt closed")
    s.key(receiver, "F1")
    receiver.wait_line("help shown")
    r.check(receiver, f"receiver-{theme}-help")
    s.key(receiver, "Escape")
    receiver.wait_line("help hidden")
    s.key(receiver, "F2")
    receiver.wait_line("bytes shown")
    r.check(receiver, f"receiver-{theme}-bytes")
    # The mapping-error view, on a name of its own holding an object of the wrong size.
    bad = f"Local\\SampleMap-{theme}-err"
    planted = gui_test.plant_wrong_size(bad)
    try:
        failed = s.start("receiver", "--geometry", "0,0", "--theme", theme, name=bad)
        failed.wait_line("ready", timeout=s.start_timeout)
        failed.window = s.window("SampleMap receiver.*-err")
        s.xdotool("mousemove", "--window", failed.window, "5", "5")
        r.check(failed, f"receiver-{theme}-error")
        failed.close(s.wm_close, s.env)
        s.apps.remove(failed)
    finally:
        if os.path.exists(planted):
            os.remove(planted)


def scenario_ref_theme_dark(r):
    """The dark theme (--theme dark) in both windows: see themed_references."""
    themed_references(r, "dark")


def scenario_ref_theme_contrast(r):
    """The high-contrast theme (--theme contrast) in both windows: see themed_references."""
    themed_references(r, "contrast")


# Where ctest runs each (tests/gui/CMakeLists.txt reads `--list linux` / `--list windows`).
SCENARIOS = {"ref_receiver": (scenario_ref_receiver, ("linux",)),
             "ref_sender": (scenario_ref_sender, ("linux",)),
             "ref_scripts": (scenario_ref_scripts, ("linux",)),
             "ref_error": (scenario_ref_error, ("linux",)),
             "ref_step": (scenario_ref_step, ("linux",)),
             "ref_sizes": (scenario_ref_sizes, ("linux",)),
             "ref_dbwin": (scenario_ref_dbwin, ("linux",)),
             "ref_dark": (scenario_ref_theme_dark, ("linux",)),
             "ref_contrast": (scenario_ref_theme_contrast, ("linux",)),
             "ref_windows": (scenario_ref_windows, ("windows",))}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--list":
        return gui_test.list_scenarios(SCENARIOS, sys.argv[2])
    parser = gui_test.session_arguments()
    parser.add_argument("--wine-prefix", help=argparse.SUPPRESS)
    parser.add_argument("--update", action="store_true",
                        help="write the references instead of comparing with them")
    parser.add_argument("--no-draw-check", action="store_true",
                        help="compare the images only (to see the comparison alone catch a bug)")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    args = parser.parse_args()
    args.update = args.update or os.environ.get("SAMPLEMAP_UPDATE_REFERENCES") == "1"
    if args.emulator:
        global REFERENCE_DIR
        REFERENCE_DIR = os.path.join(REFERENCE_DIR, "windows")  # Windows' own references
    skip = gui_test.missing_tools()
    if skip:
        print(skip)
        return gui_test.SKIP
    if not args.x_helper:
        print("SKIP: the reference images need the X helper (libx11-dev) to type and close")
        return gui_test.SKIP
    r = None
    try:
        r = Reftest(args, args.scenario)
        SCENARIOS[args.scenario][0](r)
        for app in r.s.apps:
            r.no_outside_draws(app)
        r.s.finish()
        if args.update:
            print("updated: " + " ".join(os.path.relpath(p) for p in r.updated))
        else:
            print(f"PASS {args.scenario}: {len(r.checked)} images match ({', '.join(r.checked)})")
        return 0
    except Skip as skip:
        print(skip)
        return gui_test.SKIP
    except (Failure, subprocess.SubprocessError) as failure:
        print(f"FAIL {args.scenario}: {failure}", file=sys.stderr)
        if r is not None:
            for app in r.s.apps:
                print(f"--- {app.name} stdout (last 20): {app.lines[-20:]}\n--- stderr: "
                      f"{app.errors}", file=sys.stderr)
        return 1
    finally:
        if r is not None:
            r.s.end()


if __name__ == "__main__":
    sys.exit(main())
