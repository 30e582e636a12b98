"""A small synthetic schema-1 manifest built in code, for the manifest, cache, sync and fee tests.

``build_manifest`` makes a complete valid manifest (videos and templates given as blobs),
``blobs_of`` the {sha: bytes} of its media, ``encode`` its canonical bytes.
"""

import hashlib

from court_contract.manifest import canonical_json, content_digest


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
