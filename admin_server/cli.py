"""`court-kiosk-server`: set up, fill, publish, serve and back up a court's content.

One top-level handler turns expected failures into a sentence and exit code 1;
`--debug` shows the traceback instead.
"""
import logging
import os
import sys
from pathlib import Path

import click

from court_contract.text import LANGS

from . import DEFAULT_DATA_DIR, __version__, load_secret_key
from .db import connect, db_path, open_existing
from .errors import CourtKioskError
from .public_url import is_well_formed, phones_cannot_open
from .schema import migrate
from .store import MediaStore

log = logging.getLogger("court_kiosk.server")


class Context:
    def __init__(self, data_dir: Path, debug: bool):
        self.data_dir = data_dir.absolute()
        self.debug = debug

    @property
    def store(self) -> MediaStore:
        return MediaStore(self.data_dir / "media")

    def db(self):
        return open_existing(self.data_dir)


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="COURT_KIOSK_DATA_DIR",
              default=DEFAULT_DATA_DIR, show_default=True,
              help="Folder with the database and media (env COURT_KIOSK_DATA_DIR).")
@click.option("--debug", is_flag=True, envvar="COURT_KIOSK_DEBUG", help="Show tracebacks and debug logs.")
@click.version_option(__version__, prog_name="court-kiosk-server")
@click.pass_context
def cli(ctx, data_dir, debug):
    """Admin server of court-kiosk: content, publishing and the kiosk API."""
    logging.basicConfig(level=logging.DEBUG if debug else logging.INFO, format="%(levelname)s %(message)s")
    ctx.obj = Context(data_dir, debug)


@cli.command()
@click.option("--public-url", metavar="URL",
              help="The address visitors' phones open from kiosk QR codes, e.g. https://kiosk.mng.sud.kz "
                   "(asked for when run at a terminal and not set yet).")
@pass_ctx
def init(ctx, public_url):
    """Create the data folder and database (safe to run again)."""
    if public_url is not None and not is_well_formed(public_url):
        raise click.BadParameter(f"{public_url!r} is not a web address; write it like https://kiosk.mng.sud.kz.",
                                 param_hint="--public-url")
    try:
        ctx.data_dir.mkdir(parents=True, exist_ok=True)
        ctx.store.ensure()
    except OSError as e:
        raise CourtKioskError(f"Cannot create the data folder {ctx.data_dir}: {e.strerror}.") from e
    db = connect(db_path(ctx.data_dir))
    try:
        migrate(db)
        _first_run_public_url(db, public_url)
    finally:
        db.conn.close()
    load_secret_key(ctx.data_dir)
    click.echo(f"Data folder ready: {ctx.data_dir}")


def _first_run_public_url(db, given: str | None) -> None:
    """Set the public base URL from --public-url or, at a terminal, by asking while it is still a local one."""
    from .content import get_settings, set_settings

    current = get_settings(db)["public_base_url"]
    url = given
    if url is None and phones_cannot_open(current) and sys.stdin.isatty():
        url = click.prompt("Public base URL: the address visitors' phones open from kiosk QR codes "
                           "(e.g. https://kiosk.mng.sud.kz)", default=current,
                           value_proc=_checked_url)
    if url is not None and url.rstrip("/") != current.rstrip("/"):
        with db.atomic():
            set_settings(db, {"public_base_url": url.rstrip("/")})
        current = url.rstrip("/")
        click.echo(f"Public base URL: {current}")
    if phones_cannot_open(current):
        click.echo(f"Note: the public base URL is {current}, an address visitors' phones cannot open, so kiosk "
                   "QR codes will not work. Set it with `court-kiosk-server init --public-url URL` or in the "
                   "admin's Settings.", err=True)


def _checked_url(value: str) -> str:
    value = value.strip()
    if not is_well_formed(value):
        raise click.UsageError(f"{value!r} is not a web address; write it like https://kiosk.mng.sud.kz.")
    return value


@cli.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["clerk", "editor", "publisher", "admin"]), default="admin",
              show_default=True, help="clerk: changes the statuses of hearings in their courtrooms only.")
@click.option("--rooms", metavar="NUMBERS",
              help="A clerk's courtrooms by room number, comma-separated, e.g. --rooms 101,102.")
@click.option("--language", type=click.Choice(LANGS), default="ru", show_default=True,
              help="Language of the admin pages for this user.")
@click.option("--password-file", type=click.File("r"),
              help="Read the password from this file ('-' for standard input) instead of a prompt.")
