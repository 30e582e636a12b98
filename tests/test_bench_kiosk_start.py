"""bench/kiosk_start.py measures what it says: one start of the real kiosk and of the baseline.

The real `court-kiosk` warms its cache from the real server, then starts from that cache with the
server down; the baseline starts too. Structure only, no timing: each sent READY=1 to the notify
socket, the kiosk's home was drawn and answered a tap, and both exited cleanly on SIGTERM.
"""
from bench.kiosk_start import VARIANTS, ClosedPort, Starter, import_breakdown, measure, warm_cache
from kiosk.cache import Cache
from admin_server.testing import start_server


def test_one_start_of_the_kiosk_and_of_the_baseline(demo_dir, tmp_path):
    server = start_server(demo_dir)
    down = ClosedPort()
    starter = Starter(tmp_path / "run", tmp_path / "kiosk-cache")
    try:
        warm_cache(starter, server.url)
        assert Cache(tmp_path / "kiosk-cache").current() is not None
        server.stop()  # the kiosk starts from its cache alone
        variants = [v for v in VARIANTS if v[0] in ("kiosk", "baseline")]
        results = measure(starter, 1, down.url, server.url, variants=variants, warmup=False, log=lambda _line: None)
    finally:
        down.close()
        starter.close()
        server.stop()

    [kiosk], [baseline] = results["kiosk"], results["baseline"]
    for run in (kiosk, baseline):
        assert run.ok, (run.error, run.stderr[-2000:])
        assert run.ready_s > 0
        assert run.returncode == 0, run.stderr[-2000:]  # SIGTERM, as systemd stops it: a clean exit
        assert "Traceback" not in run.stderr
    # the kiosk: home drawn after the first frame, and a tap on home's fee tile opened the fees screen
    assert 0 < kiosk.ready_s <= kiosk.home_s < kiosk.messages["X-BENCH-TAP=fees"]
    assert kiosk.tapped == "fees"
    assert baseline.home_s is None and set(baseline.messages) == {"READY=1"}


def test_a_kiosk_without_content_is_reported_not_timed(tmp_path):
    down = ClosedPort()
    starter = Starter(tmp_path / "run", tmp_path / "empty-cache")
    try:
        run = starter.start("kiosk", down.url, timeout_s=60)
    finally:
        down.close()
        starter.close()
    assert "waiting screen" in run.error and not run.ok
    assert run.returncode == 0


def test_import_breakdown_reads_top_level_imports():
    stderr = ("import time: self [us] | cumulative | imported package\n"
              "import time:       100 |        100 |   _io\n"
              "import time:       200 |        300 | encodings\n"
              "import time:       500 |     200000 |     kivy.graphics\n"
              "import time:      2000 |     150000 | kivy.core.window\n"
              "some other line\n"
              "import time:        50 |      90000 | kiosk.app\n")
    assert import_breakdown(stderr, top=2) == [(0.15, "kivy.core.window"), (0.09, "kiosk.app")]
