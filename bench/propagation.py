"""Benchmark 1, propagation: N kiosks poll every 2 s; one template file changes; how long until all have it?

For each N, the same scenario twice in the same run:
  server  `court-kiosk-server serve` (subprocess, default --workers 2 --threads 8) over a demo data folder;
  nginx   the shipped site (systemd/nginx-court-kiosk.conf) over `export-static`, re-exported right
          after the publish; the clock still starts at the publish commit.
Kiosks start from a warm cache of version 1 (its media counted as on disk), take one poll to learn
the ETag, then poll with If-None-Match. The change: a new ~36 KB PDF for one template's ru file
(stored in the MediaStore, template_files updated, published in this process). A kiosk's time is
from the commit to the moment it holds the new manifest and the new file with its sha256 checked.
"""
import asyncio
import json
import time

from bench import common, content
from bench.fleet import Fleet

NS = (50, 200, 500)
INTERVAL_S = 2.0
STEADY_S = 4.0
TIMEOUT_S = 30.0


async def _scenario(url, n, data_dir, after_publish, seed):
    fleet = Fleet(url, n, interval_s=INTERVAL_S, jitter=0.1, seed=seed)
    fleet.preload(json.loads(content.current_manifest_bytes(data_dir)))
    await fleet.start()
    try:
        if not await fleet.wait(fleet.warm, 3 * INTERVAL_S + 10):
            raise RuntimeError(f"only {sum(bool(k.etag) for k in fleet.kiosks)} of {n} kiosks got a first answer")
        before = fleet.counts()
        await asyncio.sleep(STEADY_S)
        steady = {k: v - before[k] for k, v in fleet.counts().items()}

        def change():
            made = content.replace_template_file(data_dir, seed=seed)
            export_s = after_publish() if after_publish else 0.0
            return made, export_s

        made, export_s = await asyncio.to_thread(change)
        version = made.result.version
        reached = await fleet.wait(lambda: fleet.all_on(version), TIMEOUT_S)
        done = [k.done_at[version] - made.committed_at for k in fleet.kiosks if version in k.done_at]
        # the part spent fetching (manifest + file), without the wait for the kiosk's next poll
        fetch = [k.done_at[version] - max(k.poll_started[version], made.committed_at)
                 for k in fleet.kiosks if version in k.done_at]
    finally:
        await fleet.stop()
    return {"times": done, "fetch": fetch, "missing": n - len(done), "reached": reached, "steady": steady,
            "counts": fleet.counts(), "failures": fleet.failures()[:5], "export_s": export_s}


def _one(target, n, work, seed):
    data_dir = common.demo_copy(work / f"{target}-{n}")
    if target == "server":
        server = common.serve(data_dir)
        try:
            return asyncio.run(_scenario(server.url, n, data_dir, None, seed))
        finally:
            server.stop()
    export_dir = work / f"export-{n}"
    content.export(data_dir, export_dir)
    ngx = common.nginx(work / f"nginx-{n}", export_dir)

    def re_export():
        started = time.monotonic()
        content.export(data_dir, export_dir)
        return time.monotonic() - started

    try:
        return asyncio.run(_scenario(ngx.url, n, data_dir, re_export, seed))
    finally:
        ngx.stop()


def _report(target, n, r):
    c, s = r["counts"], r["steady"]
    export = f"  (export-static took {r['export_s']:.3f} s)" if target == "nginx" else ""
    print(f"  {target:6} N={n:<4} {common.summary(r['times'])}  reached {n - r['missing']}/{n}{export}")
    print(f"         of which fetching (poll start to done): {common.summary(r['fetch'])}")
    print(f"         steady state: {s['polls'] / STEADY_S:.0f} polls/s answered by {s['304']} 304s and"
          f" {s['manifest_200']} full manifests;"
          f" whole run: {c['polls']} polls, {c['media']} media downloads, {c['connects']} connections opened"
          f" ({c['stale_retries']} requests re-sent after the server closed a kept-alive connection),"
          f" {c['failures']} failed requests")
    for _when, what in r["failures"]:
        print(f"         failure: {what}")


def run(args) -> list[str]:
    ns = args.kiosks or NS
    lines = []
    with common.workdir() as work:
        for n in ns:
            results = {}
            for target in ("server", "nginx"):
                results[target] = r = _one(target, n, work, seed=n)
                _report(target, n, r)
            s, g = results["server"]["times"], results["nginx"]["times"]
            if s and g:
                ratio = common.pct(s, 95) / common.pct(g, 95)
                line = (f"propagation N={n}: server p95 {common.pct(s, 95):.2f} s, nginx p95 {common.pct(g, 95):.2f} s,"
                        f" server/nginx {ratio:.2f}x; failed requests {results['server']['counts']['failures']}"
                        f"/{results['nginx']['counts']['failures']}")
            else:
                line = f"propagation N={n}: not every run finished (see above)"
            print("  " + line)
            lines.append(line)
    return lines
