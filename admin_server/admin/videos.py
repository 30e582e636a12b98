"""The video playlist of the attract loop and the waiting-room screen."""
from flask import url_for
from flask_babel import lazy_gettext as _l

from . import crud
from .common import blueprint, store
from .fields import Field
from .schedules import check_day_part, schedule_fields, weekly_column
from .uploads import store_staged
from .validation import check_range

bp = blueprint("admin_videos", __name__, url_prefix="/admin/videos")


def check(db, values, errors, row):
    check_range(values, errors, "valid_from", "valid_to")
    check_day_part(values, errors)


def before_write(db, values, uploads, row, changes):
    staged = uploads.get("file")
    if staged is None:
        return
    values.update(sha256=store_staged(db, store(), staged), name=staged.name, duration_s=staged.duration_s)
    if row is not None:
        changes.add("file", row["name"], staged.name)


def form_context(db, row) -> dict:
    return {"current_files": {"file": {"name": row["name"], "url": url_for("admin_media.view", sha256=row["sha256"]),
                                       "duration_s": row["duration_s"]}},
            "video_url": url_for("admin_media.view", sha256=row["sha256"])}


SPEC = crud.Spec(
    name="videos", table="videos", title=_l("Videos"), add_label=_l("Add a video"), sortable=True,
    check=check, before_write=before_write, form_context=form_context, form_extra="admin/video_preview.html",
    row_extra=weekly_column,
    intro=_l("The playlist, in playing order: drag a row or use the arrows. MP4 (H.264) or WebM."),
    fields=(
        Field("title", _l("Title"), "tri", required=True, in_list=True),
        Field("file", _l("Video file"), "file", upload="video", required=True),
        Field("duration_s", _l("Length (s)"), "float", in_list=True, in_form=False),
        Field("enabled", _l("Shown"), "bool", in_list=True, default=1),
        Field("valid_from", _l("Shown from"), "date", in_list=True, row="dates"),
        Field("valid_to", _l("Shown until"), "date", in_list=True, row="dates",
              help=_l("Both dates are included. Empty: no limit.")),
        *schedule_fields(),
    ),
)
crud.register(bp, SPEC)
