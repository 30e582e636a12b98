"""Simulated kiosks: N asyncio pollers, each with one keep-alive connection.

Each does what kiosk/sync.py does on the wire: GET the manifest every
`interval_s` (with +-`jitter` relative jitter) sending If-None-Match; on a new
manifest, GET each media file it lacks, check its size and sha256, and only
then count the version as reached. Unlike a real kiosk it keeps no files
(bytes are hashed and dropped) and does not validate the manifest beyond
json.loads, so the CPU it spends on this shared machine stays small.
"""
import asyncio
import hashlib
import json
import random
import time
from urllib.parse import urlsplit

from bench.httpclient import Connection, HTTPError


class SimKiosk:
    def __init__(self, idx, url, interval_s, jitter, rng, timeout_s):
        parts = urlsplit(url)
        self.idx = idx
        self.prefix = (parts.path.rstrip("/") + "/") if parts.path else "/"
        self.conn = Connection(parts.hostname, parts.port or 80, timeout_s)
        self.interval_s, self.jitter, self.rng = interval_s, jitter, rng
        self.etag = None
        self.version = None
        self.have = set()
        self.done_at = {}  # version -> time.monotonic() when it and all its media were in hand
        self.poll_started = {}  # version -> when the poll that brought it began
        self.counts = {"polls": 0, "304": 0, "manifest_200": 0, "media": 0, "bytes": 0}
        self.failures = []  # (time.monotonic(), sentence)

    def preload(self, manifest: dict):
        """Start as a kiosk with a warm cache of this version (its media already on disk)."""
        self.version = manifest["version"]
        self.have = set(manifest["media"])

    async def poll(self):
        started = time.monotonic()
        self.counts["polls"] += 1
        headers = {"If-None-Match": self.etag} if self.etag else {}
        resp = await self.conn.request(self.prefix + "api/v1/manifest", headers)
        self.counts["bytes"] += resp.wire_bytes
        if resp.status == 304:
            self.counts["304"] += 1
            return
        if resp.status != 200:
            raise HTTPError(f"manifest answered HTTP {resp.status}")
        self.counts["manifest_200"] += 1
        manifest = json.loads(resp.body)
        for sha, info in manifest["media"].items():
            if sha not in self.have:
                await self.fetch(sha, info["size"])
        if manifest["version"] != self.version:
            self.version = manifest["version"]
            self.done_at[self.version] = time.monotonic()
            self.poll_started[self.version] = started
        self.etag = resp.headers.get("etag")

    async def fetch(self, sha, size):
        digest = hashlib.sha256()
        resp = await self.conn.request(f"{self.prefix}api/v1/media/{sha}", {"Accept-Encoding": "identity"},
                                       sink=digest.update)
        self.counts["bytes"] += resp.wire_bytes
        if resp.status != 200:
            raise HTTPError(f"media {sha[:12]} answered HTTP {resp.status}")
        if resp.length != size or digest.hexdigest() != sha:
            raise HTTPError(f"media {sha[:12]} arrived with the wrong size or sha256")
        self.counts["media"] += 1
        self.have.add(sha)

    async def run(self, stop: asyncio.Event):
        await _sleep_unless(stop, self.rng.uniform(0, self.interval_s))
        while not stop.is_set():
            try:
                await self.poll()
            except (HTTPError, ValueError, KeyError) as exc:
                self.failures.append((time.monotonic(), f"kiosk {self.idx}: {exc}"))
            delay = self.interval_s * (1 + self.jitter * (2 * self.rng.random() - 1))
            await _sleep_unless(stop, delay)
        await self.conn.close()


async def _sleep_unless(stop, seconds):
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        pass


class Fleet:
    def __init__(self, url, n, *, interval_s=2.0, jitter=0.1, seed=1, timeout_s=10.0, kiosk=SimKiosk):
        """`kiosk`: the class of the simulated kiosks (SimKiosk polls the manifest)."""
        rng = random.Random(seed)
        self.kiosks = [kiosk(i, url, interval_s, jitter, random.Random(rng.random()), timeout_s)
                       for i in range(n)]
        self.stop_event = None
        self.tasks = []

    def preload(self, manifest: dict):
        for k in self.kiosks:
            k.preload(manifest)

    async def start(self):
        self.stop_event = asyncio.Event()
        self.tasks = [asyncio.create_task(k.run(self.stop_event)) for k in self.kiosks]

    async def stop(self):
        self.stop_event.set()
        await asyncio.gather(*self.tasks)

    async def wait(self, predicate, timeout_s, step_s=0.02) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if predicate():
                return True
            await asyncio.sleep(step_s)
        return predicate()

    def all_on(self, version) -> bool:
        return all(k.version == version for k in self.kiosks)

    def warm(self) -> bool:
        """Every kiosk has an ETag (its first poll answered)."""
        return all(k.etag for k in self.kiosks)

    def counts(self) -> dict:
        total = {key: sum(k.counts[key] for k in self.kiosks) for key in self.kiosks[0].counts}
        total["failures"] = sum(len(k.failures) for k in self.kiosks)
        total["connects"] = sum(k.conn.connects for k in self.kiosks)
        total["stale_retries"] = sum(k.conn.stale_retries for k in self.kiosks)
        return total

    def failures(self) -> list:
        return sorted(f for k in self.kiosks for f in k.failures)
