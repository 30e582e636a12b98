"""The content model of DESIGN.md as numbered migrations.

`migrate(db)` is safe to run at every start: applied migrations are recorded
in sqlite-utils' `_sqlite_migrations` table and skipped.
Trilingual texts are stored as JSON text ({"kk","ru","en"}).
"""
from sqlite_utils import Database, Migrations

migrations = Migrations("court-kiosk")

TRI = str  # JSON text of a trilingual object


@migrations(name="0001_content_model")
def m0001_content_model(db: Database):
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["mrp_values"].create({"year": int, "value": int}, pk="year")
    db["fee_rules"].create(
        {
            "id": int, "code": str, "sort_order": int, "claim_kind": str, "applicant": str,
            "title": TRI, "note": TRI, "legal_ref": TRI,
            "percent": float, "mrp": float, "cap_mrp": float, "min_mrp": float,
            "base_rule": str, "factor": float, "exempt": int,
            "valid_from": str, "valid_to": str,
        },
        pk="id", not_null={"code", "claim_kind", "applicant", "title"}, defaults={"exempt": 0, "sort_order": 0},
    )
    db["fee_rules"].create_index(["code"], unique=True)
    db["reception_slots"].create(
        {
            "id": int, "sort_order": int, "person": TRI, "position": TRI, "court": TRI,
            "weekday": int, "start": str, "end": str, "room": TRI, "phone": str,
            "booking_note": TRI, "valid_from": str, "valid_to": str,
        },
        pk="id", not_null={"person", "weekday", "start", "end"}, defaults={"sort_order": 0},
    )
    db["template_categories"].create({"code": str, "title": TRI, "sort_order": int}, pk="code",
                                     defaults={"sort_order": 0})
    db["media"].create(
        {"sha256": str, "size": int, "type": str, "original_name": str, "created_at": str},
        pk="sha256", not_null={"size", "type"},
    )
    db["templates"].create(
        {
            "id": int, "slug": str, "category": str, "title": TRI, "description": TRI,
            "sort_order": int, "enabled": int, "updated_at": str,
        },
        pk="id", not_null={"slug", "title"}, defaults={"enabled": 1, "sort_order": 0},
        foreign_keys=[("category", "template_categories", "code")],
    )
    db["templates"].create_index(["slug"], unique=True)
    db["template_files"].create(
        {"id": int, "template_id": int, "lang": str, "sha256": str, "name": str},
        pk="id", not_null={"template_id", "lang", "sha256", "name"},
        foreign_keys=[("template_id", "templates", "id"), ("sha256", "media", "sha256")],
    )
    db["template_files"].create_index(["template_id", "lang"], unique=True)
    db["videos"].create(
        {
            "id": int, "title": TRI, "sha256": str, "name": str, "duration_s": float,
            "sort_order": int, "enabled": int, "valid_from": str, "valid_to": str,
        },
        pk="id", not_null={"title", "sha256"}, defaults={"enabled": 1, "sort_order": 0},
        foreign_keys=[("sha256", "media", "sha256")],
    )
    db["announcements"].create(
        {
            "id": int, "text": TRI, "starts_at": str, "ends_at": str, "priority": int,
            "emergency": int, "enabled": int,
        },
        pk="id", not_null={"text"}, defaults={"priority": 0, "emergency": 0, "enabled": 1},
    )
    db["links"].create(
        {
            "id": int, "kind": str, "title": TRI, "description": TRI, "url": str, "icon": str,
            "sort_order": int, "enabled": int,
        },
        pk="id", not_null={"kind", "title", "url"}, defaults={"enabled": 1, "sort_order": 0},
    )
    db["kiosks"].create(
        {
            "id": str, "name": str, "mode": str, "token_hash": str, "created_at": str,
            "revoked_at": str, "last_seen": str, "shown_version": int, "status": str,
            "last_screenshot": str,
        },
        pk="id", not_null={"token_hash", "mode"},
    )
    db["kiosks"].create_index(["token_hash"], unique=True)
    db["users"].create(
        {
            "id": int, "username": str, "password_hash": str, "role": str, "language": str,
            "created_at": str, "failed_logins": int, "locked_until": str, "disabled": int,
        },
        pk="id", not_null={"username", "password_hash", "role"},
        defaults={"failed_logins": 0, "disabled": 0, "language": "ru"},
    )
    db["users"].create_index(["username"], unique=True)
    db["audit_log"].create(
        {
            "id": int, "at": str, "username": str, "action": str, "entity": str,
            "entity_id": str, "old": str, "new": str,
        },
        pk="id", not_null={"at", "action", "entity"},
    )
    # Append-only: the audit trail cannot be edited, even by the application.
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    db["published_versions"].create(
        {
            "version": int, "sha256": str, "content_sha256": str, "manifest": str,
            "published_at": str, "published_by": str, "note": str, "source_version": int,
        },
        pk="version", not_null={"sha256", "content_sha256", "manifest", "published_at"},
    )
    # Media that some published version references: the only blobs the
    # public API serves (drafts and half-finished uploads stay private).
    db["published_media"].create({"sha256": str, "first_version": int}, pk="sha256")



