"""The systemd units verify, and the install script stages a working installation."""
import configparser
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests

from admin_server.publish import publish, rollback
from tests.support.content import age, make_content_db, pdf, replace_ru_file
from admin_server.testing import REPO, SERVER_EXE, start_server

UNITS = sorted(p.name for p in (REPO / "systemd").iterdir() if p.suffix in (".service", ".path", ".timer"))
VENV_BIN = str(Path(sys.executable).parent)


def unit(name) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(REPO / "systemd" / name)
    return parser


def environment(name) -> dict[str, str]:
    """The unit's Environment= lines (configparser keeps only the last of repeated keys)."""
    lines = (REPO / "systemd" / name).read_text().splitlines()
    return dict(line.removeprefix("Environment=").split("=", 1) for line in lines if line.startswith("Environment="))


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


def test_the_prune_job_runs_as_the_server_does_and_as_hardened():
    server, prune = unit("court-kiosk-server.service")["Service"], unit("court-kiosk-prune.service")["Service"]
    assert prune["Type"] == "oneshot"
    for option in ("User", "Group", "EnvironmentFile"):
        assert prune[option] == server[option]
    assert environment("court-kiosk-prune.service")["COURT_KIOSK_DATA_DIR"] == \
        environment("court-kiosk-server.service")["COURT_KIOSK_DATA_DIR"]
    assert prune["ReadWritePaths"] == unit("court-kiosk-export.service")["Service"]["ReadWritePaths"]
    sandbox = [k for k in server if k.startswith(("UMask", "NoNew", "Protect", "Private", "Restrict", "Lock",
                                                  "SystemCall", "Capability"))]
    assert len(sandbox) > 15
    for option in sandbox:
        if option == "RestrictAddressFamilies":  # no network at all: only AF_UNIX
            assert set(prune[option].split()) <= set(server[option].split()), option
        else:
            assert prune[option] == server[option], option
    # systemd's own review of the sandbox: the job is exposed no more than the server.
    scores = {}
    for name in ("court-kiosk-server.service", "court-kiosk-prune.service"):
        out = subprocess.run(["systemd-analyze", "security", "--offline=true", name], cwd=REPO / "systemd",
                             capture_output=True, text=True).stdout
        scores[name] = float(out.split(f"Overall exposure level for {name}: ")[1].split()[0])
    assert scores["court-kiosk-prune.service"] <= scores["court-kiosk-server.service"], scores


