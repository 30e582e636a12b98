"""Run the real admin server, and an nginx in front of an export, on 127.0.0.1: for tests and benchmarks.

:func:`start_server` starts ``court-kiosk-server serve`` as a subprocess on a free loopback port and
waits for ``/healthz``; :class:`Nginx` runs the shipped site config (``systemd/nginx-court-kiosk.conf``)
on a free loopback port with its root and upstream pointed at a test's folders. Both the tests and
``bench`` import them from here, so neither imports the other. Only the standard library is needed
beyond the server itself (the server machine has no ``requests``).
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from admin_server.cli import main as server_cli

REPO = Path(__file__).resolve().parent.parent
SERVER_EXE = str(Path(sys.executable).with_name("court-kiosk-server"))
SITE = REPO / "systemd" / "nginx-court-kiosk.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def run_cli(data_dir, *args) -> int:
    """``court-kiosk-server --data-dir DATA_DIR ARGS...`` in this process; returns its exit code."""
    return server_cli(["--data-dir", str(data_dir), *args])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    """True once ``url`` answers 2xx; False while nothing listens or the answer is an error."""
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError):
        return False


def stop_process(process: subprocess.Popen, grace_s: float = 10.0):
    """Stop a child: SIGTERM, and SIGKILL if it has not exited within ``grace_s`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class RunningServer:
    url: str
    data_dir: Path
    process: subprocess.Popen
    kiosk_token: str | None = None

    def stop(self):
        stop_process(self.process)


def start_server(data_dir: Path, port: int | None = None, timeout_s: float = 20.0, workers: int = 1,
                 threads: int = 8, exe: str = SERVER_EXE) -> RunningServer:
    """``serve`` on 127.0.0.1:``port`` (a free one by default), its log in DATA_DIR/server.log."""
    port = port or free_port()
    env = dict(os.environ, COURT_KIOSK_DATA_DIR=str(data_dir), COURT_KIOSK_PORT=str(port))
    log = open(data_dir / "server.log", "ab")
    process = subprocess.Popen([exe, "serve", "--workers", str(workers), "--threads", str(threads)], env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {(data_dir / 'server.log').read_text()}")
        if _answers(url + "/healthz"):
            return RunningServer(url, data_dir, process)
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not answer within {timeout_s} s")


def demo_data_dir(path: Path) -> Path:
    """``path`` initialised, seeded with the demo court and published."""
    assert run_cli(path, "init") == 0
    assert run_cli(path, "seed-demo") == 0
    assert run_cli(path, "publish") == 0
    return path


def nginx_conf(prefix: Path, root: Path, port: int, upstream_port: int) -> Path:
    """The shipped site on 127.0.0.1:``port``, serving ``root`` and proxying to ``upstream_port``."""
    site = SITE.read_text()
    for old, new in [("listen 80;", f"listen 127.0.0.1:{port};"),
                     ("root /var/lib/court-kiosk/export;", f"root {root};"),
                     ("http://127.0.0.1:8000", f"http://127.0.0.1:{upstream_port}")]:
        assert old in site, f"the site config no longer contains {old!r}"
        site = site.replace(old, new)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's temp folders
    conf = prefix / "nginx.conf"
    conf.write_text(f"""{user}worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    sendfile on;
{site}
}}
""")
    return conf


class Nginx:
    """nginx with the shipped site, its files under ``prefix``; port 9 (discard) as upstream by default."""

    def __init__(self, prefix: Path, root: Path, upstream_port: int = 9):
        self.port = free_port()
        prefix.mkdir(parents=True, exist_ok=True)
        self.conf = nginx_conf(prefix, root, self.port, upstream_port)
        self.prefix = prefix
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def check(self) -> subprocess.CompletedProcess:
        return subprocess.run([NGINX, "-t", "-p", str(self.prefix), "-c", str(self.conf)], capture_output=True,
                              text=True)

    def start(self, timeout_s: float = 10.0):
        self.process = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(self.conf)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1).close()
                return self
            except urllib.error.HTTPError:
                return self  # any answer, even an error page, means nginx is listening
            except urllib.error.URLError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
