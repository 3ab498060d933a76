#!/usr/bin/env python3
"""Text zoom, remembered windows and the receiver's call for attention (issue 26 items 1, 4, 5):
the windows under Xvfb driven by xdotool, with the machinery of gui_test.py (only the scenarios
are new). Every scenario that remembers names a preferences folder of its own
(SAMPLEMAP_PREFS_DIR, common/ui/ui_prefs.h); the others run with preferences off.

Under Wine (the Windows list) zoom_keys and the prefs_* scenarios run too. They failed a few
times there, a window exiting 1 just after its ready line, but only while other checkouts ran
Wine tests in the same default prefix (/tmp/samplemap-wine-gui-UID), which ctest's
RESOURCE_LOCK cannot guard across separate ctest runs; alone they passed every run. Linux only:
zoom_no_overlap (once the zoomed sender has grown over the receiver, xdotool's keys for the
receiver never reach it under Wine), attention and attention_dbwin (the count in the title
works, but Wine's FlashWindowEx sets no urgency hint in WM_HINTS without a window manager) and
prefs_window_manager (an X11 window manager's frame).
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test  # noqa: E402
from gui_test import Failure, wait_until  # noqa: E402


def prefs_folder(s, which="prefs"):
    """A fresh preferences folder of this scenario's own."""
    folder = os.path.join(s.out, which)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def prefs_env(s, folder):
    return {"SAMPLEMAP_PREFS_DIR": s.wine.path(folder) if s.wine else folder}


def zoom_lines(app):
    return [l for l in list(app.lines) if l.startswith("zoom ")]


def wait_zoom(app, asked, count_before, drawn=None):
    """The zoom line after count_before zoom lines that says asked (and drawn); its fields."""
    def found():
        for line in zoom_lines(app)[count_before:]:
            fields = dict(f.split("=") for f in line.split()[2:])
            if line.split()[1] == str(asked) and (drawn is None or fields["drawn"] == str(drawn)):
                return {"zoom": asked, **{k: int(v) for k, v in fields.items()}}
        return None
    return wait_until(f"{app.name} to trace zoom {asked}", found)


def zoom_key(s, app, *keys):
    before = len(zoom_lines(app))
    s.key(app, *keys)
    return before


def ink_width(s, window, path, crop):
    """The width of what is drawn darker than the background in crop (x, y, w, h)."""
    s.screenshot(window, path, crop)
    done = subprocess.run(["convert", path, "-fuzz", "25%", "-trim", "-format", "%w %h %X %Y",
                           "info:"], capture_output=True, text=True, timeout=60, check=True)
    return int(done.stdout.split()[0])


def sender_zoomable(s, *extra, env=None):
    sender = s.open("sender", "--geometry", "600,0", *extra, trace="state,layout",
                    env_extra=env)
    return sender


