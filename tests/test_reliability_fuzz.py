"""Hostile input: the manifest parser, the fee calculator and the kiosk API of a real server.

The one manifest fuzzer: random bytes and JSON, one field of the small synthetic manifest
(tests/support/manifests.py) replaced, and the demo court's real published manifest mutated at
the byte and at the JSON level, with what the parser accepts fed on to the kiosk code that reads
it (fees, schedules). The API part
sends random requests to `court-kiosk-server serve` and checks that nothing is a 5xx and nothing
stored changed. The regression tests at the end pin what this fuzzing found (see BENCHMARKS.md).
"""
import copy
import functools
import datetime as dt
import hashlib
import json
import sqlite3
from decimal import Decimal
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from admin_server.content import register_media
from admin_server.db import db_path, open_existing
from admin_server.kiosks import create_kiosk
from admin_server.publish import current_manifest
from admin_server.store import MediaStore
from admin_server.testing import start_server
from court_contract import fees, schedule
from court_contract.manifest import ManifestError, media_hashes, parse
from tests.support.manifests import build_manifest

FUZZ = settings(deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def fuzz(examples):
    return settings(FUZZ, max_examples=examples)


class Tally:
    """Counts the inputs an inner @given function was called with (printed with -s, for BENCHMARKS.md)."""

    def __init__(self):
        self.tried = 0

    def __call__(self, fn):
        @functools.wraps(fn)
        def counted(*args, **kwargs):
            self.tried += 1
            return fn(*args, **kwargs)
        return counted

    def run(self, check, label):
        check()
        print(f"\n{label}: {self.tried} inputs tried, 0 failures")
NOW = dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def demo_manifest(demo_template_dir) -> bytes:
    db = open_existing(demo_template_dir)
    try:
        return current_manifest(db)[0]
    finally:
        db.conn.close()


# --- the manifest parser -------------------------------------------------------------------------

byte_edits = st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate", "dup"]),
                                st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=8)),
                      min_size=1, max_size=6)


def apply_byte_edits(data: bytes, edits) -> bytes:
    buf = bytearray(data)
    for kind, where, blob in edits:
        i = int(where * len(buf)) if buf else 0
        if kind == "flip" and buf:
            buf[i] ^= blob[0] or 1
        elif kind == "insert":
            buf[i:i] = blob
        elif kind == "delete":
            del buf[i:i + len(blob)]
        elif kind == "truncate":
            del buf[i:]
        elif kind == "dup":
            buf[i:i] = buf[i:i + 64 * len(blob)]
    return bytes(buf)


def only_manifest_error(data: bytes):
    try:
        result = parse(data)
    except ManifestError as exc:
        assert str(exc) and "\n" not in str(exc) and len(str(exc)) < 500
        return None
    assert isinstance(result, dict)
    media_hashes(result)
    return result


@fuzz(300)
@given(st.binary(max_size=5000))
def test_arbitrary_bytes_only_raise_manifest_error(data):
    only_manifest_error(data)


def test_byte_level_mutations_of_the_real_manifest_only_raise_manifest_error(demo_manifest):
    assert parse(demo_manifest)["version"] == 1  # the unmutated manifest is valid

    tally = Tally()

    @fuzz(400)
    @given(byte_edits)
    @tally
    def check(edits):
        only_manifest_error(apply_byte_edits(demo_manifest, edits))

    tally.run(check, 'byte-level manifest mutations')


HOSTILE = [None, True, 0, -1, 2**63, 10**400, 1e308, 1e30, -1e-308, 0.1, "", " ", "\x00", "Asia/Almaty", "Asia",
           "Europe", "not/a/zone", "../../../etc/passwd", "x" * 5000, "9999-12-31", "0001-01-01", "2026-02-30",
           "24:00", "23:59", "2026-11-22T08:00:00", "2026-11-22T08:00:00+14:00", "https://", "javascript:x",
           [], {}, [1, 2, 3], {"kk": 1}, {"xx": "a"}, "0" * 64, "g" * 64]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.sampled_from(HOSTILE),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12)


def _paths(value, prefix=()):
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from _paths(item, (*prefix, key))


SYNTHETIC = build_manifest(videos=(b"one", b"two"))
SYNTHETIC_PATHS = [p for p in _paths(SYNTHETIC) if p]


def mutate(manifest: dict, path, value, delete: bool) -> dict:
    out = copy.deepcopy(manifest)
    target = out
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


