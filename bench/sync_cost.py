"""Benchmark 6, sync cost: bytes a real kiosk (SyncClient + Cache) downloads for one changed template.

A kiosk fully synced to the demo court; one template's ru file is replaced by a new ~36 KB PDF
and published (for nginx: then exported). Counted: every response byte the kiosk's requests
Session receives during the next poll (bodies exactly, headers as sent). Baseline: the bytes that
changed (the new file) plus the new manifest. Also a text-only change, where nothing but the
manifest should move.
"""
import json
import tempfile
from pathlib import Path

import requests

from admin_server.testing import start_server
from bench import common, content
from kiosk.cache import Cache
from kiosk.sync import SyncClient


class ByteCounter:
    """Wraps a requests Session's send (the kiosk's own session, whatever adapter it mounts) and sums
    the bytes of every response it receives, per URL path."""

    def __init__(self, session: requests.Session):
        self.reset()
        send = session.send

        def counted_send(request, **kwargs):
            resp = send(request, **kwargs)
            self.header_bytes += len(f"HTTP/1.1 {resp.status_code} {resp.reason}\r\n\r\n") + sum(
                len(k) + len(v) + 4 for k, v in resp.headers.items())
            path, read = request.path_url, resp.raw.read

            def counted_read(*a, **kw):
                data = read(*a, **kw) or b""
                self.body_bytes += len(data)
                self.by_path[path] = self.by_path.get(path, 0) + len(data)
                return data

            resp.raw.read = counted_read
            return resp

        session.send = counted_send

    def reset(self):
        self.body_bytes = 0
        self.header_bytes = 0
        self.by_path = {}


def _measure(url, data_dir, after_publish):
    with tempfile.TemporaryDirectory(prefix="court-kiosk-bench-cache-") as tmp:
        client = SyncClient(url, Cache(Path(tmp)))
        session = ByteCounter(client.session)
        assert client.poll_once() == "updated", client.last_error
        full = session.body_bytes + session.header_bytes
        session.reset()
        assert client.poll_once() == "unchanged"
        idle = session.body_bytes + session.header_bytes
        rows = []
        for label, change in (("template file", lambda: content.replace_template_file(data_dir, seed=6)),
                              ("text only", lambda: content.add_announcement(data_dir, "Sync cost benchmark"))):
            made = change()
            after_publish()
            session.reset()
            assert client.poll_once() == "updated", client.last_error
            manifest_bytes = session.by_path.get(_path(url, "api/v1/manifest"), 0)
            rows.append({"label": label, "body": session.body_bytes, "headers": session.header_bytes,
                         "manifest": manifest_bytes, "changed": made.changed_bytes,
                         "media": session.body_bytes - manifest_bytes})
            assert client.cache.current()["version"] == made.result.version
    return full, idle, rows


def _path(url, rel):
    from urllib.parse import urljoin, urlsplit

    return urlsplit(urljoin(url.rstrip("/") + "/", rel)).path


def run(args) -> list[str]:
    lines = []
    with common.workdir() as work:
        for target in ("server", "nginx"):
            data = common.demo_copy(work / f"data-{target}")
            total_media = sum(m["size"] for m in json.loads(content.current_manifest_bytes(data))["media"].values())
            if target == "server":
                server = start_server(data)
                url, after, stop = server.url, (lambda: None), server.stop
            else:
                export_dir = work / "export"
                content.export(data, export_dir)
                ngx = common.nginx(work / "nginx", export_dir)
                url, after, stop = ngx.url, (lambda: content.export(data, export_dir)), ngx.stop
            try:
                full, idle, rows = _measure(url, data, after)
            finally:
                stop()
            print(f"  {target}: first full sync {full} bytes (media {total_media} + manifest + headers);"
                  f" an idle poll (304) {idle} bytes")
            for r in rows:
                print(f"  {target}: {r['label']}: downloaded {r['body']} body bytes ({r['manifest']} manifest +"
                      f" {r['media']} media) + {r['headers']} header bytes; changed {r['changed']} bytes")
                if r["changed"]:
                    ratio = r["media"] / r["changed"]
                    line = (f"sync cost ({target}, one template file): {r['media']} media bytes for {r['changed']}"
                            f" changed = {ratio:.3f}x, plus the manifest {r['manifest']} bytes and {r['headers']}"
                            f" header bytes; all in {(r['body'] + r['headers']) / (r['changed'] + r['manifest']):.3f}x"
                            f" of changed + manifest")
                else:
                    line = (f"sync cost ({target}, text only): {r['media']} media bytes, manifest {r['manifest']}"
                            f" bytes, headers {r['headers']} bytes")
                print("  " + line)
                lines.append(line)
    return lines
