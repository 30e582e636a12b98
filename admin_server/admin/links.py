"""E-services and social channels, shown on the kiosk as QR tiles."""
from flask_babel import lazy_gettext as _l

from . import crud
from .common import blueprint
from .fields import Field

bp = blueprint("admin_links", __name__, url_prefix="/admin/links")

KINDS = (("e_service", _l("E-service")), ("social", _l("Social channel")))
ICONS = (("", "—"), ("office", "Sot kabineti"), ("court", _l("Court")), ("egov", "eGov"),
         ("eotinish", "e-Otinish"), ("facebook", "Facebook"), ("instagram", "Instagram"),
         ("telegram", "Telegram"), ("youtube", "YouTube"), ("web", _l("Web site")))

SPEC = crud.Spec(
    name="links", table="links", title=_l("Links"), add_label=_l("Add a link"), sortable=True,
    intro=_l("Each link becomes a QR code on the kiosk; the address is printed under it."),
    fields=(
        Field("title", _l("Title"), "tri", required=True, in_list=True),
        Field("kind", _l("Kind"), "choice", required=True, choices=KINDS, in_list=True),
        Field("url", _l("Address (URL)"), "url", required=True, in_list=True),
        Field("description", _l("Description"), "tri_area", max_length=1000),
        Field("icon", _l("Icon"), "choice", choices=ICONS),
        Field("enabled", _l("Shown"), "bool", in_list=True, default=1),
    ),
)
crud.register(bp, SPEC)
