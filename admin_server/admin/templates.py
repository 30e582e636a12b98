"""Claim templates: one file per language (PDF/DOCX/ODT), a stable public URL and its QR code.

The public URL's name (slug) is filled from the title (admin/slug_field.py). A new template takes the
place in the list the person chooses (first by default: the kiosk's first screen holds only the first
ones), and the list moves one to the top (crud's move).
"""
import json

from flask import Response, abort, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from court_contract.text import pick

from ..content import LANGS, audit, get_settings, tri_from_db
from ..db import get_db, write_transaction
from ..errors import ValidationError
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


def _position_choices(db):
    """First, after each template (with its category), last; when editing, "keep its place" comes first."""
    editing = (request.view_args or {}).get("row_id") if request else None
    lang = select_language()
    categories = dict(_categories(db))
    items = [("", _("Keep its place"))] if editing is not None else []
    items.append(("first", _("First (top of the list)")))
    for t in db.query("SELECT id, title, category FROM templates ORDER BY sort_order, id"):
        if t["id"] != editing:
            items.append((f"after-{t['id']}", _("After “%(title)s” (%(category)s)",
                                                 title=pick(tri_from_db(t["title"]), lang),
                                                 category=pick(tri_from_db(categories.get(t["category"])), lang))))
    items.append(("last", _("Last (bottom of the list)")))
    return items


def _after_id(position) -> int | None:
    return int(position.split("-", 1)[1]) if isinstance(position, str) and position.startswith("after-") else None


def check(db, values, errors, row):
    """"After X" places a template among those of its own category."""
    after = _after_id(values.get("position"))
    if after is None or "category" not in values or "category" in errors:
        return
    other = next(iter(db.query("SELECT title, category FROM templates WHERE id = ?", [after])), None)
    if other is not None and other["category"] != values["category"]:
        lang = select_language()
        names = dict(_category_choices(db))
        errors["position"] = _("“%(title)s” is in the category “%(other)s”. Choose a template of the category "
                               "“%(category)s” to follow, or First or Last.",
                               title=pick(tri_from_db(other["title"]), lang), other=names.get(other["category"]),
                               category=names.get(values["category"], values["category"]))


def place(db, values, row) -> None:
    """Put the template where the form's position says (none: a new one goes last, an edited one stays)."""
    position = values.pop("position", None)
    if not position:
        return
    ids = [r["id"] for r in crud.ordered_rows(SPEC, db) if row is None or r["id"] != row["id"]]
    if position == "first":
        index = 0
    elif position == "last":
        index = len(ids)
    elif _after_id(position) in ids:
        index = ids.index(_after_id(position)) + 1
    else:
        raise ValidationError(_("The template to follow was deleted meanwhile; choose the position again."),
                              field="position")
    if row is not None:
        crud.reorder(SPEC, db, ids[:index] + [row["id"]] + ids[index:])
        return
    for n, template_id in enumerate(ids):  # leave a gap at `index` for the new one
        db["templates"].update(template_id, {"sort_order": n + (n >= index)})
    values["sort_order"] = index


def before_write(db, values, uploads, row, changes):
    place(db, values, row)


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
    slug=("slug", "title"), check=check, before_write=before_write, after_write=after_write,
    before_delete=before_delete, form_extra="admin/template_qr.html", form_context=form_context, row_extra=row_extra,
    intro=_l("Documents visitors take home by scanning a QR code. Each has a fixed address, e.g. /t/divorce."),
    fields=(
        Field("title", _l("Title"), "tri", required=True, in_list=True),
        Field("slug", _l("Web address name (filled from the title)"), "text", in_list=True, max_length=200,
              help=_l("The end of the template's public address and QR code, e.g. divorce for /t/divorce. "
                      "Filled in Latin letters from the title; you may change it. Changing it later breaks "
                      "printed QR codes.")),
        Field("category", _l("Category"), "choice", required=True, choices=_category_choices, in_list=True),
        Field("position", _l("Place in the list"), "choice", choices=_position_choices, default="first",
              help=_l("The kiosk shows templates in this order; only the first ones fit on its first screen.")),
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

