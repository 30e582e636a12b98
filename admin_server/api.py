"""The versioned kiosk API (docs/manifest.md)."""
from flask import Blueprint, Response, current_app, jsonify, request, send_file

from court_contract.manifest import canonical_json

from . import hearings
from .content import get_settings
from .db import get_db, write_transaction
from .errors import NothingPublished, ValidationError
from .fleet import record_heartbeat
from .kiosks import kiosk_for_token
from .public_headers import media_headers
from .publish import current_manifest, current_sha256, latest
from .store import is_sha256

bp = Blueprint("api", __name__)

IMMUTABLE = "public, max-age=31536000, immutable"


def json_error(status: int, message: str):
    response = jsonify(error=message)
    response.status_code = status
    return response


@bp.after_request
def security_headers(response):
    return media_headers(response)  # files and JSON only: nothing here is meant to be rendered as a page


@bp.get("/healthz")
def healthz():
    row = latest(get_db())
    return jsonify(status="ok", published_version=row["version"] if row else None)


@bp.get("/api/v1/manifest")
def manifest():
    db = get_db()
    sha = current_sha256(db)
    if sha is not None and request.if_none_match.contains(sha):
        response = Response(status=304)  # the common case: answered without reading the body
    else:
        try:
            body, sha = current_manifest(db)
        except NothingPublished as e:
            return json_error(404, f"{e} Publish content in the admin first.")
        response = Response(body, mimetype="application/json")
    response.set_etag(sha)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/api/v1/hearings")
def hearings_feed():
    """Today's and the next working day's hearings (docs/manifest.md); never 404, no cache."""
    db = get_db()
    now = hearings.utc_now()
    tag = hearings.etag(db, get_settings(db), now)
    if request.if_none_match.contains(tag):
        response = Response(status=304)  # the common case: no query of the hearings
    else:
        feed, tag = hearings.feed(db, now, expire=write_transaction)
        response = Response(canonical_json(feed), mimetype="application/json")
    response.set_etag(tag)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/api/v1/media/<path:sha256>")
def media(sha256: str):
    if not is_sha256(sha256):
        return json_error(400, "A media address must be a 64-character lowercase sha256 hex digest.")
    db = get_db()
    rows = list(db.query(
        "SELECT m.type, m.size FROM published_media p JOIN media m USING (sha256) WHERE p.sha256 = ?", [sha256]))
    store = current_app.extensions["media_store"]
    if not rows or not store.exists(sha256, rows[0]["size"]):
        return json_error(404, "No published file has this sha256.")
    response = send_file(store.path(sha256), mimetype=rows[0]["type"], conditional=True, etag=sha256,
                         max_age=31536000)
    response.headers["Cache-Control"] = IMMUTABLE
    return response


@bp.post("/api/v1/heartbeat")
def heartbeat():
    auth = request.headers.get("Authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return json_error(401, "A kiosk token is required: send Authorization: Bearer <token>.")
    db = get_db()
    kiosk = kiosk_for_token(db, token.strip())
    if kiosk is None:
        return json_error(401, "This kiosk token is not known or has been revoked.")
    if (request.content_length or 0) > current_app.config["MAX_API_BODY"]:
        return json_error(413, "The heartbeat is too large.")
    status = request.get_json(silent=True)
    if not isinstance(status, dict):
        return json_error(400, "The heartbeat body must be a JSON object.")
    try:
        record_heartbeat(db, current_app.config["DATA_DIR"], kiosk["id"], status)
    except ValidationError as e:
        return json_error(400, str(e))
    return "", 204
