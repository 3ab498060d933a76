#!/usr/bin/env python3
"""GUI tests for the SampleMap windows: real windows under Xvfb, driven by xdotool.

Python 3 (standard library only) drives the test because it has to juggle an X
server, two apps, their stdout, xdotool and ImageMagick with deadlines, which
stays readable here and would not in sh; the apps themselves stay pure C.

Readiness is never guessed with sleeps: Xvfb reports its display through
-displayfd, each app prints "ready" after its first frame, windows are found with
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
import os
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

    def __init__(self, argv, env, name):
        self.name = name
        self.lines = []
        self.stderr_path = None
        self.process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.errors = []
        threading.Thread(target=self._read, args=(self.process.stdout, self.lines),
                         daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.errors),
                         daemon=True).start()

    @staticmethod
    def _read(stream, into):
        for line in stream:
            into.append(line.rstrip("\n"))

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
    under their own names (ui_fontfind.c lists them for Windows users who installed them):
    the CJK font only in the per-user fonts folder, which the programs can find only by
    asking Windows for it (FOLDERID_LocalAppData), never by a hard-coded C:."""

    SYSTEM_FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
                    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
                    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"]
    USER_FONTS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]

    def __init__(self, emulator, env, probe_exe, prefix=None, fonts=True):
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
        kinds = (("system", self.SYSTEM_FONTS), ("user", self.USER_FONTS)) if fonts else ()
        for kind, files in kinds:
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
        self.env = dict(os.environ, DISPLAY=self.x.display, SDL_RENDER_DRIVER="software")
        self.apps = []
        self.wine = None
        self.start_timeout = 90.0 if args.emulator else 20.0  # Wine starts its desktop first
        if args.emulator:
            self.wine = Wine(args.emulator, self.env, args.sender, args.wine_prefix,
                             fonts=not args.wine_prefix)
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

    def start(self, which, *extra, env_extra=None, name=None):
        app = App(self.argv(which) + ["--name", name or self.name, *extra],
                  dict(self.env, **(env_extra or {})), which)
        self.apps.append(app)
        return app

    def receiver(self, *extra):
        app = self.start("receiver", "--geometry", "0,0", "--log", self.log_arg, *extra)
        ready = app.wait_line("ready", timeout=self.start_timeout)
        app.log_area = [int(v) for v in ready.split("log=")[1].split(",")]
        app.window = self.window("SampleMap receiver")
        return app

    def sender(self, *extra):
        app = self.start("sender", "--geometry", "600,0", *extra)
        app.wait_line("ready", timeout=self.start_timeout)
        app.window = self.window("SampleMap sender")
        return app

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
        self.xdotool("type", "--delay", str(delay_ms), text, timeout=600)

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


def scenario_roundtrip(s):
    """Typed text reaches the receiver's --log file and its log area on screen."""
    receiver = s.receiver()
    empty = s.screenshot(receiver.window, os.path.join(s.out, "receiver-empty.png"),
                         receiver.log_area)
    sender = s.sender()
    s.type_into(sender, HELLO)
    s.key(sender, "Return")
    lines = wait_until("the message in the --log file", lambda: s.log_lines())
    if lines != [HELLO]:
        raise Failure(f"--log holds {lines!r}, expected [{HELLO!r}]")
    after = os.path.join(s.out, "receiver-after.png")
    wait_until("the log area to show the message",
               lambda: pixels_differ(empty, s.screenshot(receiver.window, after,
                                                         receiver.log_area)))
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
    messages; Return withdraws them (the slot is empty after) and closes."""
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
    s.key(sender, "Return")
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


def scenario_held(s):
    """A peer stopped while it holds the lock: the receiver window keeps running, says "channel
    held" in its status line, and takes the message once the peer goes on."""
    receiver = s.receiver()
    victim = subprocess.Popen(s.argv("sender") + ["--name", s.name, "--message", "held message"],
                              env=dict(s.env, SAMPLEMAP_TEST_PAUSE_AT="writer-after-publish"),
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
            "مرحبا بالعالم  שלום עולם", "Emoji too: 😀 🎉 👍"]


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
                       "--interval", "60000", env_extra={"SAMPLEMAP_TRACE_FRAMES": "1"})
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
    """Ctrl+V pastes the clipboard (served by xclip) into the field; Enter sends it."""
    text = "Вставка 粘贴 😀 paste"
    receiver = s.receiver()
    sender = s.sender()
    clip = subprocess.Popen(["xclip", "-selection", "clipboard", "-loops", "1"], stdin=subprocess.PIPE,
                            env=s.env)
    clip.stdin.write(text.encode())
    clip.stdin.close()  # xclip now owns the clipboard until one client has read it
    s.key(sender, "ctrl+v")
    s.key(sender, "Return")
    lines = wait_until("the pasted message in the --log file", lambda: s.log_lines())
    if lines != [text]:
        raise Failure(f"--log holds {lines!r}, expected [{text!r}]")
    clip.wait(timeout=30)
    s.screenshot(receiver.window, os.path.join(s.out, "receiver.png"))


