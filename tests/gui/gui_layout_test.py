#!/usr/bin/env python3
"""gui_view_size: the windows with --view-size 256 (the layout of Microsoft's "Creating Named
Shared Memory" sample). The sender's counter and its refusal follow the view: 128 units are
refused naming the limit 127, and 127 go through to the receiver window's --log. Uses the
machinery of gui_test.py (Xvfb, xdotool, screenshots); only the scenario is new.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test  # noqa: E402
from gui_test import Failure, wait_until  # noqa: E402


def scenario_view_size(s):
    receiver = s.receiver("--view-size", "256")
    sender = s.sender("--view-size", "256")
    s.type_into(sender, "a" * 128, delay_ms=1)  # ASCII needs no keymap remapping
    s.key(sender, "Return")
    refused = sender.wait_line("refused:", timeout=60)
    if "128" not in refused or "127" not in refused:
        raise Failure(f"the refusal does not name the length and the 256-byte view's limit: {refused}")
    s.screenshot(sender.window, os.path.join(s.out, "sender-refused-128.png"))
    s.key(sender, "BackSpace", "Return")
    sender.wait_line("delivered 1")
    lines = wait_until("the 127-unit message in the --log file", lambda: s.log_lines())
    if lines != ["a" * 127]:
        raise Failure(f"--log holds lines of lengths {[len(l) for l in lines]}, expected one of 127")
    s.screenshot("root", os.path.join(s.out, "both.png"))
    del receiver


gui_test.SCENARIOS["view_size"] = (scenario_view_size, gui_test.BOTH)

if __name__ == "__main__":
    sys.exit(gui_test.main())
