"""The kiosk's HTTP session: retries for idempotent GETs and an overall deadline.

requests only has per-read timeouts, so a server that dribbles a byte now
and then (a slow-loris, or a broken proxy) could hold a poll for ever. The
adapter remembers the connection in use; `Deadline` shuts its socket down
when the time is up, which wakes the blocked read at once.
"""
import socket
import threading

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

class _RetryDropped(Retry):
    """Retry a GET whose kept-alive connection the server was just closing, never a slow one.

    Retrying a read timeout would only double the wait before the error.
    """

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        if isinstance(error, ReadTimeoutError):
            raise error
        return super().increment(method, url, response, error, _pool, _stacktrace)


RETRY = _RetryDropped(total=2, connect=2, read=1, status=0, other=0, redirect=2,
                      allowed_methods=frozenset({"GET", "HEAD"}), backoff_factor=0, raise_on_status=False)


class CuttableAdapter(HTTPAdapter):
    """An HTTPAdapter that can cut the connection it is using right now."""

    def __init__(self, **kwargs):
        self.in_use = None
        self.expired = False  # set by Deadline: no retry may start a new wait
        super().__init__(max_retries=RETRY, **kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        adapter = self

        def tracked(base):
            class Tracked(base):
                def request(self, *a, **kw):
                    if adapter.expired:
                        raise ConnectionAbortedError("the request's deadline has passed")
                    adapter.in_use = self
                    return super().request(*a, **kw)
            return Tracked

        self.poolmanager.pool_classes_by_scheme = {
            "http": type("Pool", (HTTPConnectionPool,), {"ConnectionCls": tracked(HTTPConnection)}),
            "https": type("Pool", (HTTPSConnectionPool,), {"ConnectionCls": tracked(HTTPSConnection)}),
        }

    def cut(self) -> None:
        self.expired = True
        conn = self.in_use
        sock = getattr(conn, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def new_session() -> tuple[requests.Session, CuttableAdapter]:
    session = requests.Session()
    adapter = CuttableAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session, adapter


class Deadline:
    """`with Deadline(adapter, seconds):` cuts the connection if the block outlives it."""

    def __init__(self, adapter: CuttableAdapter | None, seconds: float):
        self.adapter, self.seconds = adapter, seconds
        self.expired = False
        self._timer = None

    def _expire(self):
        self.expired = True
        self.adapter.cut()

    def __enter__(self):
        if self.adapter is not None:
            self.adapter.expired = False
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc):
        if self._timer is not None:
            self._timer.cancel()
        return False
