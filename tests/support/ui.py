"""A small court for the UI tests: a schema-1 manifest built in code, installed
into a real kiosk.cache.Cache with its media files, and a hearings feed (40
hearings with long Kazakh names, every status, closed ones) kept beside it.

The UI, display and hearings tests import the builders from here;
tests/test_ui_fixture.py checks that the fixture itself is valid.
"""

import datetime as dt
import hashlib
import json
import subprocess
from zoneinfo import ZoneInfo

from kiosk.cache import Cache
from court_contract.hearings import validate_feed
from court_contract.manifest import canonical_json, content_digest, validate

TZ = ZoneInfo("Asia/Aqtau")
# Tuesday 24 November 2026, 10:00 in Aktau
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=TZ)
INJECTION = "[b]жоба[/b] [color=ff0000]қызыл[/color]"



class FrozenClock:
    """The court's clock for a kiosk (``KioskEnv(now=...)``): it reads ``moment``, which a test moves."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment


def tri(kk, ru, en):
    return {"kk": kk, "ru": ru, "en": en}


def _rule(code, kind, applicant, title, *, percent=None, mrp=None, cap=None, base=None, factor=None,
          exempt=False, note=("", "", ""), ref=("Салық кодексі 610-бап", "Налоговый кодекс, ст. 610", "Tax Code, art. 610")):
    return {
        "code": code, "claim_kind": kind, "applicant": applicant, "title": tri(*title), "note": tri(*note),
        "legal_ref": tri(*ref), "percent": percent, "mrp": mrp, "cap_mrp": cap, "min_mrp": None,
        "base_rule": base, "factor": factor, "exempt": exempt, "valid_from": "2026-01-01", "valid_to": None,
    }


FEE_RULES = [
    _rule("property-individual", "property", "individual",
          ("Мүліктік талап", "Имущественный иск", "Property claim"), percent=1.0, cap=10000),
    _rule("property-legal", "property", "legal_entity",
          ("Мүліктік талап", "Имущественный иск", "Property claim"), percent=3.0, cap=20000),
    _rule("state-body-individual", "state_body", "individual",
          ("Мемлекеттік органның әрекетіне шағым", "Жалоба на действия госоргана", "Complaint against a state body"),
          mrp=0.3),
    _rule("state-body-legal", "state_body", "legal_entity",
          ("Мемлекеттік органның әрекетіне шағым", "Жалоба на действия госоргана", "Complaint against a state body"),
          mrp=5),
    _rule("divorce", "divorce", "any", ("Некені бұзу", "Расторжение брака", "Divorce"), mrp=0.3),
    _rule("divorce-property", "divorce", "any",
          ("Некені бұзу және мүлікті бөлу", "Развод с разделом имущества", "Divorce with division of property"),
          mrp=0.3, percent=1.0),
    _rule("non-property-individual", "non_property", "individual",
          ("Мүліктік емес талап", "Неимущественный иск", "Non-property claim"), mrp=0.5),
    _rule("appeal-property-individual", "appeal", "individual",
          ("Апелляциялық шағым (мүліктік)", "Апелляционная жалоба (имущественный иск)", "Appeal (property claim)"),
          base="property-individual", factor=0.5),
    _rule("alimony", "alimony", "any", ("Алимент өндіріп алу", "Взыскание алиментов", "Alimony"), exempt=True,
          note=("Талапкерлер баж төлеуден босатылған", "Истцы освобождены от пошлины", "Plaintiffs are exempt")),
    _rule("labour", "labour", "any", ("Жалақыны өндіріп алу", "Взыскание зарплаты", "Unpaid wages"), exempt=True),
]

# (rule code, applicant, digits typed, expected fee as shown)
FEE_CASES = [  # fees as the kiosk shows them in Kazakh (the walk runs in kk)
    ("property-individual", "individual", "1000000", "10\u202f000,00"),
    ("property-individual", "individual", "5000000000", "43\u202f250\u202f000,00"),  # capped: 10 000 MRP
    ("property-legal", "legal_entity", "1000000", "30\u202f000,00"),
    ("property-legal", "legal_entity", "100000000000", "86\u202f500\u202f000,00"),  # capped: 20 000 MRP
    ("state-body-individual", "individual", "", "1\u202f297,50"),
    ("state-body-legal", "legal_entity", "", "21\u202f625,00"),
    ("divorce", "individual", "", "1\u202f297,50"),
    ("divorce-property", "individual", "2000000", "21\u202f297,50"),
    ("non-property-individual", "individual", "", "2\u202f162,50"),
    ("appeal-property-individual", "individual", "1000000", "5\u202f000,00"),
    ("alimony", "individual", "", "0,00"),  # exempt
    ("labour", "legal_entity", "", "0,00"),  # exempt
]


def _slot(sid, person, position, weekday, start, end, room, note):
    return {
        "id": sid, "person": tri(*person), "position": tri(*position),
        "court": tri("Маңғыстау облыстық соты", "Мангистауский областной суд", "Mangystau Regional Court"),
        "weekday": weekday, "start": start, "end": end, "room": tri(room, room, room), "phone": "+7 7292 50-10-20",
        "booking_note": tri(*note), "valid_from": None, "valid_to": None,
    }


BOOKING = ("Алдын ала жазылу: +7 7292 50-10-20", "Предварительная запись: +7 7292 50-10-20",
           "Book ahead: +7 7292 50-10-20")
RECEPTION = [
    _slot(1, ("Ерлан Сапаров", "Ерлан Сапаров", "Yerlan Saparov"), ("Төраға", "Председатель", "Chair"),
          2, "11:00", "13:00", "301", BOOKING),
    _slot(2, ("Айгүл Нұрланқызы", "Айгуль Нурлановна", "Aigul Nurlankyzy"),
          ("Азаматтық істер алқасының төрағасы", "Председатель коллегии по гражданским делам", "Chair of the civil division"),
          4, "15:00", "17:00", "214", BOOKING),
    _slot(3, ("Бауыржан Қали", "Бауыржан Кали", "Baurzhan Kali"), ("Кеңсе басшысы", "Руководитель аппарата", "Head of office"),
          1, "09:00", "11:00", "105", ("Жазылусыз", "Без записи", "No booking needed")),
    _slot(4, ("Бауыржан Қали", "Бауыржан Кали", "Baurzhan Kali"), ("Кеңсе басшысы", "Руководитель аппарата", "Head of office"),
          3, "09:00", "11:00", "105", ("Жазылусыз", "Без записи", "No booking needed")),
]

CATEGORIES = [
    {"code": "family", "title": tri("Отбасылық даулар", "Семейные споры", "Family")},
    {"code": "debt", "title": tri("Берешекті өндіріп алу", "Взыскание задолженности", "Debts")},
]


ROOMS = [
    {"id": 3, "number": "305", "floor": 3,
     "name": tri("Азаматтық істер жөніндегі №1 сот отырыстарының залы", "Зал судебных заседаний №1 по гражданским делам",
                 "Civil courtroom No. 1"),
     "wing": tri("Шығыс қанаты", "Восточное крыло", "East wing"),
     "way": tri("Басты кіреберістен лифтпен 3-қабатқа көтеріліп, оңға бұрылыңыз; зал дәліздің соңында, сол жақта.",
                "От главного входа на лифте на 3 этаж, направо; зал в конце коридора слева.",
                "From the main entrance take the lift to floor 3 and turn right; the room is at the end of the "
                "corridor on the left."),
     "plan": {"x": 0.78, "y": 0.3}},
    {"id": 4, "number": "214", "floor": 2, "name": tri("Қылмыстық істер залы", "Зал по уголовным делам",
                                                      "Criminal courtroom"),
     "wing": tri("Батыс қанаты", "Западное крыло", "West wing"),
     "way": tri("Баспалдақпен 2-қабатқа, солға бұрылыңыз.", "По лестнице на 2 этаж, налево.",
                "Stairs to floor 2, then left."),
     "plan": {"x": 0.2, "y": 0.65}},
    {"id": 7, "number": "101", "floor": 1, "name": tri("", "", ""), "wing": tri("", "", ""),
     "way": tri("Кіреберістен тура.", "Прямо от входа.", "Straight ahead from the entrance."), "plan": None},
]

_SURNAMES = ("Сейітқалиқызы", "Жұмабекұлы", "Нұрмағамбетова", "Әбдіқадыров", "Төлеубергенова", "Құдайбергенұлы",
             "Шәріпханова", "Ғабдуллаұлы")
_JUDGES = ("Ахметова Гүлнар Сейітқалиқызы", "Құдайбергенов Әділет Нұрланұлы", "Төлеубаева Айгерім Болатқызы")
_ORGS = ("ТОО «Каспий Мұнай Газ Барлау және Өндіру Компаниясы»", "«Маңғыстау Өңірлік Электр Желілері Компаниясы» АҚ",
         "ЖШС «Ақтау Теңіз Сауда Порты Логистика Орталығы»")
# (time, status, room, closed, extra): one of everything a board can show
_DAY = [("09:00", "finished", 3, False, {}), ("09:00", "finished", 4, False, {}), ("09:30", "finished", 7, True, {}),
        ("09:30", "cancelled", 3, False, {}), ("10:00", "in_progress", 3, False, {}),
        ("10:00", "break", 4, False, {}), ("10:00", "in_progress", 7, True, {}),
        ("10:30", "postponed", 3, False, {"postponed_to": "2026-12-07T10:00"}),
        ("10:30", "postponed", 4, False, {"postponed_to": "2026-12-08"}),
        ("11:00", "moved", 4, False, {"moved_to_room_id": 3}), ("11:00", "moved", 3, True, {"moved_to_room_id": 7})]


def make_feed(day, count=40):
    """A hearings feed for ``day`` (a date): ``count`` hearings with long Kazakh names, and three on the next day."""
    hearings = []
    for i in range(count):
        if i < len(_DAY):
            time, status, room, closed, extra = _DAY[i]
        else:
            minutes = 11 * 60 + 15 * (i - len(_DAY) + 1)
            time, status, room, closed, extra = f"{minutes // 60:02d}:{minutes % 60:02d}", "scheduled", (3, 4, 7)[i % 3], \
                i % 9 == 0, {}
        item = {"id": i + 1, "date": day.isoformat(), "time": time, "room_id": room,
                "kind": ("civil", "criminal", "administrative_offence", "administrative")[i % 4], "closed": closed,
                "status": status, "postponed_to": None, "moved_to_room_id": None}
        item.update(extra)
        if not closed:
            person = f"{_SURNAMES[i % len(_SURNAMES)]} {_SURNAMES[(i + 3) % len(_SURNAMES)][0]}. Б."
            parties = f"{person} – {_ORGS[i % len(_ORGS)]}" if i % 2 else \
                f"{_SURNAMES[i % 8]} Әйгерім Болатқызы – {_SURNAMES[(i + 5) % 8]} Нұрсұлтан Қайратұлы"
            item.update({"case_number": f"7594-26-00-2/{1100 + i}", "judge": _JUDGES[i % len(_JUDGES)],
                         "parties": parties, "note": ""})
        hearings.append(item)
    nxt = day + dt.timedelta(days=3 if day.isoweekday() == 5 else 1)
    for j in range(3):
        hearings.append({"id": 100 + j, "date": nxt.isoformat(), "time": f"{9 + j:02d}:00", "room_id": 3,
                         "kind": "civil", "closed": False, "status": "scheduled", "postponed_to": None,
                         "moved_to_room_id": None, "case_number": f"7594-26-00-2/{2000 + j}",
                         "judge": _JUDGES[0], "parties": "Келесі күн – ТОО «Ертең»", "note": ""})
    return validate_feed({"schema": 1, "revision": 1, "generated_at": f"{day.isoformat()}T08:00:00+05:00",
                          "days": [day.isoformat(), nxt.isoformat()], "hearings": hearings})


def make_plan(path, label):
    """A floor plan picture: corridors and rooms, as a court's plan would be drawn."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 500), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 780, 480), outline=(60, 60, 60), width=6)
    draw.rectangle((20, 220, 780, 280), fill=(215, 215, 205))  # the corridor
    for x in range(20, 780, 152):
        draw.rectangle((x, 20, x + 152, 220), outline=(60, 60, 60), width=3)
        draw.rectangle((x, 280, x + 152, 480), outline=(60, 60, 60), width=3)
    draw.text((30, 240), label, fill=(20, 20, 20))
    image.save(path)


