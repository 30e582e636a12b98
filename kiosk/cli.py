"""``court-kiosk``: the kiosk client's command line.

Nothing happens at import: main() sets the Kivy environment first and only
then imports Kivy (through kiosk.app); the environment it builds (kiosk.env) is Kivy-free.
"""

import argparse
import logging
import os
import sys
from pathlib import Path

from kiosk.config import DESIGN_SIZE
from court_contract.text import LANGS

log = logging.getLogger("kiosk")

WIDTH, HEIGHT = DESIGN_SIZE["kiosk"]  # the kiosk's window when not full screen
DISPLAY_SIZE = DESIGN_SIZE["display"]  # the waiting-room TV's
USAGE_FILE = "usage.json"


class UsageError(Exception):
    """A command-line argument is wrong; the message is one sentence."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(f"{message} (see court-kiosk --help)")


def build_parser():
    parser = _Parser(
        prog="court-kiosk",
        description="Court lobby kiosk: touch screens with state fees, reception days, claim templates "
                    "with QR codes, e-services and videos, synced from the court's kiosk server.",
    )
    parser.add_argument("--server", metavar="URL", help="the kiosk server or a static export (http or https URL)")
    parser.add_argument("--cache-dir", metavar="DIR", help="where content is cached (default ~/.cache/court-kiosk)")
    parser.add_argument("--mode", choices=("kiosk", "display"), help="kiosk (touch UI) or display (waiting room)")
    parser.add_argument("--layout", choices=("normal", "low"),
                        help="kiosk mode: 'low' moves the controls into the lower part of the screen (wheelchair reach)")
    parser.add_argument("--lang", choices=LANGS, help="start language (default kk; display mode rotates kk, ru, en)")
    parser.add_argument("--fullscreen", action="store_true", default=None, help="fill the screen")
    parser.add_argument("--room", metavar="N",
                        help="display mode as the door sign of courtroom N (its number on the door): "
                             "the hearings now, next and later today")
    parser.add_argument("--kiosk-id", metavar="ID", help="this kiosk's name on the server")
    token = parser.add_mutually_exclusive_group()
    token.add_argument("--token", metavar="TOKEN", help="this kiosk's heartbeat token")
    token.add_argument("--token-file", metavar="FILE", help="read the heartbeat token from FILE")
    parser.add_argument("--config", metavar="FILE", help="a kiosk.toml (or INI) file with these settings")
    parser.add_argument("--snapshot", metavar="DIR",
                        help="render every screen in every language to DIR/<screen>-<lang>.png, then exit "
                             "(display mode: DIR/display-<lang>.png)")
    parser.add_argument("--debug", action="store_true", help="verbose logging and tracebacks")
    return parser


def resolve_config(args):
    """Config file, then command-line overrides, checked by kiosk.config.validate."""
    from kiosk.config import ConfigError, load_config, validate

    values = dict(load_config(args.config)) if args.config else {}
    overrides = {
        "server_url": args.server, "cache_dir": args.cache_dir, "mode": args.mode, "layout": args.layout,
        "lang": args.lang,
        "kiosk_id": args.kiosk_id, "token": args.token, "room": args.room,
        "snapshot_dir": Path(args.snapshot) if args.snapshot else None,
    }
    if args.token_file:
        try:
            overrides["token"] = Path(args.token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"the token file {args.token_file} cannot be read ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise ConfigError(f"the token file {args.token_file} is not UTF-8 text") from None
    values.update({k: v for k, v in overrides.items() if v is not None})
    values.setdefault("fullscreen", False)
    if args.fullscreen:
        values["fullscreen"] = True
    no_server = not values.get("server_url") and values.get("snapshot_dir") is not None
    if no_server:
        values["server_url"] = "http://localhost/"  # a snapshot may render from the cache alone
    cfg = validate(values)
    if no_server:
        cfg.server_url = None
    return cfg


def _setup_logging(debug):
    logging.basicConfig(level=logging.DEBUG if debug else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not debug:
        logging.getLogger("kivy").setLevel(logging.WARNING)  # Kivy's start-up chatter


def _setup_kivy(cfg, debug):
    """Environment and window settings; must run before the first kivy import."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    if not debug:
        os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    snapshot = cfg.snapshot_dir is not None
    if snapshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from kivy.config import Config

    width, height = DISPLAY_SIZE if cfg.mode == "display" else (WIDTH, HEIGHT)
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    Config.set("graphics", "fullscreen", "auto" if cfg.fullscreen and not snapshot else "0")
    Config.set("graphics", "resizable", "0" if snapshot else "1")
    Config.set("kivy", "exit_on_escape", "0" if cfg.fullscreen else "1")
    Config.set("input", "mouse", "mouse,disable_multitouch")


