"""The CPU and screens benchmarks' machinery (bench/cpu.py, bench/screens.py), briefly: behaviour, never figures."""
import os

import pytest

from bench import common, cpu, memory, screens


def result(variant, cpu_pct, pictures_per_s=25.0, **extra):
    r = {"variant": variant, "cpu_pct": cpu_pct, "pictures_per_s": pictures_per_s, "dropped": 0, "lost": 0,
         "draws_per_s": 25.0, "solo_per_s": 0.0, "errors": [], "load": 1.0}
    r.update(extra)
    return r


def test_ratios_pair_each_round_with_its_own_baseline():
    lines = cpu.summarise({
        "baseline": [result("baseline", 100), result("baseline", 200)],
        "attract": [result("attract", 110), result("attract", 180)],  # 1.10x and 0.90x
    }, window_s=20)
    attract = next(line for line in lines if line.startswith("cpu attract"))
    assert "1.00x baseline (median of 2 rounds' ratios, 0.90-1.10; target <= 1.15x: met)" in attract


def test_a_starved_window_and_a_missed_target_are_said():
    lines = cpu.summarise({"fees": [result("fees", 7.5, pictures_per_s=0.0)],
                           "attract": [result("attract", 50, pictures_per_s=9.0)]}, window_s=20)
    assert "target <= 5% of a core: NOT met" in lines[0]
    assert "1 window(s) starved" in lines[1] and "starved" not in lines[0]


def test_the_cpu_of_this_process_and_its_threads_is_read():
    busy = sum(range(2_000_000))  # some CPU time to see
    assert busy and cpu.cpu_seconds(os.getpid()) > 0
    threads = cpu.thread_seconds(os.getpid())
    assert set(threads) == {"main", "llvmpipe", "other"} and threads["main"] > 0


def test_screen_figures_and_targets():
    visits = {"first": [0.02, 0.03, 0.2], "return": [0.001, 0.002, 0.002], "first_drawn": [0.1] * 3,
              "return_drawn": [0.1] * 3, "first_ready": [True, True, False]}
    lines = screens.summarise({"screens": {"fees": visits}, "sessions": 3, "prebuilt": 5})
    assert lines[0].startswith("screens fees: build first 30 / 200 ms, return 2 / 2 ms")
    assert "first visit build p95 200 ms (target <= 100: NOT met), return p95 2 ms (target <= 30: met)" in lines[-1]
    assert "2 of the first found their screen built ahead (5 builds in idle time)" in lines[-1]


needs_libvlc = pytest.mark.skipif(not os.path.exists("/usr/lib/x86_64-linux-gnu/libvlc.so.5")
                                  and not os.path.exists("/usr/lib/libvlc.so.5"), reason="libVLC is not installed")


@pytest.fixture(scope="module")
def court():
    """The demo court on a real server and a kiosk cache warmed from it: (work, server, token, cache)."""
    with common.workdir() as work:
        server, token = memory.setup(work)
        try:
            yield work, server, token, memory.warm_cache(server.url, work / "cache")
        finally:
            server.stop()


@needs_libvlc
def test_a_measured_window_of_the_fees_screen_with_the_ticker_paused(court):
    work, server, token, cache = court
    r = cpu.measure(work, "fees-paused", cpu.driver_args("fees-paused", server, token, cache), warmup_s=4, window_s=2)
    assert r["screens"] == ["fees"] and r["screen_changes"] == 0  # it stayed on fees, untouched
    assert 0 < r["cpu_pct"] < 100
    assert r["draws_per_s"] < 1  # nothing moves: (next to) nothing is drawn


@needs_libvlc
def test_a_kiosk_that_never_reaches_its_screen_is_said(court):
    work, server, token, cache = court
    # the plain baseline app has no fees screen to stay on
    with pytest.raises(RuntimeError, match=r"the kiosk driver \(fees\) never reached fees"):
        cpu.measure(work, "fees", cpu.driver_args("baseline", server, token, cache), warmup_s=1, window_s=1,
                    ready_timeout_s=20)