def make_files(root):
    """Template documents and two tiny real video clips; returns {name: (path, type)}."""
    root.mkdir(parents=True, exist_ok=True)
    files = {}
    for name in ("divorce-kk.docx", "divorce-ru.docx", "alimony-kk.docx", "debt-ru.docx"):
        path = root / name
        path.write_bytes(b"PK\x03\x04 demo template " + name.encode())
        files[name] = (path, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    for name, source in (("clip1.mp4", "testsrc"), ("clip2.mp4", "smptebars")):
        path = root / name
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"{source}=size=320x180:rate=25",
             "-t", "2", "-pix_fmt", "yuv420p", str(path)], check=True)
        files[name] = (path, "video/mp4")
    for name in ("plan-3.png", "plan-2.png"):
        make_plan(root / name, name)
        files[name] = (root / name, "image/png")
    return files


def _file(files, name):
    path, kind = files[name]
    data = path.read_bytes()
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "type": kind, "name": name}


def make_manifest(files, version=1):
    base = "https://kiosk.mng.sud.kz"
    templates = [
        {"slug": "divorce", "category": "family",
         "title": tri("Некені бұзу туралы талап қою", "Иск о расторжении брака", "Claim for divorce"),
         "description": tri("Ерлі-зайыптылар келісімі болмаған кезде", "Если супруги не договорились",
                            "When the spouses do not agree"),
         "url": f"{base}/t/divorce",
         "files": {"kk": _file(files, "divorce-kk.docx"), "ru": _file(files, "divorce-ru.docx")}},
        {"slug": "alimony", "category": "family",
         "title": tri("Алимент өндіріп алу туралы", "О взыскании алиментов", "Claim for alimony"),
         "description": tri("Бала асырауға арналған алимент", "Алименты на содержание ребёнка", "Child support"),
         "url": f"{base}/t/alimony", "files": {"kk": _file(files, "alimony-kk.docx")}},
        {"slug": "debt", "category": "debt",
         "title": tri(f"Берешекті өндіріп алу {INJECTION}", f"О взыскании долга {INJECTION}", f"Debt claim {INJECTION}"),
         "description": tri("Қарыз шарты бойынша", "По договору займа", "Under a loan agreement"),
         "url": f"{base}/t/debt", "files": {"ru": _file(files, "debt-ru.docx")}},
    ]
    videos = [
        {"id": 1, "title": tri("Татуласу — жылдам әрі арзан", "Примирение — быстро и дёшево", "Settle faster"),
         "file": _file(files, "clip1.mp4"), "duration_s": 2.0, "valid_from": None, "valid_to": None},
        {"id": 2, "title": tri("Сот кабинеті", "Судебный кабинет", "Court office online"),
         "file": _file(files, "clip2.mp4"), "duration_s": 2.0, "valid_from": None, "valid_to": None},
    ]
    rooms = json.loads(json.dumps(ROOMS))
    for room in rooms:
        if room["plan"] is not None:
            room["plan"]["file"] = _file(files, f"plan-{room['floor']}.png")
    media = {}
    for item in [f for t in templates for f in t["files"].values()] + [v["file"] for v in videos] + [
            r["plan"]["file"] for r in rooms if r["plan"]]:
        media[item["sha256"]] = {"size": item["size"], "type": item["type"]}
    manifest = {
        "schema": 1, "version": version, "published_at": "2026-11-22T08:00:00+00:00", "content_sha256": "0" * 64,
        "court": {
            "name": tri("Маңғыстау облыстық соты", "Мангистауский областной суд", "Mangystau Regional Court"),
            "address": tri("Ақтау қ., 14 шағын аудан, 1-үй", "г. Актау, 14 мкр., д. 1", "1 Building, 14th District, Aktau"),
            "phones": ["+7 7292 50-10-20"], "email": "mng@sud.kz", "timezone": "Asia/Aqtau",
            "website": "https://mng.sud.kz",
        },
        "settings": {
            "public_base_url": base, "idle_timeout_s": 90, "idle_warning_s": 30, "default_language": "kk",
            "mrp": [{"year": 2024, "value": 3692}, {"year": 2025, "value": 3932}, {"year": 2026, "value": 4325}],
        },
        "fee_rules": FEE_RULES,
        "reception": RECEPTION,
        "template_categories": CATEGORIES,
        "templates": templates,
        "videos": videos,
        "announcements": [
            {"id": 1, "text": tri("Құжаттарды қабылдау 1-қабатта, 9:00–18:00", "Приём документов на 1 этаже, 9:00–18:00",
                                  "Documents are received on the ground floor, 9:00–18:00"),
             "starts_at": None, "ends_at": None, "priority": 0, "emergency": False},
            {"id": 2, "text": tri("Татуласу орталығы [b]тегін[/b] жұмыс істейді", "Центр примирения работает бесплатно",
                                  "The mediation centre is free of charge"),
             "starts_at": "2026-01-01T00:00:00+05:00", "ends_at": None, "priority": 1, "emergency": False},
        ],
        "rooms": rooms,
        "links": [
            {"id": 1, "kind": "e_service", "title": tri("Сот кабинеті", "Судебный кабинет", "Court office online"),
             "description": tri("Талап қою, баж төлеу, онлайн отырыс", "Иски, оплата пошлины, онлайн-заседания",
                                "File claims, pay fees, join hearings"),
             "url": "https://office.sud.kz", "icon": "office"},
            {"id": 2, "kind": "e_service", "title": tri("Жоғарғы Сот", "Верховный Суд", "Supreme Court"),
             "description": tri("Ресми сайт", "Официальный сайт", "Official site"), "url": "https://sud.gov.kz",
             "icon": "web"},
            {"id": 3, "kind": "social", "title": tri("Instagram", "Instagram", "Instagram"), "description": tri("", "", ""),
             "url": "https://instagram.com/mng.sud", "icon": "instagram"},
            {"id": 4, "kind": "social", "title": tri("Telegram", "Telegram", "Telegram"), "description": tri("", "", ""),
             "url": "https://t.me/mngsud", "icon": "telegram"},
        ],
        "media": media,
    }
    manifest["content_sha256"] = content_digest(manifest)
    return validate(manifest)


