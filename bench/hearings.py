"""Benchmark 7, hearings: N kiosks poll the live hearings feed every 2 s; a clerk changes one hearing's
status; how long until every kiosk's feed shows it?

For N = 50, 200, 500: `court-kiosk-server serve` (subprocess, default --workers 2 --threads 8) over a
demo data folder with 40 hearings today (imported through admin_server.hearings_import, one room).
Each simulated kiosk polls `GET /api/v1/hearings` every 2 s +-10 % with If-None-Match, as kiosk/sync.py
does (one keep-alive connection each). The change: hearings.change_status(scheduled -> in_progress) in
this process, in one write transaction on the server's database (what the clerk's page calls). A
kiosk's time runs from that commit until a poll's answer carries the new status.
"""
import asyncio
import csv
import io
import json
import time

from admin_server import hearings
from admin_server import hearings_import as hi
from admin_server.content import get_settings, tri
from admin_server.db import open_existing, write_transaction
from bench import common
from bench.fleet import Fleet, SimKiosk
from bench.httpclient import HTTPError

NS = (50, 200, 500)
INTERVAL_S = 2.0
STEADY_S = 4.0
TIMEOUT_S = 30.0
HEARINGS = 40


class FeedKiosk(SimKiosk):
    """Polls the hearings feed and notes when the watched hearing's status changes."""

    watch_id = None

    def __init__(self, *args):
        super().__init__(*args)
        self.counts = {"polls": 0, "304": 0, "feed_200": 0, "bytes": 0}
        self.status = None
        self.seen_at = {}  # status -> time.monotonic() when a poll's answer first carried it

    async def poll(self):
        started = time.monotonic()
        self.counts["polls"] += 1
        headers = {"If-None-Match": self.etag} if self.etag else {}
        resp = await self.conn.request(self.prefix + "api/v1/hearings", headers)
        self.counts["bytes"] += resp.wire_bytes
        if resp.status == 304:
            self.counts["304"] += 1
            return
        if resp.status != 200:
            raise HTTPError(f"the hearings feed answered HTTP {resp.status}")
        self.counts["feed_200"] += 1
        feed = json.loads(resp.body)
        status = next(h["status"] for h in feed["hearings"] if h["id"] == self.watch_id)
        if status != self.status:
            self.status = status
            self.seen_at[status] = time.monotonic()
            self.poll_started[status] = started
        self.etag = resp.headers.get("etag")


def prepare(data_dir) -> int:
    """One room and HEARINGS public hearings today (court time), imported as a CSV; returns one id."""
    db = open_existing(data_dir)
    try:
        with write_transaction(db):
            if not db["rooms"].count:
                db["rooms"].insert({"number": "1", "name": tri("Зал 1"), "floor": 1})
        today = hearings.court_today(get_settings(db)).isoformat()
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(hi.FIELDS)
        for i in range(HEARINGS):
            writer.writerow([today, f"{9 + i // 6:02d}:{i % 6 * 10:02d}", "1", f"7594-26-00-2/{1000 + i}",
                             "civil", "Ахметова Г. С.", "Сейткали А.Б. – ТОО «Каспий»", "no"])
        preview = hi.parse(out.getvalue().encode(), "bench.csv", hi.rooms_of(db))
        hi.store_preview(db, preview, "import", "bench")
        return db.execute("SELECT id FROM hearings WHERE date = ? ORDER BY time LIMIT 1", [today]).fetchone()[0]
    finally:
        db.conn.close()


def change(data_dir, hearing_id) -> float:
    """The clerk's tap: scheduled -> in_progress; returns time.monotonic() right after the commit."""
    db = open_existing(data_dir)
    try:
        with write_transaction(db):
            hearings.change_status(db, hearing_id, "in_progress", by="bench")
        return time.monotonic()
    finally:
        db.conn.close()


async def _scenario(url, n, data_dir, hearing_id, seed):
    FeedKiosk.watch_id = hearing_id
    fleet = Fleet(url, n, interval_s=INTERVAL_S, jitter=0.1, seed=seed, kiosk=FeedKiosk)
    await fleet.start()
    try:
        if not await fleet.wait(fleet.warm, 3 * INTERVAL_S + 10):
            raise RuntimeError(f"only {sum(bool(k.etag) for k in fleet.kiosks)} of {n} kiosks got a first answer")
        before = fleet.counts()
        await asyncio.sleep(STEADY_S)
        steady = {k: v - before[k] for k, v in fleet.counts().items()}
        committed_at = await asyncio.to_thread(change, data_dir, hearing_id)
        reached = await fleet.wait(lambda: all(k.status == "in_progress" for k in fleet.kiosks), TIMEOUT_S)
        seen = [k for k in fleet.kiosks if "in_progress" in k.seen_at]
        times = [k.seen_at["in_progress"] - committed_at for k in seen]
        fetch = [k.seen_at["in_progress"] - max(k.poll_started["in_progress"], committed_at) for k in seen]
    finally:
        await fleet.stop()
    return {"times": times, "fetch": fetch, "missing": n - len(times), "reached": reached, "steady": steady,
            "counts": fleet.counts(), "failures": fleet.failures()[:5]}


def _one(n, work, seed):
    data_dir = common.demo_copy(work / f"hearings-{n}")
    hearing_id = prepare(data_dir)
    server = common.serve(data_dir)
    try:
        return asyncio.run(_scenario(server.url, n, data_dir, hearing_id, seed))
    finally:
        server.stop()


def run(args) -> list[str]:
    lines = []
    with common.workdir() as work:
        for n in args.kiosks or NS:
            r = _one(n, work, seed=n)
            c, s = r["counts"], r["steady"]
            print(f"  server N={n:<4} {common.summary(r['times'])}  reached {n - r['missing']}/{n}")
            print(f"         of which fetching (poll start to seen): {common.summary(r['fetch'])}")
            print(f"         steady state: {s['polls'] / STEADY_S:.0f} polls/s answered by {s['304']} 304s and"
                  f" {s['feed_200']} full feeds; whole run: {c['polls']} polls, {c['connects']} connections"
                  f" opened, {c['failures']} failed requests")
            for _when, what in r["failures"]:
                print(f"         failure: {what}")
            if r["times"]:
                line = (f"hearings N={n}: p50 {common.pct(r['times'], 50):.2f} s, p95 {common.pct(r['times'], 95):.2f} s,"
                        f" max {max(r['times']):.2f} s, reached {n - r['missing']}/{n},"
                        f" failed requests {c['failures']}")
            else:
                line = f"hearings N={n}: no kiosk saw the change (see above)"
            print("  " + line)
            lines.append(line)
    return lines