def scenario_ime(s):
    """An IME composition is shown in the field, Enter does not send it, the commit does."""
    receiver = s.receiver()
    sender = s.start("sender", "--geometry", "600,0", env_extra={"SAMPLEMAP_TEST_IME": "にほんご"})
    sender.wait_line("ready")
    sender.window = s.window("SampleMap sender")
    s.type_into(sender, "abc ")
    field = (10, 29, 440, 70)  # the text field's area in window coordinates at scale 1
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


def scenario_showcase(s):
    """Not a test: both windows after messages in several scripts, for docs/screenshot.png."""
    receiver = s.receiver()
    sender = s.sender()
    for number, text in enumerate(SHOWCASE, 1):
        s.type_into(sender, text)
        s.key(sender, "Return")
        sender.wait_line(f"delivered {number}")
    wait_until("every message in the --log file", lambda: s.log_lines() == SHOWCASE)
    s.type_into(sender, "Typing… ✓")
    final = os.path.join(s.out, "screenshot.png")
    left = s.screenshot(receiver.window, os.path.join(s.out, "receiver.png"))
    right = s.screenshot(sender.window, os.path.join(s.out, "sender.png"))
    # Side by side with a light gap instead of the bare X root between them.
    subprocess.run(["convert", left, "-size", "16x1", "xc:#cfd4dc", right, "-gravity", "north",
                    "-background", "#cfd4dc", "+append", final], check=True, timeout=60)
    print(f"screenshot: {final}")


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
    app = s.start("receiver", "--geometry", "0,0", "--log", s.log_arg)
    app.wait_line("ready")
    app.window = s.window("SampleMap receiver")
    s.screenshot(app.window, os.path.join(s.out, "receiver-error.png"))
    wait_until("the reason on stderr", lambda: any("2048" in l for l in app.errors))
    if app.process.poll() is not None:
        raise Failure("the window closed by itself instead of showing the error")
    code = app.close(s.wm_close, s.env)
    s.apps.remove(app)
    if code != 1:
        raise Failure(f"closing after a mapping error should exit 1, not {code}")


def scenario_fonts(s):
    """Every script has a face, found where this system keeps fonts, and a message in five
    scripts is drawn. Under Wine the CJK font exists only in the per-user fonts folder, so
    finding it shows the programs ask Windows where fonts are (see class Wine)."""
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log_arg,
                       env_extra={"SAMPLEMAP_TRACE_FONTS": "1"})
    ready = receiver.wait_line("ready", timeout=s.start_timeout)
    receiver.window = s.window("SampleMap receiver")
    receiver.log_area = [int(v) for v in ready.split("log=")[1].split(",")]
    faces = {l.split(":", 1)[0][5:]: l.split(": ", 1)[1] for l in receiver.lines
             if l.startswith("font ")}
    for wanted in ("DejaVuSans.ttf", "NotoSansCJK-Regular.ttc", "NotoSansArabic-Regular.ttf",
                   "NotoSansHebrew-Regular.ttf"):
        if wanted not in faces:
            raise Failure(f"no face from {wanted}; faces found: {faces}")
    if s.wine:
        cjk = faces["NotoSansCJK-Regular.ttc"].lower()
        if not cjk.endswith("\\appdata\\local\\microsoft\\windows\\fonts\\notosanscjk-regular.ttc"):
            raise Failure(f"the CJK face was not taken from the per-user fonts folder: {cjk}")
    empty = s.screenshot(receiver.window, os.path.join(s.out, "receiver-empty.png"),
                         receiver.log_area)
    text = "Latin Кириллица 中文 日本語 한국어 العربية עברית"
    sender = s.sender()
    s.type_into(sender, text)
    s.key(sender, "Return")
    lines = wait_until("the message in the --log file", lambda: s.log_lines())
    if lines != [text]:
        raise Failure(f"--log holds {lines!r}, expected [{text!r}]")
    shown = os.path.join(s.out, "receiver-scripts.png")
    wait_until("the log area to show the message",
               lambda: pixels_differ(empty, s.screenshot(receiver.window, shown,
                                                         receiver.log_area)))
    s.screenshot("root", os.path.join(s.out, "both.png"))


