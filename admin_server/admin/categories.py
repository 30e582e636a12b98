"""Categories of claim templates; the short name (code) is filled from the title (admin/slug_field.py)."""
from flask_babel import lazy_gettext as _l

from . import crud
from .common import blueprint
from .fields import Field

bp = blueprint("admin_categories", __name__, url_prefix="/admin/categories")

SPEC = crud.Spec(
    name="categories", table="template_categories", title=_l("Template categories"), add_label=_l("Add a category"),
    pk="code", pk_type="string", order_by="sort_order, code", sortable=True, fixed=("code",), slug=("code", "title"),
    intro=_l("Groups of claim templates on the kiosk, e.g. Family, Debts, Labour."),
    fields=(
        Field("title", _l("Title"), "tri", required=True, in_list=True),
        Field("code", _l("Short name (filled from the title)"), "text", in_list=True, max_length=200,
              help=_l("The category's fixed name in Latin letters, e.g. family. Filled from the title; you may "
                      "change it now, but not later.")),
    ),
)
crud.register(bp, SPEC)
