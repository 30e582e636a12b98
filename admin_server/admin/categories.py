"""Categories of claim templates."""
from flask_babel import lazy_gettext as _l

from . import crud
from .common import blueprint
from .fields import Field

bp = blueprint("admin_categories", __name__, url_prefix="/admin/categories")

SPEC = crud.Spec(
    name="categories", table="template_categories", title=_l("Template categories"), add_label=_l("Add a category"),
    pk="code", pk_type="string", order_by="sort_order, code", sortable=True, unique=("code",), fixed=("code",),
    intro=_l("Groups of claim templates on the kiosk, e.g. Family, Debts, Labour."),
    fields=(
        Field("title", _l("Title"), "tri", required=True, in_list=True),
        Field("code", _l("Code"), "code", required=True, in_list=True,
              help=_l("A short fixed name, e.g. family. It cannot be changed later.")),
    ),
)
crud.register(bp, SPEC)