def kiosk_consumers(manifest: dict):
    """What the kiosk does with an accepted manifest that could raise: fees, schedules, the court's clock."""
    rules = manifest["fee_rules"]
    for rule in rules:
        try:
            result = fees.calculate(rule, rules, manifest["settings"]["mrp"], "1 250 000,50", NOW.date())
        except fees.FeeInputError as exc:
            assert str(exc)
        else:
            assert result.fee >= 0
    schedule.playlist(manifest, NOW)
    schedule.announcements(manifest, NOW)
    schedule.court_now(manifest, NOW)


def test_json_level_mutations_of_the_real_manifest(demo_manifest):
    base = json.loads(demo_manifest)
    paths = [p for p in _paths(base) if p]
    semantic = [p for p in paths if p[-1] in {"timezone", "mrp", "percent", "cap_mrp", "min_mrp", "factor",
                                              "base_rule", "valid_from", "valid_to", "starts_at", "ends_at",
                                              "day_start", "day_end", "weekdays", "value", "year", "size",
                                              "sha256", "media", "schema", "version", "exempt"}]
    accepted = []

    tally = Tally()

    @fuzz(800)
    @given(st.one_of(st.tuples(st.sampled_from(paths), json_values, st.booleans()),
                     st.tuples(st.sampled_from(semantic), st.sampled_from(HOSTILE), st.just(False))))
    @tally
    def check(mutation):
        path, value, delete = mutation
        result = only_manifest_error(json.dumps(mutate(base, path, value, delete)).encode())
        if result is not None:
            accepted.append(path)
            kiosk_consumers(result)

    tally.run(check, 'JSON-level manifest mutations')
    print(f"  of which the parser accepted {len(accepted)} and the kiosk's consumers ran on them")
    assert accepted, "no mutation was accepted, so the consumers were never exercised"


@fuzz(400)
@given(st.sampled_from(SYNTHETIC_PATHS), json_values, st.booleans())
def test_one_field_of_the_synthetic_manifest_replaced_only_raises_manifest_error(path, value, delete):
    only_manifest_error(json.dumps(mutate(SYNTHETIC, path, value, delete)).encode())


@fuzz(200)
@given(json_values)
def test_arbitrary_json_only_raises_manifest_error(value):
    only_manifest_error(json.dumps(value).encode())


# --- the fee calculator ---------------------------------------------------------------------------

DIGITS = "0123456789" + "٠١٢٣٤٥٦٧٨٩" + "０１２３４５６７８９" + "߀߁"
amount_text = st.text(alphabet=DIGITS + ",. -+eE_'\u00a0\u202f\u2009", max_size=40)
amounts = st.one_of(
    amount_text,
    st.sampled_from(["NaN", "nan", "-NaN", "sNaN", "Infinity", "-inf", "1e400", "-1e400", "1e-400", "9" * 5000,
                     "1e999999999999999999", "0e999999999", "-0", "-0,01", "1,000,000", "1 000 000,50", "١٢٣",
                     "１２３", "0x10", "1__0", "", " ", "\u00a0", "999999999999999.99", "1000000000000000", "-1"]),
    st.decimals(allow_nan=True, allow_infinity=True), st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.none(), st.booleans())


def admin_rules(draw_prefix="r"):
    """Fee rules within what the web admin accepts (percent <= 100, MRP parts <= 1e6, factor <= 100),
    in base-rule chains at most 3 deep."""
    number = st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False), st.integers(0, 10**6))

    @st.composite
    def rules(draw):
        out = []
        for i in range(draw(st.integers(1, 4))):
            rule = {"code": f"{draw_prefix}{i}", "exempt": draw(st.booleans()), "cap_mrp": draw(number),
                    "min_mrp": draw(number), "percent": None, "mrp": None, "base_rule": None, "factor": None,
                    "valid_from": draw(st.none() | st.sampled_from(["2020-01-01", "2026-01-01", "2030-06-30"])),
                    "valid_to": draw(st.none() | st.sampled_from(["2025-12-31", "2040-01-01"]))}
            if i and draw(st.booleans()):
                rule["base_rule"] = f"{draw_prefix}{i - 1}"
                rule["factor"] = draw(st.floats(0, 100, allow_nan=False))
            else:
                rule["percent"] = draw(st.none() | st.floats(0, 100, allow_nan=False))
                rule["mrp"] = draw(number)
            out.append(rule)
        return out

    return rules()


