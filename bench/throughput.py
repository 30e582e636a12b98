"""Benchmark 2, server throughput with wrk: conditional manifest requests (304) and 5 MB media downloads.

Three ways in the same run, over the same content (the demo court plus a 5 MB video-like clip):
  direct    `court-kiosk-server serve --workers W --threads T` (default 2 x 8, the shipped default)
  deployed  nginx with systemd/nginx-court-kiosk.conf over `export-static` (the production path)
  bare      nginx with only `location / { root DIR; }` over the same files (the baseline)
Both nginx configs run in the same wrapper (admin_server/testing.py) with the same worker_processes.
Every wrk run: 2 threads, 50 connections, `--duration` seconds, bounded by a subprocess timeout.
"""
import re
import shutil
import subprocess

import requests

from bench import common, content

CLIP_BYTES = 5 * 1024 * 1024
TARGET_304 = 2000


def wrk(url, duration, headers=()):
    cmd = ["wrk", "-t2", "-c50", f"-d{duration}s", "--timeout", "10s", "--latency", url]
    for header in headers:
        cmd[1:1] = ["-H", header]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 30).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not rate:
        raise RuntimeError(f"wrk printed no rate:\n{out}")
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    return {"rate": float(rate.group(1)), "non_2xx_3xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(map(int, errors.groups())) if errors else 0,
            "transfer": re.search(r"Transfer/sec:\s+(\S+)", out).group(1),
            "p50": latency.get("50", "?"), "p99": latency.get("99", "?")}


def _check(base, etag, sha):
    """The requests wrk repeats must be what we think: a 304, and a 200 of the whole clip."""
    r = requests.get(base + "/api/v1/manifest", headers={"If-None-Match": etag}, timeout=5)
    assert r.status_code == 304, f"{base}: the conditional manifest request gave {r.status_code}"
    r = requests.get(f"{base}/api/v1/media/{sha}", timeout=30)
    assert r.status_code == 200 and len(r.content) == CLIP_BYTES, f"{base}: the clip gave {r.status_code}"


def run(args) -> list[str]:
    if not shutil.which("wrk"):
        print("  wrk is not installed (make bench installs it): skipped")
        return ["throughput: not run (no wrk)"]
    with common.workdir() as work:
        data = common.demo_copy(work / "data")
        clip = content.add_video(data, CLIP_BYTES)
        export_dir = work / "export"
        content.export(data, export_dir)
        server = common.serve(data, args.workers, args.threads)
        port = int(server.url.rsplit(":", 1)[1])
        servers = {
            "direct": server,
            "deployed": common.nginx(work / "nginx-deployed", export_dir, workers=args.nginx_workers,
                                     upstream_port=port),
            "bare": common.nginx(work / "nginx-bare", export_dir, bare=True, workers=args.nginx_workers),
        }
        print(f"  direct = court-kiosk-server serve --workers {args.workers} --threads {args.threads};"
              f" nginx worker_processes {args.nginx_workers}; wrk -t2 -c50 -d{args.duration}s,"
              f" best of {args.repeat}")
        best, rates = {}, {}
        try:
            for name, srv in servers.items():
                etag = requests.get(srv.url + "/api/v1/manifest", timeout=5).headers["ETag"]
                _check(srv.url, etag, clip.sha256)
                srv.etag = etag
            for _ in range(args.repeat):
                for kind in ("304", "media"):
                    for name, srv in servers.items():
                        if kind == "304":
                            r = wrk(srv.url + "/api/v1/manifest", args.duration, [f"If-None-Match: {srv.etag}"])
                        else:
                            r = wrk(f"{srv.url}/api/v1/media/{clip.sha256}", args.duration)
                        print(f"  {kind:5} {name:8} {r['rate']:10.1f} req/s  latency p50 {r['p50']:>8}"
                              f" p99 {r['p99']:>8}  {r['transfer']}/s  errors: {r['socket_errors']} socket,"
                              f" {r['non_2xx_3xx']} not 2xx/3xx")
                        key = (kind, name)
                        rates.setdefault(key, []).append(r["rate"])
                        if key not in best or r["rate"] > best[key]["rate"]:
                            best[key] = r
        finally:
            for srv in servers.values():
                srv.stop()
    lines = []
    if args.repeat > 1:
        for (kind, name), values in rates.items():
            print(f"  {kind:5} {name:8} range over {len(values)} runs: {min(values):.0f}-{max(values):.0f} req/s")
    for kind, label in (("304", "conditional manifest (304)"), ("media", "5 MB media downloads")):
        d, p, b = (best[(kind, n)]["rate"] for n in ("direct", "deployed", "bare"))
        lines.append(f"throughput {label}: direct {d:.0f}/s, deployed nginx {p:.0f}/s, bare nginx {b:.0f}/s;"
                     f" deployed/bare {p / b:.2f}x, direct/bare {d / b:.3f}x"
                     + (f", direct vs the {TARGET_304} req/s target {d / TARGET_304:.2f}x" if kind == "304" else ""))
    for line in lines:
        print("  " + line)
    return lines
