"""The real server in its own process group, so a power cut (SIGKILL to the group) takes all of it.

``no_server_left`` (autouse where imported) cuts any server a failed test left running.
"""
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from admin_server.testing import SERVER_EXE, free_port


class Server:
    """`court-kiosk-server serve` as its own process group, so a power cut takes all of it."""

    started: list = []  # every one, so a failed test leaves none running (see `no_server_left`)

    def __init__(self, data_dir: Path, tmpdir: Path):
        self.data_dir = data_dir
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        # A private TMPDIR: the form parser's spool files must not outlive the server there either.
        env = dict(os.environ, COURT_KIOSK_DATA_DIR=str(data_dir), COURT_KIOSK_PORT=str(port), TMPDIR=str(tmpdir))
        with open(data_dir / "server.log", "ab") as log:
            self.process = subprocess.Popen([SERVER_EXE, "serve", "--workers", "2", "--threads", "4"], env=env,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        Server.started.append(self)
        deadline = time.monotonic() + 20
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"the server did not start again (exit {self.process.returncode}): "
                                     + (data_dir / "server.log").read_text(errors="replace")[-3000:])
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "the server did not answer within 20 s"
            time.sleep(0.02)

    def group(self) -> list[tuple[int, str]]:
        """(pid, command) of the live (not zombie) processes of the server's process group."""
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            state, _ppid, pgrp = stat[stat.rindex(")") + 2:].split()[:3]
            if int(pgrp) == self.process.pid and state != "Z":
                found.append((int(entry), comm))
        return found

    def power_cut(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + 10
        while self.group():
            assert time.monotonic() < deadline, f"processes survived SIGKILL: {self.group()}"
            time.sleep(0.005)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.power_cut()


@pytest.fixture(autouse=True)
def no_server_left():
    """A server in its own session outlives a failed test unless it is cut here."""
    yield
    while Server.started:
        server = Server.started.pop()
        if server.process.poll() is None:
            server.power_cut()
