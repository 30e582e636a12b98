"""court_contract.manifest: schema 1 validation, with clear sentences and nothing but ManifestError.

``build_manifest`` / ``encode`` here are also used by the cache, sync and fee tests.
"""

import copy
import hashlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from court_contract.manifest import ManifestError, canonical_json, content_digest, media_hashes, parse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def T(ru, kk=None, en=None):
    """A trilingual text."""
    return {"kk": kk if kk is not None else f"{ru} (kk)", "ru": ru, "en": en if en is not None else f"{ru} (en)"}


def _rule(code, claim_kind, applicant="individual", **kw):
    rule = {
        "code": code,
        "claim_kind": claim_kind,
        "applicant": applicant,
        "title": T(code),
        "note": T(""),
        "legal_ref": T("Tax Code, art. 610"),
        "percent": None,
        "mrp": None,
        "cap_mrp": None,
        "min_mrp": None,
        "base_rule": None,
        "factor": None,
        "exempt": False,
        "valid_from": "2026-01-01",
        "valid_to": None,
    }
    rule.update(kw)
    return rule


def fee_rules():
    """The fee rules of shared/domain.md as manifest FeeRules."""
    return [
        _rule("property-individual", "property", percent=1.0, cap_mrp=10000),
        _rule("property-legal", "property", "legal_entity", percent=3.0, cap_mrp=20000),
        _rule("complaint-individual", "complaint", mrp=0.3),
        _rule("complaint-legal", "complaint", "legal_entity", mrp=5),
        _rule("divorce", "divorce", "any", mrp=0.3),
        _rule("divorce-property", "divorce", "any", mrp=0.3, percent=1.0),
        _rule("nonproperty-individual", "non_property", mrp=0.5),
        _rule("nonproperty-legal", "non_property", "legal_entity", mrp=5),
        _rule("special", "special", "any", mrp=0.5),
        _rule("appeal-property-individual", "appeal", base_rule="property-individual", factor=0.5),
        _rule("appeal-nonproperty-individual", "appeal", base_rule="nonproperty-individual", factor=0.5),
        _rule("court-order-individual", "court_order", base_rule="property-individual", factor=0.5),
        _rule("alimony", "alimony", "any", exempt=True, note=T("Истцы освобождены")),
        _rule("labour", "labour", "any", exempt=True),
        _rule("veterans", "exempt", "individual", exempt=True, valid_from="2025-09-15"),
        _rule("old-complaint", "complaint", mrp=0.2, valid_from="2024-01-01", valid_to="2025-12-31"),
    ]


