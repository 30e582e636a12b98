"""Production serving with gunicorn (threads in a few worker processes)."""
from gunicorn.app.base import BaseApplication


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


def run(app, host: str, port: int, workers: int, threads: int) -> None:
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
    }).run()
