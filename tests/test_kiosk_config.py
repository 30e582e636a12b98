"""kiosk.config: TOML/INI loading and validation with clear sentences."""

from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, default_cache_dir, load_config, validate


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_toml_top_level(tmp_path):
    path = write(
        tmp_path,
        "kiosk.toml",
        'server_url = "http://10.0.0.5:8000/"\nmode = "display"\nlang = "ru"\nfullscreen = false\n'
        'kiosk_id = "lobby-1"\ntoken = "abc"\ncache_dir = "~/kc"\nsnapshot_dir = "/var/snap"\n',
    )
    values = load_config(path)
    assert values == {
        "server_url": "http://10.0.0.5:8000/",
        "mode": "display",
        "lang": "ru",
        "fullscreen": False,
        "kiosk_id": "lobby-1",
        "token": "abc",
        "cache_dir": Path("~/kc").expanduser(),
        "snapshot_dir": Path("/var/snap"),
    }
    cfg = validate(values)
    assert cfg == KioskConfig(
        server_url="http://10.0.0.5:8000/",
        cache_dir=Path("~/kc").expanduser(),
        mode="display",
        lang="ru",
        fullscreen=False,
        kiosk_id="lobby-1",
        token="abc",
        snapshot_dir=Path("/var/snap"),
    )


def test_toml_kiosk_table_and_ini_section_give_the_same(tmp_path):
    toml = write(tmp_path, "a.toml", '[kiosk]\nserver_url = "https://k.sud.kz/courts/mng/"\nfullscreen = true\n')
    ini = write(tmp_path, "a.ini", "[kiosk]\nserver_url = https://k.sud.kz/courts/mng/\nfullscreen = yes\n")
    assert load_config(toml) == load_config(ini) == {"server_url": "https://k.sud.kz/courts/mng/", "fullscreen": True}


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cfg = validate({"server_url": "http://127.0.0.1:8000"})
    assert cfg.cache_dir == tmp_path / "xdg" / "court-kiosk"
    assert (cfg.mode, cfg.lang, cfg.fullscreen, cfg.kiosk_id, cfg.token, cfg.snapshot_dir) == (
        "kiosk",
        "kk",
        True,
        None,
        None,
        None,
    )


def test_default_cache_dir_without_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / ".cache" / "court-kiosk"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert default_cache_dir() == tmp_path / ".cache" / "court-kiosk"


def test_validate_accepts_a_kiosk_config():
    cfg = KioskConfig(server_url=" http://x/ ", cache_dir=Path("/c"), snapshot_dir="/s")
    checked = validate(cfg)
    assert checked.server_url == "http://x/" and checked.snapshot_dir == Path("/s")


@pytest.mark.parametrize(
    "values, message",
    [
        ({}, "server_url is not set"),
        ({"server_url": "ftp://x"}, "server_url must start with http:// or https://, not 'ftp://x'"),
        ({"server_url": "localhost:8000"}, "server_url must start with http:// or https://"),
        ({"server_url": "http://x", "mode": "tv"}, "mode must be kiosk or display, not 'tv'"),
        ({"server_url": "http://x", "lang": "de"}, "lang must be kk, ru or en, not 'de'"),
        ({"server_url": "http://x", "fullscreen": "maybe"}, "fullscreen must be true or false, not 'maybe'"),
        ({"server_url": "http://x", "token": 5}, "token must be text, not 5"),
        ({"server_url": "http://x", "cache_dir": 5}, "cache_dir must be a folder path, not 5"),
        ({"server_url": "http://x", "colour": "red"}, "unknown setting(s): colour"),
    ],
)
def test_validate_errors(values, message):
    with pytest.raises(ConfigError) as info:
        validate(values)
    assert str(info.value).startswith(message), str(info.value)


def test_validate_rejects_other_types():
    with pytest.raises(ConfigError, match="must be a KioskConfig or a dict"):
        validate("http://x")


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("k.toml", 'server_url = "http://x"\nmode = \n', "is not valid TOML"),
        ("k.toml", 'server_url = "http://x"\ncolour = "red"\n', "has an unknown setting 'colour'"),
        ("k.toml", "fullscreen = 3\n", "fullscreen must be true or false, not 3"),
        ("k.toml", "kiosk_id = 3\n", "kiosk_id in"),
        ("k.toml", '[kiosk]\nlang = "ru"\n[other]\nx = 1\n', "has settings outside [kiosk]: other"),
        ("k.ini", "server_url = http://x\n", "must start with a [kiosk] section"),
        ("k.ini", "[kiosk]\nlang = ru\nlang = kk\n", "is not a valid INI file (While reading from"),
        ("k.ini", "[display]\nserver_url = http://x\n", "has no [kiosk] section"),
        ("k.conf", "[kiosk]\nfullscreen = sometimes\n", "fullscreen must be true or false, not 'sometimes'"),
    ],
)
def test_load_config_errors(tmp_path, name, text, message):
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, name, text))
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_load_config_missing_and_binary_files(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ConfigError, match="is not UTF-8 text"):
        load_config(binary)
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(tmp_path)  # a folder


def test_empty_values_mean_unset(tmp_path):
    values = load_config(write(tmp_path, "k.ini", "[kiosk]\nserver_url = http://x\ntoken =\nsnapshot_dir =\n"))
    cfg = validate(values)
    assert cfg.token is None and cfg.snapshot_dir is None
