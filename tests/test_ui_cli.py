"""The court-kiosk command line: bad arguments give one sentence and exit code 2."""

import subprocess
import sys

import pytest

from kiosk import cli


@pytest.mark.parametrize("argv, words", [
    (["--lang", "xx"], "invalid choice"),
    (["--mode", "wall"], "invalid choice"),
    (["--server", "ftp://court"], "server_url must start with http"),
    ([], "server_url is not set"),
    (["--server", "http://x", "--token", "a", "--token-file", "b"], "not allowed with"),
    (["--server", "http://x", "--token-file", "/nonexistent/token"], "cannot be read"),
    (["--config", "/nonexistent/kiosk.toml"], "does not exist"),
    (["--frobnicate"], "unrecognized arguments"),
])
def test_bad_arguments_one_sentence_exit_2(argv, words, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("court-kiosk: ") and words in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_config_file_and_overrides(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('server_url = "http://10.0.0.5:8000/"\nlang = "ru"\nkiosk_id = "lobby"\n', encoding="utf-8")
    token = tmp_path / "token"
    token.write_text("s3cret\n", encoding="utf-8")
    args = cli.build_parser().parse_args(["--config", str(config), "--lang", "en", "--token-file", str(token),
                                          "--mode", "display"])
    cfg = cli.resolve_config(args)
    assert (cfg.server_url, cfg.lang, cfg.kiosk_id, cfg.token, cfg.mode) == (
        "http://10.0.0.5:8000/", "en", "lobby", "s3cret", "display")
    assert cfg.fullscreen is False
    cfg = cli.resolve_config(cli.build_parser().parse_args(["--config", str(config), "--fullscreen"]))
    assert cfg.fullscreen is True


def test_snapshot_needs_no_server(tmp_path):
    args = cli.build_parser().parse_args(["--cache-dir", str(tmp_path), "--snapshot", str(tmp_path / "out")])
    cfg = cli.resolve_config(args)
    assert cfg.server_url is None and cfg.snapshot_dir == tmp_path / "out"


def test_every_option_has_help():
    for action in cli.build_parser()._actions:
        assert action.help, action.dest


def test_importing_the_cli_starts_nothing():
    code = ("import sys, kiosk.cli, kiosk.ui_text, kiosk.idle, kiosk.video; "
            "print('kivy' in sys.modules, 'vlc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"
