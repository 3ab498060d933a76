#!/usr/bin/env python3
"""GUI tests for the SampleMap windows: real windows under Xvfb, driven by xdotool.

Python 3 (standard library only) drives the test because it has to juggle an X
server, two apps, their stdout, xdotool and ImageMagick with deadlines, which
stays readable here and would not in sh; the apps themselves stay pure C.

Readiness is never guessed with sleeps: Xvfb reports its display through
-displayfd, each window prints "ready" after its first frame (--trace state, the documented
readiness signal of docs/diagnostics.md), windows are found with
`xdotool search --sync --onlyvisible`, and results are polled with a deadline.
Typing: xdotool types a character missing from the keymap by remapping a spare
keycode per character, and an app that reads the key after the next remap sees
the wrong character. So the helper (x_helper.c) first puts every character of the
text onto the keymap in one change; only without the helper is a slow per-key
delay (100 ms) used as the fallback.

Windows: with --emulator cmake/wine-run.sh the same scenarios drive the .exe files under Wine
in the same Xvfb (see class Wine); --platform-peer adds the Windows-only checks.

usage: gui_test.py --sender EXE --receiver EXE --out DIR [--emulator WINE-RUN] SCENARIO
scenarios: roundtrip, offline, overlimit (tests), showcase (docs/screenshot.png). Exit 0 pass, 1 fail, 77 skipped.
"""
import argparse
import faulthandler
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77
HELLO = "Hello, мир, 世界"


class Failure(Exception):
    pass


