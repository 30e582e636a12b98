"""Run a real nginx on a loopback port with the shipped site config."""
import os
import shutil
import subprocess
import time
from pathlib import Path

import requests

from tests.server_fixtures import REPO, free_port

SITE = REPO / "systemd" / "nginx-court-kiosk.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_conf(prefix: Path, root: Path, port: int, upstream_port: int) -> Path:
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
                requests.get(self.url + "/healthz", timeout=1)
                return self
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