def scenario_zoom_keys(s):
    sender = sender_zoomable(s)
    heading = (10, 0, 540, 28)  # "Message (Enter sends, ...)" above the field at 100 %
    shots = os.path.join(s.out, "sender-100.png")
    width_100 = ink_width(s, sender.window, shots, heading)
    before = zoom_key(s, sender, "ctrl+equal")  # Ctrl+= is Ctrl+plus without Shift
    z110 = wait_zoom(sender, 110, before, drawn=110)
    before = zoom_key(s, sender, "ctrl+plus")
    wait_zoom(sender, 125, before, drawn=125)
    before = zoom_key(s, sender, "ctrl+KP_Add")
    z150 = wait_zoom(sender, 150, before, drawn=150)
    # Ctrl+wheel up (button 4) twice: 175, 200.
    before = len(zoom_lines(sender))
    s.xdotool("mousemove", "--window", sender.window, "200", "300")
    s.xdotool("keydown", "ctrl", "click", "4", "keyup", "ctrl")
    wait_zoom(sender, 175, before, drawn=175)
    before = len(zoom_lines(sender))
    s.xdotool("keydown", "ctrl", "click", "4", "keyup", "ctrl")
    z200 = wait_zoom(sender, 200, before, drawn=200)
    if not z110["body"] < z150["body"] < z200["body"] or not z110["small"] < z200["small"]:
        raise Failure(f"the fonts did not grow with the zoom: {zoom_lines(sender)}")
    if abs(z200["body"] / z110["body"] - 200 / 110) > 0.25:
        raise Failure(f"at 200 % the body font is {z200['body']} px, at 110 % {z110['body']} px")
    # The drawn heading is about twice as wide (it may be cut at the window's edge: at least 1.6).
    heading_200 = (20, 0, 1100, 56)
    width_200 = ink_width(s, sender.window, os.path.join(s.out, "sender-200.png"), heading_200)
    if width_200 < 1.6 * width_100:
        raise Failure(f"the heading is {width_200} px wide at 200 %, {width_100} px at 100 %")
    # Ctrl+wheel down, Ctrl+minus, keypad minus; Ctrl+0 back to 100 %.
    before = len(zoom_lines(sender))
    s.xdotool("keydown", "ctrl", "click", "5", "keyup", "ctrl")
    wait_zoom(sender, 175, before, drawn=175)
    before = zoom_key(s, sender, "ctrl+minus")
    wait_zoom(sender, 150, before, drawn=150)
    before = zoom_key(s, sender, "ctrl+KP_Subtract")
    wait_zoom(sender, 125, before, drawn=125)
    before = zoom_key(s, sender, "ctrl+0")
    z100 = wait_zoom(sender, 100, before, drawn=100)
    if z100["body"] >= z110["body"]:
        raise Failure(f"Ctrl+0 did not bring the fonts back: {zoom_lines(sender)}")
    before = zoom_key(s, sender, "ctrl+minus")
    z90 = wait_zoom(sender, 90, before, drawn=90)
    if z90["body"] >= z100["body"]:
        raise Failure(f"zooming out did not make the fonts smaller: {zoom_lines(sender)}")
    s.screenshot(sender.window, os.path.join(s.out, "sender-90.png"))
    # None of the zoom keys typed into the field (Ctrl+= could give "=").
    layout = [l for l in sender.lines if l.startswith("rects ")]
    if not layout or "units=0 " not in layout[-1]:
        raise Failure(f"a zoom key typed into the field: {layout[-1:]}")


def scenario_zoom_no_overlap(s):
    receiver = s.receiver()
    sender = sender_zoomable(s)
    for app in (sender, receiver):
        for _ in range(7):  # 100 -> 110 -> ... -> 300
            s.key(app, "ctrl+plus")
        wait_zoom(app, 300, 0)
    # The minimum grew with the zoom, as far as the 1280x800 screen allows.
    geometry = s.xdotool("getwindowgeometry", sender.window)
    w, h = (int(v) for v in geometry.split("Geometry: ")[1].split()[0].split("x"))
    if w <= 560 or h <= 520 or w > 1280 or h > 800:
        raise Failure(f"at 300 % the sender is {w}x{h}: not grown for the zoom, or off the screen")
    s.screenshot("root", os.path.join(s.out, "both-300.png"))
    # Smaller and smaller (no window manager here to keep the zoomed minimum): each size draws
    # the largest zoom it holds (200 % in the 1216x720 the screen allows, 125 % at the 100 %
    # minimum 420x380, 100 % below), and nothing overlaps at any of them.
    drawn = []
    for width, height in ((w - 1, h - 1), (1000, 700), (800, 600), (640, 480), (420, 380),
                          (300, 300)):
        after = len(sender.lines)
        s.xdotool("windowsize", receiver.window, str(width), str(height))
        gui_test.sender_rects(s, sender, width, height, after)
        drawn.append(int(zoom_lines(sender)[-1].split()[2].split("=")[1]))
        s.screenshot("root", os.path.join(s.out, f"both-300-at-{width}x{height}.png"))
    if drawn != sorted(drawn, reverse=True) or drawn[0] < 200 or drawn[-1] != 100:
        raise Failure(f"the zoom drawn at 300 % as the windows shrank: {drawn}")
    wait_zoom(receiver, 300, 0, drawn=100)
    # 50 %: nothing grows, the same minimum window, no overlap either.
    for app in (sender, receiver):
        before = zoom_key(s, app, "ctrl+0")
        wait_zoom(app, 100, before)
        for _ in range(5):  # 90, 80, 75, 67, 50
            s.key(app, "ctrl+minus")
        wait_zoom(app, 50, before)
    after = len(sender.lines)
    gui_test.sender_rects(s, sender, 421, 381, after)
    gui_test.sender_rects(s, sender, 420, 380, after)
    s.screenshot("root", os.path.join(s.out, "both-50-minimum.png"))