def _file(name, blob, kind):
    return {"sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob), "type": kind, "name": name}


def build_manifest(version=1, *, videos=(b"video one",), templates=None, published_at="2026-11-22T08:00:00+00:00"):
    """A complete, valid schema-1 manifest. ``videos`` are blobs, ``templates`` {lang: blob}."""
    if templates is None:
        templates = {"kk": b"divorce template kk", "ru": b"divorce template ru"}
    files = {lang: _file(f"divorce-{lang}.docx", blob, DOCX) for lang, blob in templates.items()}
    video_rows = [
        {
            "id": i + 1,
            "title": T(f"Видео {i + 1}"),
            "file": _file(f"clip{i + 1}.mp4", blob, "video/mp4"),
            "duration_s": 12.0,
            "valid_from": None,
            "valid_to": None,
        }
        for i, blob in enumerate(videos)
    ]
    media = {}
    for item in [*files.values(), *(v["file"] for v in video_rows)]:
        media[item["sha256"]] = {"size": item["size"], "type": item["type"]}
    manifest = {
        "schema": 1,
        "version": version,
        "published_at": published_at,
        "court": {
            "name": T("Мангистауский областной суд"),
            "address": T("Актау, 14 мкр"),
            "phones": ["+7 7292 50-10-20"],
            "email": "mng@sud.kz",
            "timezone": "Asia/Aqtau",
            "website": "https://mng.sud.kz",
        },
        "settings": {
            "public_base_url": "https://kiosk.mng.sud.kz",
            "idle_timeout_s": 90,
            "idle_warning_s": 30,
            "default_language": "kk",
            "mrp": [{"year": 2024, "value": 3692}, {"year": 2025, "value": 3932}, {"year": 2026, "value": 4325}],
        },
        "fee_rules": fee_rules(),
        "reception": [
            {
                "id": 3,
                "person": T("Иванов И. И."),
                "position": T("Председатель"),
                "court": T("Областной суд"),
                "weekday": 2,
                "start": "11:00",
                "end": "13:00",
                "room": T("каб. 101"),
                "phone": "+7 7292 50-10-21",
                "booking_note": T("по записи"),
                "valid_from": None,
                "valid_to": None,
            }
        ],
        "template_categories": [{"code": "family", "title": T("Семья")}],
        "templates": [
            {
                "slug": "divorce",
                "category": "family",
                "title": T("Иск о расторжении брака"),
                "description": T("Образец"),
                "url": "https://kiosk.mng.sud.kz/t/divorce",
                "files": files,
            }
        ],
        "videos": video_rows,
        "announcements": [
            {
                "id": 1,
                "text": T("Приём граждан"),
                "starts_at": "2026-11-20T00:00:00+05:00",
                "ends_at": None,
                "priority": 0,
                "emergency": False,
            }
        ],
        "links": [
            {
                "id": 1,
                "kind": "e_service",
                "title": T("Судебный кабинет"),
                "description": T("Подать иск онлайн"),
                "url": "https://office.sud.kz",
                "icon": "office",
            }
        ],
        "media": media,
    }
    manifest["content_sha256"] = content_digest(manifest)
    return manifest


def encode(manifest):
    return canonical_json(manifest)


def blobs_of(manifest_kwargs=None):
    """{sha: bytes} for the default blobs of build_manifest."""
    kw = manifest_kwargs or {}
    videos = kw.get("videos", (b"video one",))
    templates = kw.get("templates", {"kk": b"divorce template kk", "ru": b"divorce template ru"})
    return {hashlib.sha256(b).hexdigest(): b for b in [*videos, *templates.values()]}


# --- valid input --------------------------------------------------------------------


def test_valid_manifest_parses_to_the_same_dict():
    manifest = build_manifest(7)
    assert parse(encode(manifest)) == manifest


def test_media_hashes_lists_every_file_with_size_and_type():
    manifest = build_manifest(videos=(b"a", b"bb"))
    hashes = media_hashes(manifest)
    assert hashes[hashlib.sha256(b"bb").hexdigest()] == {"size": 2, "type": "video/mp4"}
    assert len(hashes) == 4
    assert set(hashes) == set(blobs_of({"videos": (b"a", b"bb")}))


def test_unknown_keys_are_ignored_for_forward_compatibility():
    manifest = build_manifest()
    manifest["new_section"] = {"anything": [1, 2]}
    manifest["court"]["fax"] = "none"
    assert parse(encode(manifest))["new_section"] == {"anything": [1, 2]}


def test_optional_values_may_be_null_or_missing_languages():
    manifest = build_manifest(templates={"ru": b"only ru"})
    manifest["court"]["email"] = None
    manifest["court"]["website"] = ""
    manifest["videos"][0]["duration_s"] = None
    manifest["links"][0]["icon"] = None
    manifest["templates"][0]["title"] = {"ru": "Только по-русски"}
    parse(encode(manifest))


def test_content_digest_ignores_version_and_publication_time():
    a, b = build_manifest(1), build_manifest(2, published_at="2027-01-01T00:00:00+05:00")
    assert content_digest(a) == content_digest(b) == a["content_sha256"]
    assert content_digest(build_manifest(videos=(b"other",))) != a["content_sha256"]


# --- invalid input: one sentence naming the field --------------------------------------

SHA_A = "a" * 64


def _set(path, value):
    def mutate(m):
        target = m
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path):
    def mutate(m):
        target = m
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


