"""kiosk.memory: with the allocator tuned, big buffers go back to the system when freed.

Each case runs in a fresh interpreter: the setting is process-wide and must
come before the allocations it governs, as in court-kiosk's main.
"""
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from admin_server.testing import stop_process
from kiosk import cli, memory

pytestmark = pytest.mark.skipif(memory._glibc() is None, reason="glibc's malloc only")

# Churn like the kiosk's: big buffers freed while small allocations made in between stay alive.
CHURN = textwrap.dedent("""
    import sys
    from kiosk import memory
    if sys.argv[1] == "tuned":
        assert memory.tune_allocator()

    first = b"x" * 2_000_000
    del first  # glibc's first freed mmap raises its threshold: from now on 2 MB buffers come from the heap
    base = memory._rss_bytes()
    big, small = [], []
    for i in range(100):
        big.append(b"b" * 2_000_000)
        small.append(b"s" * 65536)  # outlives the big ones, between them in the heap
    del big
    print((memory._rss_bytes() - base) // 1_000_000)
""")


def held_mb(mode):
    out = subprocess.run([sys.executable, "-c", CHURN, mode], capture_output=True, text=True, timeout=60, check=True)
    return int(out.stdout.strip())


def test_tuned_allocator_returns_freed_big_buffers_to_the_system():
    assert held_mb("tuned") < 20  # 100 x 2 MB were allocated and freed


def test_untuned_glibc_holds_them_which_is_what_the_tuning_is_for():
    assert held_mb("default") > 100