def geometry_of(s, window):
    """The window's position and size as X sees it (no window manager: exactly SDL's)."""
    text = s.xdotool("getwindowgeometry", window)
    x, y = (int(v) for v in re.search(r"Position: (-?\d+),(-?\d+)", text).groups())
    w, h = (int(v) for v in re.search(r"Geometry: (\d+)x(\d+)", text).groups())
    return x, y, w, h


def read_prefs(path):
    with open(path, encoding="utf-8") as f:
        return dict(l.split("=", 1) for l in f.read().splitlines() if "=" in l)


def scenario_prefs_remembered(s):
    folder = prefs_folder(s)
    env = prefs_env(s, folder)
    for role in ("sender", "receiver"):
        app = s.open(role, trace="state", env_extra=env)
        s.xdotool("windowmove", "--sync", app.window, "130", "90")
        s.xdotool("windowsize", "--sync", app.window, "700", "610")
        before = zoom_key(s, app, "ctrl+plus")
        wait_zoom(app, 110, before)
        before = zoom_key(s, app, "ctrl+plus")
        wait_zoom(app, 125, before)
        code = app.close(s.wm_close, s.env)
        if code != 0:
            raise Failure(f"the {role} exited {code}: {app.errors}")
        saved = read_prefs(os.path.join(folder, f"{role}.conf"))
        if (saved.get("x"), saved.get("y"), saved.get("width"), saved.get("height"),
                saved.get("zoom")) != ("130", "90", "700", "610", "125"):
            raise Failure(f"the {role} saved {saved}")
        if [f for f in os.listdir(folder) if f.endswith(".tmp")]:
            raise Failure(f"a temporary file was left: {os.listdir(folder)}")
        # Restarted without --geometry: where, how large and how zoomed it was.
        again = s.open(role, trace="state", env_extra=env)
        wait_zoom(again, 125, 0)
        got = geometry_of(s, again.window)
        if got != (130, 90, 700, 610):
            raise Failure(f"the {role} came back at {got}, not at 130,90 700x610")
        s.screenshot(again.window, os.path.join(s.out, f"{role}-restored.png"))
        again.close(s.wm_close, s.env)
        # --geometry wins over the remembered position; the size and zoom are still remembered.
        placed = s.open(role, "--geometry", "20,30", trace="state", env_extra=env)
        wait_zoom(placed, 125, 0)
        got = geometry_of(s, placed.window)
        if got != (20, 30, 700, 610):
            raise Failure(f"with --geometry 20,30 the {role} is at {got}")
        placed.close(s.wm_close, s.env)
        for done in (app, again, placed):
            if done.errors:
                raise Failure(f"the {role} wrote to stderr: {done.errors}")