mrp_tables = st.lists(st.fixed_dictionaries({"year": st.integers(1990, 2100), "value": st.integers(1, 10**7)}),
                      max_size=4)


def check_fee(rule, rules, mrp, amount, on):
    try:
        result = fees.calculate(rule, rules, mrp, amount, on)
    except fees.FeeInputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    assert isinstance(result, fees.FeeResult)
    assert result.fee >= 0 and result.fee == result.fee.quantize(Decimal("0.01"))
    return result


def test_fee_calculator_with_the_demo_rules_and_hostile_amounts(demo_manifest):
    manifest = json.loads(demo_manifest)
    rules, mrp = manifest["fee_rules"], manifest["settings"]["mrp"]
    outcomes = {"fee": 0, "refused": 0}

    tally = Tally()

    @fuzz(800)
    @given(st.sampled_from(rules), amounts, st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
    @tally
    def check(rule, amount, on):
        outcomes["fee" if check_fee(rule, rules, mrp, amount, on) else "refused"] += 1

    tally.run(check, 'fee inputs with the demo rules')
    assert outcomes["fee"] and outcomes["refused"], outcomes


@fuzz(600)
@given(admin_rules(), st.data(), amounts, mrp_tables, st.dates(dt.date(1980, 1, 1), dt.date(2110, 12, 31)))
def test_fee_calculator_with_any_rules_the_admin_accepts(rules, data, amount, mrp, on):
    rule = data.draw(st.sampled_from(rules))
    check_fee(rule, rules, mrp, amount, on)
    check_fee(rule, rules, mrp, "999999999999999.99", on)  # the largest amount, through every chain


# --- the kiosk API of a real server --------------------------------------------------------------

COUNTED_TABLES_SKIPPED = {"usage_counts", "emergency_acks"}  # valid heartbeats add rows there by design


@pytest.fixture(scope="module")
def api(tmp_path_factory, demo_template_dir):
    import shutil

    data = tmp_path_factory.mktemp("api-fuzz") / "data"
    shutil.copytree(demo_template_dir, data)
    db = open_existing(data)
    store = MediaStore(data / "media")
    draft = store.put_stream(__import__("io").BytesIO(b"%PDF-1.4\n% a draft nobody published\n"), max_size=1000)
    with db.conn:
        register_media(db, draft, "application/pdf", "draft.pdf")
        token = create_kiosk(db, "fuzz-1", "Fuzz kiosk")
    db.conn.close()
    server = start_server(data)
    server.kiosk_token = token
    server.draft_sha = draft.sha256
    server.published = json.loads(requests.get(server.url + "/api/v1/manifest", timeout=10).content)["media"]
    yield server
    server.stop()


def snapshot(server) -> dict:
    body = requests.get(server.url + "/api/v1/manifest", timeout=10).content
    conn = sqlite3.connect(f"file:{db_path(server.data_dir)}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
                  if t not in COUNTED_TABLES_SKIPPED}
        kiosks = conn.execute("SELECT id, token_hash, revoked_at FROM kiosks ORDER BY id").fetchall()
    finally:
        conn.close()
    return {"manifest_sha256": hashlib.sha256(body).hexdigest(), "counts": counts, "kiosks": kiosks,
            "media_files": sorted(p.name for p in (server.data_dir / "media").iterdir())}


def no_server_errors(server):
    log = (server.data_dir / "server.log").read_text(errors="replace")
    assert "Traceback" not in log and "Error handling request" not in log, log[-3000:]
    assert server.process.poll() is None, "the server died"


def sha_like():
    return st.one_of(st.text(alphabet="0123456789abcdefABCDEF", min_size=60, max_size=68),
                     st.sampled_from(["../" * 5 + "etc/passwd", "%2e%2e/%2e%2e/court-kiosk.db", "..%2fsecret_key",
                                      ".tmp", "%00", "a" * 5000, "\u0430" * 64, "*", ""]),
                     st.text(max_size=80))


def test_random_media_paths_and_ranges_never_5xx_nor_leak_drafts(api):
    before = snapshot(api)
    published = list(api.published)
    seen = {}

    tally = Tally()

    @fuzz(300)
    @given(st.one_of(sha_like(), st.sampled_from(published + [api.draft_sha, api.draft_sha.upper()])),
           st.sampled_from(["", "/", "/x", "?x=1", "%20", "/.."]), st.booleans(),
           st.none() | st.text(alphabet="bytes=0123456789-,* ", max_size=30))
    @tally
    def check(name, suffix, safe_slash, range_header):
        path = "/api/v1/media/" + quote(name, safe="/%" if safe_slash else "%") + suffix
        headers = {"Range": range_header.strip()} if range_header and range_header.strip() else {}
        r = requests.get(api.url + path, headers=headers, timeout=10)
        seen[r.status_code] = seen.get(r.status_code, 0) + 1
        assert r.status_code < 500, (path, headers, r.status_code)
        if r.status_code in (200, 206):
            assert name in api.published and suffix in ("", "?x=1"), (path, r.status_code)
            if r.status_code == 200:
                assert hashlib.sha256(r.content).hexdigest() == name
        if name.lower() == api.draft_sha:
            assert r.status_code in (400, 404)  # never served: nobody published it

    tally.run(check, 'media paths and Range headers')
    no_server_errors(api)
    assert snapshot(api) == before
    assert seen.get(200) and seen.get(404) and seen.get(400), seen


def test_random_if_none_match_gives_200_or_304_and_the_right_body(api):
    before = snapshot(api)
    etag = requests.get(api.url + "/api/v1/manifest", timeout=10).headers["ETag"]
    latin = st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f")

    tally = Tally()

    @fuzz(300)
    @given(st.lists(st.one_of(st.text(latin, max_size=80), st.sampled_from([etag, "*", "W/" + etag, etag[1:-1],
                                                                            '""', etag.upper()])),
                    min_size=1, max_size=5))
    @tally
    def check(parts):
        header = ", ".join(parts).strip()
        assume(header)
        r = requests.get(api.url + "/api/v1/manifest", headers={"If-None-Match": header}, timeout=10)
        assert r.status_code in (200, 304), (header, r.status_code)
        if r.status_code == 304:
            assert r.content == b"" and (etag.strip('"') in header or "*" in header)
        else:
            assert '"' + hashlib.sha256(r.content).hexdigest() + '"' == r.headers["ETag"]

    tally.run(check, 'If-None-Match headers')
    no_server_errors(api)
    assert snapshot(api) == before


EDGE_INTS = [0, -1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**7, 10**7 - 1]
heartbeat_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.sampled_from(EDGE_INTS)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40)
    | st.sampled_from(["iVBORw0KGgo=", "/9j/4AAQ", "not base64!", "A" * 5000, "2026-11-22"]),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=20)
