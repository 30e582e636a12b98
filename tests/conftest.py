"""Shared test set-up.

Kivy reads its environment at import, so the offscreen/no-X settings are made
here, before any test module imports kivy. Nothing here starts a server:
fixtures that do live in tests/support/ (registered below).
"""
import atexit
import os
import shutil
import tempfile

_kivy_home = tempfile.mkdtemp(prefix="court-kiosk-kivy-")
# Gone when the run ends: staged installs put a uv cache of ~170 MB in it (XDG_CACHE_HOME below).
atexit.register(shutil.rmtree, _kivy_home, ignore_errors=True)
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_NO_FILELOG", "1")
os.environ.setdefault("KIVY_HOME", _kivy_home)
os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("XDG_CACHE_HOME", os.path.join(_kivy_home, "cache"))

pytest_plugins = ["tests.support.servers"]
