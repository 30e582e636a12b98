"""Pixels are read only from where the window draws (kiosk.frames.read_window_pixels).

An offscreen window (SDL's EGL pbuffer) keeps the size it was made with. A 1920x1080 app in a
window made 1080x1920 -- a test module that imported Kivy's window at collection, portrait -- drew
nothing beyond x=1080, and the door sign's picture had an empty "later today" column there, in
some full runs only. Reading pixels that were never drawn now fails with a sentence saying why;
kiosk.testing.window() makes the window square, big enough for either orientation.
"""

import subprocess
import sys

SCRIPT = """
import sys
from kivy.config import Config

Config.set("graphics", "width", "1080")
Config.set("graphics", "height", "1920")
if sys.argv[1] == "kiosk.testing":
    from kiosk.testing import window
    window((1080, 1920))
from kivy.core.window import Window
from kivy.graphics import Color, Rectangle

from kiosk.frames import read_window_pixels
from kiosk.testing import frame

Window.size = (1920, 1080)  # a landscape app after the portrait one
with Window.canvas:
    Color(1, 0, 0)
    Rectangle(pos=(0, 0), size=(1920, 1080))
frame()
try:
    width, height, data = read_window_pixels()
except RuntimeError as exc:
    print("refused:", exc)
else:
    at = (500 * width + 1800) * 4  # x=1800: beyond a portrait window's width
    print("read:", width, height, tuple(data[at:at + 3]))
"""


def run(made_by):
    done = subprocess.run([sys.executable, "-c", SCRIPT, made_by], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def test_a_window_made_too_small_refuses_to_give_pixels_it_never_drew():
    said = run("kivy")
    assert said.startswith("refused:"), said
    assert "1920x1080" in said and "1080x1920" in said and "never drawn" in said


def test_the_window_kiosk_testing_makes_draws_either_orientation():
    assert run("kiosk.testing") == "read: 1920 1080 (255, 0, 0)"
