"""court_contract.manifest: schema 1 validation, with clear sentences and nothing but ManifestError.

The manifest comes from tests/support/manifests.py; fuzzing the parser is in tests/test_reliability_fuzz.py.
"""

import hashlib

import pytest

from court_contract.manifest import ManifestError, content_digest, media_hashes, parse
from tests.support.manifests import blobs_of, build_manifest, encode


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
    (_set(["fee_rules", 0, "percent"], 100.5), "fee_rules[0].percent must be at most 100"),
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