@pass_ctx
def create_user_cmd(ctx, username, role, rooms, language, password_file):
    """Create a staff account. The password is never taken from the command line."""
    from .hearings import set_user_rooms
    from .users import create_user

    if rooms is not None and role != "clerk":
        raise click.BadParameter("only a clerk has courtrooms; leave --rooms out or give --role clerk.",
                                 param_hint="--rooms")
    numbers = _room_numbers(rooms) if rooms is not None else []
    db = ctx.db()
    room_ids = _room_ids(db, numbers)  # checked before the password is asked for
    if password_file is not None:
        password = password_file.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        raise CourtKioskError("No terminal to ask for the password: pass --password-file FILE (or - for stdin).")
    with db.atomic():
        user_id = create_user(db, username, password, role, language)
        if room_ids:
            set_user_rooms(db, user_id, room_ids, by=None)
    click.echo(f"Created {role} {username}" + (f" for rooms {', '.join(numbers)}." if numbers else "."))
    if role == "clerk" and not numbers:
        click.echo("Note: this clerk has no courtrooms yet and sees no hearings; give them rooms in the admin's "
                   "Users page.", err=True)


def _room_numbers(text: str) -> list[str]:
    numbers = [n.strip() for n in text.split(",")]
    if not all(numbers):
        raise click.BadParameter(f"{text!r} is not a list of room numbers; write it like 101,102.",
                                 param_hint="--rooms")
    return list(dict.fromkeys(numbers))


