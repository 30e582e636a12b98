"""Publish page: what changed, what is missing in some language (a warning), the publish button, versions with
rollback, what each kiosk shows."""
import datetime as dt
import json

from flask import g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from court_contract.manifest import ManifestError, validate
from court_contract.text import pick

from .. import publish as publishing
from ..db import get_db
from ..errors import CourtKioskError, PublishError
from ..fleet import pickups
from ..manifest import build_content
from ..missing_languages import missing
from . import diff as diffs
from .common import blueprint, done, store, username
from .i18n import LANGUAGES, select_language
from .kiosks import all_kiosks
from .schedules import SCHEDULE_KEYS, schedule_text
from .security import has_role, requires
from .zone import court_zone

bp = blueprint("admin_publish", __name__, url_prefix="/admin/publish")

SECTION_NAMES = {
    "settings": _l("Settings"), "mrp": _l("MRP values"), "fee_rules": _l("Fee rules"),
    "reception": _l("Reception days"), "template_categories": _l("Template categories"),
    "templates": _l("Claim templates"), "videos": _l("Videos"), "announcements": _l("Announcements"),
    "links": _l("Links"), "holidays": _l("Public holidays"), "rooms": _l("Courtrooms"),
    "court": _l("Court details"),
}
# Manifest section -> the endpoint of an item's edit page, and (table, column) to find the row's id by when the
# manifest names the item otherwise (a slug, a code, a date). The court's details are in Settings.
EDIT_PAGES = {
    "rooms": ("admin_rooms.edit", None), "fee_rules": ("admin_fees.edit", ("fee_rules", "code")),
    "reception": ("admin_reception.edit", None), "holidays": ("admin_holidays.edit", ("holidays", "date")),
    "templates": ("admin_templates.edit", ("templates", "slug")),
    "template_categories": ("admin_categories.edit", None), "videos": ("admin_videos.edit", None),
    "announcements": ("admin_announcements.edit", None), "links": ("admin_links.edit", None),
}


SCHEDULED_SECTIONS = ("videos", "announcements")  # the diff shows their schedules


def field_labels() -> dict:
    """Readable names for the manifest keys the diff lists."""
    from . import announcements, categories, fees, holidays, links, reception, settings, templates, videos

    labels = {"court": _("Court details"), "settings": _("Kiosk settings"), "name": _("Court name"),
              "address": _("Address"), "phones": _("Phones, one per line"), "email": _("E-mail"),
              "website": _("Court web site"), "files": _("Files"), "file": _("Video file")}
    for spec in (announcements.SPEC, categories.SPEC, fees.SPEC, holidays.SPEC, links.SPEC, reception.SPEC,
                 templates.SPEC, videos.SPEC):
        labels.update({f.name: str(f.label) for f in spec.fields})
    labels.update({f.name: str(f.label) for f in settings.FIELDS})
    return labels


def draft_content(db) -> tuple[dict | None, str | None]:
    """(the drafts as manifest content, None), or (None, why they cannot be published)."""
    try:
        return build_content(db, store()), None
    except PublishError as e:
        return None, str(e)


def pending(db, built=None):
    """(sections, problem): the draft's differences from the published version, or why it cannot be published.

    `built`: draft_content(db), when the caller has it already."""
    draft, error = built or draft_content(db)
    if draft is None:
        return [], error
    row = publishing.latest(db)
    published = json.loads(row["manifest"]) if row else None
    problem = None
    try:
        validate(dict(draft, version=1, published_at=dt.datetime.now(dt.timezone.utc).isoformat(),
                      content_sha256="0" * 64))
    except ManifestError as e:
        problem = _("Kiosks would refuse this content: %(why)s. Correct it before publishing.", why=str(e))
    return diffs.diff(published, draft, select_language()), problem