def test_the_prune_timer_runs_the_job_regularly_even_after_downtime():
    timer = unit("court-kiosk-prune.timer")
    assert timer["Timer"].get("Unit", "court-kiosk-prune.service") == "court-kiosk-prune.service"
    assert timer["Timer"]["Persistent"] == "true" and timer["Timer"]["RandomizedDelaySec"]
    assert timer["Install"]["WantedBy"] == "timers.target"
    # At least weekly: the next two runs are at most 7 days apart.
    result = subprocess.run(["systemd-analyze", "calendar", "--iterations=2", timer["Timer"]["OnCalendar"]],
                            capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
    assert result.returncode == 0, result.stderr
    runs = [datetime.fromisoformat(t) for t in re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", result.stdout)]
    assert len(runs) == 2 and runs[1] - runs[0] <= timedelta(days=7), result.stdout


def test_the_prune_job_command_really_runs_and_keeps_every_published_version(tmp_path):
    data = tmp_path / "data"
    assert subprocess.run([SERVER_EXE, "--data-dir", str(data), "init"], capture_output=True).returncode == 0
    db, store, template_id = make_content_db(data)
    v1_file = db.execute("SELECT sha256 FROM template_files").fetchone()[0]
    publish(db, store)
    v2_file = replace_ru_file(db, store, template_id, 1)
    publish(db, store)
    orphan = store.put_stream(io.BytesIO(pdf(2)), max_size=10**6).sha256  # an upload cut before its row
    for sha in (v1_file, v2_file, orphan):
        age(store, sha, seconds=7 * 86400)

    # The unit's own command line and environment, with this checkout's venv and data folder.
    exe, *args = shlex.split(unit("court-kiosk-prune.service")["Service"]["ExecStart"])
    assert exe == "/opt/court-kiosk/venv/bin/court-kiosk-server"
    env = {**os.environ, **environment("court-kiosk-prune.service"), "COURT_KIOSK_DATA_DIR": str(data)}
    result = subprocess.run([SERVER_EXE, *args], env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert result.stdout == "Removed 1 unused media files (0.0 MB); 2 are in use.\n"
    assert not store.path(orphan).exists()
    assert store.verify(v1_file) and store.verify(v2_file)
    assert rollback(db, store, 1).changed  # the oldest version can still be restored
    db.conn.close()


def test_the_hearings_pull_job_runs_as_the_server_does_with_network_and_a_time_limit():
    server, pull = unit("court-kiosk-server.service")["Service"], unit("court-kiosk-pull-hearings.service")["Service"]
    assert pull["Type"] == "oneshot" and pull["ExecStart"].endswith("court-kiosk-server pull-hearings")
    for option in ("User", "Group", "EnvironmentFile"):
        assert pull[option] == server[option]
    assert environment("court-kiosk-pull-hearings.service")["COURT_KIOSK_DATA_DIR"] == \
        environment("court-kiosk-server.service")["COURT_KIOSK_DATA_DIR"]
    assert pull["ReadWritePaths"] == "/var/lib/court-kiosk" and pull["TimeoutStartSec"]
    for option in [k for k in server if k.startswith(("UMask", "NoNew", "Protect", "Private", "Restrict", "Lock",
                                                      "SystemCall", "Capability"))]:
        assert pull[option] == server[option], option  # the same sandbox, network included (it fetches)


def test_the_hearings_pull_timer_starts_the_job_every_minute():
    timer = unit("court-kiosk-pull-hearings.timer")
    assert timer["Timer"].get("Unit", "court-kiosk-pull-hearings.service") == "court-kiosk-pull-hearings.service"
    assert timer["Install"]["WantedBy"] == "timers.target"
    result = subprocess.run(["systemd-analyze", "calendar", "--iterations=3", timer["Timer"]["OnCalendar"]],
                            capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
    assert result.returncode == 0, result.stderr
    runs = [datetime.fromisoformat(t) for t in re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", result.stdout)]
    assert len(runs) == 3 and {b - a for a, b in zip(runs, runs[1:])} == {timedelta(minutes=1)}, result.stdout


def test_the_hearings_pull_command_does_nothing_without_an_address(tmp_path):
    data = tmp_path / "data"
    assert subprocess.run([SERVER_EXE, "--data-dir", str(data), "init"], capture_output=True).returncode == 0
    exe, *args = shlex.split(unit("court-kiosk-pull-hearings.service")["Service"]["ExecStart"])
    env = {**os.environ, **environment("court-kiosk-pull-hearings.service"), "COURT_KIOSK_DATA_DIR": str(data)}
    result = subprocess.run([SERVER_EXE, *args], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No pull address is set (Settings: hearings_pull_url); nothing to do.\n"


NEEDS_UV = pytest.mark.skipif(shutil.which("uv") is None and not (REPO / ".tools/bin/uv").exists(),
                              reason="uv is not set up")


def stage(role: str, root: Path) -> Path:
    """systemd/install.sh ROLE staged under root; the site-packages of its venv."""
    result = subprocess.run([str(REPO / "systemd/install.sh"), role], env=dict(os.environ, INSTALL_ROOT=str(root)),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return next((root / "opt/court-kiosk/venv").glob("lib/python3*/site-packages"))


def imports(venv: Path, module: str) -> bool:
    return subprocess.run([str(venv / "bin/python"), "-c", f"import {module}"], capture_output=True).returncode == 0


@NEEDS_UV
def test_install_script_stages_a_working_server_without_kivy(tmp_path):
    root = tmp_path / "root"
    site = stage("server", root)
    for name in ("court-kiosk-server.service", "court-kiosk-export.path", "court-kiosk-prune.service",
                 "court-kiosk-prune.timer", "court-kiosk-pull-hearings.service", "court-kiosk-pull-hearings.timer"):
        assert (root / "etc/systemd/system" / name).read_text() == (REPO / "systemd" / name).read_text()
    for name, state in [("court-kiosk-server.service", "enabled"), ("court-kiosk-export.path", "enabled"),
                        ("court-kiosk-prune.timer", "enabled"), ("court-kiosk-prune.service", "static"),
                        ("court-kiosk-pull-hearings.timer", "enabled"),
                        ("court-kiosk-pull-hearings.service", "static")]:
        is_enabled = subprocess.run(["systemctl", f"--root={root}", "is-enabled", name], capture_output=True, text=True)
        assert is_enabled.stdout.strip() == state, (name, is_enabled.stdout, is_enabled.stderr)
    assert (root / "etc/court-kiosk/server.env").exists()
    venv = root / "opt/court-kiosk/venv"
    assert (site / "admin_server/templates/public/template.html").exists()  # package data shipped
    assert not (site / "admin_server" / "__editable__").exists()
    # Compiled at install time: the hardened services cannot write bytecode into /opt later.
    assert list((site / "admin_server" / "__pycache__").glob("publish.cpython-*.pyc"))
    assert list((site / "flask" / "__pycache__").glob("*.pyc"))
    # The server extra only: no Kivy or libVLC bindings on the server's machine.
    assert imports(venv, "flask") and imports(venv, "court_contract.manifest")
    assert not imports(venv, "kivy") and not imports(venv, "vlc")
    # The whole server job from the installed package alone (demo content included), run elsewhere.
    data = tmp_path / "data"
    exe = str(venv / "bin/court-kiosk-server")
    for args in (["init"], ["seed-demo"], ["publish"]):
        done = subprocess.run([exe, "--data-dir", str(data), *args], capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    server = start_server(data, exe=exe)
    try:
        manifest = requests.get(server.url + "/api/v1/manifest", timeout=10)
        assert manifest.status_code == 200 and manifest.json()["version"] == 1 and manifest.json()["templates"]
    finally:
        server.stop()
    # Settings already there are kept on a second run.
    (root / "etc/court-kiosk/server.env").write_text("COURT_KIOSK_PORT=8123\n")
    stage("server", root)
    assert (root / "etc/court-kiosk/server.env").read_text() == "COURT_KIOSK_PORT=8123\n"


@NEEDS_UV
def test_install_script_stages_a_lobby_machine_without_flask(tmp_path):
    site = stage("kiosk", tmp_path / "root")
    venv = tmp_path / "root/opt/court-kiosk/venv"
    assert (tmp_path / "root/etc/court-kiosk/kiosk.toml").exists()
    assert list((site / "kivy" / "__pycache__").glob("*.pyc"))
    assert imports(venv, "vlc") and imports(venv, "court_contract.fees")
    assert not imports(venv, "flask") and not imports(venv, "gunicorn")


def test_install_script_refuses_a_bad_role():
    result = subprocess.run([str(REPO / "systemd/install.sh"), "everything"], capture_output=True, text=True)
    assert result.returncode == 2 and "Usage" in result.stderr