def make_env(cfg):
    """The app's environment for a real kiosk: cache, sync, libVLC, usage counts, the systemd watchdog."""
    from kiosk.env import KioskEnv
    from kiosk.cache import Cache
    from kiosk.memory import give_back, set_aside, trim
    from kiosk.sync import SyncClient

    cache = Cache(cfg.cache_dir)
    manifest = cache.current()
    if manifest is None:
        log.info("no cached content in %s yet", cfg.cache_dir)

    def make_sync(on_update, status_fn):
        if not cfg.server_url:
            return None
        return SyncClient(cfg.server_url, cache, on_update=on_update, token=cfg.token, status_fn=status_fn)

    def make_player(call_soon):
        from kivy.core.window import Window

        from kiosk.video.vlc_backend import VlcPlayer

        # No video is shown larger than the window: libVLC scales it down while converting, so a
        # 1080p clip on the portrait kiosk keeps 2.6 MB pictures instead of 8.3 MB ones (six of them).
        return VlcPlayer(call_soon=call_soon, max_size=tuple(Window.size))

    def snapshot_prepare():
        if cfg.server_url:
            client = SyncClient(cfg.server_url, cache)
            result = client.poll_once()
            if result == "error":
                log.warning("snapshot: %s; rendering the cached content", client.last_error)
            client.poll_hearings()  # into the cache, where the snapshot reads it (a failure keeps the last)
        return cache.current()

    return KioskEnv(
        lang=cfg.lang, mode=cfg.mode, layout=cfg.layout, manifest=manifest, cache=cache,
        hearings=cache.load_hearings(), room=cfg.room or "",
        usage_path=cfg.cache_dir / USAGE_FILE,
        make_sync=make_sync if cfg.server_url and cfg.snapshot_dir is None else None,
        make_player=make_player, server_url=cfg.server_url or "", kiosk_id=cfg.kiosk_id or "",
        snapshot_dir=cfg.snapshot_dir, snapshot_prepare=snapshot_prepare if cfg.snapshot_dir else None,
        give_back_memory=give_back, set_aside=set_aside, trim_memory=trim,
    )


def _restart_with_python_allocator():
    """Start this command again, same process id, with Python's allocator that gives memory back
    (kiosk/memory.py): PYTHONMALLOC is read only when Python starts."""
    from kiosk.memory import python_allocator_env

    environ = python_allocator_env(os.environ)
    if environ is None or not sys.executable:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(sys.executable, [sys.executable, "-m", "kiosk.cli", *sys.argv[1:]], environ)
    except OSError as exc:  # the kiosk still runs, with Python's own allocator
        log.warning("could not start again with PYTHONMALLOC=%s (%s): memory a visitor's screens leave "
                    "is not all given back", environ["PYTHONMALLOC"], exc)


def main(argv=None):
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        _setup_logging(args.debug)
        from kiosk.config import ConfigError

        try:
            cfg = resolve_config(args)
        except ConfigError as exc:
            raise UsageError(f"{exc}.") from None
    except UsageError as exc:
        print(f"court-kiosk: {exc}", file=sys.stderr)
        return 2
    if argv is None:  # as the court-kiosk command (a test calling main() stays in its process)
        _restart_with_python_allocator()
    try:
        from kiosk.memory import tune_allocator

        tune_allocator()  # before libVLC and Kivy start their threads (see kiosk/memory.py)
        _setup_kivy(cfg, args.debug)
        env = make_env(cfg)
        from kiosk.app import KioskApp

        app = KioskApp(env)
        app.run()
        if cfg.snapshot_dir is not None and app.snapshotter is not None:
            print(f"court-kiosk: wrote {len(app.snapshotter.written)} snapshots to {cfg.snapshot_dir}")
        return app.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if debug:
            raise
        print(f"court-kiosk: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # how court-kiosk starts itself again (_restart_with_python_allocator)
    from kiosk.cli import main as _main  # (the module's one copy, not this __main__)

    sys.exit(_main())
