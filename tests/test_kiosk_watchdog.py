"""The systemd notify protocol, against a real datagram socket."""
import os
import socket

import pytest

from kiosk import watchdog


@pytest.fixture
def notify_socket(tmp_path, monkeypatch):
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(2)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield sock
    sock.close()


def test_ready_and_ping_reach_systemd(notify_socket):
    assert watchdog.ready()
    assert notify_socket.recv(100) == b"READY=1"
    assert watchdog.ping()
    assert notify_socket.recv(100) == b"WATCHDOG=1"


def test_abstract_socket_addresses(monkeypatch):
    name = f"court-kiosk-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2)
    monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
    try:
        assert watchdog.ping() and sock.recv(100) == b"WATCHDOG=1"
    finally:
        sock.close()


def test_outside_systemd_nothing_happens(monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert watchdog.ping() is False


def test_a_vanished_socket_is_logged_not_raised(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "gone"))
    assert watchdog.ping() is False
    assert "cannot notify systemd" in caplog.text


@pytest.mark.parametrize("usec, pid, expected", [
    ("30000000", None, 15.0), ("30000000", "self", 15.0), ("30000000", "1", None), (None, None, None),
    ("nonsense", None, None), ("100", None, 0.5),
])
def test_ping_interval_is_half_the_watchdog(monkeypatch, usec, pid, expected):
    for key, value in (("WATCHDOG_USEC", usec), ("WATCHDOG_PID", str(os.getpid()) if pid == "self" else pid)):
        if value is None:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)
    assert watchdog.ping_interval_s() == expected
