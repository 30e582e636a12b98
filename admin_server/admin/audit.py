"""The audit log: who changed what and when, old -> new (append-only in the database)."""
import json

from flask import render_template, request

from court_contract.text import LANGS

from ..db import get_db
from .common import blueprint
from .security import requires

bp = blueprint("admin_audit", __name__, url_prefix="/admin/audit")

PER_PAGE = 50


def _decode(text):
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def changes(row: dict) -> list[tuple[str, object, object]]:
    """(what, old, new) lines of one audit row."""
    old, new = _decode(row["old"]), _decode(row["new"])
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        return [(k, old.get(k), new.get(k)) for k in list(old) + [k for k in new if k not in old]]
    if old is None and new is None:
        return []
    return [("", old, new)]


def show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and set(value) <= set(LANGS):
        return " | ".join(f"{k}: {v}" for k, v in value.items() if v)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@bp.get("/")
@requires("publisher")
def index():
    db = get_db()
    page = max(1, request.args.get("page", 1, type=int))
    entity = request.args.get("entity", "")
    where, params = ("entity = ?", [entity]) if entity else (None, [])
    total = db["audit_log"].count_where(where, params) if where else db["audit_log"].count
    rows = list(db["audit_log"].rows_where(where, params, order_by="id DESC", limit=PER_PAGE,
                                           offset=(page - 1) * PER_PAGE))
    for r in rows:
        r["lines"] = [(what, show(old), show(new)) for what, old, new in changes(r)]
    entities = [r["entity"] for r in db.query("SELECT DISTINCT entity FROM audit_log ORDER BY entity")]
    pages = max(1, (total + PER_PAGE - 1) // PER_PAGE)
    return render_template("admin/audit.html", rows=rows, page=page, pages=pages, total=total, entity=entity,
                           entities=entities)
