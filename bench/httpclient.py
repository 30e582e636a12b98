"""A small asyncio HTTP/1.1 keep-alive client for simulated kiosks (no new dependency).

One `Connection` per simulated kiosk, like a kiosk's requests.Session. It
speaks just enough HTTP/1.1 for the kiosk API and nginx: Content-Length and
chunked bodies, 304/204 without a body, `Connection: close`. A request on a
kept-alive connection the server has closed in the meantime is retried once
on a new connection (as urllib3 does); that counts as a reconnect, not a failure.
"""
import asyncio
from dataclasses import dataclass, field


class HTTPError(Exception):
    """The exchange failed: connection refused/reset, timeout or a malformed answer."""


@dataclass
class Response:
    status: int
    headers: dict = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    length: int = 0  # body bytes received (also when they went to a sink)
    wire_bytes: int = 0  # status line + headers + body


class Connection:
    def __init__(self, host: str, port: int, timeout_s: float = 10.0):
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self.reader = self.writer = None
        self.connects = 0
        self.stale_retries = 0  # requests re-sent because a kept-alive connection had been closed

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def request(self, path: str, headers: dict | None = None, sink=None) -> Response:
        """GET path; body bytes go to `sink(chunk)` if given, else into Response.body."""
        try:
            return await asyncio.wait_for(self._request(path, headers or {}, sink), self.timeout_s)
        except asyncio.TimeoutError:
            await self.close()
            raise HTTPError(f"no complete answer within {self.timeout_s} s") from None
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            await self.close()
            raise HTTPError(f"{type(exc).__name__}: {exc}") from None

    async def _request(self, path, headers, sink):
        reused = self.writer is not None
        if not reused:
            await self._connect()
        head = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        self.writer.write(head.encode("latin-1"))
        try:
            await self.writer.drain()
            status_line = await self.reader.readline()
        except (ConnectionResetError, BrokenPipeError):
            status_line = b""
        if not status_line and reused:  # the server closed the idle connection: retry once
            self.stale_retries += 1
            await self.close()
            await self._connect()
            self.writer.write(head.encode("latin-1"))
            await self.writer.drain()
            status_line = await self.reader.readline()
        if not status_line:
            raise HTTPError("the server closed the connection without answering")
        return await self._read_response(status_line, sink)

    async def _connect(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, limit=1 << 20)
        self.connects += 1

    async def _read_response(self, status_line, sink):
        parts = status_line.decode("latin-1").split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise HTTPError(f"not an HTTP answer: {status_line[:60]!r}")
        resp = Response(int(parts[1]), wire_bytes=len(status_line))
        while True:
            line = await self.reader.readline()
            resp.wire_bytes += len(line)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            resp.headers[name.strip().lower()] = value.strip()
        chunks = []
        out = sink or chunks.append
        if resp.status in (204, 304) or 100 <= resp.status < 200:
            pass
        elif resp.headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size_line = await self.reader.readline()
                size = int(size_line.split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                data = await self.reader.readexactly(size + 2)
                out(data[:-2])
                resp.length += size
        elif "content-length" in resp.headers:
            remaining = int(resp.headers["content-length"])
            while remaining:
                data = await self.reader.read(min(remaining, 1 << 16))
                if not data:
                    raise HTTPError(f"the body was cut off {remaining} bytes short")
                out(data)
                resp.length += len(data)
                remaining -= len(data)
        else:  # body until close
            while data := await self.reader.read(1 << 16):
                out(data)
                resp.length += len(data)
            await self.close()
        resp.wire_bytes += resp.length
        if sink is None:
            resp.body = b"".join(chunks)
        if resp.headers.get("connection", "").lower() == "close":
            await self.close()
        return resp