usage = st.dictionaries(st.sampled_from(["2026-11-22", "2026-13-01", "today", ""]),
                        st.dictionaries(st.sampled_from(["screen:fees", "qr:divorce", "BAD", "calculator", "x" * 40]),
                                        st.sampled_from(EDGE_INTS) | st.integers(-5, 10**8) | st.text(max_size=3),
                                        max_size=3), max_size=3)
heartbeat_bodies = st.one_of(
    st.fixed_dictionaries({}, optional={
        "kiosk_version": heartbeat_values, "manifest_version": heartbeat_values, "uptime_s": heartbeat_values,
        "screen": heartbeat_values, "errors": heartbeat_values, "mode": heartbeat_values,
        "free_disk_mb": heartbeat_values, "clock_ok": heartbeat_values, "usage": usage | heartbeat_values,
        "emergency_shown": st.lists(st.sampled_from(EDGE_INTS) | st.integers(), max_size=4) | heartbeat_values,
        "thumbnail": heartbeat_values}),
    heartbeat_values)


def test_random_heartbeats_never_5xx_nor_change_content(api):
    before = snapshot(api)
    seen = {}

    tally = Tally()

    @fuzz(400)
    @given(heartbeat_bodies, st.sampled_from(["valid"] * 6 + ["none", "wrong", "basic", "empty"]),
           st.booleans(), st.binary(max_size=200))
    @tally
    def check(body, auth, raw, garbage):
        headers = {"Content-Type": "application/json",
                   "Authorization": {"valid": f"Bearer {api.kiosk_token}", "none": "", "wrong": "Bearer nope",
                                     "basic": "Basic eDp5", "empty": "Bearer "}[auth]}
        data = garbage if raw else json.dumps(body).encode()
        r = requests.post(api.url + "/api/v1/heartbeat", data=data, headers=headers, timeout=10)
        seen[r.status_code] = seen.get(r.status_code, 0) + 1
        assert r.status_code in (204, 400, 401, 413), (body, auth, r.status_code, r.text[:200])
        if auth != "valid":
            assert r.status_code == 401

    tally.run(check, 'heartbeat bodies')
    no_server_errors(api)
    assert snapshot(api) == before
    assert seen.get(204) and seen.get(400) and seen.get(401), seen


