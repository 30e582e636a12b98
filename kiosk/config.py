"""Kiosk configuration: a small TOML or INI file, checked with clear sentences.

TOML (``kiosk.toml``), keys at the top level or under ``[kiosk]``::

    server_url = "http://192.168.1.10:8000/"
    mode = "kiosk"          # or "display"
    layout = "normal"       # or "low": kiosk controls in the lower part of the screen (wheelchair reach)
    lang = "kk"             # kk | ru | en
    fullscreen = true
    kiosk_id = "lobby-1"
    token = "..."
    cache_dir = "/var/cache/court-kiosk"
    snapshot_dir = "/var/lib/court-kiosk/snapshots"
    room = "305"            # display mode: the door sign of this courtroom (its number on the door)

INI (any other suffix): the same keys under a ``[kiosk]`` section.

Typical use: ``cfg = validate({**load_config(path), **command_line_overrides})``.
"""

import configparser
import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from court_contract.text import LANGS

MODES = ("kiosk", "display")
# The screen each mode's layouts are drawn for, in pixels; other screens get them scaled (KioskRoot).
DESIGN_SIZE = {"kiosk": (1080, 1920), "display": (1920, 1080)}  # a portrait touch screen; the waiting-room TV
LAYOUTS = ("normal", "low")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.IGNORECASE)
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class ConfigError(ValueError):
    """The configuration cannot be used; the message says which setting and why."""


def default_cache_dir():
    """``$XDG_CACHE_HOME/court-kiosk``, else ``~/.cache/court-kiosk``."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "court-kiosk"
    return Path.home() / ".cache" / "court-kiosk"


@dataclass
class KioskConfig:
    server_url: str
    cache_dir: Path
    mode: str = "kiosk"
    layout: str = "normal"
    lang: str = "kk"
    fullscreen: bool = True
    kiosk_id: str | None = None
    token: str | None = None
    snapshot_dir: Path | None = None
    room: str | None = None


_KEYS = {f.name for f in fields(KioskConfig)}
_BOOL_KEYS = {"fullscreen"}
_PATH_KEYS = {"cache_dir", "snapshot_dir"}


def _as_bool(key, value):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ConfigError(f"{key} must be true or false, not {value!r}")


def _coerce(key, value, where):
    if key not in _KEYS:
        raise ConfigError(f"{where} has an unknown setting {key!r} (known: {', '.join(sorted(_KEYS))})")
    if key in _BOOL_KEYS:
        return _as_bool(key, value)
    if key == "room" and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # room = 305 in TOML
    if not isinstance(value, str):
        raise ConfigError(f"{key} in {where} must be text, not {value!r}")
    value = value.strip()
    if key in _PATH_KEYS:
        return Path(value).expanduser() if value else None
    return value or None


def _room(value, mode):
    """A courtroom's number as on its door ("305", "12А"); only a display shows a door sign."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value.strip()) > 20 or any(ch.isspace() for ch in value.strip()):
        raise ConfigError(f"room must be a courtroom's number as on its door, like 305, not {value!r}")
    if mode != "display":
        raise ConfigError("room is for a display by a courtroom's door; set mode to display (or leave it out)")
    return value.strip()


def load_config(path):
    """Read a TOML (``.toml``) or INI file into a dict of known settings.

    Raises ConfigError for a missing or unreadable file, bad syntax, an
    unknown setting or a value of the wrong type.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"the config file {path} does not exist") from None
    except OSError as exc:
        raise ConfigError(f"the config file {path} cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"the config file {path} is not UTF-8 text") from None
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"the config file {path} is not valid TOML ({exc})") from None
        if isinstance(data.get("kiosk"), dict):
            extra = set(data) - {"kiosk"}
            if extra:
                raise ConfigError(f"{path} has settings outside [kiosk]: {', '.join(sorted(extra))}")
            data = data["kiosk"]
    else:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text, source=str(path))
        except configparser.MissingSectionHeaderError:
            raise ConfigError(f"the config file {path} must start with a [kiosk] section") from None
        except configparser.Error as exc:
            first_line = str(exc).strip().splitlines()[0].rstrip(".")
            raise ConfigError(f"the config file {path} is not a valid INI file ({first_line})") from None
        if not parser.has_section("kiosk"):
            raise ConfigError(f"the config file {path} has no [kiosk] section")
        data = dict(parser.items("kiosk"))
    return {key: _coerce(key, value, str(path)) for key, value in data.items()}


def validate(cfg):
    """Check a KioskConfig or a dict of settings and return a KioskConfig.

    Missing ``cache_dir`` gets :func:`default_cache_dir`. Raises ConfigError.
    """
    if isinstance(cfg, KioskConfig):
        values = {f.name: getattr(cfg, f.name) for f in fields(KioskConfig)}
    elif isinstance(cfg, dict):
        unknown = set(cfg) - _KEYS
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        values = dict(cfg)
    else:
        raise ConfigError("the configuration must be a KioskConfig or a dict")
    url = values.get("server_url")
    if not url:
        raise ConfigError("server_url is not set; give the address of the court's kiosk server")
    if not isinstance(url, str) or not _URL.match(url.strip()):
        raise ConfigError(f"server_url must start with http:// or https://, not {url!r}")
    values["server_url"] = url.strip()
    mode = values.get("mode") or ("display" if values.get("room") else "kiosk")  # a door sign is a display
    if mode not in MODES:
        raise ConfigError(f"mode must be kiosk or display, not {mode!r}")
    values["mode"] = mode
    layout = values.get("layout") or "normal"
    if layout not in LAYOUTS:
        raise ConfigError(f"layout must be normal or low, not {layout!r}")
    values["layout"] = layout
    lang = values.get("lang") or "kk"
    if lang not in LANGS:
        raise ConfigError(f"lang must be kk, ru or en, not {lang!r}")
    values["lang"] = lang
    values["fullscreen"] = _as_bool("fullscreen", values.get("fullscreen", True))
    for key in _PATH_KEYS:
        value = values.get(key)
        if value is not None and not isinstance(value, Path):
            if not isinstance(value, str):
                raise ConfigError(f"{key} must be a folder path, not {value!r}")
            value = Path(value).expanduser() if value.strip() else None
        values[key] = value
    if values["cache_dir"] is None:
        values["cache_dir"] = default_cache_dir()
    for key in ("kiosk_id", "token"):
        value = values.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{key} must be text, not {value!r}")
        values[key] = value or None
    values["room"] = _room(values.get("room"), values["mode"])
    return KioskConfig(**values)
