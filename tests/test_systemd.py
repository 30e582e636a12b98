"""The systemd units verify, and the install script stages a working installation."""
import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server_fixtures import REPO

UNITS = sorted(p.name for p in (REPO / "systemd").iterdir() if p.suffix in (".service", ".path"))
VENV_BIN = str(Path(sys.executable).parent)


def unit(name) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(REPO / "systemd" / name)
    return parser


def test_systemd_analyze_verify_passes(tmp_path):
    # The units point at /opt/court-kiosk/venv; verify them against this checkout's venv.
    for name in UNITS:
        text = (REPO / "systemd" / name).read_text().replace("/opt/court-kiosk/venv/bin", VENV_BIN)
        (tmp_path / name).write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", *UNITS], cwd=tmp_path, capture_output=True, text=True,
                            env=dict(os.environ, SYSTEMD_LOG_LEVEL="notice"))
    assert result.returncode == 0, result.stderr
    assert "court-kiosk" not in result.stderr, result.stderr  # no warnings about our units either


def test_the_server_runs_unprivileged_and_hardened():
    service = unit("court-kiosk-server.service")["Service"]
    assert service["User"] == "court-kiosk"
    assert service["Restart"] == "on-failure"
    assert service["ExecStart"].endswith("court-kiosk-server serve")
    for option, value in [("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("ProtectHome", "yes"),
                          ("PrivateTmp", "yes")]:
        assert service[option] == value
    assert service["Environment"]  # at least the data dir


def test_the_kiosk_restarts_always_and_is_watched():
    service = unit("court-kiosk.service")["Service"]
    assert service["Restart"] == "always"
    assert service["Type"] == "notify" and int(service["WatchdogSec"].rstrip("s")) <= 60
    assert "--config /etc/court-kiosk/kiosk.toml" in service["ExecStart"]


@pytest.mark.skipif(shutil.which("uv") is None and not (REPO / ".tools/bin/uv").exists(), reason="uv is not set up")
def test_install_script_stages_a_working_server(tmp_path):
    root = tmp_path / "root"
    result = subprocess.run([str(REPO / "systemd/install.sh"), "server"], env=dict(os.environ, INSTALL_ROOT=str(root)),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for name in ("court-kiosk-server.service", "court-kiosk-export.path"):
        assert (root / "etc/systemd/system" / name).read_text() == (REPO / "systemd" / name).read_text()
    assert (root / "etc/court-kiosk/server.env").exists()
    venv = root / "opt/court-kiosk/venv"
    site = next(venv.glob("lib/python3*/site-packages"))
    assert (site / "admin_server/templates/public/template.html").exists()  # package data shipped
    assert not (site / "admin_server" / "__editable__").exists()
    # Compiled at install time: the hardened services cannot write bytecode into /opt later.
    assert list((site / "kiosk" / "__pycache__").glob("app.cpython-*.pyc"))
    assert list((site / "kivy" / "__pycache__").glob("*.pyc"))
    data = tmp_path / "data"
    exe = str(venv / "bin/court-kiosk-server")
    assert subprocess.run([exe, "--data-dir", str(data), "init"], capture_output=True).returncode == 0
    # Settings already there are kept on a second run.
    (root / "etc/court-kiosk/server.env").write_text("COURT_KIOSK_PORT=8123\n")
    again = subprocess.run([str(REPO / "systemd/install.sh"), "server"], env=dict(os.environ, INSTALL_ROOT=str(root)),
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert (root / "etc/court-kiosk/server.env").read_text() == "COURT_KIOSK_PORT=8123\n"


def test_install_script_refuses_a_bad_role():
    result = subprocess.run([str(REPO / "systemd/install.sh"), "everything"], capture_output=True, text=True)
    assert result.returncode == 2 and "Usage" in result.stderr
