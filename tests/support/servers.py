"""Fixtures that set up data folders and run the real server as a subprocess."""
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from admin_server.cli import main as server_cli

REPO = Path(__file__).resolve().parent.parent
SERVER_EXE = str(Path(sys.executable).with_name("court-kiosk-server"))


def run_cli(data_dir, *args) -> int:
    return server_cli(["--data-dir", str(data_dir), *args])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    data_dir: Path
    process: subprocess.Popen
    kiosk_token: str | None = None

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(data_dir: Path, port: int | None = None, timeout_s: float = 20.0, workers: int = 1,
                 threads: int = 8, exe: str = SERVER_EXE) -> RunningServer:
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
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return RunningServer(url, data_dir, process)
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not answer within {timeout_s} s")


def demo_data_dir(path: Path) -> Path:
    assert run_cli(path, "init") == 0
    assert run_cli(path, "seed-demo") == 0
    assert run_cli(path, "publish") == 0
    return path


@pytest.fixture(scope="session")
def demo_template_dir(tmp_path_factory) -> Path:
    """An initialised, seeded and published data folder, made once per session."""
    return demo_data_dir(tmp_path_factory.mktemp("demo-template"))


@pytest.fixture
def demo_dir(demo_template_dir, tmp_path) -> Path:
    """A private copy of the demo data folder that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(demo_template_dir, target)
    return target


@pytest.fixture
def demo_server(demo_dir, capsys):
    from admin_server.db import open_existing
    from admin_server.kiosks import create_kiosk

    db = open_existing(demo_dir)
    with db.atomic():
        token = create_kiosk(db, "hall-1", "Hall 1")
    db.conn.close()
    server = start_server(demo_dir)
    server.kiosk_token = token
    yield server
    server.stop()
