"""Personal reception days of the court leadership."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import crud
from .common import blueprint
from .fields import Field
from .rooms import choices as room_choices
from .validation import check_range

bp = blueprint("admin_reception", __name__, url_prefix="/admin/reception")

WEEKDAYS = ((1, _l("Monday")), (2, _l("Tuesday")), (3, _l("Wednesday")), (4, _l("Thursday")),
            (5, _l("Friday")), (6, _l("Saturday")), (7, _l("Sunday")))


def check(db, values, errors, row):
    start, end = values.get("start"), values.get("end")
    if start and end and end <= start and "end" not in errors:
        errors["end"] = _("The reception must end after it starts.")
    check_range(values, errors, "valid_from", "valid_to")


SPEC = crud.Spec(
    name="reception", table="reception_slots", title=_l("Reception days"), add_label=_l("Add a reception slot"),
    order_by="weekday, start, sort_order, id", check=check,
    intro=_l("Weekly personal reception of the court leadership, as shown on the kiosk."),
    fields=(
        Field("person", _l("Person"), "tri", required=True, in_list=True),
        Field("position", _l("Position"), "tri"),
        Field("court", _l("Court"), "tri"),
        Field("weekday", _l("Weekday"), "choice", required=True, choices=WEEKDAYS, in_list=True),
        Field("start", _l("From"), "time", required=True, in_list=True),
        Field("end", _l("To"), "time", required=True, in_list=True),
        Field("room", _l("Room"), "tri"),
        Field("room_id", _l("Courtroom (for the plan)"), "choice", choices=lambda db: room_choices(db),
              help=_l("Optional: the kiosk then shows the way there and the floor plan.")),
        Field("phone", _l("Phone"), "phone"),
        Field("booking_note", _l("How to book"), "tri_area", max_length=1000),
        Field("valid_from", _l("Valid from"), "date"),
        Field("valid_to", _l("Valid to"), "date"),
    ),
)
crud.register(bp, SPEC)