def scenario_headless_peer(s):
    """A window and a headless program of the same build share one mapping, both ways: the
    sender window's message reaches `receiver --print`, then `sender --message` reaches the
    receiver window."""
    printer = s.start("receiver", "--print", "--count", "1", "--timeout", "120")
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
    headless = s.start("sender", "--message", "headless to window, 世界", "--timeout", "120")
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
    holder = s.start("receiver", "--print", "--count", "1", "--timeout", "120")
    wait_until("the headless receiver's ready line",
               lambda: any(": ready: " in l for l in holder.errors), timeout=s.start_timeout)
    app = s.start("receiver", "--geometry", "0,0", "--log", s.log_arg, name=s.name + ".lock")
    app.wait_line("ready", timeout=s.start_timeout)
    app.window = s.window("SampleMap receiver")
    wait_until("the reason on stderr", lambda: any(".lock" in l for l in app.errors))
    s.screenshot(app.window, os.path.join(s.out, "receiver-error.png"))
    if app.process.poll() is not None:
        raise Failure("the window closed by itself instead of showing the error")
    code = app.close(s.wm_close, s.env)
    s.apps.remove(app)
    if code != 1:
        raise Failure(f"closing after a mapping error should exit 1, not {code}")
    holder.process.terminate()  # it only held the name; it never gets a message
    holder.process.wait(timeout=30)
    s.apps.remove(holder)


def scenario_package(s):
    """The programs as unpacked from the Windows zip, in a fresh Wine prefix with no build
    tree around (tests/windows_package/zip_test.py sets that up): a message typed into the
    sender reaches the receiver, which draws it with the font bundled in the package's own
    assets folder, and the launcher opens both windows."""
    receiver = s.start("receiver", "--geometry", "0,0", "--log", s.log_arg,
                       env_extra={"SAMPLEMAP_TRACE_FONTS": "1"})
    receiver.wait_line("ready", timeout=s.start_timeout)
    receiver.window = s.window("SampleMap receiver")
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


SCENARIOS = {"held": scenario_held, "close_confirm": scenario_close_confirm, "paste": scenario_paste, "ime": scenario_ime, "classic": scenario_classic, "wake": scenario_wake, "mapping_error": scenario_mapping_error, "roundtrip": scenario_roundtrip, "offline": scenario_offline,
             "overlimit": scenario_overlimit, "demo": scenario_demo,
             "showcase": scenario_showcase, "fonts": scenario_fonts,
             "headless_peer": scenario_headless_peer,
             "mapping_error_windows": scenario_mapping_error_windows,
             "package": scenario_package}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sender", required=True)
    parser.add_argument("--receiver", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--demo", help="tools/samplemap-demo, for the demo scenario")
    parser.add_argument("--x-helper", help="the samplemap_x_helper program, if built")
    parser.add_argument("--emulator", help="runs the programs (cmake/wine-run.sh for .exe files)")
    parser.add_argument("--wine-prefix", help="a fresh Wine prefix of this test's own, left as "
                        "Wine makes it (no fonts added): the package scenario")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    args = parser.parse_args()
    missing = [tool for tool in ("Xvfb", "xdotool", "import", "compare")
               if shutil.which(tool) is None]
    if missing:
        print(f"SKIP: missing {', '.join(missing)} (apt-get install xvfb xdotool imagemagick)")
        return SKIP
    session = None
    try:
        session = Session(args, args.scenario)
        SCENARIOS[args.scenario](session)
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
