"""systemd's notify protocol (READY=1, WATCHDOG=1), no dependency needed.

The kiosk pings from the Kivy clock on the UI thread, so a frozen UI stops
the pings and systemd (WatchdogSec= in systemd/court-kiosk.service)
restarts it. Outside systemd every call is a no-op.
"""
import logging
import os
import socket

log = logging.getLogger(__name__)


def _address() -> str | None:
    addr = os.environ.get("NOTIFY_SOCKET")
    if not addr:
        return None
    return "\0" + addr[1:] if addr.startswith("@") else addr  # "@" = Linux abstract socket


def notify(state: str) -> bool:
    """Send one notification; False when not run by systemd or on failure."""
    addr = _address()
    if addr is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(addr)
            sock.sendall(state.encode("utf-8"))
        return True
    except OSError as e:
        log.warning("cannot notify systemd at %s: %s", addr, e)
        return False


def ping_interval_s() -> float | None:
    """Half of WatchdogSec when systemd watches this process, else None."""
    usec, pid = os.environ.get("WATCHDOG_USEC"), os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        return max(int(usec) / 2_000_000, 0.5)
    except ValueError:
        return None


def ready() -> bool:
    return notify("READY=1")


def ping() -> bool:
    return notify("WATCHDOG=1")
