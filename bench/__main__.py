"""Run every benchmark that exists and print a summary: `.venv/bin/python -m bench [--only NAME ...]`."""
import argparse
import importlib
import time

from bench import common

# In the order BENCHMARKS.md numbers them (1..9); each has run(args) -> list of summary lines.
BENCHMARKS = ("propagation", "throughput", "kiosk_start", "clip_gap", "memory", "sync_cost", "hearings", "cpu",
              "screens")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these")
    parser.add_argument("--kiosks", nargs="+", type=int, help="propagation, hearings: kiosk counts (default 50 200 500)")
    parser.add_argument("--duration", type=int, default=10, help="throughput: seconds per wrk run (default 10)")
    parser.add_argument("--repeat", type=int, default=1, help="throughput: wrk runs per figure, best kept")
    parser.add_argument("--workers", type=int, default=2, help="throughput: gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=8, help="throughput: gunicorn threads (default 8)")
    parser.add_argument("--nginx-workers", default="auto", help="throughput: nginx worker_processes (default auto)")
    parser.add_argument("--starts", type=int, default=10, help="kiosk_start: starts of each app (default 10)")
    parser.add_argument("--switches", type=int, default=20, help="clip_gap: clip switches measured (default 20)")
    parser.add_argument("--minutes", type=float, default=10, help="memory: minutes of looping and screen changes (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="cpu: rounds of every variant, medians kept (default 3)")
    parser.add_argument("--window", type=float, default=20, help="cpu: seconds of CPU time measured per variant (default 20)")
    parser.add_argument("--sessions", type=int, default=6, help="screens: visitor sessions (default 6)")
    parser.add_argument("--home-s", type=float, default=2.0,
                        help="screens: seconds a visitor spends on home before the first visit (default 2)")
    parser.add_argument("--variants", nargs="+", help="cpu: only these variants (baseline, attract, display, fees, "
                                                      "baseline-landscape)")
    args = parser.parse_args(argv)

    print("machine:", ", ".join(f"{k} {v}" for k, v in common.machine().items()))
    print("before:", common.load())
    summary = []
    for name in args.only or BENCHMARKS:
        print(f"\n== {name} ==")
        started = time.monotonic()
        summary += importlib.import_module(f"bench.{name}").run(args)
        print(f"   ({time.monotonic() - started:.0f} s)")
    print("\nafter:", common.load())
    print("\n== summary ==")
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()