# --- what the fuzzing found (fixed; these keep it fixed) --------------------------------------------


@pytest.mark.parametrize("body", [{"manifest_version": 2**63}, {"emergency_shown": [2**64]},
                                  {"manifest_version": -(2**63) - 1}])
def test_heartbeat_ids_beyond_sqlite_integers_are_a_400_not_a_500(api, body):
    """Found by the heartbeat fuzzing: these gave 500 (OverflowError in SQLite)."""
    before = snapshot(api)
    r = requests.post(api.url + "/api/v1/heartbeat", json=body, timeout=10,
                      headers={"Authorization": f"Bearer {api.kiosk_token}"})
    assert r.status_code == 400, r.status_code
    no_server_errors(api)
    assert snapshot(api) == before


@pytest.mark.parametrize("zone", ["Asia", "Europe", "x" * 300, "Asia/../Asia/Almaty"])
def test_a_timezone_that_is_no_zone_never_crashes_the_kiosk(demo_manifest, zone):
    """Found by the manifest fuzzing: ZoneInfo raises IsADirectoryError for "Asia" and OSError for a long
    name, and the kiosk caught neither. The parser may refuse the manifest; if a manifest with such a
    zone reaches the kiosk anyway (an older cache), the clock falls back instead of crashing."""
    manifest = json.loads(demo_manifest)
    manifest["court"]["timezone"] = zone
    try:
        accepted = parse(json.dumps(manifest).encode())
    except ManifestError as exc:
        assert "timezone" in str(exc)
    else:
        schedule.court_now(accepted, NOW)
    assert schedule.court_now(manifest, NOW).utcoffset() is not None


@pytest.mark.parametrize("rule_patch", [{"mrp": 1e30}, {"percent": 1e20}, {"percent": 1e6}])
def test_a_huge_fee_rule_is_refused_not_a_crash(demo_manifest, rule_patch):
    """Found by the fee fuzzing: a fee beyond 28 digits raised decimal.InvalidOperation, which the
    calculator screen does not catch. Now the parser refuses such rules, and the calculator says so."""
    manifest = json.loads(demo_manifest)
    rule = next(r for r in manifest["fee_rules"] if r["percent"] is not None and not r["base_rule"])
    rule.update(rule_patch, cap_mrp=None)
    with pytest.raises(ManifestError):
        parse(json.dumps(manifest).encode())
    with pytest.raises(fees.FeeInputError):  # the calculator alone, as with a manifest from an older kiosk
        fees.calculate(rule, manifest["fee_rules"], manifest["settings"]["mrp"], "100000000000000", NOW.date())


def test_a_long_chain_of_base_rules_is_refused_not_a_crash(demo_manifest):
    rules = [{"code": "r0", "percent": 100.0, "mrp": None, "cap_mrp": None, "min_mrp": None, "base_rule": None,
              "factor": None, "exempt": False}]
    for i in range(1, 12):
        rules.append(dict(rules[0], code=f"r{i}", percent=None, base_rule=f"r{i - 1}", factor=100.0))
    with pytest.raises(fees.FeeInputError):
        fees.calculate(rules[-1], rules, [{"year": 2026, "value": 10_000_000}], "999999999999999.99", NOW.date())


@pytest.mark.parametrize("zone", ["Asia", "x" * 300])
def test_settings_form_with_a_timezone_that_is_no_zone_is_a_form_error_not_a_500(tmp_path, zone):
    from admin_server import create_app
    from tests.support.admin import Staff, new_data_dir

    data = new_data_dir(tmp_path / "data")
    staff = Staff(create_app({"DATA_DIR": str(data), "PROPAGATE_EXCEPTIONS": False}))
    assert staff.login().status_code == 303
    form = {f"court_name.{lang}": "Court" for lang in ("kk", "ru", "en")} | {
        "timezone": zone, "idle_timeout_s": "90", "idle_warning_s": "30", "default_language": "kk",
        "public_base_url": "https://kiosk.example.kz", "max_document_mb": "20", "max_video_mb": "300"}
    r = staff.post("/admin/settings/", form)
    assert r.status_code == 422, r.status_code  # the form again, with the error next to the field
    db = open_existing(data)
    try:
        assert not db["settings"].count_where("key = 'timezone' AND value = ?", [json.dumps(zone)])
    finally:
        db.conn.close()
