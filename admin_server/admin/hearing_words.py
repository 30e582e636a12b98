"""Hearing statuses and kinds in the admin's language, and the storage's refusals put into words."""
from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import hearings
from ..db import write_transaction

STATUS_NAMES = {
    "scheduled": _l("Scheduled"), "in_progress": _l("In progress"), "break": _l("Break"),
    "finished": _l("Finished"), "postponed": _l("Postponed"), "moved": _l("Moved to another room"),
    "cancelled": _l("Cancelled"),
}
KIND_NAMES = {
    "civil": _l("Civil"), "criminal": _l("Criminal"), "administrative_offence": _l("Administrative offence"),
    "administrative": _l("Administrative proceedings"),
}
PARTIES_NAMES = {"initials": _l("Initials (С. А. Б.)"), "full": _l("Full names"), "hidden": _l("Not shown")}


def refusal(error, row=None, status=None) -> str:
    """A ValidationError of admin_server.hearings in the page's language (by the field it names)."""
    field = getattr(error, "field", None)
    if field == "status" and row is not None and status in STATUS_NAMES:
        return _("This hearing is now “%(now)s”; it cannot become “%(new)s”.",
                 now=STATUS_NAMES.get(row["status"], row["status"]), new=STATUS_NAMES[status])
    return {
        "postponed_to": _("Give a new date after the hearing's day, like 2026-12-07 (and a time if known)."),
        "moved_to_room_id": _("Choose another courtroom the hearing moves to."),
        "note": _("A note is at most 200 characters."),
        "date": _("Enter the date like 2026-12-07."),
        "time": _("Enter the time like 09:30 (24-hour clock)."),
        "room_id": _("Choose a courtroom."),
        "case_kind": _("Choose the kind of case."),
        "case_number": _("Enter the case number."),
        "rooms": _("Choose courtrooms from the list."),
    }.get(field, _("This hearing does not exist (it may have been deleted)."))


def change_posted_status(db, row, by) -> str:
    """Apply the status a staff form posted for ``row`` (one transaction); the sentence saying so.

    Raises ValidationError, untouched, when the storage refuses the change.
    """
    new = request.form.get("status", "")
    with write_transaction(db):
        hearings.change_status(db, row["id"], new, by=by, postponed_to=request.form.get("postponed_to"),
                               moved_to_room_id=request.form.get("moved_to_room_id"))
    return _("%(time)s %(case)s: %(status)s.", time=row["time"], case=row["case_number"] or "",
             status=STATUS_NAMES.get(new, new))
