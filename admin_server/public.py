"""Public pages a visitor's phone opens from a kiosk QR code: /t/<slug>."""
import json

from flask import Blueprint, Response, abort, current_app, render_template, request, send_file

from .db import get_db
from .errors import NothingPublished
from .numbers import format_number
from .publish import current_manifest
from court_contract.text import LANGS, pick

from .public_headers import media_headers, page_headers
from .public_text import LANG_NAMES, TEXT
from .qr import qr_png, qr_svg

bp = Blueprint("public", __name__)


def _published() -> dict:
    try:
        body, _sha = current_manifest(get_db())
    except NothingPublished:
        abort(404)
    return json.loads(body)


def _template(manifest: dict, slug: str) -> dict:
    for t in manifest["templates"]:
        if t["slug"] == slug:
            return t
    abort(404)


def visitor_language(manifest: dict | None = None) -> str:
    lang = request.args.get("lang", "")
    if lang in LANGS:
        return lang
    best = request.accept_languages.best_match(LANGS)
    if best:
        return best
    default = (manifest or {}).get("settings", {}).get("default_language")
    return default if default in LANGS else "kk"


@bp.get("/t/<slug>")
def template_page(slug):
    manifest = _published()
    template = _template(manifest, slug)
    lang = visitor_language(manifest)
    files = [
        {"lang": code, "lang_name": LANG_NAMES[code], "name": f["name"],
         "size_kb": format_number(max(1, round(f["size"] / 1024)), lang),
         "ext": f["name"].rsplit(".", 1)[-1].upper() if "." in f["name"] else ""}
        for code in LANGS if (f := template["files"].get(code))
    ]
    # The visitor's own language first.
    files.sort(key=lambda f: f["lang"] != lang)
    return render_template(
        "public/template.html", lang=lang, langs=LANG_NAMES, t=template, files=files,
        court=pick(manifest["court"]["name"], lang), title=pick(template["title"], lang),
        description=pick(template["description"], lang), text={k: v[lang] for k, v in TEXT.items()},
    )


@bp.get("/t/<slug>/file/<lang>")
def template_file(slug, lang):
    template = _template(_published(), slug)
    f = template["files"].get(lang)
    if f is None:
        abort(404)
    store = current_app.extensions["media_store"]
    if not store.exists(f["sha256"], f["size"]):
        abort(404)
    return send_file(store.path(f["sha256"]), mimetype=f["type"], as_attachment=True, download_name=f["name"],
                     conditional=True, etag=f["sha256"])


@bp.get("/t/<slug>/qr.svg")
def template_qr_svg(slug):
    return Response(qr_svg(_template(_published(), slug)["url"]), mimetype="image/svg+xml")


@bp.get("/t/<slug>/qr.png")
def template_qr_png(slug):
    return Response(qr_png(_template(_published(), slug)["url"]), mimetype="image/png")


@bp.after_request
def security_headers(response):
    # The download pages are HTML; everything else here is a file or a picture.
    return page_headers(response) if response.mimetype == "text/html" else media_headers(response)


@bp.app_errorhandler(404)
def not_found(_error):
    if request.path.startswith("/api/"):
        return {"error": "Not found."}, 404
    lang = visitor_language()
    return render_template("public/not_found.html", lang=lang, message=TEXT["not_found"][lang]), 404