def wait_until(what, predicate, timeout=20.0, step=0.05):
    """Polls predicate until it returns a true value or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(step)


class Xvfb:
    """A private X server on a display number derived from our pid (low numbers such as :0
    are what other sessions on the machine pick). -displayfd says when it is ready; a
    display in use makes Xvfb exit at once, and the next number is tried."""

    def __init__(self):
        for attempt in range(20):
            number = 200 + (os.getpid() * 7 + attempt * 37) % 5000
            read_end, write_end = os.pipe()
            self.process = subprocess.Popen(
                ["Xvfb", f":{number}", "-displayfd", str(write_end), "-screen", "0",
                 "1280x800x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                stderr=open(os.path.join(tempfile.gettempdir(), f"samplemap-xvfb-{number}.log"), "w"))
            os.close(write_end)
            reported = self._read_number(read_end)
            os.close(read_end)
            if reported and self.process.poll() is None:
                self.display = ":" + reported
                return
            self.stop()
        raise Failure("Xvfb did not start on any display tried")

    @staticmethod
    def _read_number(fd):
        """Reads up to the newline: Xvfb may write the number and the newline separately,
        and it dies if the pipe is closed between the two writes."""
        data = b""
        deadline = time.monotonic() + 30
        while not data.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(fd, 64) if ready else b""
            if not chunk:
                break
            data += chunk
        return data.decode().strip() if data.endswith(b"\n") else ""

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=10)


class App:
    """One app with its stdout collected line by line on a thread."""

    def __init__(self, argv, env, name, stdin=None):
        self.name = name
        self.lines = []
        self.stderr_path = None
        self.process = subprocess.Popen(argv, env=env, stdin=stdin, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.errors = []
        self.readers = [threading.Thread(target=self._read, args=(stream, into), daemon=True)
                        for stream, into in ((self.process.stdout, self.lines),
                                             (self.process.stderr, self.errors))]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream, into):
        for line in stream:
            into.append(line.rstrip("\n"))

    def drained(self, timeout=20.0):
        """After the exit: every line the app wrote has been read (its pipes reached their end)."""
        for reader in self.readers:
            reader.join(timeout)
            if reader.is_alive():
                raise Failure(f"{self.name}'s output did not end within {timeout:.0f} s of its exit")
        return self

    def wait_line(self, prefix, timeout=20.0):
        return wait_until(f"{self.name} to print '{prefix}'",
                          lambda: next((l for l in self.lines if l.startswith(prefix)), None),
                          timeout)

    def close(self, wm_close=None, env=None):
        """Closes the window as a window manager would (WM_DELETE_WINDOW) when the helper
        was built, else with SIGTERM (SDL's quit request); expects a clean exit."""
        if self.process.poll() is None:
            window = getattr(self, "window", None)
            if wm_close and window:
                subprocess.run(wm_close + [window], env=env, check=True, timeout=30)
            else:
                self.process.terminate()
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise Failure(f"{self.name} did not exit when asked to quit")
        return code


class Wine:
    """The Windows programs under Wine: cmake/wine-run.sh in a prefix of the GUI tests' own,
    its session bound to this test's Xvfb and ended with the test (SAMPLEMAP_WINE_GUI=1).
    Wine has no Segoe UI or Microsoft YaHei, so Debian's fonts go where Windows keeps fonts,
    under their own names (the programs find them by family or coverage in their index of the
    installed fonts, ui_sysfont_win32.c): the CJK font only in the per-user fonts folder,
    which the programs can find only by asking Windows for it (FOLDERID_LocalAppData), never
    by a hard-coded C:. `fonts` maps "system" and "user" to the files to put there."""

    SYSTEM_FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
                    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
                    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
                    # Windows' own Thai and Devanagari faces (Leelawadee UI, Nirmala UI) are
                    # not free to copy: Noto's stand in, under names the font table lists.
                    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
                    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"]
    USER_FONTS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]
    FONTS = {"system": SYSTEM_FONTS, "user": USER_FONTS}

    def __init__(self, emulator, env, probe_exe, prefix=None, fonts=FONTS):
        self.emulator = emulator
        self.env = dict(env, SAMPLEMAP_WINE_GUI="1", SAMPLEMAP_WINEPREFIX=prefix or env.get(
            "SAMPLEMAP_WINEPREFIX_GUI",
            os.path.join(tempfile.gettempdir(), f"samplemap-wine-gui-{os.getuid()}")))
        # The prefix exists after one program ran in it; then the fonts are put in place.
        done = subprocess.run([emulator, probe_exe, "--version"], env=self.env, timeout=300,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise Failure(f"cannot run {probe_exe} under Wine: {done.stderr.strip()}")
        prefix = self.env["SAMPLEMAP_WINEPREFIX"]
        users = [d for d in os.listdir(os.path.join(prefix, "drive_c", "users"))
                 if d not in ("Public", "public")]
        self.font_dirs = {
            "system": os.path.join(prefix, "drive_c", "windows", "Fonts"),
            "user": os.path.join(prefix, "drive_c", "users", users[0], "AppData", "Local",
                                 "Microsoft", "Windows", "Fonts")}
        for kind, files in fonts.items():
            os.makedirs(self.font_dirs[kind], exist_ok=True)
            for font in files:
                target = os.path.join(self.font_dirs[kind], os.path.basename(font))
                if os.path.exists(font) and not os.path.exists(target):
                    shutil.copyfile(font, target)

    @staticmethod
    def path(unix_path):
        """A unix path as the Windows programs see it (Wine maps drive Z: to /)."""
        return "Z:" + os.path.abspath(unix_path).replace("/", "\\")

    def stop(self):
        subprocess.run([self.emulator, "--stop"], env=self.env, timeout=60)


class Session:
    def __init__(self, args, scenario):
        self.args = args
        self.out = os.path.join(args.out, scenario)
        os.makedirs(self.out, exist_ok=True)
        prefix = "SampleMap-docs" if scenario == "showcase" else f"gui{scenario[:3]}"
        self.name = f"Local\\{prefix}-{os.getpid()}"
        self.log = os.path.join(self.out, "receiver.log")
        if os.path.exists(self.log):
            os.remove(self.log)
        self.x = Xvfb()
        # A UTF-8 locale, as on a desktop: xdotool reads the windows' UTF-8 titles through it.
        # No SDL_RENDER_DRIVER: the windows' default renderer (software) is what is tested.
        self.env = dict(os.environ, DISPLAY=self.x.display, LC_ALL="C.UTF-8")
        self.env.pop("SDL_RENDER_DRIVER", None)
        # --theme system asks the desktop (docs/manual.md#themes): no session bus and no
        # GTK_THEME here, so every window is light whatever desktop runs the tests; the
        # theme scenarios give a window a bus of their own.
        self.env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/samplemap-no-bus"
        self.env.pop("GTK_THEME", None)
        # Every scenario runs the draw check (common/ui/ui_drawcheck.h): a widget that paints
        # outside its own rectangle fails it in finish().
        self.env["SAMPLEMAP_TEST_DRAW_CHECK"] = "1"
        # No remembered windows (common/ui/ui_prefs.h): a scenario never reads the developer's
        # preferences nor another scenario's; those that test them name a folder of their own.
        self.env["SAMPLEMAP_PREFS_DIR"] = "none"
        self.apps = []
        self.wine = None
        self.start_timeout = 90.0 if args.emulator else 20.0  # Wine starts its desktop first
        if args.emulator:
            prefix, fonts = args.wine_prefix, {} if args.wine_prefix else Wine.FONTS
            if scenario in OWN_PREFIX:
                # A fresh prefix with only the scenario's fonts: nothing left from other tests.
                prefix = os.path.abspath(prefix or os.path.join(self.out, "wine prefix"))
                subprocess.run([args.emulator, "--stop"], env=dict(
                    self.env, SAMPLEMAP_WINEPREFIX=prefix), timeout=60)
                shutil.rmtree(prefix, ignore_errors=True)
                fonts = OWN_PREFIX[scenario]
            try:
                self.wine = Wine(args.emulator, self.env, args.sender, prefix, fonts)
            except BaseException:
                self.x.stop()  # no Session to end(): its X server would outlive the test
                raise
            self.env = self.wine.env
            self.log_arg = Wine.path(self.log)
        else:
            self.log_arg = self.log
        helper = args.x_helper
        self.wm_close = [helper, "close"] if helper else None

    def argv(self, which):
        """The command that runs the sender or the receiver (through Wine for .exe files)."""
        exe = self.args.sender if which == "sender" else self.args.receiver
        return [self.args.emulator, exe] if self.wine else [exe]

    def start(self, which, *extra, env_extra=None, name=None, trace="state", stdin=None):
        """Starts a window (or, with trace=None, a headless run). A window traces "state"
        (docs/diagnostics.md): its "ready" line and the events the scenarios wait for."""
        trace_args = ["--trace", trace] if trace else []
        app = App(self.argv(which) + ["--name", name or self.name, *trace_args, *extra],
                  dict(self.env, **(env_extra or {})), which, stdin=stdin)
        self.apps.append(app)
        return app

    def open(self, which, *extra, **start_args):
        """start(), then wait for its "ready" line and find its window (app.window). A
        receiver's "ready" line says where its log list is drawn: app.log_area, x y w h."""
        app = self.start(which, *extra, **start_args)
        if self.wine and self.wine_did_not_launch(app):
            # Wine's launcher once failed to start the program at all ("ShellExecuteEx failed:
            # Internal error", in the package test's fresh prefix): our program never ran, so
            # it is started once more, and the log says so.
            print(f"note: Wine did not launch {which} ({(app.lines + app.errors)[:2]}); again")
            self.apps.remove(app)
            app = self.start(which, *extra, **start_args)
        ready = app.wait_line("ready", timeout=self.start_timeout)
        if " log=" in ready:
            app.log_area = [int(v) for v in ready.split("log=")[1].split()[0].split(",")]
        app.window = self.window(f"SampleMap {which}")
        return app

    def wine_did_not_launch(self, app):
        """Waits for app's "ready" line or its end; true when it ended with Wine's own
        launcher error, before anything of the program ran."""
        wait_until(f"{app.name} to print 'ready' or end",
                   lambda: app.process.poll() is not None or
                   any(l.startswith("ready") for l in app.lines), self.start_timeout)
        if app.process.poll() is None:
            return False
        app.drained()
        return any("ShellExecuteEx failed" in l for l in app.lines + app.errors)

    def receiver(self, *extra):
        return self.open("receiver", "--geometry", "0,0", "--log", self.log_arg, *extra)

    def sender(self, *extra):
        return self.open("sender", "--geometry", "600,0", *extra)

    def xdotool(self, *argv, timeout=30):
        done = subprocess.run(["xdotool", *argv], env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise Failure(f"xdotool {' '.join(argv)} failed: {done.stderr.strip()}")
        return done.stdout

    def window(self, title):
        found = self.xdotool("search", "--sync", "--onlyvisible", "--name", title)
        return found.split()[0]

    def type_into(self, app, text, delay_ms=100):
        if self.args.x_helper:
            # Every character on the keymap first: then xdotool types without remapping.
            subprocess.run([self.args.x_helper, "keys", text], env=self.env, check=True,
                           timeout=30)
            delay_ms = min(delay_ms, 20)
        # No window manager: focus is given directly, and --sync waits until it took.
        self.xdotool("windowfocus", "--sync", app.window)
        # Bounded by the text's own typing time (three times over, plus 30 s), so a hung
        # xdotool fails here with its command instead of at ctest's timeout with nothing said.
        self.xdotool("type", "--delay", str(delay_ms), "--", text,
                     timeout=30 + 3 * len(text) * delay_ms / 1000)

    def key(self, app, *keys):
        self.xdotool("windowfocus", "--sync", app.window)
        self.xdotool("key", *keys)

    def screenshot(self, window, path, crop=None):
        argv = ["import", "-window", window]
        if crop:
            x, y, w, h = crop
            argv += ["-crop", f"{w}x{h}+{x}+{y}", "+repage"]
        subprocess.run(argv + [path], env=self.env, check=True, timeout=60)
        return path

    def log_lines(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as f:
            return f.read().splitlines()

    def unlink(self):
        subprocess.run(self.argv("sender") + ["--unlink", "--name", self.name], env=self.env,
                       capture_output=True, timeout=60)

    def end(self):
        """Whatever happened: no app left running, the mapping removed, Wine and X stopped."""
        for app in self.apps:
            if app.process.poll() is None:
                app.process.kill()
        self.unlink()
        if self.wine:
            self.wine.stop()
        self.x.stop()

    def finish(self):
        outside = [l for app in self.apps for l in app.lines if l.startswith("draw outside")]
        if outside:
            raise Failure(f"a widget drew outside its rectangle: {outside[:3]}")
        codes = []
        for app in self.apps:
            codes.append((app.name, app.close(self.wm_close, self.env)))
        bad = [f"{name} exited {code}" for name, code in codes if code != 0]
        if bad:
            raise Failure("unclean exit: " + ", ".join(bad))


def pixels_differ(a, b):
    """ImageMagick's count of differing pixels (compare prints it on stderr)."""
    done = subprocess.run(["compare", "-metric", "AE", a, b, "null:"], capture_output=True,
                          text=True, timeout=60)
    try:
        return float(done.stderr.split()[0]) > 0
    except (IndexError, ValueError):
        raise Failure(f"compare failed: {done.stderr.strip()}")


def type_and_see(s, receiver, text, shot):
    """Starts a sender, types text and Enter: the receiver's --log holds exactly that text, and
    its log area (screenshot `shot`) changed from before. Returns the sender."""
    empty = s.screenshot(receiver.window, os.path.join(s.out, "receiver-empty.png"),
                         receiver.log_area)
    sender = s.sender()
    s.type_into(sender, text)
    s.key(sender, "Return")
    lines = wait_until("the message in the --log file", lambda: s.log_lines())
    if lines != [text]:
        raise Failure(f"--log holds {lines!r}, expected [{text!r}]")
    after = os.path.join(s.out, shot)
    wait_until("the log area to show the message",
               lambda: pixels_differ(empty, s.screenshot(receiver.window, after,
                                                         receiver.log_area)))
    return sender


def scenario_roundtrip(s):
    """Typed text reaches the receiver's --log file and its log area on screen."""
    sender = type_and_see(s, s.receiver(), HELLO, "receiver-after.png")
    sender.wait_line("delivered 1")
    s.screenshot("root", os.path.join(s.out, "both.png"))


def scenario_offline(s):
    """Messages typed while no receiver runs are queued and delivered, in order, later."""
    sender = s.sender()
    s.type_into(sender, "first, sent while offline", delay_ms=20)
    s.key(sender, "Return")
    sender.wait_line("sent 1")  # in the slot: nobody has taken it
    s.type_into(sender, "second, queued", delay_ms=20)
    s.key(sender, "Return")
    sender.wait_line("queued 2")
    s.screenshot(sender.window, os.path.join(s.out, "sender-queued.png"))
    if any(l.startswith(("delivered", "sent 2")) for l in sender.lines):
        raise Failure(f"sender claims progress without a receiver: {sender.lines}")
    s.receiver()
    wait_until("both messages in the --log file", lambda: len(s.log_lines()) >= 2)
    if s.log_lines() != ["first, sent while offline", "second, queued"]:
        raise Failure(f"--log holds {s.log_lines()!r}")
    sender.wait_line("delivered 2")
    s.screenshot("root", os.path.join(s.out, "both.png"))


def scenario_close_confirm(s):
    """Closing the sender with messages undelivered asks first: Escape keeps the window and the
    messages, so does Enter (the default is the safe choice); W withdraws them (the slot is
    empty after) and closes."""
    if not s.wm_close:
        raise Failure("needs the X helper to close the window as a window manager does")
    sender = s.sender()
    s.type_into(sender, "first, in the slot", delay_ms=20)
    s.key(sender, "Return")
    sender.wait_line("sent 1")
    s.type_into(sender, "second, queued", delay_ms=20)
    s.key(sender, "Return")
    sender.wait_line("queued 2")
    subprocess.run(s.wm_close + [sender.window], env=s.env, check=True, timeout=30)
    sender.wait_line("confirm close: 2 undelivered")
    s.screenshot(sender.window, os.path.join(s.out, "close-question.png"))
    s.key(sender, "Escape")
    sender.wait_line("kept open")
    if sender.process.poll() is not None:
        raise Failure("the sender closed although 'Keep waiting' was chosen")
    subprocess.run(s.wm_close + [sender.window], env=s.env, check=True, timeout=30)
    wait_until("a second confirmation", lambda: len([l for l in sender.lines if l.startswith("confirm close")]) == 2)
    # Enter takes the default, which is the safe choice: keep waiting (issue 24).
    s.key(sender, "Return")
    wait_until("Enter to keep the window", lambda: sender.lines.count("kept open") == 2)
    if any(l.startswith("withdrew") for l in sender.lines):
        raise Failure("Enter withdrew the messages: the default must be 'Keep waiting'")
    subprocess.run(s.wm_close + [sender.window], env=s.env, check=True, timeout=30)
    wait_until("a third confirmation", lambda: len([l for l in sender.lines if l.startswith("confirm close")]) == 3)
    s.key(sender, "w")  # the destructive choice has its own key
    sender.wait_line("withdrew 2, delivered meanwhile 0")
    if sender.process.wait(timeout=20) != 0:
        raise Failure(f"sender exit {sender.process.returncode}: {sender.errors}")
    s.apps.remove(sender)
    # Withdrawn means gone: a receiver finds nothing (exit 3 after its --timeout, no output).
    done = subprocess.run(s.argv("receiver") + ["--print", "--name", s.name, "--count", "1",
                                                "--timeout", "1"],
                          env=s.env, capture_output=True, timeout=60)
    if done.returncode != 3 or done.stdout:
        raise Failure(f"the withdrawn message was still there: {done.returncode} {done.stdout!r}")


def scenario_close_on_sigterm(s):
    """SIGTERM (and SIGINT) to the sender window with a message undelivered asks, as closing the
    window does (SDL turns them into a quit request): nothing is withdrawn or left behind silently;
    W then withdraws it and the window closes."""
    sender = s.sender()
    s.type_into(sender, "nobody reads this", delay_ms=20)
    s.key(sender, "Return")
    sender.wait_line("sent 1")
    sender.process.send_signal(signal.SIGTERM)
    sender.wait_line("confirm close: 1 undelivered")
    s.key(sender, "Escape")
    sender.wait_line("kept open")
    sender.process.send_signal(signal.SIGINT)
    wait_until("a second confirmation", lambda: len([l for l in sender.lines if l.startswith("confirm close")]) == 2)
    s.key(sender, "w")  # the destructive choice has its own key (Return keeps waiting)
    sender.wait_line("withdrew 1, delivered meanwhile 0")
    if sender.process.wait(timeout=20) != 0:
        raise Failure(f"sender exit {sender.process.returncode}: {sender.errors}")
    s.apps.remove(sender)
    done = subprocess.run(s.argv("receiver") + ["--peek", "--name", s.name], env=s.env,
                          capture_output=True, timeout=60)
    if done.returncode != 6:
        raise Failure(f"after SIGTERM and 'Withdraw and close' the slot is not empty: {done.returncode} {done.stdout!r}")


def scenario_held(s):
    """A peer stopped while it holds the lock: the receiver window keeps running, says "channel
    held" in its status line, and takes the message once the peer goes on."""
    receiver = s.receiver()
    victim = subprocess.Popen(s.argv("sender") + ["--name", s.name, "--message", "held message",
                                                  "--pause-at", "writer-after-publish"],
                              env=s.env,
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        line = victim.stderr.readline().decode()
        if "paused at writer-after-publish" not in line:
            raise Failure(f"the sender did not pause: {line!r}")
        os.kill(victim.pid, signal.SIGSTOP)  # holds the lock, with a message in the slot
        receiver.wait_line("channel held")
        s.screenshot(receiver.window, os.path.join(s.out, "receiver-held.png"))
        s.key(receiver, "Page_Up")  # the loop still handles input: no freeze
    finally:
        os.kill(victim.pid, signal.SIGCONT)
        victim.stdin.close()
    if victim.wait(timeout=30) != 0:
        raise Failure(f"the sender failed: {victim.stderr.read()!r}")
    receiver.wait_line("channel free")
    wait_until("the message in the --log file", lambda: s.log_lines() == ["held message"])


def scenario_pause_window(s):
    """--pause-at in a window: the sender window stops right after publishing a typed message,
    says so on stderr and stands still holding the lock (the receiver window says "channel
    held"); Enter on its standard input goes on, and the message is delivered."""
    receiver = s.receiver()
    sender = s.open("sender", "--geometry", "600,0", "--pause-at", "writer-after-publish",
                    stdin=subprocess.PIPE)
    s.type_into(sender, "paused in a window")
    s.key(sender, "Return")
    paused = wait_until("the sender window's pause line",
                        lambda: next((l for l in sender.errors if "paused at" in l), None))
    if paused != f"samplemap: paused at writer-after-publish (pid {sender.process.pid})" and \
            not s.wine:  # under Wine the pid is Windows' own
        raise Failure(f"the pause line does not name the point and the pid: {paused!r}")
    receiver.wait_line("channel held")
    if s.log_lines() or any(l.startswith("delivered") for l in sender.lines):
        raise Failure(f"delivered while paused: {s.log_lines()} {sender.lines}")
    sender.process.stdin.write("\n")
    sender.process.stdin.flush()
    sender.wait_line("delivered 1")
    wait_until("the message in the --log file", lambda: s.log_lines() == ["paused in a window"])


def step_line(app, point, count_before):
    """Waits for the window's next "step POINT button=..." line; returns the button rectangle."""
    line = wait_until(f"{app.name} to stop at {point}",
                      lambda: next((l for l in app.lines[count_before:] if l.startswith("step ")), None))
    if not line.startswith(f"step {point} "):
        raise Failure(f"{app.name} stopped at {line!r}, expected {point}")
    return [int(v) for v in line.split("button=")[1].split(",")]


def bytes_look(app, unit0, after=0):
    """Waits for a "bytes look" line at or after index after that shows unit 0 = unit0 (hex)."""
    return wait_until(f"a byte view with unit 0 = {unit0}",
                      lambda: next((i for i, l in enumerate(app.lines) if i >= after and
                                    l.startswith("bytes look") and f"unit0={unit0} " in l), None))


def step_stop(app, point, count_before):
    """Like step_line, but returns the whole line ("step POINT lines=N button=...")."""
    step_line(app, point, count_before)
    return next(l for l in app.lines[count_before:] if l.startswith("step "))


def scenario_step_live_bytes(s):
    """A window standing at a --step point keeps looking at the shared bytes: a classic
    writer stores while the classic receiver window stands after its copy, and the byte view
    shows the new unit 0 without a key pressed. The step text is wrapped, not cut."""
    receiver = s.receiver("--step", "--classic")
    s.key(receiver, "F2")
    receiver.wait_line("bytes shown")
    bytes_look(receiver, "0000")
    mark = len(receiver.lines)
    classic = s.argv("sender") + ["--classic", "--name", s.name, "--message"]
    done = subprocess.run(classic + ["Hello again"], env=s.env, capture_output=True, timeout=60)
    if done.returncode != 0:
        raise Failure(f"classic sender: {done.stderr!r}")
    stop = step_stop(receiver, "classic-reader-after-copy", mark)
    lines = int(stop.split("lines=")[1].split()[0])
    if lines < 2:
        raise Failure(f"the step text ('classic: message copied out (no lock); a writer may still "
                      f"overwrite it before the clear') should wrap at the default width: {stop!r}")
    mark = len(receiver.lines)
    done = subprocess.run(classic + ["Bob"], env=s.env, capture_output=True, timeout=60)
    if done.returncode != 0:
        raise Failure(f"classic sender: {done.stderr!r}")
    bytes_look(receiver, "0042", mark)  # 'B', seen while the window stands still
    s.screenshot(receiver.window, os.path.join(s.out, "receiver-step-live-bytes.png"))
    mark = len(receiver.lines)
    s.key(receiver, "Return")
    step_line(receiver, "classic-reader-after-clear", mark)
    s.key(receiver, "Return")
    wait_until("the message in the --log file", lambda: s.log_lines() == ["Hello again"])


def scenario_step_bytes(s):
    """F2 shows the shared bytes; --step stops the receiver window at each protocol point
    (Step button, Enter, Space), and the byte view follows the slot while it stands there;
    the sender window steps too."""
    receiver = s.receiver("--step")
    s.key(receiver, "F2")
    receiver.wait_line("bytes shown")
    bytes_look(receiver, "0000")
    sender = subprocess.Popen(s.argv("sender") + ["--name", s.name, "--message", "Hello",
                                                  "--timeout", "60"],
                              env=s.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        mark = len(receiver.lines)
        step_line(receiver, "reader-locked", mark)
        bytes_look(receiver, "0048", mark)  # the message, seen while the window holds the lock
        s.screenshot(receiver.window, os.path.join(s.out, "receiver-step-locked.png"))
        mark = len(receiver.lines)
        s.key(receiver, "Return")
        button = step_line(receiver, "reader-after-copy", mark)
        mark = len(receiver.lines)
        x, y, w, h = button
        s.xdotool("mousemove", "--window", receiver.window, str(x + w // 2), str(y + h // 2),
                  "click", "1")
        step_line(receiver, "reader-after-clear", mark)
        bytes_look(receiver, "0000", mark)  # unit 0 cleared; the old tail stays
        s.screenshot(receiver.window, os.path.join(s.out, "receiver-step-cleared.png"))
        mark = len(receiver.lines)
        s.key(receiver, "space")
        step_line(receiver, "reader-unlocked", mark)
        # Only the lock moved since the clear: unit 0 stays marked as changed until the bytes
        # change again (the last look before the stop still counts one changed unit).
        looks = [l for l in receiver.lines[:next(i for i in range(mark, len(receiver.lines))
                                                 if receiver.lines[i].startswith("step "))]
                 if l.startswith("bytes look")]
        if not looks or not looks[-1].endswith(" changed=1"):
            raise Failure(f"after the unlock the cleared unit 0 should still be marked: {looks[-1:]}")
        s.key(receiver, "Return")
        if sender.wait(timeout=60) != 0:
            raise Failure(f"the sender failed: {sender.stderr.read()!r}")
    finally:
        if sender.poll() is None:
            sender.kill()
    wait_until("the message in the --log file", lambda: s.log_lines() == ["Hello"])
    # The 128 rows do not fit: Page_Down scrolls by a page, Home goes back to the top.
    s.key(receiver, "Page_Down")
    rows = receiver.wait_line("bytes rows from ")
    fit = int(rows.split(", ")[1].split()[0])
    if not 10 <= fit < 128 or rows != f"bytes rows from {fit}, {fit} shown":
        raise Failure(f"Page_Down in the byte view: {rows!r}")
    s.screenshot(receiver.window, os.path.join(s.out, "receiver-bytes-scrolled.png"))
    s.key(receiver, "Home")
    receiver.wait_line("bytes rows from 0,")
    s.key(receiver, "F2")
    receiver.wait_line("bytes hidden")
    # The sender window: typed text, Enter, then the Step button through the writer's points.
    window_sender = s.open("sender", "--geometry", "600,0", "--step",
                           trace="state,layout")
    receiver_mark = len(receiver.lines)
    s.type_into(window_sender, "hi")
    mark = len(window_sender.lines)
    s.key(window_sender, "Return")
    button = step_line(window_sender, "writer-locked", mark)
    # Its entry's header ("queued · waiting until the receiver has read the previous message")
    # is wider than the list: wrapped onto a second line, read in full (never cut with "…").
    wait_until("the sent entry's long header wrapped", lambda: next(
        (l for l in reversed(list(window_sender.lines)) if l.startswith("rects ")
         and " log_wrapped=1" in f"{l} "), None))
    s.screenshot(window_sender.window, os.path.join(s.out, "sender-step-locked.png"))
    for point in ("writer-after-body", "writer-after-publish", "writer-unlocked"):
        mark = len(window_sender.lines)
        x, y, w, h = button
        s.xdotool("mousemove", "--window", window_sender.window, str(x + w // 2), str(y + h // 2),
                  "click", "1")
        button = step_line(window_sender, point, mark)
    mark = receiver_mark
    s.key(window_sender, "Return")
    # The receiver window steps as well (it may start once the writer unlocked): four clicks
    # (a click needs no keyboard focus, which Wine hands over late between two windows).
    for point in ("reader-locked", "reader-after-copy", "reader-after-clear", "reader-unlocked"):
        x, y, w, h = step_line(receiver, point, mark)
        mark = len(receiver.lines)
        s.xdotool("mousemove", "--window", receiver.window, str(x + w // 2), str(y + h // 2),
                  "click", "1")
    window_sender.wait_line("delivered 1")
    wait_until("the second message in the --log file", lambda: s.log_lines() == ["Hello", "hi"])


def scenario_overlimit(s):
    """1024 units are refused with the reason shown; 1023 go through."""
    receiver = s.receiver()
    sender = s.sender()
    s.type_into(sender, "a" * 1024, delay_ms=1)  # ASCII needs no keymap remapping
    s.key(sender, "Return")
    refused = sender.wait_line("refused:", timeout=60)
    if "1024" not in refused:
        raise Failure(f"the refusal does not name the length: {refused}")
    s.screenshot(sender.window, os.path.join(s.out, "sender-refused.png"))
    s.key(sender, "BackSpace", "Return")
    sender.wait_line("delivered 1")
    lines = wait_until("the 1023-unit message in the --log file", lambda: s.log_lines())
    if lines != ["a" * 1023]:
        raise Failure(f"--log holds {len(lines)} line(s) of lengths {[len(l) for l in lines]}, "
                      "expected only the 1023-unit message")
    del receiver


SHOWCASE = ["Hello, world!", "Привет, мир! Γειά σου κόσμε!", "你好，世界 こんにちは 안녕하세요",
            "العام 2024 كان جيدا", "המחיר הוא 150 שקלים", "Hello שלום world",
            "Emoji too: 😀 🎉 👍"]


def scenario_classic(s):
    """--classic: both windows say so (title and banner) and still pass a message along."""
    receiver = s.receiver("--classic")
    sender = s.sender("--classic")
    for role in ("receiver", "sender"):
        s.window(f"SampleMap {role}.*CLASSIC, unsafe")  # found only if the title says it
    s.type_into(sender, "classic hello")
    s.key(sender, "Return")
    lines = wait_until("the message in the --log file", lambda: s.log_lines())
    if lines != ["classic hello"]:
        raise Failure(f"--log holds {lines!r}")
    s.screenshot("root", os.path.join(s.out, "both.png"))


def scenario_wake(s):
    """--wake: a helper thread in each window delivers at once. Both fallback polls are set to
    60 s, so a message that arrives (and is reported delivered) within the waits below came
    through the wake path; the receiver's frame trace names the frame that showed it."""
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log_arg, "--wake",
                       "--interval", "60000", trace="state,frames")
    receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    sender = s.sender("--wake", "--interval", "60000")
    for number, text in enumerate(("wake one", "wake two"), start=1):
        s.type_into(sender, text)
        s.key(sender, "Return")
        receiver.wait_line(f"frame {number} ", timeout=10)
        sender.wait_line(f"delivered {number}", timeout=10)
    lines = s.log_lines()
    if lines != ["wake one", "wake two"]:
        raise Failure(f"--log holds {lines!r}")
    # The status lines say "wake": kept for a person to look at.
    s.screenshot(receiver.window, os.path.join(s.out, "receiver.png"))
    s.screenshot(sender.window, os.path.join(s.out, "sender.png"))


def scenario_paste(s):
    """Ctrl+V pastes the clipboard (served by xclip) into the field; Enter sends it. A pasted TAB
    is kept (it used to become a space)."""
    text = "Вставка\t粘贴 😀 paste"
    receiver = s.receiver()
    sender = s.sender()
    clip = subprocess.Popen(["xclip", "-selection", "clipboard", "-loops", "1"], stdin=subprocess.PIPE,
                            env=s.env)
    clip.stdin.write(text.encode())
    clip.stdin.close()  # xclip now owns the clipboard until one client has read it
    s.key(sender, "ctrl+v")
    s.key(sender, "Return")
    lines = wait_until("the pasted message in the --log file", lambda: s.log_lines())
    logged = text.replace("\t", "\\t")  # the --log file writes a TAB as \t
    if lines != [logged]:
        raise Failure(f"--log holds {lines!r}, expected [{logged!r}]")
    clip.wait(timeout=30)
    s.screenshot(receiver.window, os.path.join(s.out, "receiver.png"))


FIELD = (10, 29, 440, 70)  # the sender's text field in window coordinates at scale 1


def scenario_ime(s):
    """An IME composition is shown in the field, Enter does not send it, the commit does."""
    receiver = s.receiver()
    sender = s.start("sender", "--geometry", "600,0", env_extra={"SAMPLEMAP_TEST_IME": "にほんご"})
    sender.wait_line("ready")
    sender.window = s.window("SampleMap sender")
    s.type_into(sender, "abc ")
    field = FIELD
    before = s.screenshot(sender.window, os.path.join(s.out, "field-typed.png"), field)
    s.key(sender, "F12")  # the IME starts composing
    composing = os.path.join(s.out, "field-composing.png")
    wait_until("the composition to show in the field",
               lambda: pixels_differ(before, s.screenshot(sender.window, composing, field)))
    s.key(sender, "Return")  # belongs to the IME while it composes: nothing is sent
    s.key(sender, "F11")  # the IME commits
    s.key(sender, "Return")
    lines = wait_until("the committed message in the --log file", lambda: s.log_lines())
    if lines != ["abc にほんご"]:
        raise Failure(f"--log holds {lines!r}: Enter during composition must not send")
    s.screenshot(receiver.window, os.path.join(s.out, "receiver.png"))


# Mixed-direction messages and how they must read, left to right on screen, as runs:
# [text] left to right, <text> right to left (text in logical order), from x=0 for a
# left-to-right paragraph, flush right for a right-to-left one.
BIDI = [("العام 2024 كان جيدا", "rtl < كان جيدا>[2024]<العام >"),
        ("המחיר הוא 150 שקלים", "rtl < שקלים>[150]<המחיר הוא >"),
        ("Hello שלום world", "ltr [Hello ]<שלום>[ world]"),
        ("טלפון: 03-1234567", "rtl [03-1234567]<טלפון: >"),
        ("Call (מוקד) now!", "ltr [Call (]<מוקד>[) now!]"),
        ("שלום Hello 42!", "rtl <!>[Hello 42]<שלום >"),
        # Scripts none of the chain's own fonts has: found per character by coverage.
        ("สวัสดี नमस्ते ሰላም", "ltr [สวัสดี नमस्ते ሰላም]")]


def visual_runs(description):
    """'rtl x=.. w=.. box=.. <Face:a> <Face:b> [Face:c]' -> ('rtl', x, w, box, '<ba>[c]'): the
    face names dropped and neighbouring runs of one direction joined, so the order is what
    is checked, not which font drew a space."""
    direction, x, w, box, runs = description.split(" ", 4)
    x, w, box = (int(v.split("=")[1]) for v in (x, w, box))
    pieces = []
    for opener, text in re.findall(r"([\[<])[^:]*:(.*?)[\]>](?= [\[<]|$)", runs):
        if pieces and pieces[-1][0] == opener:
            # Joined in logical order: a right-to-left run further right comes first.
            previous = pieces[-1][1]
            pieces[-1] = (opener, previous + text if opener == "[" else text + previous)
        else:
            pieces.append((opener, text))
    return direction, x, w, box, "".join(o + t + ("]" if o == "[" else ">") for o, t in pieces)


def scenario_bidi(s):
    """Right-to-left and mixed text in the receiver, laid out by the Unicode bidi algorithm
    with real fonts: the receiver traces each line's runs (--trace layout); the order,
    the alignment and "no character drawn by a face without its glyph" are checked."""
    # Windows has no fontconfig: there only the font table's faces draw, so the last line
    # (scripts none of them has) is left out; the bidi order and shaping are the same code.
    cases = BIDI[:-1] if s.wine else BIDI
    receiver = s.open("receiver", "--geometry", "0,0", "--log", s.log_arg,
                      trace="state,layout")
    argv = s.argv("sender") + ["--name", s.name, "--timeout", "30"]
    for text, _ in cases:
        argv += ["--message", text]
    subprocess.run(argv, env=s.env, check=True, timeout=120, capture_output=True)
    wait_until("every message in the --log file", lambda: s.log_lines() == [t for t, _ in cases])
    for number, (text, expected) in enumerate(cases, 1):
        line = receiver.wait_line(f"layout {number} ")
        missing = line.split()[2]
        description = line.split(" ", 3)[3]
        direction, x, w, box, order = visual_runs(description)
        got = f"{direction} {order}"
        if got != expected:
            raise Failure(f"message {number} {text!r} is laid out as {got!r}, expected "
                          f"{expected!r} ({line})")
        if missing != "missing=0":
            raise Failure(f"message {number} has characters drawn without a glyph: {line}")
        if direction == "rtl" and x + w != box or direction == "ltr" and x != 0:
            raise Failure(f"message {number} is not aligned to its direction's side: {line}")
        print(line)
    s.screenshot(receiver.window, os.path.join(s.out, "receiver.png"))


CONTROLS = "tab\tesc\x1bbel\x07del\x7fnel\x85end\u2028line two\u2029paragraph"


def scenario_controls(s):
    """Control characters in received text are visible symbols, never boxes: every line is laid
    out with no character lacking a glyph; U+2028 and U+2029 break lines (three lines); copying
    the entry gives the text as sent, controls included."""
    receiver = s.open("receiver", "--geometry", "0,0", "--log", s.log_arg,
                      trace="state,layout")
    log_area = receiver.log_area
    subprocess.run(s.argv("sender") + ["--name", s.name, "--timeout", "30", "--message", CONTROLS],
                   env=s.env, check=True, timeout=120, capture_output=True)
    receiver.wait_line("layout 1 ")
    wait_until("the message's last line laid out", lambda: any(
        l.startswith("layout 1 ") and "paragraph" not in l for l in receiver.lines) and len(
        [l for l in receiver.lines if l.startswith("layout 1 ")]) >= 3, timeout=10)
    lines = [l for l in receiver.lines if l.startswith("layout 1 ")]
    if len(lines) != 3:
        raise Failure(f"U+2028/U+2029 did not break the message into 3 lines: {lines}")
    bad = [l for l in lines if l.split()[2] != "missing=0"]
    if bad:
        raise Failure(f"control characters drawn without a glyph (boxes): {bad}")
    x, y, w, h = log_area
    s.xdotool("mousemove", "--window", receiver.window, str(x + 40), str(y + 30), "click", "1")
    s.key(receiver, "ctrl+c")
    copied = wait_until("the entry on the clipboard", lambda: subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"], env=s.env, capture_output=True,
        timeout=30).stdout.decode("utf-8", "replace") or None)
    if copied != CONTROLS:
        raise Failure(f"the copy is not the text as sent: {copied!r}")
    s.screenshot(receiver.window, os.path.join(s.out, "receiver-controls.png"))


def scenario_editing(s):
    """The sender's field edits as text fields do: word-wise deletion and movement, Shift
    selection, undo/redo, Shift+Enter line breaks with Up/End between lines, Ctrl+A/X/V through
    the real clipboard, Escape, click to place the caret and drag to select. Each message sent
    shows the result of one group of keys."""
    receiver = s.receiver()
    sender = s.start("sender", "--geometry", "600,0", trace="state,layout")
    sender.wait_line("ready")
    sender.window = s.window("SampleMap sender")
    sent = 0

    def units():
        traced = [l for l in list(sender.lines) if l.startswith("rects ")]
        return int(traced[-1].split("units=")[1].split()[0]) if traced else -1

    def send(expected_lines):
        nonlocal sent
        s.key(sender, "Return")
        sent += 1
        sender.wait_line(f"delivered {sent}")
        lines = wait_until(f"message {sent} in the --log file",
                           lambda: s.log_lines() if len(s.log_lines()) >= len(expected_lines) else None)
        if lines != expected_lines:
            raise Failure(f"after message {sent} the --log holds {lines!r}, expected {expected_lines!r}")

    def click(x, y):
        s.xdotool("mousemove", "--window", sender.window, str(x), str(y))
        s.xdotool("click", "1")

    expected = []
    s.type_into(sender, "alpha beta gamma")
    s.key(sender, "ctrl+BackSpace")  # "alpha beta "
    s.key(sender, "ctrl+z", "ctrl+y", "ctrl+z")  # back, forward, back: "alpha beta gamma"
    s.key(sender, "ctrl+Left", "shift+ctrl+Left")  # "beta " selected
    s.type_into(sender, "B ")
    send(expected := expected + ["alpha B gamma"])

    s.type_into(sender, "line one")
    s.key(sender, "shift+Return")
    s.type_into(sender, "line two")
    s.key(sender, "Up", "End")
    s.type_into(sender, "!")
    # The counter counts the line break as the one unit it is on the wire.
    wait_until("the counter at 18 for 'line one!\\nline two'", lambda: units() == 18)
    s.screenshot(sender.window, os.path.join(s.out, "field-two-lines.png"))
    # One message, one line in the log: --log escapes the line break (docs/manual.md, "One line per message").
    send(expected := expected + ["line one!\\nline two"])

    s.type_into(sender, "abc")
    s.key(sender, "ctrl+a", "ctrl+x")
    clip = subprocess.run(["xclip", "-o", "-selection", "clipboard"], env=s.env,
                          capture_output=True, text=True, timeout=30)
    if clip.stdout != "abc":
        raise Failure(f"Ctrl+X put {clip.stdout!r} on the clipboard, expected 'abc'")
    s.type_into(sender, "1")
    s.key(sender, "ctrl+v")
    send(expected := expected + ["1abc"])

    s.type_into(sender, "junk")
    s.key(sender, "Escape")
    s.type_into(sender, "ok")
    send(expected := expected + ["ok"])

    s.type_into(sender, "ab")
    click(FIELD[0] + 3, FIELD[1] + 12)  # before the first character
    s.type_into(sender, "X")
    send(expected := expected + ["Xab"])

    s.type_into(sender, "hello world")
    s.xdotool("mousemove", "--window", sender.window, str(FIELD[0] + 3), str(FIELD[1] + 12))
    s.xdotool("mousedown", "1")
    s.xdotool("mousemove", "--window", sender.window, str(FIELD[0] + FIELD[2] - 10),
              str(FIELD[1] + 12))
    s.xdotool("mouseup", "1")
    s.screenshot(sender.window, os.path.join(s.out, "field-selected.png"))
    s.type_into(sender, "Z")  # replaces the dragged-over selection
    send(expected := expected + ["Z"])

    s.type_into(sender, "אב")
    s.key(sender, "Right")  # right to left: Right goes back one letter, to between them
    s.type_into(sender, "X")
    send(expected := expected + ["אXב"])
    del receiver


def parse_view(line):
    """'view first=1 last=3 ... thumb=x,y,w,h visible=1:40:42,...' -> dict (numbers parsed)."""
    fields = dict(item.split("=", 1) for item in line.split()[1:])
    view = {key: fields[key] for key in ("first", "last", "new", "dropped", "shaped")}
    view = {key: int(value) for key, value in view.items()}
    view["selected"] = tuple(int(v) for v in fields["selected"].split("-"))
    for key in ("thumb", "marker"):
        view[key] = [int(v) for v in fields[key].split(",")]
    view["match"] = fields.get("match", "")
    view["hidden"] = int(fields.get("hidden", "0"))
    view["visible"] = {int(i): (int(y), int(h)) for i, y, h in
                       (e.split(":") for e in fields["visible"].split(",") if e)}
    return view


def wait_view(app, what, predicate, timeout=20.0):
    """Waits for the receiver's latest traced view to satisfy predicate; returns it."""
    def latest():
        views = [l for l in list(app.lines) if l.startswith("view ")]
        view = parse_view(views[-1]) if views else None
        return view if view is not None and predicate(view) else None
    return wait_until(what, latest, timeout)


def scenario_log(s):
    """The receiver's log: a click selects a message, shift+click a range, Ctrl+A all, Ctrl+C
    copies (read back from the real clipboard with xclip); the scrollbar's thumb drags back to
    the oldest; messages arriving meanwhile show an "N new" marker and leave the view alone, and
    a click on it goes to the newest; Ctrl+L and the Clear button empty the log."""
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log, "--interval", "20",
                       trace="state,layout")
    ready = receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    area = [int(v) for v in ready.split("log=")[1].split()[0].split(",")]
    clear = [int(v) for v in ready.split("clear=")[1].split()[0].split(",")]

    def send(*texts):
        argv = [s.args.sender, "--name", s.name, "--timeout", "30"]
        for text in texts:
            argv += ["--message", text]
        subprocess.run(argv, env=s.env, check=True, timeout=120, capture_output=True)

    def click(x, y, *modifiers):
        s.xdotool("windowfocus", "--sync", receiver.window)
        s.xdotool("mousemove", "--window", receiver.window, str(x), str(y))
        for m in modifiers:
            s.xdotool("keydown", m)
        s.xdotool("click", "1")
        for m in modifiers:
            s.xdotool("keyup", m)

    def clipboard():
        return subprocess.run(["xclip", "-o", "-selection", "clipboard"], env=s.env,
                              capture_output=True, text=True, timeout=30).stdout

    send("one", "two", "three")
    view = wait_view(receiver, "three messages in view", lambda v: len(v["visible"]) == 3)
    middle = {i: y + h // 2 for i, (y, h) in view["visible"].items()}
    x = area[0] + 40
    click(x, middle[1])
    wait_view(receiver, "message 1 selected", lambda v: v["selected"] == (1, 1))
    click(x, middle[3], "shift")
    wait_view(receiver, "messages 1-3 selected", lambda v: v["selected"] == (1, 3))
    s.screenshot(receiver.window, os.path.join(s.out, "selected.png"))
    s.key(receiver, "ctrl+c")
    wait_until("the range on the clipboard", lambda: clipboard() == "one\ntwo\nthree")
    click(x, middle[2])
    wait_view(receiver, "message 2 selected", lambda v: v["selected"] == (2, 2))
    s.key(receiver, "ctrl+c")
    wait_until("message 2 on the clipboard", lambda: clipboard() == "two")
    s.key(receiver, "ctrl+a")
    wait_view(receiver, "all selected", lambda v: v["selected"] == (1, 3))

    send(*[f"message {n}" for n in range(4, 41)])
    view = wait_view(receiver, "the newest in view with a scrollbar",
                     lambda v: v["last"] == 40 and v["thumb"][3] > 0)
    tx, ty, tw, th = view["thumb"]
    s.xdotool("mousemove", "--window", receiver.window, str(tx + tw // 2), str(ty + th // 2))
    s.xdotool("mousedown", "1")
    s.xdotool("mousemove", "--window", receiver.window, str(tx + tw // 2), str(area[1] - th))
    s.xdotool("mouseup", "1")
    wait_view(receiver, "the thumb dragged to the oldest", lambda v: v["first"] == 1)
    send("late one", "late two")
    view = wait_view(receiver, "the '2 new' marker", lambda v: v["new"] == 2 and v["marker"][2] > 0)
    if view["first"] != 1:
        raise Failure(f"new messages moved the view being read: {view}")
    s.screenshot(receiver.window, os.path.join(s.out, "new-marker.png"))
    mx, my, mw, mh = view["marker"]
    click(mx + mw // 2, my + mh // 2)
    wait_view(receiver, "back at the newest", lambda v: v["last"] == 42 and v["new"] == 0)

    s.key(receiver, "ctrl+l")
    wait_view(receiver, "an empty log after Ctrl+L", lambda v: v["visible"] == {})
    send("after clear")
    wait_view(receiver, "one message after the clear", lambda v: list(v["visible"]) == [43])
    click(clear[0] + clear[2] // 2, clear[1] + clear[3] // 2)
    wait_view(receiver, "an empty log after Clear", lambda v: v["visible"] == {})
    s.screenshot(receiver.window, os.path.join(s.out, "cleared.png"))
    if len(s.log_lines()) != 43:
        raise Failure(f"clearing the window touched the --log file: {len(s.log_lines())} lines")


def scenario_log_dropped(s):
    """Past SM_UI_LOGLIST_MAX (1000) entries the oldest leave the window's list, and a note at
    its top says how many; the --log file keeps every message."""
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log, "--wake", "--interval", "1",
                       trace="state,layout")
    receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    lines = "".join(f"m{n}\n" for n in range(1, 1004))
    subprocess.run([s.args.sender, "--name", s.name, "--stdin", "--timeout", "30"], input=lines,
                   env=s.env, check=True, timeout=170, capture_output=True, text=True)
    wait_view(receiver, "1003 messages, 3 dropped", lambda v: v["last"] == 1003 and v["dropped"] == 3,
              timeout=60)
    s.key(receiver, "Home")  # to the oldest left: the note is above it
    view = wait_view(receiver, "the oldest kept in view", lambda v: v["first"] == 4)
    first_y = view["visible"][4][0]
    if first_y <= receiver_log_top(s, receiver):
        raise Failure(f"no room for the note above the oldest entry: {view}")
    s.screenshot(receiver.window, os.path.join(s.out, "dropped-note.png"))
    if len(s.log_lines()) != 1003:
        raise Failure(f"the --log file holds {len(s.log_lines())} lines, expected 1003")


def viewer_receiver(s, *extra):
    """A receiver window for the log viewer scenarios: traces its state and its view."""
    receiver = s.open("receiver", "--geometry", "0,0", "--log", s.log_arg, "--interval", "20",
                      *extra, trace="state,layout")
    return receiver


def send_headless(s, *texts):
    """Sends texts with a headless sender; its exit status 0 says each was delivered."""
    argv = s.argv("sender") + ["--name", s.name, "--timeout", "30"]
    for text in texts:
        argv += ["--message", text]
    subprocess.run(argv, env=s.env, check=True, timeout=120, capture_output=True)


def filter_by_pid(s, receiver, pid, count):
    """Ctrl+H with -pid:PID hides the count entries of that writer, then pid:PID shows only
    them again; the filter bar is left open with pid:PID in it."""
    s.key(receiver, "ctrl+h")
    receiver.wait_line("prompt filter")
    s.type_into(receiver, "-pid:%d" % pid)
    viewer_state(receiver, "the writer's entries excluded", shown=0, hidden=count)
    s.key(receiver, "ctrl+a")
    s.type_into(receiver, "pid:%d" % pid)
    viewer_state(receiver, "the writer's entries picked", shown=count, hidden=0)


def save_matches_log(s, receiver, target, count):
    """Ctrl+S with the prompt's name replaced by target: the window says it saved count entries,
    and the file holds exactly the bytes of the --log file (one format, the same escapes)."""
    s.key(receiver, "ctrl+a")
    s.type_into(receiver, Wine.path(target) if s.wine else target)
    s.key(receiver, "Return")
    receiver.wait_line(f"saved {count} ")
    with open(target, "rb") as saved, open(s.log, "rb") as log:
        saved_bytes, log_bytes = saved.read(), log.read()
    if saved_bytes != log_bytes:
        raise Failure(f"the saved file differs from the --log file: {saved_bytes!r} vs {log_bytes!r}")


def save_new_matches_log(s, receiver, target, count):
    """Ctrl+S opens the save prompt, and saving to target (removed first, so nothing of an
    earlier run counts) gives the bytes of the --log file (save_matches_log)."""
    if os.path.exists(target):
        os.remove(target)
    s.key(receiver, "ctrl+s")
    receiver.wait_line("prompt save")
    save_matches_log(s, receiver, target, count)


def viewer_state(app, what, **expected):
    """Waits for the window's latest 'viewer k=v ...' trace line to hold expected; returns it."""
    def latest():
        lines = [l for l in list(app.lines) if l.startswith("viewer ")]
        if not lines:
            return None
        state = dict(item.split("=", 1) for item in lines[-1].split()[1:])
        return state if all(state.get(k) == str(v) for k, v in expected.items()) else None
    return wait_until(what, latest)


def clipboard(s):
    return subprocess.run(["xclip", "-o", "-selection", "clipboard"], env=s.env,
                          capture_output=True, text=True, timeout=30).stdout


def scenario_viewer_find(s):
    """Ctrl+F opens the find bar; typing finds (ASCII case ignored) and says "n of m"; Enter
    and F3 go to the next match, Shift+Enter and Shift+F3 to the previous, wrapping; the current
    match is scrolled into view; Escape closes the bar and the highlights."""
    receiver = viewer_receiver(s)
    send_headless(s, "alpha one", "beta", "ALPHA two", "gamma", "Alpha three")
    wait_view(receiver, "five messages", lambda v: v["last"] == 5)
    s.key(receiver, "ctrl+f")
    receiver.wait_line("prompt find")
    s.type_into(receiver, "alpha")
    viewer_state(receiver, "1 of 3", match="1/3")
    wait_view(receiver, "the first match current", lambda v: v["match"] == "1/3:1")
    s.screenshot(receiver.window, os.path.join(s.out, "find-bar.png"))
    for keys, rank, entry in ((["Return"], 2, 3), (["F3"], 3, 5), (["F3"], 1, 1),
                              (["shift+F3"], 3, 5), (["shift+Return"], 2, 3)):
        s.key(receiver, *keys)
        wait_view(receiver, f"{keys} to match {rank} of 3 (entry {entry})",
                  lambda v: v["match"] == f"{rank}/3:{entry}")
    s.key(receiver, "BackSpace")  # "alph": the same three
    s.type_into(receiver, "a t")   # "alpha t": "ALPHA two" and "Alpha three"
    viewer_state(receiver, "2 matches", match="1/2")
    # Scrolled away: a find brings its match back into view.
    send_headless(s, *[f"filler {n}" for n in range(6, 61)])
    wait_view(receiver, "the newest in view", lambda v: v["last"] == 60 and 3 not in v["visible"])
    s.key(receiver, "Escape")
    receiver.wait_line("prompt closed")
    viewer_state(receiver, "no matches after Escape", match="0/0")
    s.key(receiver, "ctrl+f")
    s.type_into(receiver, "two")
    view = wait_view(receiver, "'ALPHA two' found and in view",
                     lambda v: v["match"] == "1/1:3" and 3 in v["visible"])
    s.screenshot(receiver.window, os.path.join(s.out, "found-scrolled.png"))
    s.type_into(receiver, "x")
    viewer_state(receiver, "no match", match="0/0")
    s.key(receiver, "Escape")


def scenario_viewer_filter(s):
    """Ctrl+H filters: only entries containing the text are shown, the others hidden (counted,
    never dropped: the list keeps them and shows them again when the filter is emptied)."""
    receiver = viewer_receiver(s)
    send_headless(s, "keep a", "drop b", "Keep c", "drop d", "keep e")
    wait_view(receiver, "five messages", lambda v: v["last"] == 5)
    s.key(receiver, "ctrl+h")
    receiver.wait_line("prompt filter")
    s.type_into(receiver, "keep")
    viewer_state(receiver, "2 hidden", shown=3, hidden=2, dropped=0)
    wait_view(receiver, "only the kept ones", lambda v: sorted(v["visible"]) == [1, 3, 5])
    s.screenshot(receiver.window, os.path.join(s.out, "filtered.png"))
    s.key(receiver, "Return")  # the bar closes, the filter stays
    send_headless(s, "drop f", "keep g")
    viewer_state(receiver, "a new hidden one", shown=4, hidden=3)
    wait_view(receiver, "the new kept one shown", lambda v: sorted(v["visible"]) == [1, 3, 5, 7])
    s.key(receiver, "ctrl+h")  # the bar opens with the filter's text selected
    s.key(receiver, "BackSpace")
    viewer_state(receiver, "all shown again", shown=7, hidden=0)
    wait_view(receiver, "every entry back", lambda v: sorted(v["visible"]) == list(range(1, 8)))
    s.key(receiver, "Escape")
    if len(s.log_lines()) != 7:
        raise Failure(f"the --log file holds {len(s.log_lines())} lines, expected 7")


def scenario_viewer_pause(s):
    """Ctrl+P pauses the list: messages are still taken (the sender's delivered count goes on;
    the --log file grows) and counted as new while paused, the list stays as it was; resuming
    shows every one of them, in order."""
    receiver = viewer_receiver(s)
    send_headless(s, "before")
    wait_view(receiver, "one message", lambda v: v["last"] == 1)
    s.key(receiver, "ctrl+p")
    receiver.wait_line("paused")
    viewer_state(receiver, "paused", paused=1, new=0)
    sender = s.sender()
    for n in (1, 2, 3):
        s.type_into(sender, f"paused {n}")
        s.key(sender, "Return")
        sender.wait_line(f"delivered {n}")
    send_headless(s, *[f"burst {n}" for n in range(1, 41)])
    viewer_state(receiver, "43 new while paused", paused=1, new=43, shown=1)
    view = wait_view(receiver, "the list unchanged", lambda v: list(v["visible"]) == [1])
    s.screenshot(receiver.window, os.path.join(s.out, "paused.png"))
    if len(s.log_lines()) != 44:
        raise Failure(f"messages not taken while paused: the --log file has {len(s.log_lines())}")
    pause = [int(v) for v in receiver.wait_line("ready").split("pause=")[1].split()[0].split(",")]
    s.xdotool("mousemove", "--window", receiver.window, str(pause[0] + pause[2] // 2),
              str(pause[1] + pause[3] // 2))
    s.xdotool("click", "1")  # the Resume button
    receiver.wait_line("resumed: 43 new while paused")
    viewer_state(receiver, "all shown", paused=0, new=0, shown=44)
    wait_view(receiver, "the newest in view", lambda v: v["last"] == 44)


def scenario_focus_click(s):
    """A click on a button of a window that is not focused acts at once, as a native button
    does: the receiver's Pause button, clicked ten times while the sender has the keyboard,
    pauses and resumes ten times (SDL on Windows drops the click that activates a window
    unless SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH is set)."""
    receiver = viewer_receiver(s)
    sender = s.sender()
    pause = [int(v) for v in receiver.wait_line("ready").split("pause=")[1].split()[0].split(",")]
    for n in range(10):
        s.xdotool("windowfocus", "--sync", sender.window)  # the receiver is not focused
        # Held for 0.1 s, as a person's click is: the window is activated while it is down.
        s.xdotool("mousemove", "--window", receiver.window, str(pause[0] + pause[2] // 2),
                  str(pause[1] + pause[3] // 2), "mousedown", "1", "sleep", "0.1", "mouseup", "1")
        viewer_state(receiver, f"click {n + 1} on Pause to act", paused=(n + 1) % 2)


def scenario_viewer_save(s):
    """Ctrl+S saves the shown entries in the --log format (escapes and all) to a file named in
    the prompt; a file that cannot be made (no such directory) or written (/dev/full: a full
    disk) is one plain line in the prompt, not a crash."""
    receiver = viewer_receiver(s)
    texts = ["plain", "tab\there", "two\nlines", "back\\slash", "мир 世界", "bell\x07"]
    send_headless(s, *texts)
    wait_view(receiver, "six messages", lambda v: v["last"] == 6)
    target = os.path.join(s.out, "saved.txt")
    if os.path.exists(target):
        os.remove(target)
    unwritable = os.path.join(s.out, "no-such-directory", "saved.txt")
    s.key(receiver, "ctrl+s")
    receiver.wait_line("prompt save")
    s.type_into(receiver, Wine.path(unwritable) if s.wine else unwritable)
    s.key(receiver, "Return")
    failed = receiver.wait_line("save failed: ")
    if "no-such-directory" not in failed:
        raise Failure(f"the error does not name the file: {failed}")
    s.screenshot(receiver.window, os.path.join(s.out, "save-error.png"))
    if not s.wine and os.path.exists("/dev/full"):  # a full disk: the write (or close) fails
        count = len(receiver.lines)
        s.key(receiver, "ctrl+a")
        s.type_into(receiver, "/dev/full")
        s.key(receiver, "Return")
        full = wait_until("the full disk's error", lambda: next(
            (l for l in receiver.lines[count:] if l.startswith("save failed: ")), None))
        if "Writing this file failed" not in full or "No space left" not in full:
            raise Failure(f"a full disk is not reported as such: {full}")
    save_matches_log(s, receiver, target, 6)


def scenario_viewer_menu(s):
    """The context menu: a right click on an entry selects it and opens the menu; Copy puts its
    text on the CLIPBOARD; Shift+F10 and the Menu key open it from the keyboard, Up/Down/Enter
    choose and Escape closes it: Copy with details, Select all, Clear."""
    receiver = viewer_receiver(s)
    send_headless(s, "first", "second")
    view = wait_view(receiver, "two messages", lambda v: len(v["visible"]) == 2)
    y, h = view["visible"][2]
    s.xdotool("windowfocus", "--sync", receiver.window)
    s.xdotool("mousemove", "--window", receiver.window, str(receiver.log_area[0] + 40), str(y + h // 2))
    s.xdotool("click", "3")
    receiver.wait_line("menu shown")
    wait_view(receiver, "the entry under the pointer selected", lambda v: v["selected"] == (2, 2))
    s.screenshot(receiver.window, os.path.join(s.out, "menu.png"))
    s.key(receiver, "Down", "Up", "Return")  # to "Copy with details" and back to "Copy"
    receiver.wait_line("menu chose copy: copied")
    wait_until("the entry's text on the clipboard", lambda: clipboard(s) == "second")
    count = len(receiver.lines)
    s.key(receiver, "shift+F10")
    wait_until("the menu from Shift+F10", lambda: "menu shown" in receiver.lines[count:])
    s.key(receiver, "Escape")
    wait_until("the menu closed", lambda: "menu hidden" in receiver.lines[count:])
    s.key(receiver, "Menu", "Down", "Return")  # Copy with details
    receiver.wait_line("menu chose copy with details: copied")
    wait_until("the details on the clipboard",
               lambda: re.fullmatch(r"#2  \d\d:\d\d:\d\d\tsecond", clipboard(s)))
    s.key(receiver, "Menu", "Down", "Down", "Return")  # Select all
    wait_view(receiver, "all selected", lambda v: v["selected"] == (1, 2))
    s.key(receiver, "ctrl+c")
    wait_until("both on the clipboard", lambda: clipboard(s) == "first\nsecond")
    # With the mouse: a right click on entry 1 (inside the selection: it stays), then a click
    # on the menu's second item.
    count = len(receiver.lines)
    s.xdotool("mousemove", "--window", receiver.window, str(receiver.log_area[0] + 40),
              str(view["visible"][1][0] + view["visible"][1][1] // 2))
    s.xdotool("click", "3")
    placed = wait_until("the menu's place", lambda: next(
        (l for l in receiver.lines[count:] if l.startswith("menu at ")), None))
    mx, my, mw, mh = [int(v) for v in placed.split()[2].split(",")]
    items = int(placed.split("items=")[1])
    s.xdotool("mousemove", "--window", receiver.window, str(mx + mw // 2),
              str(my + mh * 3 // (2 * items)))  # the middle of the second row
    s.xdotool("click", "1")
    wait_until("Copy with details chosen with the mouse",
               lambda: any(l == "menu chose copy with details: copied" for l in receiver.lines[count:]))
    wait_until("both with details on the clipboard", lambda: re.fullmatch(
        r"#1  \d\d:\d\d:\d\d\tfirst\n#2  \d\d:\d\d:\d\d\tsecond", clipboard(s)))
    s.key(receiver, "shift+F10", "End", "Return")  # Clear (Filter to this process is disabled)
    receiver.wait_line("menu chose clear")
    wait_view(receiver, "an empty list", lambda v: v["visible"] == {})


def selection(s, which):
    """The text of an X selection ("primary" or "clipboard"), read with xclip."""
    return subprocess.run(["xclip", "-o", "-selection", which], env=s.env, capture_output=True,
                          timeout=30).stdout.decode("utf-8", "replace")


def traced_sender(s):
    """A sender window tracing its state and layout ("rects ... units=N", the field's count)."""
    sender = s.open("sender", "--geometry", "600,0", trace="state,layout")
    return sender


def sender_rect(sender, name):
    """A rectangle of the sender's last "rects" line (window coordinates)."""
    line = [l for l in list(sender.lines) if l.startswith("rects ")][-1]
    return [int(v) for v in line.split(f" {name}=")[1].split()[0].split(",")]


def sender_units(sender):
    traced = [l for l in list(sender.lines) if l.startswith("rects ")]
    return int(traced[-1].split("units=")[1].split()[0]) if traced else -1


def menu_placed(app, count):
    """The 'menu at X,Y,W,H enabled=E items=N' line traced after line count: (rect, enabled)."""
    line = wait_until("the menu's place", lambda: next(
        (l for l in list(app.lines)[count:] if l.startswith("menu at ")), None))
    rect = [int(v) for v in line.split()[2].split(",")]
    return rect, line.split("enabled=")[1].split()[0]


def click_menu_row(s, app, rect, items, row):
    """Clicks the middle of the menu's row (4 px of padding above the rows, see ui_menu.c)."""
    x, y, w, h = rect
    height = (h - 8) // items
    s.xdotool("mousemove", "--window", app.window, str(x + w // 2), str(y + 4 + row * height + height // 2))
    s.xdotool("click", "1")


def right_click_menu(s, app, x, y, expected_enabled):
    """A right click at x, y opens a menu whose items are enabled as expected ('1'/'0' each);
    returns its rectangle."""
    count = len(app.lines)
    s.xdotool("mousemove", "--window", app.window, str(x), str(y))
    s.xdotool("click", "3")
    rect, enabled = menu_placed(app, count)
    if enabled != expected_enabled:
        raise Failure(f"the menu at {x},{y} has enabled={enabled}, expected {expected_enabled}")
    return rect


def scenario_primary(s):
    """X11's primary selection: text selected in the sender's field (Shift+arrows, a drag) and
    entries selected in a list (the sender's sent list, the receiver's log, a shift+click range)
    become PRIMARY (read back with xclip); a middle click in the field pastes PRIMARY where it
    clicks, not at the caret, and the receiver gets the result."""
    # The receiver gets its clicks right after it is given the focus (for the shift+click):
    # SDL drops a click within 10 ms of a focus change unless this hint says otherwise.
    receiver = s.open("receiver", "--geometry", "0,0", "--log", s.log_arg, trace="state,layout",
                      env_extra={"SDL_MOUSE_FOCUS_CLICKTHROUGH": "1"})
    sender = traced_sender(s)
    s.type_into(sender, "hello primary world")
    s.key(sender, "shift+ctrl+Left")
    wait_until("the field's Shift+Ctrl+Left selection as PRIMARY",
               lambda: selection(s, "primary") == "world")
    s.xdotool("mousemove", "--window", sender.window, str(FIELD[0] + 3), str(FIELD[1] + 12))
    s.xdotool("mousedown", "1")
    s.xdotool("mousemove", "--window", sender.window, str(FIELD[0] + FIELD[2] - 10),
              str(FIELD[1] + 12))
    s.xdotool("mouseup", "1")
    wait_until("the dragged-over text as PRIMARY",
               lambda: selection(s, "primary") == "hello primary world")
    s.key(sender, "Escape")
    s.type_into(sender, "ab")
    pasted = "Πρ😀 "
    # xclip in the foreground (-quiet) owns PRIMARY until it is ended.
    clip = subprocess.Popen(["xclip", "-quiet", "-selection", "primary"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=s.env)
    clip.stdin.write(pasted.encode())
    clip.stdin.close()
    try:
        wait_until("xclip to own PRIMARY", lambda: selection(s, "primary") == pasted)
        s.xdotool("mousemove", "--window", sender.window, str(FIELD[0] + 3), str(FIELD[1] + 12))
        s.xdotool("click", "2")  # before "ab", while the caret is after it
        wait_until("the middle click's paste in the field",
                   lambda: sender_units(sender) == len("ab") + len(pasted) + 1)  # 😀 is 2 units
    finally:
        clip.terminate()
        clip.wait(timeout=30)
    s.screenshot(sender.window, os.path.join(s.out, "field-middle-pasted.png"), FIELD)
    s.key(sender, "Return")
    sender.wait_line("delivered 1")
    wait_until("the pasted message in the --log file", lambda: s.log_lines() == [pasted + "ab"])
    s.type_into(sender, "second")
    s.key(sender, "Return")
    sender.wait_line("delivered 2")
    # The sender's sent list: a click on the first entry, then Ctrl+A in the list.
    x, y, w, h = sender_rect(sender, "list")
    s.xdotool("mousemove", "--window", sender.window, str(x + 40), str(y + 12))
    s.xdotool("click", "1")
    wait_until("the sent entry as PRIMARY", lambda: selection(s, "primary") == pasted + "ab")
    s.key(sender, "ctrl+a")
    wait_until("the sent list's Ctrl+A as PRIMARY",
               lambda: selection(s, "primary") == pasted + "ab\nsecond")
    # The receiver's log: a click on the second entry, a shift+click on the first.
    view = wait_view(receiver, "two messages", lambda v: len(v["visible"]) == 2)
    s.xdotool("windowfocus", "--sync", receiver.window)
    for number in (2, 1):
        entry_y, entry_h = view["visible"][number]
        s.xdotool("mousemove", "--window", receiver.window, str(receiver.log_area[0] + 40),
                  str(entry_y + entry_h // 2))
        if number == 1:
            s.xdotool("keydown", "shift")
        s.xdotool("click", "1")
        if number == 1:
            s.xdotool("keyup", "shift")
        expected = "second" if number == 2 else pasted + "ab\nsecond"
        wait_until(f"the receiver's selection as PRIMARY ({expected!r})",
                   lambda: selection(s, "primary") == expected)


def scenario_primary_windows(s):
    """Windows has no primary selection (docs/manual.md): under Wine, with another program
    holding X11's PRIMARY, text selected in the sender's field is not offered in its place and
    a middle click in the field pastes nothing, neither PRIMARY nor the window's own selection."""
    receiver = s.receiver()
    sender = s.sender()
    clip = subprocess.Popen(["xclip", "-quiet", "-selection", "primary"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=s.env)
    clip.stdin.write(b"XYZ")
    clip.stdin.close()
    try:
        wait_until("xclip to own PRIMARY", lambda: selection(s, "primary") == "XYZ")
        s.type_into(sender, "abc")
        s.key(sender, "ctrl+a")  # selected: on X11 this would become PRIMARY
        s.xdotool("mousemove", "--window", sender.window, str(FIELD[0] + 3), str(FIELD[1] + 12))
        s.xdotool("click", "2")
        s.key(sender, "End")
        s.type_into(sender, "!")
        s.key(sender, "Return")
        # The window handles its events in order: by the time this arrives, the selection and
        # the middle click were handled.
        wait_until("the message in the --log file", lambda: s.log_lines())
        if s.log_lines() != ["abc!"]:
            raise Failure(f"the middle click pasted something: the --log holds {s.log_lines()!r}")
        if selection(s, "primary") != "XYZ":
            raise Failure(f"the window took PRIMARY: it holds {selection(s, 'primary')!r}")
    finally:
        clip.terminate()
        clip.wait(timeout=30)
    del receiver


def scenario_field_menu(s):
    """The sender field's context menu with the mouse: a right click opens it (screenshot),
    items that would do nothing are disabled, and Select all, Copy, Cut, Paste and Undo each
    do their job (the CLIPBOARD read with xclip, the field's count traced, the message sent)."""
    receiver = s.receiver()
    sender = traced_sender(s)
    s.type_into(sender, "alpha beta")
    outside = (FIELD[0] + FIELD[2] - 20, FIELD[1] + 12)  # right of the text: the caret goes there
    inside = (FIELD[0] + 20, FIELD[1] + 12)  # on "alpha"
    # Undo, Cut, Copy, Paste, Select all: nothing selected, nothing on the clipboard.
    rect = right_click_menu(s, sender, *outside, "10001")
    s.screenshot(sender.window, os.path.join(s.out, "field-menu.png"))
    click_menu_row(s, sender, rect, 5, 4)  # Select all
    sender.wait_line("menu chose select all")
    wait_until("Select all's text as PRIMARY", lambda: selection(s, "primary") == "alpha beta")
    rect = right_click_menu(s, sender, *inside, "11101")  # inside the selection: it stays
    click_menu_row(s, sender, rect, 5, 2)  # Copy
    wait_until("Copy's text on the CLIPBOARD", lambda: selection(s, "clipboard") == "alpha beta")
    rect = right_click_menu(s, sender, *inside, "11111")
    click_menu_row(s, sender, rect, 5, 1)  # Cut
    wait_until("the field empty after Cut", lambda: sender_units(sender) == 0)
    rect = right_click_menu(s, sender, *inside, "10010")
    s.screenshot(sender.window, os.path.join(s.out, "field-menu-empty.png"))
    click_menu_row(s, sender, rect, 5, 3)  # Paste
    wait_until("the text back after Paste", lambda: sender_units(sender) == 10)
    rect = right_click_menu(s, sender, *outside, "10011")
    click_menu_row(s, sender, rect, 5, 0)  # Undo: takes the paste back
    wait_until("the field empty after Undo", lambda: sender_units(sender) == 0)
    rect = right_click_menu(s, sender, *outside, "10010")
    click_menu_row(s, sender, rect, 5, 0)  # Undo again: before the cut
    wait_until("the text back after a second Undo", lambda: sender_units(sender) == 10)
    s.key(sender, "End")
    s.type_into(sender, "!")
    s.key(sender, "Return")
    sender.wait_line("delivered 1")
    wait_until("the message in the --log file", lambda: s.log_lines() == ["alpha beta!"])
    del receiver


def scenario_field_menu_keys(s):
    """The sender field's context menu from the keyboard: Shift+F10 and the Menu key open it
    under the caret, Down/End/Enter choose (Cut, then Paste), Escape closes it."""
    receiver = s.receiver()
    sender = s.sender()
    s.type_into(sender, "abc def")
    count = len(sender.lines)
    s.key(sender, "ctrl+a", "shift+F10")
    rect, enabled = menu_placed(sender, count)
    if enabled[:3] != "111" or enabled[4] != "1":
        raise Failure(f"with text selected Undo, Cut, Copy and Select all are enabled: {enabled}")
    s.key(sender, "Down", "Return")  # from Undo to Cut
    sender.wait_line("menu chose cut")
    wait_until("Cut's text on the CLIPBOARD", lambda: selection(s, "clipboard") == "abc def")
    count = len(sender.lines)
    s.key(sender, "Menu")
    rect, enabled = menu_placed(sender, count)
    if enabled != "10010":
        raise Failure(f"with an empty field only Undo and Paste apply: enabled={enabled}")
    s.key(sender, "End", "Return")  # the last enabled item: Paste
    sender.wait_line("menu chose paste")
    count = len(sender.lines)
    s.key(sender, "Menu")
    rect, enabled = menu_placed(sender, count)
    # Opened from the keyboard: under the caret, at the end of "abc def" on the first line.
    x, y, w, h = rect
    if not (FIELD[0] + 20 < x < FIELD[0] + FIELD[2] and FIELD[1] < y < FIELD[1] + FIELD[3]):
        raise Failure(f"the menu opened by a key is at {rect}, not under the caret in {FIELD}")
    s.screenshot(sender.window, os.path.join(s.out, "field-menu-keys.png"))
    s.key(sender, "Escape")
    wait_until("the menu closed", lambda: "menu hidden" in sender.lines[count:])
    s.key(sender, "Return")
    sender.wait_line("delivered 1")
    wait_until("the message in the --log file", lambda: s.log_lines() == ["abc def"])
    del receiver


def scenario_sent_menu(s):
    """The sender's sent list has the receiver's list menu (shared code): a right click selects
    the entry and opens it (screenshot); Copy, Select all (PRIMARY), Copy with details and Clear
    do their job; Shift+F10 and the Menu key open it at the selected entry."""
    receiver = s.receiver()
    sender = traced_sender(s)
    for number, text in enumerate(("first", "second"), 1):
        s.type_into(sender, text)
        s.key(sender, "Return")
        sender.wait_line(f"delivered {number}")
    x, y, w, h = sender_rect(sender, "list")
    # Copy, Copy with details, Select all, Clear.
    rect = right_click_menu(s, sender, x + 40, y + 12, "1111")
    s.screenshot(sender.window, os.path.join(s.out, "sent-menu.png"))
    click_menu_row(s, sender, rect, 4, 0)  # Copy
    sender.wait_line("menu chose copy: copied")
    wait_until("the entry on the CLIPBOARD", lambda: selection(s, "clipboard") == "first")
    count = len(sender.lines)
    s.key(sender, "shift+F10")
    (mx, my, mw, mh), _ = menu_placed(sender, count)
    if not (y < my < y + 60):
        raise Failure(f"the menu opened by a key is at y={my}, not at the first entry (list y={y})")
    s.key(sender, "Down", "Down", "Return")  # Select all
    sender.wait_line("menu chose select all")
    wait_until("both entries as PRIMARY", lambda: selection(s, "primary") == "first\nsecond")
    s.key(sender, "Menu", "Down", "Return")  # Copy with details
    sender.wait_line("menu chose copy with details: copied")
    wait_until("both with their headers on the CLIPBOARD", lambda: re.fullmatch(
        r"#1\b[^\t\n]*\tfirst\n#2\b[^\t\n]*\tsecond", selection(s, "clipboard")))
    s.key(sender, "Menu", "End", "Return")  # Clear
    sender.wait_line("menu chose clear")
    count = len(sender.lines)
    s.key(sender, "Menu")
    _, enabled = menu_placed(sender, count)
    if enabled != "0000":
        raise Failure(f"the empty list's menu has enabled={enabled}, expected 0000")
    s.key(sender, "Escape")
    del receiver


def queue_burst(s, receiver, flags):
    """Queues 1000 messages behind 10 senders (--stdin with flags, all lines written before the
    first is taken) and checks that all reach the window's list and its --log file, each
    sender's in its order, in at most one frame per two messages. Returns the last view trace."""
    senders, per = 10, 100
    padding = " and some words so that every entry wraps onto two or three lines" * 2
    feeders = [subprocess.Popen([s.args.sender, "--name", s.name, "--stdin", "--timeout", "60"]
                                + flags, stdin=subprocess.PIPE, env=s.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for _ in range(senders)]
    for i, feeder in enumerate(feeders):
        feeder.stdin.write("".join(f"s{i} m{j}{padding}\n" for j in range(per)).encode())
        feeder.stdin.close()
    for feeder in feeders:
        if feeder.wait(timeout=120) != 0:
            raise Failure(f"a sender failed: {feeder.stderr.read().decode()}")
    total = senders * per
    view = wait_view(receiver, f"message {total} in view", lambda v: v["last"] == total,
                     timeout=60)
    lines = s.log_lines()
    for i in range(senders):
        mine = [l.split()[1] for l in lines if l.startswith(f"s{i} ")]
        if mine != [f"m{j}" for j in range(per)]:
            raise Failure(f"sender {i}'s messages in the --log file: {mine[:5]}... ({len(mine)})")
    frames = {}
    for line in list(receiver.lines):
        if line.startswith("frame "):
            frames.setdefault(int(line.split()[2]), []).append(int(line.split()[1]))
    shown = sorted(seq for seqs in frames.values() for seq in seqs)
    if shown != list(range(1, total + 1)):
        raise Failure(f"the frame trace shows {len(shown)} of {total} messages")
    if len(frames) > total // 2:
        raise Failure(f"{len(frames)} frames for {total} messages: the window drew between "
                      "takes")
    return view


def scenario_burst_poll(s):
    """The same burst in poll mode (the default 200 ms --interval), from senders that poll every
    1 ms: after each take the window naps and looks again for the next sender's refill, and
    every message still arrives once, in each sender's order, more than one per frame."""
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log,
                       trace="state,frames,layout")
    receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    queue_burst(s, receiver, ["--interval", "1"])
    s.screenshot(receiver.window, os.path.join(s.out, "burst_poll.png"))


def scenario_burst(s):
    """The receiver window loads no OpenGL driver (it draws in software by default), and
    1000 messages queued behind 10 senders at once (--stdin, all lines written before the
    first is taken) all reach the receiver window's list and its --log file, each sender's in
    its order; the window takes every waiting message before it draws, so its frames show
    two or more new messages each on average (the frame trace names the frame that first
    showed each; drawing after each take made about one frame per message). Then, with
    those 1000 entries in the list, resizing the window re-wraps only the entries in view:
    the others keep an estimated height until they are scrolled to (the view trace counts
    entries shaped)."""
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log, "--wake",
                       trace="state,frames,layout")
    receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    # A text window draws in software: no OpenGL driver (Mesa, LLVM) is loaded for it.
    with open(f"/proc/{receiver.process.pid}/maps") as f:
        gl = sorted({line.split()[-1] for line in f
                     if re.search(r"/(libGL|libEGL|libLLVM|libgallium)[^/]*$|/dri/", line)})
    if gl:
        raise Failure(f"the receiver window loaded an OpenGL driver: {gl}")
    view = queue_burst(s, receiver, ["--wake"])
    total = view["last"]
    s.screenshot(receiver.window, os.path.join(s.out, "burst.png"))

    in_view = len(view["visible"])
    for width in (530, 500, 470, 500, 560):
        shaped = view["shaped"]
        s.xdotool("windowsize", receiver.window, str(width), "520")
        view = wait_view(receiver, f"the list laid out at window width {width}",
                         lambda v: v["thumb"][0] != view["thumb"][0] or v["shaped"] != shaped)
        if view["last"] != total:
            raise Failure(f"the newest left the view on a resize: {view}")
        if view["shaped"] - shaped > in_view + 2:
            raise Failure(f"a resize to {width} shaped {view['shaped'] - shaped} entries; "
                          f"about {in_view} are in view")
    s.screenshot(receiver.window, os.path.join(s.out, "resized.png"))
    s.key(receiver, "Home")  # the oldest, whose height was estimated, laid out when in view
    view = wait_view(receiver, "the oldest kept in view", lambda v: v["first"] == 1)
    s.screenshot(receiver.window, os.path.join(s.out, "oldest.png"))


def receiver_log_top(s, receiver):
    ready = receiver.wait_line("ready")
    x, y, w, h = (int(v) for v in ready.split("log=")[1].split()[0].split(","))
    return y + 10  # the list's padding: an entry at the very top starts here


def scenario_keyboard(s):
    """Tab moves the focus (field, Send, list), Space presses the focused Send, the mouse over
    Send lights it up, F1 shows the help overlay (modal: typing waits; Esc or a click closes
    it), Ctrl+Q and Ctrl+W close the windows."""
    receiver = s.receiver()
    sender = s.sender()
    s.type_into(sender, "via tab")
    s.key(sender, "Tab", "space")  # focus on Send, pressed
    sender.wait_line("delivered 1")
    s.key(sender, "Tab", "Tab")  # the list, then the field again
    s.type_into(sender, "back in field")
    s.key(sender, "Return")
    sender.wait_line("delivered 2")
    s.key(sender, "shift+Tab", "shift+Tab", "Return")  # back to Send: Enter on an empty field
    sender.wait_line("refused:")

    button = (470, 29, 80, 34)  # Send, in window coordinates at scale 1
    s.xdotool("mousemove", "--window", sender.window, "5", "300")
    s.key(sender, "shift+Tab")  # Send -> the field
    s.type_into(sender, "y")  # an enabled Send shows its hover
    plain = s.screenshot(sender.window, os.path.join(s.out, "send-plain.png"), button)
    s.xdotool("mousemove", "--window", sender.window, str(button[0] + 20), str(button[1] + 10))
    hover = os.path.join(s.out, "send-hover.png")
    wait_until("Send to light up under the mouse",
               lambda: pixels_differ(plain, s.screenshot(sender.window, hover, button)))

    s.key(sender, "F1")
    sender.wait_line("help shown")
    s.screenshot(sender.window, os.path.join(s.out, "sender-help.png"))
    s.type_into(sender, "zzz")  # the overlay is modal: this must not reach the field
    s.key(sender, "Escape")
    wait_until("the overlay to close", lambda: sender.lines.count("help hidden") == 1)
    s.type_into(sender, " after help")
    s.key(sender, "Return")
    sender.wait_line("delivered 3")
    lines = wait_until("three messages in the --log file", lambda: s.log_lines()[2:] or None)
    if s.log_lines() != ["via tab", "back in field", "y after help"]:
        raise Failure(f"--log holds {s.log_lines()!r}")

    s.key(receiver, "F1")
    receiver.wait_line("help shown")
    s.screenshot(receiver.window, os.path.join(s.out, "receiver-help.png"))
    s.xdotool("mousemove", "--window", receiver.window, "200", "200")
    s.xdotool("click", "1")
    receiver.wait_line("help hidden")

    for app, keys in ((receiver, "ctrl+q"), (sender, "ctrl+w")):
        s.key(app, keys)
        code = app.process.wait(timeout=10)
        if code != 0:
            raise Failure(f"{app.name} exited {code} after {keys}")
    del lines


def sender_rects(s, sender, width, height, after=0):
    """Resizes the sender (traced with --trace layout) to width x height and checks its layout
    there: every box inside the window and above the status line, no two overlapping. Only
    trace lines from index after on count (a zoom changes the layout at the same size)."""
    s.xdotool("windowsize", sender.window, str(width), str(height))
    line = wait_until(f"the sender laid out at {width}x{height}", lambda: next(
        (l for l in reversed(list(sender.lines)[after:])
         if l.startswith(f"rects window={width},{height} ")), None))
    fields = dict(item.split("=") for item in line.split()[1:])
    boxes = {k: [int(v) for v in fields[k].split(",")] for k in ("field", "button", "counter", "list")}
    status = int(fields["status"])
    for name, (x, y, w, h) in boxes.items():
        if x < 0 or y < 0 or w < 0 or h < 0 or x + w > width or y + h > status:
            raise Failure(f"{name} {x},{y},{w},{h} leaves the window or covers the status "
                          f"line: {line}")
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ax, ay, aw, ah = boxes[a]
            bx, by, bw, bh = boxes[b]
            if aw and ah and bw and bh and ax < bx + bw and bx < ax + aw and ay < by + bh \
                    and by < ay + ah:
                raise Failure(f"{a} and {b} overlap: {line}")
    return fields


def scenario_desktop(s):
    """A good citizen of the desktop: the title as UTF-8 in both X properties, the minimum size
    a window manager enforces (kept after the renderer is made), no overlap at that size nor
    below it, an ellipsis where the status line is cut, and at 2x scale a window that still
    fits the 1280x800 screen."""
    receiver = s.receiver()
    sender = s.start("sender", "--geometry", "600,0", trace="state,layout")
    sender.wait_line("ready")
    sender.window = s.window("SampleMap sender")
    for app, role in ((receiver, "receiver"), (sender, "sender")):
        props = subprocess.run(["xprop", "-id", app.window, "_NET_WM_NAME", "WM_NAME",
                                "WM_NORMAL_HINTS"], env=s.env, capture_output=True, text=True,
                               timeout=30).stdout
        title = f"SampleMap {role} \u2014 {s.name}"
        net = next((l for l in props.splitlines() if l.startswith("_NET_WM_NAME")), "")
        wm = next((l for l in props.splitlines() if l.startswith("WM_NAME")), "")
        if "(UTF8_STRING)" not in net or title.replace("\\", "\\\\") not in net:
            raise Failure(f"{role}: _NET_WM_NAME is not the UTF-8 title: {net!r}")
        # ICCCM: a title beyond Latin-1 (the dash) is COMPOUND_TEXT, which every X tool reads.
        if "(COMPOUND_TEXT)" not in wm or "\u2014" not in wm:
            raise Failure(f"{role}: WM_NAME is not the title as COMPOUND_TEXT: {wm!r}")
        if "program specified minimum size: 420 by 380" not in props:
            raise Failure(f"{role}: no minimum size for the window manager: {props!r}")

    def rects(width, height):
        return sender_rects(s, sender, width, height)

    rects(420, 380)
    s.screenshot(sender.window, os.path.join(s.out, "sender-minimum.png"))
    narrow = rects(300, 300)  # below the minimum (no window manager here to stop it)
    if narrow["status_cut"] != "1":
        raise Failure("the cut status line has no ellipsis")
    s.screenshot(sender.window, os.path.join(s.out, "sender-narrow.png"))

    scaled = s.start("receiver", "--geometry", "0,0", env_extra={"SAMPLEMAP_SCALE": "2"})
    scaled.wait_line("ready")
    windows = s.xdotool("search", "--sync", "--onlyvisible", "--name", "SampleMap receiver").split()
    for window in windows:
        geometry = s.xdotool("getwindowgeometry", window)
        w, h = (int(v) for v in geometry.split("Geometry: ")[1].split()[0].split("x"))
        if w > 1280 or h > 800:
            raise Failure(f"a receiver window is {w}x{h}, larger than the 1280x800 screen")
    s.screenshot("root", os.path.join(s.out, "scaled.png"))


def plant_wrong_size(name):
    """A 100-byte object where the 2048-byte view should be (POSIX name of Local\\X is /X.<uid>)."""
    path = f"/dev/shm/{name.split(chr(92), 1)[1]}.{os.getuid()}"
    with open(path, "wb") as f:
        f.truncate(100)
    os.chmod(path, 0o600)  # private, as a Local object must be: only its size is wrong
    return path


def scenario_mapping_retry(s):
    """The mapping-error panel offers Retry (a click or Enter) and, for a wrong-size object that
    removing fixes, "Remove and retry"; once the mapping opens, the window works."""
    plant_wrong_size(s.name)
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log)
    ready = receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    box = {k: [int(v) for v in ready.split(f" {k}=")[1].split()[0].split(",")]
           for k in ("retry", "remove")}
    if box["retry"][2] == 0 or box["remove"][2] == 0:
        raise Failure(f"the error panel lacks Retry or Remove and retry: {ready}")
    s.screenshot(receiver.window, os.path.join(s.out, "receiver-error.png"))

    def click(name):
        x, y, w, h = box[name]
        s.xdotool("mousemove", "--window", receiver.window, str(x + w // 2), str(y + h // 2))
        s.xdotool("click", "1")

    click("retry")  # the object is still wrong: the same error again
    wait_until("the retry to fail again", lambda: sum("2048" in l for l in receiver.errors) >= 2)
    click("remove")
    receiver.wait_line("mapping open")
    subprocess.run([s.args.sender, "--name", s.name, "--message", "after retry", "--timeout", "30"],
                   env=s.env, check=True, timeout=60, capture_output=True)
    wait_until("the message in the --log file", lambda: s.log_lines() == ["after retry"])
    s.screenshot(receiver.window, os.path.join(s.out, "receiver-recovered.png"))

    other = s.name.replace("\\gui", "\\guj")
    path = plant_wrong_size(other)
    sender = App([s.args.sender, "--name", other, "--geometry", "600,0",
                  "--trace", "state"], s.env, "sender")
    s.apps.append(sender)
    try:
        sender.wait_line("ready")
        sender.window = s.window("SampleMap sender")
        s.key(sender, "Return")  # Retry by keyboard: still the wrong size
        sender.wait_line("retrying")
        wait_until("the sender's retry to fail", lambda: sum("2048" in l for l in sender.errors) >= 2)
        os.remove(path)  # fixed from outside (as the panel's advice says)
        s.key(sender, "Return")
        sender.wait_line("mapping open")
        s.type_into(sender, "works")
        s.key(sender, "Return")
        sender.wait_line("sent 1")  # in the view: the channel is usable
        # Nobody takes it, so closing asks first (gui_close_confirm); W withdraws and closes.
        subprocess.run(s.wm_close + [sender.window], env=s.env, check=True, timeout=30)
        sender.wait_line("confirm close: 1 undelivered")
        s.key(sender, "w")  # withdraw and close
        if sender.process.wait(timeout=30) != 0:
            raise Failure(f"sender exit {sender.process.returncode}: {sender.errors}")
        s.apps.remove(sender)
    finally:
        subprocess.run([s.args.sender, "--unlink", "--name", other], capture_output=True, timeout=30)


def scenario_dbwin(s):
    """--dbwin: the window is a debug-output monitor. Messages of sender --dbwin arrive in the
    log list with pid and process name; a second window finds the buffer owned and shows it
    with Retry, and Retry works once the first window closed (docs/dbwin.md)."""
    name = f"dbg{os.getpid()}"
    receiver = s.start("receiver", "--dbwin", "--geometry", "0,0", "--log", s.log, name=name,
                       trace="state,layout")
    receiver.wait_line("debug-output monitor open")
    ready = receiver.wait_line("ready")
    receiver.log_area = [int(v) for v in ready.split("log=")[1].split()[0].split(",")]
    receiver.window = s.window("SampleMap receiver")
    sender = subprocess.run([s.args.sender, "--dbwin", "--name", name, "--message", "debug one",
                             "--message", "caf\u00e9 \u4e2d\u6587"],
                            env=s.env, timeout=60, capture_output=True)
    if sender.returncode != 0:
        raise Failure(f"sender --dbwin: exit {sender.returncode}: {sender.stderr}")
    wait_view(receiver, "two entries in view", lambda v: len(v["visible"]) == 2)
    lines = wait_until("two --log lines", lambda: s.log_lines() if len(s.log_lines()) == 2 else None)
    if not (lines[0].endswith("] debug one") and " samplemap-sende] " in lines[0]):
        raise Failure(f"--log lines: {lines}")
    s.screenshot(receiver.window, os.path.join(s.out, "receiver-dbwin.png"))
    # The entries carry their process: the process filter picks them by it (the list's
    # process column shows it; a process name the sender does not have hides both).
    sender_pid = int(lines[0].split("] ")[0].split("[")[1].split()[0])
    filter_by_pid(s, receiver, sender_pid, 2)
    s.key(receiver, "Escape")
    # Save writes the entries as --log does: time, pid, process and text.
    save_new_matches_log(s, receiver, os.path.join(s.out, "dbwin-saved.txt"), 2)
    # The context menu's "Filter to this process" on an entry of another program (the sender
    # under another name: /proc/<pid>/comm is the file's name) keeps only that program's.
    other = os.path.join(s.out, "otherapp")
    shutil.copy(s.args.sender, other)
    run = subprocess.run([other, "--dbwin", "--name", name, "--message", "from otherapp"],
                         env=s.env, timeout=60, capture_output=True)
    if run.returncode != 0:
        raise Failure(f"otherapp --dbwin: exit {run.returncode}: {run.stderr}")
    s.key(receiver, "ctrl+h")
    receiver.wait_line("prompt filter")
    s.key(receiver, "ctrl+a", "BackSpace", "Return")  # no filter: all three shown
    view = wait_view(receiver, "three entries in view", lambda v: len(v["visible"]) == 3)
    y, h = view["visible"][3]
    s.xdotool("windowfocus", "--sync", receiver.window)
    s.xdotool("mousemove", "--window", receiver.window, str(receiver.log_area[0] + 40),
              str(y + h // 2))
    s.xdotool("click", "3")
    receiver.wait_line("menu shown")
    s.key(receiver, "Down", "Down", "Down", "Return")  # past Copy, Copy with details, Select all
    chose = receiver.wait_line("menu chose filter to this process")
    if not chose.endswith("process:otherapp"):
        raise Failure(f"the menu filtered by something else: {chose}")
    viewer_state(receiver, "only otherapp's entry", shown=1, hidden=2)
    second = s.start("receiver", "--dbwin", "--geometry", "600,0", name=name)
    ready = second.wait_line("ready")
    retry = [int(v) for v in ready.split(" retry=")[1].split()[0].split(",")]
    if retry[2] == 0 or not any("another debug-output monitor" in line for line in second.errors):
        raise Failure(f"the second window shows no owned buffer with Retry: {ready} {second.errors}")
    if receiver.close(s.wm_close, s.env) != 0:
        raise Failure("the first monitor did not exit cleanly")
    s.apps.remove(receiver)
    second.window = s.window("SampleMap receiver")
    s.key(second, "Return")  # Retry: the buffer is free now
    second.wait_line("debug-output monitor open")


def scenario_dbwin_wine(s):
    """--dbwin under Wine: the window is the monitor of Windows' own DBWIN_BUFFER, and the
    writer is a real Windows program calling OutputDebugStringW (samplemap-sender.exe --dbwin,
    not a SampleMap channel). The entries carry the writer's pid and process name; find says
    "n of m", the filter by pid picks them, pause keeps new ones aside and counts them, and
    save writes what --log wrote (docs/dbwin.md). The names are the prefix's, shared with every
    program in it: ctest runs this test alone with the Wine process tests (dbwin_system_names)."""
    receiver = s.start("receiver", "--dbwin", "--geometry", "0,0", "--log", s.log_arg,
                       name="DBWIN_BUFFER", trace="state,layout")
    receiver.wait_line("debug-output monitor open", timeout=s.start_timeout)
    receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")

    def write(*texts):
        argv = s.argv("sender") + ["--dbwin"]
        for text in texts:
            argv += ["--message", text]
        done = subprocess.run(argv, env=s.env, timeout=120, capture_output=True)
        if done.returncode != 0:
            raise Failure(f"sender.exe --dbwin: exit {done.returncode}: {done.stderr}")

    write("debug one", "caf\u00e9 two", "debug three")
    wait_view(receiver, "three entries in view", lambda v: len(v["visible"]) == 3, timeout=60)
    lines = wait_until("three --log lines",
                       lambda: s.log_lines() if len(s.log_lines()) == 3 else None, timeout=60)
    # "time [pid process] text": the writer's Windows pid and its .exe name. The name is looked
    # up after the copy: the writer is still there for its first two lines (it waits for the
    # buffer to send the next one); after its last it may have exited ("?", docs/dbwin.md).
    heads = [line.split("] ", 1)[0].split("[", 1)[1].split() for line in lines]
    texts = [line.split("] ", 1)[1] for line in lines]
    pids = {head[0] for head in heads}
    names = [head[1] for head in heads]
    if (texts != ["debug one", "caf\u00e9 two", "debug three"] or len(pids) != 1 or
            names[:2] != ["samplemap-sender.exe"] * 2 or
            names[2] not in ("samplemap-sender.exe", "?")):
        raise Failure(f"--log lines: {lines}")
    writer_pid = int(pids.pop())
    s.screenshot(receiver.window, os.path.join(s.out, "receiver-dbwin-wine.png"))
    # Find: "n of m" over the DBWIN entries.
    s.key(receiver, "ctrl+f")
    receiver.wait_line("prompt find")
    s.type_into(receiver, "debug")
    viewer_state(receiver, "1 of 2", match="1/2")
    s.key(receiver, "Return")
    viewer_state(receiver, "2 of 2", match="2/2")
    s.key(receiver, "Escape")
    receiver.wait_line("prompt closed")
    # The filter by the writer's pid: excluded, then picked.
    filter_by_pid(s, receiver, writer_pid, 3)
    s.key(receiver, "ctrl+a")
    s.key(receiver, "BackSpace")
    s.key(receiver, "Escape")
    # Pause: a new program's lines are taken (--log grows) and counted, the list stays.
    s.key(receiver, "ctrl+p")
    receiver.wait_line("paused")
    write("while paused")
    viewer_state(receiver, "1 new while paused", paused=1, new=1, shown=3)
    wait_until("the --log line written while paused", lambda: len(s.log_lines()) == 4, timeout=60)
    s.key(receiver, "ctrl+p")
    receiver.wait_line("resumed: 1 new while paused")
    viewer_state(receiver, "all four shown", paused=0, new=0, shown=4)
    # Save writes the entries as --log does: time, pid, process and text.
    save_new_matches_log(s, receiver, os.path.join(s.out, "dbwin-saved.txt"), 4)


def scenario_remove_retry_pair(s):
    """Issue 24: both windows show the wrong-size error; the receiver's "Remove and retry"
    repairs the object; the sender's "Remove and retry", pressed afterwards on its stale
    error, must look again and open the now valid object, never remove it. A message typed in
    the sender then reaches the receiver (before the fix the sender removed the receiver's
    new object and the two windows used different objects for ever)."""
    plant_wrong_size(s.name)
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log)
    ready = receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    remove = [int(v) for v in ready.split(" remove=")[1].split()[0].split(",")]
    # The error text is selectable: a double click on its first word, Ctrl+C, that word.
    x, y, w, h = [int(v) for v in ready.split(" errortext=")[1].split()[0].split(",")]
    s.xdotool("mousemove", "--window", receiver.window, str(x + 12), str(y + 8))
    s.xdotool("click", "--repeat", "2", "--delay", "80", "1")
    s.key(receiver, "ctrl+c")
    receiver.wait_line("error text copied")
    word = subprocess.run(["xclip", "-o", "-selection", "clipboard"], env=s.env,
                          capture_output=True, text=True, timeout=30).stdout
    if word != "mapping":
        raise Failure(f"a double click in the error text did not select its first word: {word!r}")
    sender = s.sender()
    wait_until("the sender's error", lambda: any("2048" in l for l in sender.errors))
    # The error text is copyable, and its advice a command that works pasted into a shell.
    s.key(sender, "ctrl+c")
    sender.wait_line("error text copied")
    pasted = subprocess.run(["xclip", "-o", "-selection", "clipboard"], env=s.env,
                            capture_output=True, text=True, timeout=30).stdout
    if f"--unlink --name '{s.name}'" not in pasted:
        raise Failure(f"the copied error text lacks the quoted command: {pasted!r}")

    def click(app):  # the same panel in both windows of the same size: the same place
        x, y, w, h = remove
        s.xdotool("mousemove", "--window", app.window, str(x + w // 2), str(y + h // 2))
        s.xdotool("click", "1")

    click(receiver)
    receiver.wait_line("mapping open")
    click(sender)
    sender.wait_line("mapping open")
    s.type_into(sender, "one object")
    s.key(sender, "Return")
    wait_until("the message in the receiver's --log file", lambda: s.log_lines() == ["one object"],
               timeout=5)
    sender.wait_line("delivered 1")
    if not any(l.startswith("nothing removed") for l in sender.lines):
        raise Failure(f"the sender did not say it kept the valid object: {sender.lines}")


def scenario_replaced(s):
    """Issue 24: another program removes the windows' object (--unlink) and a headless sender
    makes a new one under the name. The receiver window notices within a second, moves to the
    new object and gets that sender's message; the sender window moves too before its next
    send, so the pair keeps talking (before, both stayed on the removed object for ever)."""
    receiver = s.receiver()
    sender = s.sender()
    s.type_into(sender, "before")
    s.key(sender, "Return")
    wait_until("the first message in the --log file", lambda: s.log_lines() == ["before"])
    s.unlink()
    done = subprocess.run(s.argv("sender") + ["--name", s.name, "--message", "to the new object",
                                              "--timeout", "15"],
                          env=s.env, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise Failure(f"the receiver window never read the new object: {done.stderr.strip()}")
    receiver.wait_line("mapping replaced: reopened")
    s.type_into(sender, "after")
    s.key(sender, "Return")
    sender.wait_line("mapping replaced: reopened")
    wait_until("all three messages in the --log file",
               lambda: s.log_lines() == ["before", "to the new object", "after"])
    sender.wait_line("delivered 2")  # the window's own numbering goes on after the move


def scenario_silent(s):
    """Without --trace the windows print nothing on standard output (docs/diagnostics.md): a
    receiver and a sender window started without it pass a message typed into the sender,
    open and close their help (F1, Escape) and close; both stdouts stay empty. They are found
    as mapped windows (a window is shown after its first frame), not through a line; the draw
    check, a stdout line of the test build's own, is off for them."""
    quiet = {"SAMPLEMAP_TEST_DRAW_CHECK": "0"}
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log_arg, trace=None,
                       env_extra=quiet)
    receiver.window = s.window("SampleMap receiver")
    sender = s.start("sender", "--geometry", "600,0", trace=None, env_extra=quiet)
    sender.window = s.window("SampleMap sender")
    s.type_into(sender, HELLO)
    s.key(sender, "Return")
    wait_until("the message in the --log file", lambda: s.log_lines() == [HELLO])
    for app in (receiver, sender):
        s.key(app, "F1")
        s.key(app, "Escape")
    for app in (sender, receiver):
        code = app.close(s.wm_close, s.env)
        if code != 0:
            raise Failure(f"{app.name} exited {code}: {app.errors}")
        if app.drained().lines:
            raise Failure(f"the {app.name} window printed on stdout without --trace: {app.lines}")


def scenario_showcase(s):
    """Not a test: both windows after 40 messages, the last ones in several scripts, for
    docs/screenshot.png (README's picture; the lists have scrolled, as a user's do)."""
    receiver = s.receiver()
    sender = s.sender()
    messages = [f"Message {n} of 40" for n in range(1, 41 - len(SHOWCASE))] + SHOWCASE
    for number, text in enumerate(messages, 1):
        s.type_into(sender, text, delay_ms=5 if text.isascii() else 100)
        s.key(sender, "Return")
        sender.wait_line(f"delivered {number}")
    wait_until("every message in the --log file", lambda: s.log_lines() == messages)
    s.type_into(sender, "טלפון: 03-1234567")  # right to left in the field too
    final = os.path.join(s.out, "screenshot.png")
    left = s.screenshot(receiver.window, os.path.join(s.out, "receiver.png"))
    right = s.screenshot(sender.window, os.path.join(s.out, "sender.png"))
    # Side by side with a light gap instead of the bare X root between them.
    subprocess.run(["convert", left, "-size", "16x1", "xc:#cfd4dc", right, "-gravity", "north",
                    "-background", "#cfd4dc", "+append", final], check=True, timeout=60)
    print(f"screenshot: {final}")


def scenario_dbwin_showcase(s):
    """Not a test: the receiver window capturing a Windows program's OutputDebugStringA calls
    (tests/helpers/dbwin_writer.exe, --dbwin-writer) under Wine, for docs/dbwin-screenshot.png
    (tools/make-screenshot.sh --dbwin). The writer stays running until the shot, so every entry
    has its process name."""
    if not s.wine or not s.args.dbwin_writer:
        raise Failure("dbwin_showcase runs the Windows build under Wine with --dbwin-writer")
    receiver = s.start("receiver", "--dbwin", "--geometry", "0,0", name="DBWIN_BUFFER",
                       trace="state,layout")
    receiver.wait_line("debug-output monitor open", timeout=s.start_timeout)
    receiver.wait_line("ready")
    receiver.window = s.window("SampleMap receiver")
    s.xdotool("mousemove", "--window", receiver.window, "5", "5")
    texts = ["MyApp 2.1 starting", "Loading settings from C:\\Users\\ana\\myapp.ini",
             "Connected to db.example.com:5432 in 42 ms",
             "Warning: cache file is 3 days old, rebuilding", "Window created: 1280x800",
             "Ready"]
    writer = App([s.args.emulator, s.args.dbwin_writer, "say", *texts], s.env, "dbwin_writer",
                 stdin=subprocess.PIPE)
    try:
        writer.wait_line("said", timeout=s.start_timeout)
        wait_view(receiver, "every entry in view", lambda v: len(v["visible"]) == len(texts),
                  timeout=60)
        s.screenshot(receiver.window, os.path.join(s.out, "screenshot.png"))
    finally:
        writer.process.stdin.close()
        writer.process.wait(timeout=60)


def scenario_demo(s):
    """The launcher opens both windows side by side and exits once both are closed."""
    env = dict(s.env, SAMPLEMAP_BUILD_DIR="")
    argv = [s.args.emulator, s.args.demo] if s.wine else ["sh", s.args.demo]
    launcher = subprocess.Popen(
        argv + ["--name", s.name], stdout=subprocess.DEVNULL,
        env=dict(env, PATH=os.path.dirname(s.args.sender) + os.pathsep +
                 os.path.dirname(s.args.receiver) + os.pathsep + env.get("PATH", "")))
    try:
        receiver = s.window("SampleMap receiver")
        sender = s.window("SampleMap sender")
        geometry = {w: s.xdotool("getwindowgeometry", w) for w in (receiver, sender)}
        left = {w: int(g.split("Position: ")[1].split(",")[0]) for w, g in geometry.items()}
        width = {w: int(g.split("Geometry: ")[1].split("x")[0]) for w, g in geometry.items()}
        if left[receiver] + width[receiver] > left[sender]:
            raise Failure(f"the windows overlap: {geometry}")
        s.screenshot("root", os.path.join(s.out, "demo.png"))
        for window in (receiver, sender):
            if s.wm_close:
                subprocess.run(s.wm_close + [window], env=s.env, check=True, timeout=30)
            else:
                s.xdotool("windowkill", window)
        code = launcher.wait(timeout=30)
        if s.wm_close and code != 0:
            raise Failure(f"the launcher exited {code} after both windows were closed")
    finally:
        if launcher.poll() is None:
            launcher.kill()


def scenario_mapping_error(s):
    """A wrong-size object under the mapping's name: the window explains it and what to do."""
    # The POSIX name of Local\\X is /X.<uid> (see common/ipc/name.h); Linux keeps it in /dev/shm.
    base = s.name.split("\\", 1)[1]
    path = f"/dev/shm/{base}.{os.getuid()}"
    if not os.path.isdir("/dev/shm"):
        raise Failure("no /dev/shm to plant a wrong-size object in")
    with open(path, "wb") as f:
        f.truncate(100)
    os.chmod(path, 0o600)  # private, as a Local object must be: only its size is wrong
    expect_error_window(s, s.name, "2048")


def expect_error_window(s, name, reason):
    """A receiver window on a mapping it cannot use: it shows the error (stderr names `reason`)
    instead of closing, and closing it then exits 1."""
    app = s.open("receiver", "--geometry", "0,0", "--log", s.log_arg, name=name)
    wait_until("the reason on stderr", lambda: any(reason in l for l in app.errors))
    s.screenshot(app.window, os.path.join(s.out, "receiver-error.png"))
    if app.process.poll() is not None:
        raise Failure("the window closed by itself instead of showing the error")
    code = app.close(s.wm_close, s.env)
    s.apps.remove(app)
    if code != 1:
        raise Failure(f"closing after a mapping error should exit 1, not {code}")


def scenario_fonts(s):
    """Every script has a face, found where this system keeps fonts, and a message in five
    scripts is drawn. The window starts with the primary font alone: each fallback is opened
    when a glyph first needs it (the CJK collection is 19.5 MB). Under Wine the CJK font
    exists only in the per-user fonts folder, so finding it shows the programs ask Windows
    where fonts are (see class Wine)."""
    receiver = s.open("receiver", "--geometry", "0,0", "--log", s.log_arg,
                      trace="state,fonts")

    def faces():
        return {l.split(":", 1)[0][5:]: l.split(": ", 1)[1] for l in list(receiver.lines)
                if l.startswith("font ")}
    if set(faces()) != {"DejaVuSans.ttf"}:
        raise Failure(f"fonts opened before any text needed them: {faces()}")
    type_and_see(s, receiver, "Latin Кириллица 中文 日本語 한국어 العربية עברית",
                 "receiver-scripts.png")
    wanted = ("DejaVuSans.ttf", "NotoSansCJK-Regular.ttc", "NotoSansArabic-Regular.ttf",
              "NotoSansHebrew-Regular.ttf")
    wait_until(f"faces from {wanted}", lambda: all(w in faces() for w in wanted))
    if "NotoColorEmoji.ttf" in faces():
        raise Failure(f"the emoji font was opened for text without emoji: {faces()}")
    if s.wine:
        cjk = faces()["NotoSansCJK-Regular.ttc"].lower()
        if not cjk.endswith("\\appdata\\local\\microsoft\\windows\\fonts\\notosanscjk-regular.ttc"):
            raise Failure(f"the CJK face was not taken from the per-user fonts folder: {cjk}")
    s.screenshot("root", os.path.join(s.out, "both.png"))


NOTO = "/usr/share/fonts/truetype/noto/"
# The fonts_coverage scenario's fresh prefix: Debian's files under their own names, none of which
# the font table names for Windows; beside each wanted face a serif or bold one that covers the
# same characters, which the index must not prefer (ui_fontindex.h: regular, sans-serif first).
COVERAGE_FONTS = {
    "system": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
               NOTO + "NotoSansThai-Regular.ttf", NOTO + "NotoSerifThai-Regular.ttf",
               NOTO + "NotoSansThai-Bold.ttf", NOTO + "NotoSansEthiopic-Regular.ttf",
               NOTO + "NotoSerifEthiopic-Regular.ttf", NOTO + "NotoSansEthiopic-Bold.ttf"],
    "user": [NOTO + "NotoSansDevanagari-Regular.ttf", NOTO + "NotoSerifDevanagari-Regular.ttf"]}
# Scenarios that run in a fresh Wine prefix of their own with these fonts (see Session).
OWN_PREFIX = {"fonts_coverage": COVERAGE_FONTS}
# Each message, the code point whose face is checked, and the file that face must come from.
COVERAGE_TEXTS = [("世界", 0x4E16, "NotoSansCJK-Regular.ttc"),
                  ("สวัสดี", 0x0E2A, "NotoSansThai-Regular.ttf"),
                  ("नमस्ते", 0x0928, "NotoSansDevanagari-Regular.ttf"),
                  ("ሰላም", 0x1230, "NotoSansEthiopic-Regular.ttf")]


def coverage_run(s, shot):
    """One receiver start in the coverage prefix: the four messages drawn without a box (the
    layout trace counts characters drawn by a face without their glyph); returns the receiver's
    "font index:" line and its faces."""
    if os.path.exists(s.log):
        os.remove(s.log)  # the last run's messages
    receiver = s.open("receiver", "--geometry", "0,0", "--log", s.log_arg,
                      trace="state,fonts,layout")
    argv = s.argv("sender") + ["--name", s.name, "--timeout", "30"]
    for text, _, _ in COVERAGE_TEXTS:
        argv += ["--message", text]
    subprocess.run(argv, env=s.env, check=True, timeout=120, capture_output=True)
    wait_until("every message in the --log file",
               lambda: s.log_lines() == [t for t, _, _ in COVERAGE_TEXTS], timeout=60)
    for number, (text, _, _) in enumerate(COVERAGE_TEXTS, 1):
        line = receiver.wait_line(f"layout {number} ", timeout=60)
        if line.split()[2] != "missing=0":
            raise Failure(f"{text!r} is drawn with boxes (characters without a glyph): {line}")
    s.screenshot(receiver.window, os.path.join(s.out, shot))
    index = receiver.wait_line("font index: ")
    faces = [l for l in receiver.lines if l.startswith("font ")
             and not l.startswith(("font index", "font cache"))]
    code = receiver.close(s.wm_close, s.env)
    s.apps.remove(receiver)
    if code != 0:
        raise Failure(f"the receiver exited {code}")
    print(index)
    return index, faces, receiver


def index_counts(line):
    """'font index: 10 font files in 2 folders, 10 indexed now (...), 0 from the cache, 1 dropped,
    ...' -> {'indexed now': 10, 'from the cache': 0, 'dropped': 1}."""
    return {key: int(re.search(r"(\d+) " + key, line).group(1))
            for key in ("indexed now", "from the cache", "dropped")}


def scenario_fonts_coverage(s):
    """Windows has no fontconfig: a character the chain's fonts lack is found by coverage in an
    index of the installed fonts (ui_sysfont_win32.c). In a fresh prefix holding Debian's Noto
    fonts under their own file names (the per-user folder too), the receiver draws Chinese, Thai,
    Devanagari and Ethiopic without a box, each with the regular sans-serif face; the index is
    cached (a second start indexes nothing), a new font is indexed and a removed one dropped,
    and a corrupt cache is rebuilt."""
    if not s.wine:
        raise Failure("fonts_coverage is a Wine scenario (Linux asks fontconfig)")
    index, faces, _ = coverage_run(s, "receiver-first.png")
    files = len(COVERAGE_FONTS["system"]) + len(COVERAGE_FONTS["user"])
    if index_counts(index) != {"indexed now": files, "from the cache": 0, "dropped": 0}:
        raise Failure(f"the first start should index all {files} font files: {index}")
    for text, cp, wanted in COVERAGE_TEXTS:
        chosen = [l for l in faces if f"\\{wanted.lower()}" in l.lower()]
        if not chosen:
            raise Failure(f"no face from {wanted} for {text!r} (U+{cp:04X}): {faces}")
    user = s.wine.font_dirs["user"]
    if not any("\\appdata\\local\\microsoft\\windows\\fonts\\notosansdevanagari" in l.lower()
               for l in faces):
        raise Failure(f"Devanagari was not taken from the per-user fonts folder {user}: {faces}")
    cached, _, _ = coverage_run(s, "receiver-cached.png")
    if index_counts(cached) != {"indexed now": 0, "from the cache": files, "dropped": 0}:
        raise Failure(f"the second start should take every file from the cache: {cached}")
    # One font removed, one added: only the new one is read, the removed one's entries go.
    os.remove(os.path.join(s.wine.font_dirs["system"], "NotoSerifThai-Regular.ttf"))
    shutil.copyfile(NOTO + "NotoSansDevanagari-Bold.ttf",
                    os.path.join(user, "NotoSansDevanagari-Bold.ttf"))
    changed, _, _ = coverage_run(s, "receiver-changed.png")
    if index_counts(changed) != {"indexed now": 1, "from the cache": files - 1, "dropped": 1}:
        raise Failure(f"after one font removed and one added: {changed}")
    cache = os.path.normpath(os.path.join(user, "..", "..", "..", "SampleMap", "fontindex.txt"))
    with open(cache, "r+b") as f:
        data = f.read()
        f.seek(len(data) // 2)
        f.write(b"\x00garbage\tnot\na cache line\n")
    corrupt, _, receiver = coverage_run(s, "receiver-corrupt.png")
    if index_counts(corrupt)["indexed now"] != files or not any(
            l.startswith("font cache unusable (line ") for l in receiver.lines):
        raise Failure(f"a corrupt cache should be rebuilt from every file: {corrupt}")


def scenario_headless_peer(s):
    """A window and a headless program of the same build share one mapping, both ways: the
    sender window's message reaches `receiver --print`, then `sender --message` reaches the
    receiver window."""
    printer = s.start("receiver", "--print", "--count", "1", "--timeout", "120", trace=None)
    wait_until("the headless receiver's ready line",
               lambda: any(": ready: " in l for l in printer.errors), timeout=s.start_timeout)
    sender = s.sender()
    s.type_into(sender, "window to headless, мир")
    s.key(sender, "Return")
    printer.wait_line("window to headless, мир", timeout=60)
    if printer.process.wait(timeout=60) != 0:
        raise Failure(f"receiver --print exited {printer.process.returncode}: {printer.errors}")
    sender.wait_line("delivered 1")
    s.apps.remove(printer)
    receiver = s.receiver()
    headless = s.start("sender", "--message", "headless to window, 世界", "--timeout", "120", trace=None)
    if headless.process.wait(timeout=150) != 0:
        raise Failure(f"sender --message exited {headless.process.returncode}: {headless.errors}")
    s.apps.remove(headless)
    lines = wait_until("the message in the --log file", lambda: s.log_lines())
    if lines != ["headless to window, 世界"]:
        raise Failure(f"--log holds {lines!r}")
    s.screenshot("root", os.path.join(s.out, "both.png"))
    del receiver


def scenario_mapping_error_windows(s):
    """Windows: sections, mutexes and events share one namespace, so a running channel's lock
    mutex (<name>.lock) makes that name unusable for a mapping. The window explains the error
    instead of closing, and closing it then exits 1."""
    holder = s.start("receiver", "--print", "--count", "1", "--timeout", "120", trace=None)
    wait_until("the headless receiver's ready line",
               lambda: any(": ready: " in l for l in holder.errors), timeout=s.start_timeout)
    expect_error_window(s, s.name + ".lock", ".lock")
    holder.process.terminate()  # it only held the name; it never gets a message
    holder.process.wait(timeout=30)
    s.apps.remove(holder)


def scenario_package(s):
    """The programs as unpacked from the Windows zip, in a fresh Wine prefix with no build
    tree around (tests/windows_package/zip_test.py sets that up): a message typed into the
    sender reaches the receiver, which draws it with the font bundled in the package's own
    assets folder, and the launcher opens both windows."""
    receiver = s.open("receiver", "--geometry", "0,0", "--log", s.log_arg,
                      trace="state,fonts")
    package_dir = os.path.dirname(os.path.abspath(s.args.receiver))
    bundled = Wine.path(os.path.join(package_dir, "assets", "fonts", "DejaVuSans.ttf")).lower()
    primary = receiver.wait_line("font DejaVuSans.ttf: ")
    if primary.split(": ", 1)[1].lower().replace("/", "\\") != bundled:
        raise Failure(f"the primary font is not the bundled one ({bundled}): {primary}")
    sender = s.sender()
    text = "Hello from the zip, мир"
    s.type_into(sender, text)
    s.key(sender, "Return")
    lines = wait_until("the message in the --log file", lambda: s.log_lines())
    if lines != [text]:
        raise Failure(f"--log holds {lines!r}, expected [{text!r}]")
    sender.wait_line("delivered 1")
    s.screenshot("root", os.path.join(s.out, "both.png"))


# The window backgrounds of the three themes (common/ui/ui_theme.c): what a pixel of the
# window's top-left corner, outside every widget, shows.
THEME_BACKGROUNDS = {"light": (246, 247, 249), "dark": (30, 32, 36), "contrast": (0, 0, 0)}


def window_pixel(s, app, name, x=3, y=3):
    """The colour of one pixel of app's window, as (r, g, b), from a screenshot."""
    path = s.screenshot(app.window, os.path.join(s.out, f"{name}.png"))
    channel = "%[fx:round(255*p{" + f"{x},{y}" + "}.CH)]"
    done = subprocess.run(["convert", path, "-format",
                           ",".join(channel.replace("CH", c) for c in "rgb"), "info:"],
                          capture_output=True, text=True, timeout=60, check=True)
    return tuple(int(v) for v in done.stdout.strip().split(","))


def themed_window(s, which, theme, shot, *extra, env_extra=None, reason=None):
    """Starts a window, checks that its --trace state "theme" line names theme (and reason,
    when given) and that its background is that theme's, then closes it. Returns the line."""
    app = s.start(which, "--geometry", "0,0", *extra, env_extra=env_extra)
    app.wait_line("ready", timeout=s.start_timeout)
    line = app.wait_line("theme ", timeout=s.start_timeout)
    app.window = s.window(f"SampleMap {which}")
    if not line.startswith(f"theme {theme} ") or (reason and reason not in line):
        raise Failure(f"{shot}: wanted theme {theme}" + (f" ({reason})" if reason else "") +
                      f", the window says: {line}")
    # The first frame is presented before "ready", but an X server under load may show the
    # window a moment later: look again until it shows a background, at most 20 s.
    seen = []
    try:
        wait_until(f"{shot}: {theme}'s background", lambda: seen.append(window_pixel(s, app, shot))
                   or seen[-1] == THEME_BACKGROUNDS[theme], timeout=20)
    except Failure:
        raise Failure(f"{shot}: the window's background is {seen[-1]}, not {theme}'s "
                      f"{THEME_BACKGROUNDS[theme]}") from None
    code = app.close(s.wm_close, s.env)
    s.apps.remove(app)
    if code != 0:
        raise Failure(f"{shot}: the window exited {code}")
    return line


class PrivateBus:
    """A session bus of the test's own (dbus-daemon with a configuration that activates
    nothing, so no real portal can answer), and fake_portal.c on it when asked."""

    def __init__(self, out):
        config = os.path.join(out, "bus.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration '
                    '1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">\n'
                    "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>"
                    '<policy context="default"><allow send_destination="*"/><allow receive_sender="*"/>'
                    '<allow own="*"/></policy></busconfig>\n')
        self.daemon = subprocess.Popen(["dbus-daemon", "--nofork", "--nopidfile",
                                        f"--config-file={config}", "--print-address=1"],
                                       stdout=subprocess.PIPE, text=True)
        ready, _, _ = select.select([self.daemon.stdout], [], [], 20)
        self.address = self.daemon.stdout.readline().strip() if ready else ""
        if not self.address:
            self.daemon.kill()
            raise Failure("dbus-daemon printed no address")
        self.portal = None

    def start_portal(self, helper, *args):
        self.stop_portal()
        self.portal = subprocess.Popen([helper, *args], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True,
                                       env=dict(os.environ,
                                                DBUS_SESSION_BUS_ADDRESS=self.address))
        ready, _, _ = select.select([self.portal.stdout], [], [], 20)
        if not ready or self.portal.stdout.readline().strip() != "ready":
            raise Failure(f"fake_portal {' '.join(args)} did not get ready")

    def change(self, key, value):
        """The portal's setting changes, as when the user flips the desktop's switch: it
        emits SettingChanged (and says "changed" once it is sent)."""
        self.portal.stdin.write(f"{key} {value}\n")
        self.portal.stdin.flush()
        ready, _, _ = select.select([self.portal.stdout], [], [], 20)
        if not ready or self.portal.stdout.readline().strip() != "changed":
            raise Failure(f"fake_portal did not emit SettingChanged for {key} {value}")

    def stop_portal(self):
        if self.portal is not None:
            self.portal.kill()
            self.portal.wait(timeout=10)
            self.portal = None

    def stop(self):
        self.stop_portal()
        self.daemon.kill()
        self.daemon.wait(timeout=10)


def scenario_theme_system(s):
    """--theme system under a fake XDG desktop portal on a private session bus: color-scheme
    1 is dark (both windows), 2 and 0 are light, contrast 1 is high contrast, and a window
    follows the portal's SettingChanged while it is open; an old portal
    (Read only) is read too; no portal falls back to light, or to dark with GTK_THEME's
    ":dark"; a portal that never answers still lets the window show, light, after the bound;
    --theme beats the system. Each window shows the theme its trace names (a pixel)."""
    if not s.args.fake_portal or shutil.which("dbus-daemon") is None:
        raise Failure("needs tests/gui/fake_portal.c (--fake-portal) and dbus-daemon")
    bus = PrivateBus(s.out)
    on_bus = {"DBUS_SESSION_BUS_ADDRESS": bus.address}
    try:
        bus.start_portal(s.args.fake_portal, "--scheme", "1", "--contrast", "0")
        themed_window(s, "receiver", "dark", "receiver-portal-dark", env_extra=on_bus,
                      reason="portal color-scheme=1 contrast=0")
        themed_window(s, "sender", "dark", "sender-portal-dark", env_extra=on_bus)
        themed_window(s, "receiver", "light", "receiver-forced-light", "--theme", "light",
                      env_extra=on_bus, reason="--theme")
        # Followed while open: the desktop's switch flipped, the window changes with it.
        app = s.start("receiver", "--geometry", "0,0", env_extra=on_bus)
        app.wait_line("theme dark", timeout=s.start_timeout)
        app.window = s.window("SampleMap receiver")
        for key, value, theme in (("color-scheme", 2, "light"), ("contrast", 1, "contrast"),
                                  ("contrast", 0, "light"), ("color-scheme", 1, "dark")):
            bus.change(key, value)
            line = app.wait_line(f"theme {theme} (system: portal changed {key}",
                                 timeout=s.start_timeout)
            app.lines.remove(line)  # the same line may come again later in the sequence
            wait_until(f"the window to turn {theme}",
                       lambda: window_pixel(s, app, f"receiver-changed-{key}-{value}") ==
                       THEME_BACKGROUNDS[theme], timeout=20)
        if app.close(s.wm_close, s.env) != 0:
            raise Failure("the receiver that followed the portal did not exit cleanly")
        s.apps.remove(app)
        bus.start_portal(s.args.fake_portal, "--scheme", "2")
        themed_window(s, "sender", "light", "sender-portal-light", env_extra=on_bus,
                      reason="portal color-scheme=2 contrast=none")
        bus.start_portal(s.args.fake_portal, "--scheme", "0")
        themed_window(s, "receiver", "light", "receiver-portal-none", env_extra=on_bus,
                      reason="portal color-scheme=0")
        bus.start_portal(s.args.fake_portal, "--scheme", "2", "--contrast", "1")
        themed_window(s, "receiver", "contrast", "receiver-portal-contrast", env_extra=on_bus,
                      reason="portal color-scheme=2 contrast=1")
        bus.start_portal(s.args.fake_portal, "--scheme", "1", "--old")
        themed_window(s, "receiver", "dark", "receiver-old-portal", env_extra=on_bus,
                      reason="portal color-scheme=1")
        bus.stop_portal()
        themed_window(s, "receiver", "light", "receiver-no-portal", env_extra=on_bus,
                      reason="no portal answer for color-scheme")
        themed_window(s, "sender", "dark", "sender-no-portal-gtk-dark",
                      env_extra=dict(on_bus, GTK_THEME="Adwaita:dark"), reason="GTK_THEME")
        themed_window(s, "receiver", "light", "receiver-no-bus", reason="no session bus")
        bus.start_portal(s.args.fake_portal, "--scheme", "1", "--hang")
        themed_window(s, "receiver", "light", "receiver-hung-portal", env_extra=on_bus,
                      reason="no answer within 250 ms")
    finally:
        bus.stop()


def scenario_theme_wine(s):
    """Windows under Wine, in a Wine prefix of this test's own: no AppsUseLightTheme (a fresh
    prefix) is light, AppsUseLightTheme=1 is light;
    after `reg add ... AppsUseLightTheme /d 0` (what the Settings app writes for dark apps)
    the window picks dark; --theme contrast beats it."""
    prefix = tempfile.mkdtemp(prefix="samplemap-wine-theme-")
    wine = Wine(s.args.emulator, s.env, s.args.sender, prefix=prefix)
    own = {"SAMPLEMAP_WINEPREFIX": prefix}
    key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize"
    try:
        # A fresh prefix has no such value (nor has Windows before 10 1809): light.
        themed_window(s, "receiver", "light", "receiver-registry-none", env_extra=own,
                      reason="no AppsUseLightTheme in the registry")
        for value, theme in (("1", "light"), ("0", "dark")):
            done = subprocess.run([s.args.emulator, "reg", "add", key, "/v", "AppsUseLightTheme",
                                   "/t", "REG_DWORD", "/d", value, "/f"], env=wine.env,
                                  capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                raise Failure(f"wine reg add failed: {done.stderr.strip()}")
            themed_window(s, "receiver", theme, f"receiver-registry-{theme}", env_extra=own,
                          reason=f"registry AppsUseLightTheme={value}")
        themed_window(s, "sender", "dark", "sender-registry-dark", env_extra=own,
                      reason="registry AppsUseLightTheme=0")
        themed_window(s, "receiver", "contrast", "receiver-registry-forced", "--theme",
                      "contrast", env_extra=own, reason="--theme")
    finally:
        wine.stop()
        shutil.rmtree(prefix, ignore_errors=True)
        for left in (prefix + ".lock", prefix + ".keeper"):  # wine-run.sh's, beside it
            if os.path.exists(left):
                os.remove(left)



# Every scenario, and where ctest runs it: tests/gui/CMakeLists.txt registers one test per
# scenario from `--list linux` (natively under Xvfb) and `--list windows` (the .exe files under
# Wine), so a scenario is added here and only here. No platform: run by hand or by another test
# (showcase makes docs/screenshot.png; package is run by package.windows_zip on the zip).
BOTH = ("linux", "windows")
SCENARIOS = {
    "roundtrip": (scenario_roundtrip, BOTH),
    "offline": (scenario_offline, BOTH),
    "close_confirm": (scenario_close_confirm, BOTH),
    "close_on_sigterm": (scenario_close_on_sigterm, ("linux",)),
    "held": (scenario_held, BOTH),
    "step_live_bytes": (scenario_step_live_bytes, ("linux",)),
    "step_bytes": (scenario_step_bytes, BOTH),
    "overlimit": (scenario_overlimit, BOTH),
    "classic": (scenario_classic, BOTH),
    "wake": (scenario_wake, BOTH),
    "paste": (scenario_paste, BOTH),
    "ime": (scenario_ime, BOTH),
    "bidi": (scenario_bidi, BOTH),
    "controls": (scenario_controls, ("linux",)),
    "editing": (scenario_editing, ("linux",)),
    "log": (scenario_log, ("linux",)),
    "log_dropped": (scenario_log_dropped, ("linux",)),
    "viewer_find": (scenario_viewer_find, BOTH),
    "viewer_filter": (scenario_viewer_filter, BOTH),
    "viewer_pause": (scenario_viewer_pause, BOTH),
    "focus_click": (scenario_focus_click, BOTH),
    "viewer_save": (scenario_viewer_save, BOTH),
    "viewer_menu": (scenario_viewer_menu, ("linux",)),
    "primary": (scenario_primary, ("linux",)),
    "primary_windows": (scenario_primary_windows, ("windows",)),
    "field_menu": (scenario_field_menu, ("linux",)),
    "field_menu_keys": (scenario_field_menu_keys, BOTH),
    "sent_menu": (scenario_sent_menu, ("linux",)),
    "burst_poll": (scenario_burst_poll, ("linux",)),
    "burst": (scenario_burst, ("linux",)),
    "keyboard": (scenario_keyboard, ("linux",)),
    "desktop": (scenario_desktop, ("linux",)),
    "mapping_retry": (scenario_mapping_retry, ("linux",)),
    "dbwin": (scenario_dbwin, ("linux",)),
    "dbwin_wine": (scenario_dbwin_wine, ("windows",)),
    "remove_retry_pair": (scenario_remove_retry_pair, ("linux",)),
    "replaced": (scenario_replaced, ("linux",)),
    "silent": (scenario_silent, BOTH),
    "pause_window": (scenario_pause_window, BOTH),
    "showcase": (scenario_showcase, ()),
    "dbwin_showcase": (scenario_dbwin_showcase, ()),
    "demo": (scenario_demo, BOTH),
    "mapping_error": (scenario_mapping_error, ("linux",)),
    "fonts": (scenario_fonts, BOTH),
    "fonts_coverage": (scenario_fonts_coverage, ("windows",)),
    "headless_peer": (scenario_headless_peer, BOTH),
    "mapping_error_windows": (scenario_mapping_error_windows, ("windows",)),
    "package": (scenario_package, ()),
    "theme_system": (scenario_theme_system, ("linux",)),
    "theme_wine": (scenario_theme_wine, ("windows",)),
}


def session_arguments():
    """The options every driver of a Session takes (this file's and reftest.py's)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sender", required=True)
    parser.add_argument("--receiver", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--x-helper", help="the samplemap_x_helper program, if built")
    parser.add_argument("--emulator", help="runs the programs (cmake/wine-run.sh for .exe files)")
    return parser


def missing_tools():
    """Why a session cannot run here ("SKIP: ..."), or None when Xvfb and the tools are there."""
    missing = [tool for tool in ("Xvfb", "xdotool", "import", "compare")
               if shutil.which(tool) is None]
    if missing:
        return f"SKIP: missing {', '.join(missing)} (apt-get install xvfb xdotool imagemagick)"
    return None


def list_scenarios(table, platform):
    """Prints the scenarios of the running script (not those of a module it imports) that ctest
    runs on platform, one per line: what tests/gui/CMakeLists.txt registers."""
    for name, (function, platforms) in sorted(table.items()):
        if platform in platforms and function.__module__ == "__main__":
            print(name)
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--list":
        return list_scenarios(SCENARIOS, sys.argv[2])
    # A scenario still running after 280 s (ctest ends it at 300 s, silently) prints where
    # every thread stands and ends: a hang says where it hung.
    faulthandler.dump_traceback_later(280, exit=True)
    parser = session_arguments()
    parser.add_argument("--demo", help="tools/samplemap-demo, for the demo scenario")
    parser.add_argument("--dbwin-writer", help="tests/helpers' dbwin_writer.exe, for "
                        "dbwin_showcase")
    parser.add_argument("--fake-portal", help="tests/gui/fake_portal.c's program, for "
                        "theme_system")
    parser.add_argument("--wine-prefix", help="a fresh Wine prefix of this test's own, left as "
                        "Wine makes it (no fonts added): the package scenario")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    args = parser.parse_args()
    skip = missing_tools()
    if skip:
        print(skip)
        return SKIP
    session = None
    try:
        session = Session(args, args.scenario)
        SCENARIOS[args.scenario][0](session)
        session.finish()
        print(f"PASS {args.scenario}; screenshots in {os.path.join(args.out, args.scenario)}")
        return 0
    except (Failure, subprocess.SubprocessError) as failure:
        print(f"FAIL {args.scenario}: {failure}", file=sys.stderr)
        if session is not None:
            for app in session.apps:
                print(f"--- display {session.x.display} (Xvfb exit: {session.x.process.poll()}); {app.name} stdout: {app.lines}\n--- stderr: {app.errors}",
                      file=sys.stderr)
        return 1
    finally:
        if session is not None:
            session.end()


if __name__ == "__main__":
    sys.exit(main())
