"""A small threaded HTTP server on 127.0.0.1 that serves static-export folders to a kiosk and injects faults.

It serves ``<prefix>api/v1/manifest`` and ``<prefix>api/v1/media/<sha>`` like nginx over
`court-kiosk-server export-static` (ETags, Range/206) and takes heartbeats, so kiosk.sync can be
tested against real sockets. Faults are switched on and off through attributes: forced statuses,
truncated, stalled, dribbled (slow-loris) or slow bodies, wrong Range offsets, dropped kept-alive
connections, a delay; ``stop()`` and ``start()`` take it down and bring it back on the same port.
"""
import json
import os
import re
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.manifests import encode


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a kiosk killed mid-request resets its connection; that is the point, not an error


class ExportServer:
    """Serves export folders. `roots`: the manifest comes from roots[i % len(roots)] for the i-th manifest
    request (one root serves one version; several rotate); media are looked up in every root."""

    def __init__(self, *roots, prefix="/", port=0):
        self.roots = list(roots)
        self.prefix = prefix
        self.requests = []  # (method, path, headers)
        self.sent = defaultdict(int)  # body bytes sent per path
        self.heartbeats = []  # (headers, body)
        self.manifest_status = None  # answer the manifest with this status instead
        self.manifest_script = []  # statuses for the next manifest requests (None: serve normally)
        self.media_status = None
        self.heartbeat_status = 204
        self.truncate = set()  # sha: send half the body, then close
        self.ignore_range = False
        self.range_offset_error = False  # answer 206 from the wrong offset
        self.delay_s = 0.0
        self.throttle_s = 0.0  # pause between 64 KiB pieces of a media body
        self.stall = None  # ("manifest" or "media", seconds): send 100 bytes, then wait before the rest
        self.dribble = None  # (seconds between bytes, for how long): a slow-loris body
        self.drop_reused = False  # close a kept-alive connection when its next request arrives
        self._manifests = 0
        self._port = port
        self.httpd = None
        self.start()

    @property
    def root(self):
        """The (first) export folder, where publish() writes."""
        return self.roots[0]

    def start(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append(("GET", self.path, dict(self.headers)))
                self.served = getattr(self, "served", 0) + 1  # one handler per connection
                if server.drop_reused and self.served > 1:
                    self.close_connection = True  # what an idle-timeout close racing the request looks like
                    return
                if server.delay_s:
                    time.sleep(server.delay_s)
                if not self.path.startswith(server.prefix):
                    return self._send(404, b'{"error": "not found"}')
                rel = self.path[len(server.prefix):]
                self.kind = "manifest" if rel == "api/v1/manifest" else "media"
                if rel == "api/v1/manifest":
                    return self._manifest()
                match = re.fullmatch(r"api/v1/media/([0-9a-f]{64})", rel)
                if match:
                    return self._media(match.group(1))
                return self._send(404, b'{"error": "not found"}')

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                server.requests.append(("POST", self.path, dict(self.headers)))
                if self.path == server.prefix + "api/v1/heartbeat":
                    server.heartbeats.append((dict(self.headers), json.loads(body)))
                    return self._send(server.heartbeat_status, b"" if server.heartbeat_status == 204 else b"{}")
                return self._send(405, b"")

            def _head(self, status, headers, length):
                self.send_response(status)
                for key, value in headers:
                    self.send_header(key, value)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                self.end_headers()

            def _send(self, status, body, headers=()):
                no_body = status in (204, 304)
                self._head(status, headers, None if no_body else len(body))
                if no_body:
                    return
                try:
                    if server.dribble:
                        every, total = server.dribble
                        until = time.monotonic() + total
                        for i in range(len(body)):
                            if time.monotonic() > until:
                                break
                            self.wfile.write(body[i:i + 1])
                            self.wfile.flush()
                            time.sleep(every)
                        self.close_connection = True
                        return
                    if server.stall and server.stall[0] == self.kind:
                        self.wfile.write(body[:100])
                        self.wfile.flush()
                        time.sleep(server.stall[1])
                        server.sent[self.path] += 100
                        body = body[100:]
                    self.wfile.write(body)
                    server.sent[self.path] += len(body)
                except OSError:
                    self.close_connection = True

            def _manifest(self):
                status = server.manifest_script.pop(0) if server.manifest_script else server.manifest_status
                if status:
                    return self._send(status, b'{"error": "injected"}')
                root = server.roots[server._manifests % len(server.roots)]
                server._manifests += 1
                path = root / "api/v1/manifest"
                if not path.exists():
                    return self._send(404, b'{"error": "nothing published"}')
                st = path.stat()
                etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'  # nginx-like: opaque to the kiosk
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", [("ETag", etag)])
                self._send(200, path.read_bytes(), [("ETag", etag), ("Content-Type", "application/json")])

            def _media(self, sha):
                if server.media_status:
                    return self._send(server.media_status, b"")
                found = [r / "api/v1/media" / sha for r in server.roots if (r / "api/v1/media" / sha).exists()]
                if not found:
                    return self._send(404, b'{"error": "unknown media"}')
                data = found[0].read_bytes()
                rng = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
                if rng and not server.ignore_range:
                    start = int(rng.group(1))
                    if start >= len(data):
                        return self._send(416, b"", [("Content-Range", f"bytes */{len(data)}")])
                    if server.range_offset_error:
                        start = max(0, start - 10)
                    body = data[start:]
                    headers = [("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")]
                    status = 206
                else:
                    body, headers, status = data, [], 200
                headers.append(("Accept-Ranges", "bytes"))
                if sha in server.truncate:
                    self._head(status, headers, len(body))
                    half = body[: len(body) // 2]
                    self.wfile.write(half)
                    self.wfile.flush()
                    server.sent[self.path] += len(half)
                    self.close_connection = True
                    return
                if server.throttle_s:
                    self._head(status, headers, len(body))
                    for i in range(0, len(body), 65536):
                        try:
                            self.wfile.write(body[i:i + 65536])
                            self.wfile.flush()
                        except OSError:
                            return
                        server.sent[self.path] += len(body[i:i + 65536])
                        time.sleep(server.throttle_s)
                    return
                self._send(status, body, headers)

        self.httpd = _QuietServer(("127.0.0.1", self._port), Handler)
        self._port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self._port}{self.prefix}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def publish(self, manifest, blobs=None, *, raw=None):
        """Write a manifest (or ``raw`` bytes) and its blobs ({sha: bytes}) into the first root like export-static does."""
        media = self.root / "api/v1/media"
        media.mkdir(parents=True, exist_ok=True)
        for sha, blob in (blobs or {}).items():
            (media / sha).write_bytes(blob)
        path = self.root / "api/v1/manifest"
        path.write_bytes(raw if raw is not None else encode(manifest))
        # a different mtime even on fast file systems, so the ETag changes
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000 * (1 + len(self.requests))))

    def manifest_requests(self):
        return [r for r in self.requests if r[1].endswith("api/v1/manifest")]

    def media_requests(self, sha):
        return [r for r in self.requests if r[1].endswith(sha)]

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