def scenario_prefs_window_manager(s):
    """Under a window manager (openbox), which puts a new window's frame where it was asked to:
    the window comes back where it was, not one title bar lower at each start."""
    if shutil.which("openbox") is None:
        print("SKIP: no openbox (apt-get install openbox; quickstart.sh installs it)")
        sys.exit(gui_test.SKIP)
    # openbox runs --startup's command once it has started, the windows already there managed.
    # Its EWMH check window on the root (what this waited for before) is named earlier, and a
    # window mapped between the two once never got mapped: SDL_ShowWindow waited on forever.
    started = os.path.join(s.out, "openbox-started")
    if os.path.exists(started):
        os.remove(started)
    wm = subprocess.Popen(["openbox", "--startup", f"touch '{started}'"], env=s.env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until("openbox to run its --startup command", lambda: os.path.exists(started))
        folder = prefs_folder(s)
        env = prefs_env(s, folder)
        places = []
        for run in range(3):
            app = s.open("sender", trace="state", env_extra=env)
            if run == 0:
                s.xdotool("windowmove", "--sync", app.window, "200", "150")
            places.append(geometry_of(s, app.window))
            if app.close(s.wm_close, s.env) != 0:
                raise Failure(f"the sender did not exit cleanly: {app.errors}")
            s.apps.remove(app)
        if places[1] != places[0] or places[2] != places[0]:
            raise Failure(f"the sender moved from start to start: {places}")
    finally:
        wm.kill()
        wm.wait()


def scenario_prefs_offscreen(s):
    folder = prefs_folder(s)
    with open(os.path.join(folder, "receiver.conf"), "w", encoding="utf-8") as f:
        f.write("x=3000\ny=2500\nwidth=600\nheight=500\nzoom=100\n")  # a display unplugged
    receiver = s.open("receiver", trace="state", env_extra=prefs_env(s, folder))
    x, y, w, h = geometry_of(s, receiver.window)
    if (w, h) != (600, 500) or not (0 <= x and x + w <= 1280 and 0 <= y and y + h <= 800):
        raise Failure(f"the receiver remembered at 3000,2500 opened at {x},{y} {w}x{h}, not on "
                      "the 1280x800 screen")
    s.screenshot("root", os.path.join(s.out, "pulled-back.png"))


def scenario_prefs_corrupt(s):
    folder = prefs_folder(s)
    with open(os.path.join(folder, "sender.conf"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with open(os.path.join(folder, "receiver.conf"), "w", encoding="utf-8") as f:
        f.write("x=10\ny=20\nwidth=6")  # cut short while it was written
    env = prefs_env(s, folder)
    for role, reason in (("sender", "not text"), ("receiver", "cut short")):
        app = s.open(role, "--geometry", "0,0", trace="state", env_extra=env)
        x, y, w, h = geometry_of(s, app.window)
        if (w, h) != (560, 520):
            raise Failure(f"the {role} with a corrupt file is {w}x{h}, not the default 560x520")
        code = app.close(s.wm_close, s.env)
        if code != 0:
            raise Failure(f"the {role} exited {code}: {app.errors}")
        app.drained()
        if len(app.errors) != 1 or "ignoring the remembered window" not in app.errors[0] \
                or reason not in app.errors[0]:
            raise Failure(f"the {role} wrote {app.errors} on stderr, not one line saying "
                          f"'{reason}'")
        # The close wrote a good file over the bad one.
        if read_prefs(os.path.join(folder, f"{role}.conf")).get("width") != "560":
            raise Failure(f"the {role}'s close did not replace the corrupt file")
    # A folder where the file should be: unreadable, one line, and the window still opens.
    os.remove(os.path.join(folder, "sender.conf"))
    os.makedirs(os.path.join(folder, "sender.conf"))
    app = s.open("sender", "--geometry", "0,0", trace="state", env_extra=env)
    app.close(s.wm_close, s.env)
    app.drained()
    # One line when it is read, one when it cannot be written back on close.
    if len(app.errors) != 2 or "ignoring the remembered window" not in app.errors[0] \
            or "not remembered" not in app.errors[1]:
        raise Failure(f"with a folder for its file the sender wrote {app.errors} on stderr")


def scenario_prefs_default_folder(s):
    """Without SAMPLEMAP_PREFS_DIR the file goes where docs/manual.md says: SDL_GetPrefPath's
    folder, $XDG_DATA_HOME/samplemap or ~/.local/share/samplemap on Linux, %APPDATA%\\samplemap
    on Windows (here the test's own HOME or Wine prefix: never the developer's)."""
    if s.wine:
        users = os.path.join(s.env["SAMPLEMAP_WINEPREFIX"], "drive_c", "users")
        user = [d for d in os.listdir(users) if d.lower() != "public"][0]
        cases = [({}, os.path.join(users, user, "AppData", "Roaming", "samplemap"))]
    else:
        home, xdg = prefs_folder(s, "home"), prefs_folder(s, "xdg")
        cases = [({"XDG_DATA_HOME": xdg, "HOME": home}, os.path.join(xdg, "samplemap")),
                 ({"XDG_DATA_HOME": None, "HOME": home},
                  os.path.join(home, ".local", "share", "samplemap"))]
    for changes, folder in cases:
        shutil.rmtree(folder, ignore_errors=True)
        env = dict(s.env, **changes)
        env = {k: v for k, v in env.items() if v is not None and k != "SAMPLEMAP_PREFS_DIR"}
        app = gui_test.App(s.argv("sender") + ["--name", s.name, "--trace", "state",
                                               "--geometry", "40,50"], env, "sender")
        s.apps.append(app)
        app.wait_line("ready", timeout=s.start_timeout)
        app.window = s.window("SampleMap sender")
        before = zoom_key(s, app, "ctrl+minus")
        wait_zoom(app, 90, before)
        code = app.close(s.wm_close, s.env)
        if code != 0:
            raise Failure(f"the sender exited {code}: {app.errors}")
        path = os.path.join(folder, "sender.conf")
        if not os.path.exists(path) or read_prefs(path).get("zoom") != "90":
            raise Failure(f"no sender.conf with zoom=90 in {folder}: "
                          f"{os.listdir(folder) if os.path.isdir(folder) else 'no folder'}")
        shutil.rmtree(folder)  # the Wine prefix is shared: leave nothing remembered in it


def title_of(s, window):
    return s.xdotool("getwindowname", window).strip()


def urgent(s, window):
    """Whether WM_HINTS carries the urgency hint (what SDL_FlashWindow sets on X11)."""
    props = subprocess.run(["xprop", "-id", window, "WM_HINTS"], env=s.env, capture_output=True,
                           text=True, timeout=30).stdout
    return "urgency" in props.lower()


def attention(s, receiver, other, title, send):
    """Messages while other has the focus: counted in the title, urgent; focus clears both."""
    s.xdotool("windowfocus", "--sync", other)
    if title_of(s, receiver.window) != title or urgent(s, receiver.window):
        raise Failure(f"before any message: {title_of(s, receiver.window)!r}, "
                      f"urgent={urgent(s, receiver.window)}")
    send("one")
    wait_until("the title to count 1", lambda: title_of(s, receiver.window) == f"(1) {title}")
    if not urgent(s, receiver.window):
        raise Failure("an unread message did not set the urgency hint")
    send("two", "three")
    wait_until("the title to count 3", lambda: title_of(s, receiver.window) == f"(3) {title}")
    s.screenshot("root", os.path.join(s.out, "unread.png"))
    s.xdotool("windowfocus", "--sync", receiver.window)
    receiver.wait_line("attention cleared")
    wait_until("the title without the count", lambda: title_of(s, receiver.window) == title)
    wait_until("the urgency hint cleared", lambda: not urgent(s, receiver.window))
    # Focused, a message is seen: no count.
    send("four")
    wait_until("the fourth message", lambda: any("unread=" in l for l in receiver.lines) and
               len([l for l in receiver.lines if l.startswith("viewer shown=4")]) > 0)
    if title_of(s, receiver.window) != title:
        raise Failure(f"a message to the focused window changed its title: "
                      f"{title_of(s, receiver.window)!r}")


def scenario_attention(s):
    receiver = gui_test.viewer_receiver(s)
    sender = s.sender()
    attention(s, receiver, sender.window, f"SampleMap receiver \u2014 {s.name}",
              lambda *texts: gui_test.send_headless(s, *texts))


def scenario_attention_dbwin(s):
    """The --dbwin receiver: each debug line counts as unread."""
    name = f"gui-att-{os.getpid()}"
    receiver = s.open("receiver", "--dbwin", "--geometry", "0,0", name=name,
                      trace="state,layout")
    sender = s.sender()
    title = title_of(s, receiver.window)

    def send(*texts):
        argv = s.argv("sender") + ["--dbwin", "--name", name]
        for text in texts:
            argv += ["--message", text]
        subprocess.run(argv, env=s.env, check=True, timeout=120, capture_output=True)

    attention(s, receiver, sender.window, title, send)


gui_test.SCENARIOS.update({
    "zoom_keys": (scenario_zoom_keys, gui_test.BOTH),
    "zoom_no_overlap": (scenario_zoom_no_overlap, ("linux",)),
    "prefs_remembered": (scenario_prefs_remembered, gui_test.BOTH),
    "prefs_offscreen": (scenario_prefs_offscreen, gui_test.BOTH),
    "prefs_window_manager": (scenario_prefs_window_manager, ("linux",)),
    "prefs_corrupt": (scenario_prefs_corrupt, gui_test.BOTH),
    "prefs_default_folder": (scenario_prefs_default_folder, gui_test.BOTH),
    "attention": (scenario_attention, ("linux",)),
    "attention_dbwin": (scenario_attention_dbwin, ("linux",)),
})

if __name__ == "__main__":
    sys.exit(gui_test.main())