def _room_ids(db, numbers: list[str]) -> list[int]:
    """The ids of the rooms with these numbers; a sentence naming the numbers no room has."""
    known = {r["number"]: r["id"] for r in db.query("SELECT id, number FROM rooms")}
    unknown = [n for n in numbers if n not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "none yet: add them in the admin's Courtrooms page"
        what = f"the number {unknown[0]}" if len(unknown) == 1 else f"the numbers {', '.join(unknown)}"
        raise CourtKioskError(f"No courtroom has {what}; the rooms are: {listed}.")
    return [known[n] for n in numbers]


@cli.command("create-kiosk")
@click.argument("kiosk_id")
@click.option("--name", help="A readable name, e.g. 'Hall 1, left'.")
@click.option("--mode", type=click.Choice(["kiosk", "display"]), default="kiosk", show_default=True)
@pass_ctx
def create_kiosk_cmd(ctx, kiosk_id, name, mode):
    """Register a kiosk and print its token (shown only this once)."""
    from .kiosks import create_kiosk

    db = ctx.db()
    with db.atomic():
        token = create_kiosk(db, kiosk_id, name, mode)
    click.echo(f"Kiosk {kiosk_id} registered. Its token (store it on the kiosk; it is not shown again):")
    click.echo(token)


@cli.command("seed-demo")
@click.option("--media-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder with demo/content.json (default: the repository's media/).")
@click.option("--public-url", metavar="URL", callback=lambda _ctx, _param, value: value and _checked_url(value),
              help="Where this server answers, for the QR codes (default: the demo's http://127.0.0.1:8000).")
@pass_ctx
def seed_demo_cmd(ctx, media_dir, public_url):
    """Load the demo court's content into an empty database."""
    from .seed import REPO_MEDIA_DIR, seed_demo

    click.echo(seed_demo(ctx.db(), ctx.store, media_dir or REPO_MEDIA_DIR, public_url=public_url))


@cli.command()
@click.option("--note", help="A note kept with the version.")
@pass_ctx
def publish(ctx, note):
    """Publish the current draft as a new version (a no-op when nothing changed)."""
    from .publish import publish as do_publish

    click.echo(do_publish(ctx.db(), ctx.store, note=note).message)


@cli.command()
@click.argument("version", type=click.IntRange(min=1))
@pass_ctx
def rollback(ctx, version):
    """Publish the content of an older VERSION again, as a new version."""
    from .publish import rollback as do_rollback

    click.echo(do_rollback(ctx.db(), ctx.store, version).message)


@cli.command()
@pass_ctx
def versions(ctx):
    """List published versions, newest first."""
    rows = ctx.db().query("SELECT version, published_at, published_by, note, sha256 FROM published_versions "
                          "ORDER BY version DESC")
    for r in rows:
        click.echo(f"{r['version']:>5}  {r['published_at']}  {r['published_by']:<12} {r['sha256'][:12]}  "
                   f"{r['note'] or ''}")


@cli.command()
@click.option("--host", envvar="COURT_KIOSK_HOST", default="127.0.0.1", show_default=True,
              help="Address to listen on (env COURT_KIOSK_HOST).")
@click.option("--port", envvar="COURT_KIOSK_PORT", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port (env COURT_KIOSK_PORT).")
@click.option("--workers", envvar="COURT_KIOSK_WORKERS", type=click.IntRange(1, 64), default=2, show_default=True)
@click.option("--threads", envvar="COURT_KIOSK_THREADS", type=click.IntRange(1, 256), default=8, show_default=True)
@pass_ctx
def serve(ctx, host, port, workers, threads):
    """Run the admin server and kiosk API (gunicorn, not a development server)."""
    from . import create_app
    from .serve import run

    app = create_app({"DATA_DIR": str(ctx.data_dir)})
    click.echo(f"Serving {ctx.data_dir} on http://{host}:{port}/", err=True)
    run(app, host, port, workers, threads)


@cli.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@pass_ctx
def backup(ctx, path):
    """Copy the database and its media to PATH while the server keeps running."""
    from .backup import backup as do_backup

    click.echo(do_backup(ctx.db(), ctx.store, path))


@cli.command("prune-media")
@click.option("--keep-versions", type=click.IntRange(min=1),
              help="Keep the files of only the newest N published versions (default: of all, so any can be "
                   "rolled back to).")
@click.option("--min-age-minutes", type=click.IntRange(min=0), default=60, show_default=True,
              help="Spare files stored more recently than this.")
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
@pass_ctx
def prune_media_cmd(ctx, keep_versions, min_age_minutes, dry_run):
    """Remove media files that no draft and no kept published version uses (safe while serving)."""
    from .prune import prune_media

    result = prune_media(ctx.db(), ctx.store, keep_versions=keep_versions, min_age_s=min_age_minutes * 60,
                         dry_run=dry_run)
    click.echo(result.message)


@cli.command("export-static")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--prune", is_flag=True, help="Remove media files the exported version no longer uses.")
@pass_ctx
def export_static_cmd(ctx, path, prune):
    """Write the published manifest and media to PATH as plain files for nginx or a CDN."""
    from .export import export_static

    click.echo(export_static(ctx.db(), ctx.store, path, prune))


class BadInput(click.ClickException):
    """The input file or argument was refused: its sentence, exit code 2, nothing stored."""
    exit_code = 2


def _column_mapping(pairs) -> dict:
    from .hearings_import import FIELDS

    mapping = {}
    for pair in pairs:
        title, sep, name = pair.partition("=")
        if not sep or not title.strip() or name.strip() not in (*FIELDS, ""):
            raise BadInput(f"--column {pair!r} is not TITLE=FIELD with FIELD one of {', '.join(FIELDS)} "
                           "(or empty to ignore the column).")
        mapping[title.strip()] = name.strip()
    return mapping


@cli.command("import-hearings")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="Import only the hearings on this day (YYYY-MM-DD); rows without a date are on it.")
@click.option("--column", "columns", multiple=True, metavar="TITLE=FIELD",
              help="What a column the server does not recognise holds, e.g. --column 'Начало=time' "
                   "(FIELD: date, time, room, case_number, case_kind, judge, parties, closed; empty ignores it).")
@pass_ctx
def import_hearings_cmd(ctx, file, day, columns):
    """Import the day's hearings from a CSV or XLSX export of the case system.

    Columns: date, time, room, case_number, case_kind, judge, parties, closed (or the same in Kazakh or
    Russian). A re-import of a day replaces its list and keeps the statuses clerks set for unchanged
    hearings. A file with any bad row is refused whole (exit code 2), each bad row named.
    """
    from . import hearings_import as hi

    mapping = _column_mapping(columns)
    data = file.read_bytes()
    db = ctx.db()
    preview = hi.parse(data, file.name, hi.rooms_of(db), day=day.date().isoformat() if day else None,
                       mapping=mapping)
    if preview.problems:
        raise BadInput(f"{file.name} was not imported; nothing was stored:\n  "
                       + "\n  ".join(p.text() for p in preview.problems))
    click.echo(hi.summary_text(hi.store_preview(db, preview, "import", "cli")))
    if preview.other_days:
        click.echo(f"{preview.other_days} rows on other days were skipped.")


@cli.command("pull-hearings")
@click.option("--now", "force", is_flag=True, help="Pull even if the last pull was less than "
                                                   "hearings_pull_every_min minutes ago.")
@pass_ctx
def pull_hearings_cmd(ctx, force):
    """Pull the hearings from the case system's address (Settings: hearings_pull_url), when due.

    Run every minute by court-kiosk-pull-hearings.timer; it pulls every hearings_pull_every_min minutes and
    does nothing while no address is set. The same checks as import-hearings: all or nothing; the outcome
    shows on the admin's dashboard.
    """
    from .hearings_import import ImportRefused
    from .hearings_pull import PullFailed, pull_if_due

    try:
        click.echo(pull_if_due(ctx.db(), force=force))
    except (PullFailed, ImportRefused) as e:
        raise CourtKioskError(f"The pull stored nothing: {e}") from None


def main(argv=None) -> int:
    debug = os.environ.get("COURT_KIOSK_DEBUG") not in (None, "", "0") or "--debug" in (argv or sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="court-kiosk-server", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except CourtKioskError as e:
        if debug:
            raise
        click.echo(f"Error: {e}", err=True)
        return 1
    except Exception as e:  # the last line of defence: one sentence, no traceback
        if debug:
            raise
        click.echo(f"Error: unexpected failure ({type(e).__name__}: {e}). Run again with --debug for details.",
                   err=True)
        return 1
    return 0


def run_main() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run_main()
