"""Draft files for staff (the public API serves only published ones)."""
from flask import abort, send_file
from flask_babel import gettext as _

from ..db import get_db
from .common import blueprint, store
from .security import requires

bp = blueprint("admin_media", __name__, url_prefix="/admin/media")


def send_media(sha256: str, name: str, *, as_attachment: bool):
    rows = list(get_db().query("SELECT type, size FROM media WHERE sha256 = ?", [sha256]))
    if not rows or not store().exists(sha256, rows[0]["size"]):
        abort(404, _("This file is missing from the media store."))
    return send_file(store().path(sha256), mimetype=rows[0]["type"], as_attachment=as_attachment,
                     download_name=name, conditional=True, etag=sha256)


@bp.get("/<sha256>")
@requires("editor")
def view(sha256):
    rows = list(get_db().query("SELECT original_name, type FROM media WHERE sha256 = ?", [sha256]))
    if not rows:
        abort(404, _("This file is missing from the media store."))
    inline = rows[0]["type"].startswith("video/")
    return send_media(sha256, rows[0]["original_name"] or sha256, as_attachment=not inline)