def test_court_kiosk_tunes_the_allocator_before_kivy_starts(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(memory, "tune_allocator", lambda: calls.append("tune") or True)

    def setup_kivy(cfg, debug):
        calls.append("kivy")
        raise RuntimeError("stop here")

    monkeypatch.setattr(cli, "_setup_kivy", setup_kivy)
    assert cli.main(["--server", "http://127.0.0.1:9/", "--cache-dir", str(tmp_path)]) == 1
    assert calls == ["tune", "kivy"]


# Many small buffers (under the mmap threshold: from the heap) freed while a few stay alive between them.
SMALL_CHURN = textwrap.dedent("""
    import json
    from kiosk import memory
    assert memory.tune_allocator()

    base = memory._rss_bytes()
    chunks = [bytearray(200_000) for _ in range(1000)]  # 200 MB from the heap
    keep = chunks[::50]  # 20 stay, spread over it
    del chunks
    held = memory._rss_bytes()
    freed, took = memory.give_back()
    print(json.dumps({"held": held - base, "after": memory._rss_bytes() - base, "freed": freed, "took": took}))
""")


def test_give_back_returns_the_free_heap_a_visitor_left():
    import json

    out = subprocess.run([sys.executable, "-c", SMALL_CHURN], capture_output=True, text=True, timeout=60, check=True)
    got = json.loads(out.stdout)
    assert got["held"] > 150_000_000  # malloc kept the freed 200 KB buffers (the heap cannot shrink past the kept ones)
    assert got["after"] < 30_000_000 and got["freed"] > 150_000_000, got
    assert 0 <= got["took"] < 5


def test_court_kiosk_gives_memory_back_when_visitors_leave_and_every_few_seconds(tmp_path):
    from kiosk.config import KioskConfig

    env = cli.make_env(KioskConfig(server_url=None, cache_dir=tmp_path))
    assert env.give_back_memory is memory.give_back and env.set_aside is memory.set_aside
    assert env.trim_memory is memory.trim and 0 < env.trim_every_s <= 60


# The heap a running kiosk leaves: buffers freed between ones that stay (texts redrawn, pictures), while
# objects kept in cycles wait for a collection: trim gives the free pages back, and collects nothing.
TRIM_CHURN = textwrap.dedent("""
    import gc, json
    from kiosk import memory
    assert memory.tune_allocator()

    gc.disable()
    base = memory._rss_bytes()
    chunks = [bytearray(200_000) for _ in range(1000)]  # 200 MB from the heap
    keep = chunks[::50]
    del chunks
    cycle = [bytearray(10_000_000)]
    cycle.append(cycle)  # garbage only a collection frees
    del cycle
    held = memory._rss_bytes()
    collections = gc.get_stats()[2]["collections"]
    assert memory.trim()
    print(json.dumps({"held": held - base, "after": memory._rss_bytes() - base,
                      "collected": gc.get_stats()[2]["collections"] - collections}))
""")


def test_trim_gives_the_free_heap_back_without_collecting():
    out = subprocess.run([sys.executable, "-c", TRIM_CHURN], capture_output=True, text=True, timeout=60, check=True)
    got = json.loads(out.stdout)
    assert got["held"] > 150_000_000, got
    assert 5_000_000 < got["after"] < 40_000_000, got  # the 10 MB in the uncollected cycle stays
    assert got["collected"] == 0


def test_the_running_kiosk_trims_every_trim_every_s_until_it_stops(tmp_path):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer
    from tests.support.ui import make_cache

    cache, manifest = make_cache(tmp_path)
    trims = []
    env = KioskEnv(lang="kk", manifest=manifest, cache=cache, make_player=lambda call_soon: FakePlayer(call_soon),
                   thumbnail_every_s=None, watchdog=None, usage_path=None,
                   trim_memory=lambda: trims.append(time.monotonic()), trim_every_s=0.2)
    app = KioskApp(env)
    start_app(app)
    try:
        pump(seconds=1.1)
        assert 3 <= len(trims) <= 7, trims
    finally:
        stop_app(app)
    count = len(trims)
    pump(seconds=0.5)
    assert len(trims) == count  # stopped with the app


# Python's small objects, most freed, one in 400 kept alive and spread over all of them: a visit's screens
# dropped, what outlives the visit (caches, compiled rules) among them.
PYTHON_CHURN = textwrap.dedent("""
    from kiosk import memory
    assert memory.tune_allocator()

    base = memory._rss_bytes()
    objects = [(f"label {i}", i * 7919) for i in range(600_000)]
    used = memory._rss_bytes() - base
    keep = objects[::400]
    del objects
    memory.give_back()
    print(used // 1_000_000, (memory._rss_bytes() - base) // 1_000_000)
""")


def python_objects_held_mb(allocator):
    env = {**os.environ, "PYTHONMALLOC": allocator}
    out = subprocess.run([sys.executable, "-c", PYTHON_CHURN], capture_output=True, text=True, timeout=60, check=True,
                         env=env)
    used, held = map(int, out.stdout.split())
    assert used > 80  # the objects did take their ~100 MB
    return held


def test_with_the_kiosks_python_allocator_freed_objects_go_back_to_the_system():
    assert python_objects_held_mb(memory.PYTHON_ALLOCATOR) < 20


def test_pymalloc_keeps_every_arena_a_survivor_is_in_which_is_why_the_kiosk_does_not_use_it():
    assert python_objects_held_mb("pymalloc") > 70


# A cycle alive when what is built is set aside, let go of afterwards (a dropped screen's widgets).
SET_ASIDE = textwrap.dedent("""
    import gc, json, weakref
    from kiosk import memory

    class Node:
        pass

    kept = Node()
    kept.me = kept
    probe = weakref.ref(kept)
    memory.set_aside()
    set_aside = gc.get_freeze_count()
    del kept
    gc.collect()  # what the collector's own full passes do: not look at it
    after_collect = probe() is not None
    memory.give_back()
    print(json.dumps({"set_aside": set_aside, "after_collect": after_collect, "after_give_back": probe() is not None,
                      "set_aside_again": gc.get_freeze_count()}))
""")


def test_objects_set_aside_are_left_out_of_collections_until_the_memory_is_given_back():
    out = subprocess.run([sys.executable, "-c", SET_ASIDE], capture_output=True, text=True, timeout=60, check=True)
    seen = json.loads(out.stdout)
    assert seen["set_aside"] > 1000  # everything alive then (the interpreter's modules, too)
    assert seen["after_collect"] is True  # a full collection left the cycle alone
    assert seen["after_give_back"] is False  # give_back looked at it again, and freed it
    assert seen["set_aside_again"] > 1000  # and set the survivors aside again


def test_the_allocator_is_set_for_the_restart_unless_one_is_set_already():
    assert memory.python_allocator_env({"PATH": "/bin"}) == {"PATH": "/bin", "PYTHONMALLOC": memory.PYTHON_ALLOCATOR}
    assert memory.python_allocator_env({"PYTHONMALLOC": "pymalloc_debug"}) is None


def test_court_kiosk_starts_itself_again_with_pythons_allocator_set(tmp_path):
    """The court-kiosk command, as systemd starts it: the same process (systemd's watchdog follows its
    id) runs on with PYTHONMALLOC in its environment, and the kiosk comes up."""
    exe = Path(sys.executable).with_name("court-kiosk")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONMALLOC"}
    env.update(SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy", KIVY_HOME=str(tmp_path / "kivy"),
               KIVY_NO_ARGS="1", KIVY_NO_CONSOLELOG="1", KIVY_NO_FILELOG="1")
    (tmp_path / "kivy").mkdir()
    child = subprocess.Popen([str(exe), "--server", "http://127.0.0.1:9/", "--cache-dir", str(tmp_path / "cache")],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        environ = b""
        while child.poll() is None and time.monotonic() < deadline:
            environ = Path(f"/proc/{child.pid}/environ").read_bytes()
            if b"PYTHONMALLOC=" in environ and b"kiosk.cli" in Path(f"/proc/{child.pid}/cmdline").read_bytes():
                break
            time.sleep(0.1)
        assert child.poll() is None, child.stdout.read().decode(errors="replace")
        assert f"PYTHONMALLOC={memory.PYTHON_ALLOCATOR}".encode() in environ.split(b"\0")
        time.sleep(5)  # Kivy and the (waiting) screen come up under it
        assert child.poll() is None, child.stdout.read().decode(errors="replace")
    finally:
        stop_process(child)


def test_a_failed_restart_leaves_the_kiosk_running_on_with_a_warning(monkeypatch, caplog):
    def refused(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.delenv("PYTHONMALLOC", raising=False)
    monkeypatch.setattr(os, "execve", refused)
    with caplog.at_level("WARNING", logger="kiosk"):
        cli._restart_with_python_allocator()  # returns: main goes on in this process
    assert "could not start again with PYTHONMALLOC=malloc" in caplog.text and "Permission denied" in caplog.text
