"""court-kiosk admin server: Flask app factory."""
import os
import secrets
from pathlib import Path

from flask import Flask

__version__ = "0.1.0"

DEFAULT_DATA_DIR = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "court-kiosk"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app. DATA_DIR must hold an initialised database (`init`)."""
    app = Flask(__name__)
    app.config.from_mapping(
        DATA_DIR=str(DEFAULT_DATA_DIR),
        DB_BUSY_TIMEOUT_S=5.0,
        MAX_API_BODY=512 * 1024,
        JSON_AS_ASCII=False,
    )
    app.config.from_prefixed_env("COURT_KIOSK")
    if test_config:
        app.config.update(test_config)
    # Absolute: Flask's send_file would resolve a relative path against the package, not the cwd.
    data_dir = Path(app.config["DATA_DIR"]).resolve()
    app.config["DATA_DIR"] = str(data_dir)

    from . import db as db_module
    from .store import MediaStore

    conn = db_module.open_existing(data_dir, app.config["DB_BUSY_TIMEOUT_S"])
    try:
        from .admin.zone import zone_data_problem
        from .schema import migrate

        migrate(conn)
        problem = zone_data_problem(conn)
        if problem:  # every time the admin or kiosks show would be off
            app.logger.error("Time zone data: %s.", problem)
    finally:
        conn.conn.close()
    if not app.config.get("SECRET_KEY"):  # Flask's default is None, so setdefault would not take
        app.config["SECRET_KEY"] = load_secret_key(data_dir)
    app.extensions["media_store"] = MediaStore(data_dir / "media")

    db_module.init_app(app)
    from . import api, public

    app.register_blueprint(api.bp)
    app.register_blueprint(public.bp)
    from . import admin

    admin.init_app(app)  # the staff web admin under /admin/ (security headers, CSRF, roles, Babel)
    from .proxy import LocalProxyFix

    app.wsgi_app = LocalProxyFix(app.wsgi_app)
    return app


def load_secret_key(data_dir: Path) -> str:
    """The session key lives in the data dir (made by `init`), never in code."""
    path = data_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
