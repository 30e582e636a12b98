"""Production serving with gunicorn (threads in a few worker processes)."""
import logging

from gunicorn.app.base import BaseApplication

log = logging.getLogger("court_kiosk.server")


class _Gunicorn(BaseApplication):
    def __init__(self, app, options):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def clean_temp(app) -> None:
    """Remove the half-written upload files a killed server or worker left (none in use: see MediaStore)."""
    removed = app.extensions["media_store"].clean_temp()
    if removed:
        log.info("Removed %d unfinished upload file(s) left by an interrupted server.", removed)


def run(app, host: str, port: int, workers: int, threads: int) -> None:
    clean_temp(app)  # at start, before any worker runs
    _Gunicorn(app, {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "timeout": 60,
        # Above the kiosks' 2 s poll interval, so polls reuse their connection.
        "keepalive": 30,
        "graceful_timeout": 10,
        "proc_name": "court-kiosk-server",
        # No control socket: a service must not write into its home directory.
        "control_socket_disable": True,
        # A worker that replaces a killed one (timeout, out of memory) cleans up after it.
        "post_worker_init": lambda worker: clean_temp(app),
    }).run()
