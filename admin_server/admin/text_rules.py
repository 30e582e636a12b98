"""Control and bidi characters in the admin's forms: the sentence that refuses them, and the check of every POST.

The rule itself (which characters, where line breaks may go) is court_contract.text.bad_characters, the one
the manifest check and upload file names use too. Here:

- `refusal(text, name, lines=...)`: the sentence that names the field, for the field kinds (fields.py) and
  the hand-written forms that re-render themselves with an error under the field;
- `check_form()`, run by hooks.before_request for every admin POST: a view that does not check its text
  itself (the kiosk, clerk-note, publish, sign-in ... forms) never sees a form holding such characters; the
  person gets the posted form back with the characters taken out, to look over and send again.

Every refusal answers 400 Bad Request, whichever of the two refused (the forms' usual 422 becomes 400), and
stores nothing.
"""
from flask import after_this_request, current_app, g, has_request_context, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from court_contract.text import LINE_BREAKS, NEVER, bad_characters, code_points

from .security import CSRF_FIELD, has_role, is_xhr

# Posted values that are never stored or shown as typed: the CSRF token, the opened-with values of an edit
# form (common.LOADED: they may hold what was stored before this check existed) and passwords (only hashed).
NOT_CHECKED = frozenset({CSRF_FIELD, "_loaded"})

# Hand-written forms the hook checks: form key -> (the field's label, whether it takes lines). A key not
# named here is named by itself and takes one line.
LABELS = {
    "admin_auth.login": {"username": (_l("User name"), False), "password": (_l("Password"), False)},
    "admin_auth.profile": {"language": (_l("Language"), False), "current_password": (_l("Current password"), False),
                           "new_password": (_l("New password"), False),
                           "new_password2": (_l("The same password again"), False)},
    "admin_clerk.note": {"note": (_l("Note for the screens"), False)},
    "admin_clerk.status": {"status": (_l("New status"), False), "postponed_to": (_l("New date"), False),
                           "moved_to_room_id": (_l("To room"), False)},
    "admin_hearings.status": {"status": (_l("New status"), False), "postponed_to": (_l("New date"), False),
                              "moved_to_room_id": (_l("To room"), False)},
    "admin_hearings_import.check": {"day": (_l("Day (optional)"), False)},
    "admin_hearings_import.confirm": {"day": (_l("Day (optional)"), False)},
    "admin_kiosks.new": {"id": (_l("Kiosk id"), False), "name": (_l("Name"), False)},
    "admin_kiosks.edit": {"name": (_l("Name"), False)},
    "admin_publish.publish": {"note": (_l("Note (optional)"), False)},
    "admin_users.edit": {"role": (_l("Role"), False), "language": (_l("Language"), False),
                         "password": (_l("New password"), False), "password2": (_l("The same password again"), False)},
}
_CRUD_MODULE = __name__.rpartition(".")[0] + ".crud"


def refusal(text, name, *, lines: bool = False) -> str | None:
    """The sentence refusing `text` in the field called `name`, or None when it may be stored.

    `lines`: the field takes several lines (a textarea), so tabs and line breaks are allowed.
    """
    bad = bad_characters(text, lines=lines)
    if not bad:
        return None
    if has_request_context():
        g.text_refused = True  # for _as_bad_request
    controls = [c for c in bad if NEVER.match(c) or lines]
    if controls:
        return _("“%(field)s” contains invisible control characters (%(chars)s) that kiosks and browsers show "
                 "differently. Delete them (type the text again if you cannot see them) and save again.",
                 field=name, chars=code_points(controls))
    return _("“%(field)s” takes one line: remove the line breaks and tabs.", field=name)


def language_name(label, lang: str) -> str:
    """A trilingual field's input for one language, as a sentence names it: "Title (RU)"."""
    return f"{label} ({lang.upper()})"


def cleaned(text: str, *, lines: bool = False) -> str:
    """`text` without the characters it may not hold (one-line fields: line breaks become spaces)."""
    text = NEVER.sub("", text).replace("\r\n", "\n").replace("\r", "" if lines else " ")
    return text if lines else LINE_BREAKS.sub(" ", text)


def checks_own_text(view):
    """Mark a hand-written view that refuses bad text itself, field by field (so the hook leaves it alone)."""
    view.checks_own_text = True
    return view


def _checks_itself(view) -> bool:
    # The list views' new/edit (crud.register) parse every field through fields.py, which refuses it.
    return getattr(view, "checks_own_text", False) or (
        view.__module__ == _CRUD_MODULE and view.__name__ in ("new", "edit"))


def _may_use(view) -> bool:
    """Someone the view would turn away (not signed in, a lesser role) gets its 401/403, not this page."""
    role = getattr(view, "min_role", None)
    return role is None or has_role(g.get("user"), role)


def check_form():
    """For hooks.before_request: the answer to an admin POST whose form holds bad characters, or None."""
    if request.method != "POST":
        return None
    after_this_request(_as_bad_request)
    view = current_app.view_functions.get(request.endpoint)
    if view is None or _checks_itself(view) or not _may_use(view):
        return None
    labels = LABELS.get(request.endpoint, {})
    problems = {}
    for key in request.form:
        if key in NOT_CHECKED or "password" in key:
            continue
        label, lines = labels.get(key, (key, False))
        for value in request.form.getlist(key):
            sentence = refusal(value, str(label), lines=lines)
            if sentence:
                problems[key] = sentence
                break
    return _refused(problems, labels) if problems else None


def _refused(problems: dict, labels: dict):
    """400 with the sentences and the posted form again, the bad characters taken out, to send once more."""
    if is_xhr() or request.is_json:
        return {"error": " ".join(problems.values())}, 400
    shown, hidden = [], []
    for key in request.form:
        if key == CSRF_FIELD:
            continue  # the page has its own
        label, lines = labels.get(key, (key, False))
        if "password" in key:  # never sent back in a page: an empty input to type it again
            shown.append({"key": key, "label": label, "password": True})
            continue
        for value in request.form.getlist(key):
            if key in problems or key in labels:
                shown.append({"key": key, "label": label, "lines": lines, "error": problems.get(key),
                              "value": cleaned(value, lines=lines)})
            else:
                hidden.append((key, value))
    return render_template("admin/refused_text.html", problems=problems, shown=shown, hidden=hidden,
                           action=request.full_path.rstrip("?"), files=bool(request.files),
                           passwords=any(f.get("password") for f in shown)), 400


def _as_bad_request(response):
    """A form refused for its characters answers 400, also when its own view re-rendered it (422)."""
    if g.get("text_refused") and response.status_code == 422:
        response.status_code = 400
    return response