def _text_labels() -> dict:
    """Manifest section -> its texts' keys -> the labels of their form fields."""
    from . import announcements, categories, fees, holidays, links, reception, rooms, settings, templates, videos

    specs = {"rooms": rooms.SPEC, "fee_rules": fees.SPEC, "reception": reception.SPEC, "holidays": holidays.SPEC,
             "templates": templates.SPEC, "template_categories": categories.SPEC, "videos": videos.SPEC,
             "announcements": announcements.SPEC, "links": links.SPEC}
    labels = {section: {f.name: f.label for f in spec.fields} for section, spec in specs.items()}
    labels["court"] = {"name": settings.FIELDS_BY_NAME["court_name"].label,
                       "address": settings.FIELDS_BY_NAME["court_address"].label}
    return labels


def _edit_url(db, gap) -> str | None:
    if gap.section == "court":
        return url_for("admin_settings.index") if has_role(g.user, "admin") else None
    endpoint, lookup = EDIT_PAGES[gap.section]
    row_id = gap.key
    if lookup:
        table, column = lookup
        found = db.execute(f"SELECT id FROM {table} WHERE {column} = ? ORDER BY id LIMIT 1", [gap.key]).fetchone()
        if found is None:
            return None
        row_id = found[0]
    return url_for(endpoint, row_id=row_id)


def language_gaps(db, draft) -> list[dict]:
    """What the publish page warns about: each item missing_languages.missing finds in the drafts, with its
    section, name, edit link and the missing languages of each text (and, for a template, of its files)."""
    if draft is None:
        return []
    lang = select_language()
    labels = _text_labels()
    return [{"section": SECTION_NAMES[gap.section], "name": pick(gap.name, lang) or str(gap.key or ""),
             "url": _edit_url(db, gap),
             "texts": [(labels[gap.section].get(key, key), [LANGUAGES[m] for m in langs]) for key, langs in gap.texts],
             "files": [LANGUAGES[m] for m in gap.files]}
            for gap in missing(draft)]


@bp.get("/")
@requires("publisher")
def index():
    db = get_db()
    built = draft_content(db)
    sections, problem = pending(db, built)
    versions = list(db.query("SELECT version, published_at, published_by, note, source_version, sha256 "
                             "FROM published_versions ORDER BY version DESC LIMIT 100"))
    kiosks = all_kiosks(db)
    picked = pickups(db, [v["version"] for v in versions])
    for v in versions:
        v["pickups"] = picked[v["version"]]
    from .fees import mrp_warning_context
    from .settings import public_url_context

    return render_template("admin/publish.html", sections=sections, problem=problem, versions=versions,
                           kiosks=kiosks, names=SECTION_NAMES, latest=versions[0] if versions else None,
                           gaps=language_gaps(db, built[0]),
                           labels=field_labels(), changes=diffs.count(sections),
                           scheduled_sections=SCHEDULED_SECTIONS, schedule_keys=SCHEDULE_KEYS,
                           schedule_text=lambda item, z=court_zone(db): schedule_text(item, z), **public_url_context(db),
                           **mrp_warning_context(db))


@bp.post("/")
@requires("publisher")
def publish():
    db = get_db()
    _sections, problem = pending(db)
    if problem:
        return done(url_for("admin_publish.index"), problem, "error")
    note = request.form.get("note", "").strip()[:200] or None
    try:
        result = publishing.publish(db, store(), by=username(), note=note)
    except CourtKioskError as e:
        return done(url_for("admin_publish.index"), str(e), "error")
    if not result.changed:
        return done(url_for("admin_publish.index"), _("Nothing changed since version %(v)d; nothing was published.",
                                                      v=result.version))
    return done(url_for("admin_publish.index"),
                _("Published version %(v)d. Kiosks will show it within a minute.", v=result.version))


@bp.post("/rollback/<int:version>")
@requires("publisher")
def rollback(version):
    db = get_db()
    try:
        result = publishing.rollback(db, store(), version, by=username())
    except CourtKioskError as e:
        return done(url_for("admin_publish.index"), str(e), "error")
    if not result.changed:
        return done(url_for("admin_publish.index"),
                    _("Version %(v)d already shows this content; nothing was published.", v=result.version))
    return done(url_for("admin_publish.index"),
                _("Version %(old)d is published again as version %(v)d. Drafts were not changed.",
                  old=version, v=result.version))