def make_cache(tmp_path, version=1, hearings_on=NOW.date()):
    """A kiosk.cache.Cache holding the fixture manifest and all its media, and a hearings feed
    for ``hearings_on`` (None: no feed kept)."""
    files = make_files(tmp_path / "files")
    manifest = make_manifest(files, version)
    cache = Cache(tmp_path / "cache")
    for path, _kind in files.values():
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        cache.part_path(sha).write_bytes(data)
        cache.commit_media(sha, len(data))
    cache.install(canonical_json(manifest))
    if hearings_on is not None:
        cache.save_hearings(canonical_json(make_feed(hearings_on)))
    return cache, manifest


def running_kiosk(tmp_path):
    """A started KioskApp (kiosk mode, kk) over :func:`make_cache`'s court in ``tmp_path``, with a fake
    player and no watchdog, thumbnails or usage file; stopped when the generator closes. For a module
    fixture: ``yield from running_kiosk(tmp_path_factory.mktemp("name"))``."""
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import start_app, stop_app
    from kiosk.video.fake import FakePlayer

    cache, manifest = make_cache(tmp_path)
    env = KioskEnv(lang="kk", manifest=manifest, cache=cache, make_player=lambda call_soon: FakePlayer(call_soon),
                   thumbnail_every_s=None, watchdog=None, usage_path=None)
    app = KioskApp(env)
    start_app(app)
    yield app
    stop_app(app)