CASES = [
    (_set(["schema"], 2), "schema is 2; this kiosk understands schema 1"),
    (_set(["schema"], True), "schema is True"),
    (_delete(["schema"]), "schema is missing"),
    (_set(["version"], 0), "version must be at least 1"),
    (_set(["version"], "7"), "version must be an integer"),
    (_set(["version"], 7.0), "version must be an integer"),
    (_set(["published_at"], "2026-11-22T08:00:00"), "published_at has no UTC offset"),
    (_set(["published_at"], "yesterday"), "published_at is not an ISO 8601 instant"),
    (_set(["content_sha256"], "ABC"), "content_sha256 is not a sha256 hex digest"),
    (_set(["court", "name"], "plain"), "court.name must be an object"),
    (_set(["court", "name"], {"ru": 5}), "court.name.ru must be a string"),
    (_set(["court", "name"], {"de": "x"}), "court.name has an unknown language 'de'"),
    (_set(["court", "phones"], "+7"), "court.phones must be a list"),
    (_set(["court", "phones"], ["+7", 5]), "court.phones[1] must be a string"),
    (_set(["court", "website"], "ftp://x"), "court.website is not an http(s) URL"),
    (_delete(["court", "timezone"]), "court.timezone is missing"),
    (_set(["settings", "public_base_url"], "kiosk.mng.sud.kz"), "settings.public_base_url is not an http(s) URL"),
    (_set(["settings", "idle_timeout_s"], 0), "settings.idle_timeout_s must be at least 1"),
    (_set(["settings", "default_language"], "de"), "settings.default_language must be kk, ru or en"),
    (_set(["settings", "mrp"], [{"year": 2026, "value": -1}]), "settings.mrp[0].value must be at least 1"),
    (_set(["settings", "mrp"], [{"year": 2026, "value": 1}, {"year": 2026, "value": 2}]), "settings.mrp[1].year repeats"),
    (_set(["fee_rules", 0, "percent"], -1), "fee_rules[0].percent must be at least 0"),
    (_set(["fee_rules", 0, "percent"], "1%"), "fee_rules[0].percent must be a number"),
    (_set(["fee_rules", 0, "cap_mrp"], "__HUGE__"), "fee_rules[0].cap_mrp must be a finite number"),
    (_set(["fee_rules", 0, "applicant"], "company"), "fee_rules[0].applicant must be individual, legal_entity or any"),
    (_set(["fee_rules", 0, "exempt"], 0), "fee_rules[0].exempt must be true or false"),
    (_set(["fee_rules", 0, "valid_from"], "2026-02-30"), "fee_rules[0].valid_from is not a valid calendar date"),
    (_set(["fee_rules", 0, "valid_from"], "01.01.2026"), "fee_rules[0].valid_from is not a date like 2026-01-31"),
    (_set(["fee_rules", 0, "valid_to"], "2025-01-01"), "fee_rules[0].valid_to is before valid_from"),
    (_set(["fee_rules", 9, "base_rule"], "nope"), "fee_rules[9].base_rule names 'nope', which is not a fee rule code"),
    (_set(["fee_rules", 9, "factor"], None), "fee_rules[9].factor must be set when base_rule is set"),
    (_set(["fee_rules", 0, "factor"], 0.5), "fee_rules[0].factor must be null when base_rule is null"),
    (_set(["fee_rules", 9, "percent"], 1.0), "fee_rules[9].percent must be null when base_rule is set"),
    (
        lambda m: m["fee_rules"][0].update(base_rule="appeal-property-individual", factor=1, percent=None),
        "fee_rules[0].base_rule leads back to the same rule (a cycle)",
    ),
    (_set(["reception", 0, "weekday"], 8), "reception[0].weekday must be at most 7"),
    (_set(["reception", 0, "weekday"], 0), "reception[0].weekday must be at least 1"),
    (_set(["reception", 0, "start"], "9:00"), "reception[0].start is not a time like 09:30"),
    (_set(["reception", 0, "end"], "24:00"), "reception[0].end is not a time like 09:30"),
    (_set(["reception", 0, "end"], "10:00"), "reception[0].end is not after start"),
    (_set(["template_categories", 0, "code"], ""), "template_categories[0].code must not be empty"),
    (_set(["templates", 0, "category"], "criminal"), "templates[0].category 'criminal' is not in template_categories"),
    (_set(["templates", 0, "url"], "javascript:alert(1)"), "templates[0].url is not an http(s) URL"),
    (_set(["templates", 0, "files", "kk", "sha256"], "xyz"), "templates[0].files.kk.sha256 is not a sha256 hex digest"),
    (_set(["templates", 0, "files", "kk", "sha256"], SHA_A), "templates[0].files.kk.sha256 is not listed in media"),
    (_set(["templates", 0, "files", "kk", "size"], 1), "templates[0].files.kk.size is 1 but media lists"),
    (_set(["templates", 0, "files", "kk", "size"], -1), "templates[0].files.kk.size must be at least 0"),
    (_set(["templates", 0, "files", "kk", "type"], "text/plain"), "templates[0].files.kk.type is 'text/plain' but media lists"),
    (_set(["templates", 0, "files", "kk", "name"], "../../etc/passwd"), "templates[0].files.kk.name must be a plain file name"),
    (_set(["templates", 0, "files", "de"], {}), "templates[0].files has an unknown language 'de'"),
    (_set(["videos", 0, "file"], None), "videos[0].file must be an object"),
    (_set(["videos", 0, "duration_s"], -3), "videos[0].duration_s must be at least 0"),
    (_set(["announcements", 0, "emergency"], "yes"), "announcements[0].emergency must be true or false"),
    (_set(["announcements", 0, "ends_at"], "2026-11-19T00:00:00+05:00"), "announcements[0].ends_at is before starts_at"),
    (_set(["links", 0, "kind"], "video"), "links[0].kind must be e_service or social"),
    (_set(["links", 0, "url"], "http://"), "links[0].url is not an http(s) URL"),
    (_set(["media", "nothex"], {"size": 1, "type": "x"}), "media.nothex is not a sha256 hex digest"),
    (_set(["media", SHA_A], {"size": "1", "type": "x"}), f"media.{SHA_A}.size must be an integer"),
    (_delete(["links"]), "links is missing"),
    (_set(["videos"], {}), "videos must be a list"),
]


