"""`court-kiosk-server`: every command documented, errors as one sentence."""
import subprocess

import pytest

from admin_server.cli import cli
from admin_server.db import open_existing
from tests.support.content import make_content_db
from admin_server.testing import REPO, SERVER_EXE, run_cli

COMMANDS = sorted(cli.commands)


def test_the_expected_commands_exist():
    assert {"init", "create-user", "create-kiosk", "seed-demo", "publish", "rollback", "serve",
            "backup"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_documented(command):
    result = subprocess.run([SERVER_EXE, command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    summary = cli.commands[command].help.split("\n")[0]
    assert summary and " ".join(summary.split()) in " ".join(result.stdout.split())
    assert f"court-kiosk-server {command}" in (REPO / "README.md").read_text()


def run(data_dir, *args, stdin=None):
    return subprocess.run([SERVER_EXE, "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                          input=stdin)


def assert_one_sentence(result, fragment):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_commands_on_a_missing_data_dir_say_to_run_init(tmp_path):
    assert_one_sentence(run(tmp_path / "nowhere", "publish"), "run `court-kiosk-server")


def test_init_on_a_file_says_why(tmp_path):
    (tmp_path / "afile").write_text("x")
    assert_one_sentence(run(tmp_path / "afile" / "sub", "init"), "Cannot create the data folder")
    as_file = run(tmp_path / "afile", "init")
    assert as_file.returncode == 2 and "is a file" in as_file.stderr and "Traceback" not in as_file.stderr


def test_init_twice_is_safe(tmp_path):
    assert run(tmp_path, "init").returncode == 0
    assert run(tmp_path, "init").returncode == 0


def test_debug_shows_the_traceback(tmp_path):
    result = run(tmp_path / "nowhere", "--debug", "publish")
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_create_user_never_takes_the_password_from_argv(tmp_path):
    run(tmp_path, "init")
    # No terminal and no file: refuse rather than hang or read argv.
    assert_one_sentence(run(tmp_path, "create-user", "aigerim"), "--password-file")
    short = run(tmp_path, "create-user", "aigerim", "--password-file", "-", stdin="short\n")
    assert_one_sentence(short, "at least 10 characters")
    ok = run(tmp_path, "create-user", "aigerim", "--role", "publisher", "--password-file", "-",
             stdin="correct horse battery\n")
    assert ok.returncode == 0, ok.stderr
    db = open_existing(tmp_path)
    user = db["users"].get(1)
    assert user["role"] == "publisher" and user["password_hash"].startswith("scrypt$")
    assert "correct horse" not in user["password_hash"]
    from admin_server.users import verify_password

    assert verify_password("correct horse battery", user["password_hash"])
    assert not verify_password("wrong horse battery", user["password_hash"])
    dup = run(tmp_path, "create-user", "aigerim", "--password-file", "-", stdin="another long one\n")
    assert_one_sentence(dup, "already exists")


def test_create_kiosk_prints_the_token_once_and_stores_a_hash(tmp_path):
    run(tmp_path, "init")
    result = run(tmp_path, "create-kiosk", "hall-1", "--name", "Hall 1")
    assert result.returncode == 0
    token = result.stdout.strip().splitlines()[-1]
    assert len(token) >= 40
    db_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("court-kiosk.db*"))
    assert token.encode() not in db_bytes
    from admin_server.kiosks import kiosk_for_token

    assert kiosk_for_token(open_existing(tmp_path), token)["id"] == "hall-1"
    assert_one_sentence(run(tmp_path, "create-kiosk", "hall-1"), "already exists")
    assert_one_sentence(run(tmp_path, "create-kiosk", "Hall 1!"), "lowercase letters")


def test_publish_rollback_and_versions(tmp_path):
    db, _store, _ = make_content_db(tmp_path)
    db.conn.close()
    assert "Published version 1" in run(tmp_path, "publish").stdout
    assert "Nothing changed" in run(tmp_path, "publish").stdout
    assert_one_sentence(run(tmp_path, "rollback", "9"), "no published version 9")
    zero = run(tmp_path, "rollback", "0")
    assert zero.returncode == 2 and "Traceback" not in zero.stderr
    assert "already shows" in run(tmp_path, "rollback", "1").stdout
    assert run(tmp_path, "versions").stdout.split()[0] == "1"


def test_serve_with_a_bad_port_is_a_usage_error(tmp_path):
    run(tmp_path, "init")
    result = run(tmp_path, "serve", "--port", "99999")
    assert result.returncode == 2 and "99999" in result.stderr and "Traceback" not in result.stderr


def test_backup_is_a_consistent_copy(tmp_path):
    data = tmp_path / "data"
    db, store, _ = make_content_db(data)
    db.conn.close()
    run(data, "publish")
    dest = tmp_path / "backup"
    result = run(data, "backup", str(dest))
    assert result.returncode == 0, result.stderr
    copy = open_existing(dest)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy["published_versions"].count == 1
    for row in copy["media"].rows:
        assert (dest / "media" / row["sha256"]).read_bytes() == store.path(row["sha256"]).read_bytes()
    assert_one_sentence(run(data, "backup", str(dest)), "not empty")


def test_in_process_main_returns_exit_codes(tmp_path):
    assert run_cli(tmp_path, "init") == 0
    assert run_cli(tmp_path, "rollback", "5") == 1
