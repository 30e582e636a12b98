"""Announcements for the ticker; an emergency one takes over every kiosk's screen."""
from flask_babel import lazy_gettext as _l

from . import crud
from .common import blueprint
from .fields import Field
from .validation import check_range

bp = blueprint("admin_announcements", __name__, url_prefix="/admin/announcements")


def check(db, values, errors, row):
    check_range(values, errors, "starts_at", "ends_at")


SPEC = crud.Spec(
    name="announcements", table="announcements", title=_l("Announcements"), add_label=_l("Add an announcement"),
    order_by="emergency DESC, priority DESC, id", check=check,
    intro=_l("Short texts for the ticker. An emergency announcement fills every kiosk's screen until it ends "
             "or is switched off, after the next publish."),
    fields=(
        Field("text", _l("Text"), "tri_area", required=True, in_list=True, max_length=1000),
        Field("starts_at", _l("Starts"), "instant", in_list=True, help=_l("Empty: at once.")),
        Field("ends_at", _l("Ends"), "instant", in_list=True, help=_l("Empty: until switched off.")),
        Field("priority", _l("Priority"), "int", required=True, default=0, minimum=0, maximum=100,
              help=_l("Higher comes first.")),
        Field("emergency", _l("Emergency: full screen on every kiosk"), "bool", in_list=True),
        Field("enabled", _l("Shown"), "bool", in_list=True, default=1),
    ),
)
crud.register(bp, SPEC)