@pytest.mark.parametrize("mutate, message", CASES, ids=[c[1][:60] for c in CASES])
def test_invalid_field_gives_one_sentence_naming_it(mutate, message):
    manifest = build_manifest()
    mutate(manifest)
    data = encode(manifest).replace(b'"__HUGE__"', b"1e400")  # JSON allows it, Python reads inf
    with pytest.raises(ManifestError) as info:
        parse(data)
    assert str(info.value).startswith(message), str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "the manifest is not valid JSON"),
        (b"\xff\xfe{}", "the manifest is not valid UTF-8"),
        (b"[1, 2]", "the manifest must be an object"),
        (b'{"schema": NaN}', "the manifest contains NaN"),
        (b'{"schema": Infinity}', "the manifest contains Infinity"),
        (b"[" * 100_000 + b"]" * 100_000, "the manifest is nested too deeply"),
        (b'{"schema": 1' + b"1" * 5000 + b"}", "the manifest contains a number this kiosk cannot read"),
        (b"<html>502 Bad Gateway</html>", "the manifest is not valid JSON"),
    ],
)
def test_bytes_that_are_not_a_json_object(data, message):
    with pytest.raises(ManifestError, match=f"^{message}"):
        parse(data)


def test_parse_refuses_str_input():
    with pytest.raises(ManifestError, match="bytes"):
        parse(encode(build_manifest()).decode())


# --- fuzzing: nothing but ManifestError, whatever the bytes -------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes_only_raise_manifest_error(data):
    try:
        parse(data)
    except ManifestError:
        pass


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


BASE = build_manifest(videos=(b"one", b"two"))
ALL_PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), json_values, st.booleans())
def test_fuzz_one_field_replaced_only_raises_manifest_error(path, value, delete):
    manifest = copy.deepcopy(BASE)
    target = manifest
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    data = json.dumps(manifest).encode()
    try:
        result = parse(data)
    except ManifestError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(result, dict)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_fuzz_arbitrary_json_only_raises_manifest_error(value):
    try:
        parse(json.dumps(value).encode())
    except ManifestError:
        pass
