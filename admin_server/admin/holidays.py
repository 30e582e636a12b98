"""Public holidays and transferred working days: the calendar reception days and the hearings feed follow.

Kazakhstan's holidays are fixed by law, but the government moves days off
by decree every year and Kurban Ait moves with the moon: staff keep the
calendar here, and it is published as the manifest's ``holidays`` list.
"""
import datetime as dt

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import crud
from .common import blueprint
from .fields import Field

bp = blueprint("admin_holidays", __name__, url_prefix="/admin/holidays")


def check(db, values, errors, row):
    day = values.get("date")
    if day and values.get("working") and dt.date.fromisoformat(day).isoweekday() < 6 and "working" not in errors:
        errors["working"] = _("Only a Saturday or Sunday can become a working day; this date is a weekday.")


SPEC = crud.Spec(
    name="holidays", table="holidays", title=_l("Public holidays"), add_label=_l("Add a day"),
    order_by="date, id", unique=("date",), check=check,
    intro=_l("Days off (public holidays and days moved by decree) and weekend days a decree makes working days. "
             "No personal reception is held on a day off; the kiosk says why."),
    fields=(
        Field("date", _l("Date"), "date", required=True, in_list=True),
        Field("name", _l("Name"), "tri", required=True, in_list=True,
              help=_l("What visitors see, e.g. Independence Day.")),
        Field("working", _l("Working day (a weekend day moved by decree)"), "bool", in_list=True),
    ),
)
crud.register(bp, SPEC)
