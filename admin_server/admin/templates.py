"""Claim templates: one file per language (PDF/DOCX/ODT), a stable public URL and its QR code."""
import json

from flask import Response, abort, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from court_contract.text import pick

from ..content import LANGS, audit, get_settings, tri_from_db
from ..db import get_db, write_transaction
from ..publish import latest
from ..qr import qr_svg
from . import crud
from .common import blueprint, done, store, username
from .fields import Field
from .i18n import select_language
from .security import requires
from .settings import public_url_context
from .uploads import store_staged

bp = blueprint("admin_templates", __name__, url_prefix="/admin/templates")

LANG_LABELS = {"kk": _l("File in Kazakh"), "ru": _l("File in Russian"), "en": _l("File in English")}


def _categories(db):
    return [(c["code"], c["title"]) for c in db.query("SELECT code, title FROM template_categories "
                                                      "ORDER BY sort_order, code")]


def _category_choices(db):
    return [(code, pick(tri_from_db(title), select_language())) for code, title in _categories(db)]


def _files(db, template_id) -> dict:
    rows = db.query("SELECT f.lang, f.name, f.sha256, m.size, m.type FROM template_files f "
                    "LEFT JOIN media m USING (sha256) WHERE f.template_id = ?", [template_id])
    return {r["lang"]: r for r in rows}


def public_url(db, slug: str) -> str:
    return f"{get_settings(db)['public_base_url'].rstrip('/')}/t/{slug}"


def after_write(db, template_id, uploads, row, changes):
    old = _files(db, template_id)
    for lang in LANGS:
        staged = uploads.get(f"file_{lang}")
        if staged is None:
            continue
        sha = store_staged(db, store(), staged)
        _put_file(db, template_id, lang, sha, staged.name)
        changes.add(f"file_{lang}", old[lang]["name"] if lang in old else None, staged.name)


def _put_file(db, template_id, lang, sha, name):
    db.execute("DELETE FROM template_files WHERE template_id = ? AND lang = ?", [template_id, lang])
    db["template_files"].insert({"template_id": template_id, "lang": lang, "sha256": sha, "name": name})


def before_delete(db, row, changes):
    files = _files(db, row["id"])
    db.execute("DELETE FROM template_files WHERE template_id = ?", [row["id"]])
    for lang, f in files.items():
        changes.add(f"file_{lang}", f["name"], None)


def row_extra(db, row) -> dict:
    return {"languages": " ".join(lang for lang in LANGS if lang in _files(db, row["id"])) or "—"}


def form_context(db, row) -> dict:
    files = _files(db, row["id"])
    published = latest(db)
    return {
        "current_files": {f"file_{lang}": {"name": f["name"], "size": f["size"],
                                           "url": url_for("admin_templates.file", row_id=row["id"], lang=lang),
                                           "remove": url_for("admin_templates.remove_file", row_id=row["id"],
                                                             lang=lang)}
                          for lang, f in files.items()},
        "public_url": public_url(db, row["slug"]),
        "qr_url": url_for("admin_templates.qr", row_id=row["id"]),
        "is_published": bool(published) and any(
            t["slug"] == row["slug"] for t in json.loads(published["manifest"])["templates"]),
        "form_extra_title": _("QR code on the kiosk"),
        **public_url_context(db),
    }


SPEC = crud.Spec(
    name="templates", table="templates", title=_l("Claim templates"), add_label=_l("Add a template"), sortable=True,
    unique=("slug",), after_write=after_write, before_delete=before_delete, form_extra="admin/template_qr.html",
    form_context=form_context, row_extra=row_extra,
    intro=_l("Documents visitors take home by scanning a QR code. Each has a fixed address, e.g. /t/divorce."),
    fields=(
        Field("title", _l("Title"), "tri", required=True, in_list=True),
        Field("slug", _l("Address name (slug)"), "code", required=True, in_list=True,
              help=_l("Part of the public address, e.g. divorce. Changing it breaks printed QR codes.")),
        Field("category", _l("Category"), "choice", required=True, choices=_category_choices, in_list=True),
        Field("description", _l("Description"), "tri_area", max_length=1000),
        Field("enabled", _l("Shown"), "bool", in_list=True, default=1),
        Field("languages", _l("Files"), in_list=True, in_form=False),
        *(Field(f"file_{lang}", LANG_LABELS[lang], "file", upload="document",
                help=_l("PDF, DOCX or ODT.")) for lang in LANGS),
    ),
)
crud.register(bp, SPEC)


@bp.get("/<int:row_id>/qr.svg")
@requires("editor")
def qr(row_id):
    row = crud.get_row(SPEC, row_id)
    return Response(qr_svg(public_url(get_db(), row["slug"])), mimetype="image/svg+xml")


@bp.get("/<int:row_id>/file/<lang>")
@requires("editor")
def file(row_id, lang):
    from .media import send_media

    f = _files(get_db(), crud.get_row(SPEC, row_id)["id"]).get(lang)
    if f is None:
        abort(404, _("This template has no file in that language."))
    return send_media(f["sha256"], f["name"], as_attachment=True)


@bp.post("/<int:row_id>/file/<lang>/delete")
@requires("editor")
def remove_file(row_id, lang):
    row = crud.get_row(SPEC, row_id)
    db = get_db()
    f = _files(db, row_id).get(lang)
    if f is None or lang not in LANGS:
        abort(404, _("This template has no file in that language."))
    with write_transaction(db):
        db.execute("DELETE FROM template_files WHERE template_id = ? AND lang = ?", [row_id, lang])
        audit(db, username(), "update", "templates", row_id, {f"file_{lang}": f["name"]}, {f"file_{lang}": None})
    return done(url_for("admin_templates.edit", row_id=row_id),
                _("Removed the %(lang)s file of “%(name)s”.", lang=lang, name=SPEC.label(row)))

