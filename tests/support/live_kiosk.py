"""A real kiosk app (offscreen Kivy, real SyncClient) syncing every second from a real server over the demo court."""
import contextlib
import shutil

import pytest

from admin_server.testing import start_server

KIOSK_ID = "hall-1"
@contextlib.contextmanager
def running_kiosk(template_dir, root, app_environ=None, **env):
    """A real server over a copy of the demo court and a kiosk app syncing from it every second.

    ``app_environ``: environment variables set once the server runs (the kiosk's, not the server's).
    Yields ``(app, server)``; ``server.data_dir`` is the server's data folder.
    """
    from admin_server.db import open_existing
    from admin_server.kiosks import create_kiosk
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.cache import Cache
    from kiosk.sync import SyncClient
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer

    data = root / "data"
    shutil.copytree(template_dir, data)
    db = open_existing(data)
    with db.atomic():
        token = create_kiosk(db, KIOSK_ID, "Hall 1")
    db.conn.close()
    server = start_server(data)
    cache = Cache(root / "cache")

    def make_sync(on_update, status_fn):
        return SyncClient(server.url, cache, on_update=on_update, token=token, interval_s=1.0,
                          heartbeat_interval_s=1.0, status_fn=status_fn)

    settings = dict(lang="kk", manifest=None, cache=cache, make_sync=make_sync, kiosk_id=KIOSK_ID,
                    make_player=lambda call_soon: FakePlayer(call_soon), usage_path=cache.root / "usage.json",
                    thumbnail_every_s=None, watchdog=None, server_url=server.url)
    settings.update(env)
    app = KioskApp(KioskEnv(**settings))
    patch = pytest.MonkeyPatch()
    for key, value in (app_environ or {}).items():
        if value is None:
            patch.delenv(key, raising=False)
        else:
            patch.setenv(key, value)
    try:
        # No frame yet: the sync thread's first manifest lands on the UI thread at a frame,
        # and a quick machine has it within start_app's usual ten.
        start_app(app, frames=0)
        assert app.current == "waiting"  # first start: no cache yet
        assert pump(60, until=lambda: app.manifest is not None), "the kiosk never got the demo content"
        pump(frames=3)
        yield app, server
    finally:
        stop_app(app)
        patch.undo()
        server.stop()


def db_of(server):
    from admin_server.db import open_existing

    return open_existing(server.data_dir)