@migrations(name="0002_fleet_monitoring")
def m0002_fleet_monitoring(db: Database):
    # Per kiosk and day, how often something was opened or played (no personal data).
    db["usage_counts"].create(
        {"kiosk_id": str, "day": str, "event": str, "count": int},
        pk=("kiosk_id", "day", "event"), not_null={"count"},
    )
    # Which kiosk showed which emergency announcement, and when first.
    db["emergency_acks"].create(
        {"kiosk_id": str, "announcement_id": int, "first_shown_at": str},
        pk=("kiosk_id", "announcement_id"),
    )


@migrations(name="0003_weekly_schedules")
def m0003_weekly_schedules(db: Database):
    # weekdays: JSON list of ISO weekdays (null = every day); day_start/day_end "HH:MM" (null = all day).
    for table in ("videos", "announcements"):
        db[table].add_column("weekdays", str)
        db[table].add_column("day_start", str)
        db[table].add_column("day_end", str)


@migrations(name="0004_version_pickups")
def m0004_version_pickups(db: Database):
    # When each kiosk first reported showing each version (the publish page shows it).
    db["version_pickups"].create({"kiosk_id": str, "version": int, "at": str}, pk=("kiosk_id", "version"))


@migrations(name="0005_login_failures")
def m0005_login_failures(db: Database):
    # One row per failed sign-in (client address, epoch seconds), shared by all server
    # processes: admin/security.LoginThrottle counts them in its sliding window and deletes
    # the ones the window has left behind.
    db["login_failures"].create({"id": int, "client": str, "at": float}, pk="id", not_null={"client", "at"})
    db["login_failures"].create_index(["client", "at"])
    db["login_failures"].create_index(["at"])


@migrations(name="0006_hearings_and_rooms")
def m0006_hearings_and_rooms(db: Database):
    # Courtrooms are content (published in the manifest's rooms list); the plan is an
    # image of the room's floor in media, with the room's position as fractions of it.
    db["rooms"].create(
        {
            "id": int, "number": str, "name": TRI, "floor": int, "wing": TRI, "way": TRI,
            "plan_sha256": str, "plan_x": float, "plan_y": float, "sort_order": int, "enabled": int,
        },
        pk="id", not_null={"number", "name", "floor"}, defaults={"enabled": 1, "sort_order": 0, "floor": 1},
        foreign_keys=[("plan_sha256", "media", "sha256")],
    )
    db["rooms"].create_index(["number"], unique=True)
    db["reception_slots"].add_column("room_id", int)
    # Hearings are live data, not content: never published, served as a feed.
    db["hearings"].create(
        {
            "id": int, "date": str, "time": str, "room_id": int, "case_number": str, "case_kind": str,
            "judge": str, "parties": str, "closed": int, "status": str, "postponed_to": str,
            "moved_to_room_id": int, "note": str, "source": str, "updated_at": str, "updated_by": str,
        },
        pk="id", not_null={"date", "time", "case_kind", "status", "closed"},
        defaults={"closed": 0, "status": "scheduled", "source": "manual"},
    )
    db["hearings"].create_index(["date", "time"])
    # One row (id 1): bumped on every hearings change, the feed's revision and ETag.
    db["live_revision"].create({"id": int, "revision": int}, pk="id", not_null={"revision"})
    db["live_revision"].insert({"id": 1, "revision": 0})
    # The rooms a clerk works in.
    db["user_rooms"].create({"user_id": int, "room_id": int}, pk=("user_id", "room_id"),
                            foreign_keys=[("user_id", "users", "id"), ("room_id", "rooms", "id")])



@migrations(name="0007_holidays")
def m0007_holidays(db: Database):
    # Kazakhstan's public holidays and the days a decree moves (a working Saturday has
    # working = 1): one national calendar that every court shares, published as `holidays`.
    db["holidays"].create({"id": int, "date": str, "name": TRI, "working": int}, pk="id",
                          not_null={"date", "name", "working"}, defaults={"working": 0})
    db["holidays"].create_index(["date"], unique=True)


def migrate(db: Database) -> None:
    migrations.apply(db)


def is_current(db: Database) -> bool:
    return not migrations.pending(db)
