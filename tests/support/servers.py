"""Fixtures that run the real server: a demo data folder made once per session, a private copy, a server on it.

The launcher itself (start_server, run_cli, ...) is admin_server/testing.py, shared with bench/.
"""
import shutil
from pathlib import Path

import pytest

from admin_server.testing import demo_data_dir, start_server


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
