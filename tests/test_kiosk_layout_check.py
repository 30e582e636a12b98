"""The layout check (kiosk/layout_check.py) over every screen x language x text size x panel.

The court is the demo court as the server publishes it, with a stress set on top: the longest
court name of the country's courts, long Kazakh words, names and titles, a day of 40 hearings
with long names (tests/support/ui.py), so the longest real texts are on screen. One kiosk app,
one display app and one door sign (a display with ``--room``) run in this process, one at a
time; each screen is put on once and then judged on each panel of its mode: KioskRoot lays the
screens out at the design size (1080x1920, the display 1920x1080) and draws them by one factor,
and the texts are rendered at the panel's size (kiosk/widgets/crisp.py), so the panel is a
resize of the window: the layout, the texts and the window coordinates the check reads are the
panel's (the offscreen window draws nothing past its first size, and the check reads no
pixels). Frames are not drawn at all (settle()).

The first tests prove each rule of the check fails on a small tree made to break it.
"""

import copy
import json
import shutil

import pytest

from court_contract.manifest import canonical_json, content_digest, validate
from tests.support.ui import NOW, ROOMS, make_feed, tri

LANGS = ("kk", "ru", "en")
PANELS = {"kiosk": ((1080, 1920), (720, 1280), (2160, 3840)), "display": ((1920, 1080),)}
KIOSK_SCREENS = ("home", "fees", "calculator", "reception", "templates", "search", "template", "links", "videos",
                 "hearings", "hearing", "attract", "idle", "waiting", "emergency")
LOW_SCREENS = ("home", "search", "hearings")  # what the 'low' layout (wheelchair reach) arranges otherwise
SIZES = ("normal", "large")


# --- each rule fails on a tree made to break it -------------------------------------------------------------
@pytest.fixture
def bare_window():
    """The window with a plain root of our own (no app): themed widgets are not needed here."""
    from kivy.uix.floatlayout import FloatLayout

    from kiosk.testing import frame, window

    win = window((1080, 1920))
    root = FloatLayout()
    layer = FloatLayout()
    root.add_widget(layer)
    win.add_widget(root)
    yield root, layer, frame
    win.remove_widget(root)


def painted(widget, rgba):
    from kivy.graphics import Color, Rectangle

    with widget.canvas.before:
        Color(*rgba)
        rect = Rectangle(pos=widget.pos, size=widget.size)
    widget.bind(pos=lambda w, p: setattr(rect, "pos", p), size=lambda w, s: setattr(rect, "size", s))
    return widget


def kinds(report):
    return sorted({p.kind for p in report.problems})


def test_a_text_taller_than_its_box_is_an_overflow(bare_window):
    from kivy.uix.label import Label

    from kiosk.layout_check import check

    root, layer, frame = bare_window
    label = Label(text="Кәмелетке толмағандардың істері жөніндегі мамандандырылған ауданаралық сот " * 3,
                  font_size=40, size_hint=(None, None), size=(400, 120), pos=(100, 100), color=(0, 0, 0, 1))
    label.text_size = label.size
    layer.add_widget(painted(label, (1, 1, 1, 1)))
    frame()
    report = check(root)
    assert kinds(report) == ["overflow"], report.problems
    assert "of height" in str(report.problems[0]) and "Кәмелетке" in str(report.problems[0])
    label.size = (960, 700)
    label.text_size = label.size
    frame()
    assert check(root).problems == []


def test_a_word_broken_in_the_middle_is_an_overflow(bare_window):
    from kivy.uix.label import Label

    from kiosk.layout_check import check

    root, layer, frame = bare_window
    label = Label(text="Құдайбергенұлы", font_size=40, size_hint=(None, None), size=(150, 200), pos=(0, 0),
                  color=(0, 0, 0, 1), text_size=(150, None))
    layer.add_widget(painted(label, (1, 1, 1, 1)))
    frame()
    problems = check(root).problems
    assert [p.kind for p in problems] == ["overflow"] and "broken" in problems[0].detail, problems


def test_overlapping_widgets_fail_unless_one_is_meant_to_lie_over_the_other(bare_window):
    from kivy.uix.button import Button
    from kivy.uix.label import Label

    from kiosk.layout_check import check

    root, layer, frame = bare_window
    tile = Button(text="Электрондық қызметтер", size_hint=(None, None), size=(500, 300), pos=(0, 0))
    heading = Label(text="Байланыс", font_size=34, size_hint=(None, None), size=(300, 60), pos=(20, 260),
                    color=(1, 1, 1, 1))
    layer.add_widget(tile)
    layer.add_widget(heading)
    frame()
    problems = check(root).problems
    assert [p.kind for p in problems] == ["overlap"], problems
    assert "Байланыс" in str(problems[0]) and "Электрондық" in str(problems[0])
    heading.may_overlap = True
    assert [p for p in check(root).problems if p.kind == "overlap"] == []


def test_a_widget_outside_its_container_spills_but_a_scroll_views_content_does_not(bare_window):
    from kivy.uix.boxlayout import BoxLayout
    from kivy.uix.label import Label
    from kivy.uix.scrollview import ScrollView

    from kiosk.layout_check import check

    root, layer, frame = bare_window
    card = painted(BoxLayout(orientation="vertical", size_hint=(None, None), size=(400, 100), pos=(0, 500)),
                   (1, 1, 1, 1))
    for word in ("Байланыс", "+7 7292 50-10-20", "mng@sud.kz"):
        card.add_widget(Label(text=word, color=(0, 0, 0, 1), size_hint_y=None, height=60))
    layer.add_widget(card)
    frame()
    assert "spill" in kinds(check(root))
    layer.remove_widget(card)
    scroll = painted(ScrollView(size_hint=(None, None), size=(400, 100), pos=(0, 500)), (1, 1, 1, 1))
    content = BoxLayout(orientation="vertical", size_hint_y=None, height=300)
    for word in ("Байланыс", "+7 7292 50-10-20", "mng@sud.kz", "https://mng.sud.kz", "Ақтау"):
        content.add_widget(Label(text=word, color=(0, 0, 0, 1)))
    scroll.add_widget(content)
    layer.add_widget(scroll)
    frame()
    assert check(root).problems == []


def test_a_small_button_is_a_touch_problem_on_a_small_panel(bare_window):
    from kivy.uix.button import Button

    from kiosk.layout_check import check

    root, layer, frame = bare_window
    layer.add_widget(Button(text="KZ", size_hint=(None, None), size=(60, 60), pos=(10, 10)))
    frame()
    report = check(root)
    assert report.problems == [] and report.targets == 1
    assert kinds(check(root, min_touch_px=72)) == ["touch"]  # 60 px is 40 on a panel at 2/3


def test_low_contrast_fails_and_large_text_mode_asks_for_7_to_1(bare_window):
    from kivy.uix.label import Label

    from kiosk.layout_check import check

    root, layer, frame = bare_window
    # #767676 on white is 4.54:1: enough for normal text, not for the large-text mode
    label = Label(text="Тақырыпты таңдаңыз", font_size=30, size_hint=(None, None), size=(500, 80), pos=(0, 0),
                  color=(0x76 / 255, 0x76 / 255, 0x76 / 255, 1))
    layer.add_widget(painted(label, (1, 1, 1, 1)))
    frame()
    assert check(root).problems == []
    assert kinds(check(root, large_text=True)) == ["contrast"]
    label.color = (0.6, 0.6, 0.6, 1)
    frame()
    problems = check(root).problems
    assert [p.kind for p in problems] == ["contrast"] and "needs 4.5:1" in problems[0].detail


def test_text_over_a_picture_is_counted_not_judged(bare_window):
    from kivy.graphics.texture import Texture
    from kivy.uix.image import Image
    from kivy.uix.label import Label

    from kiosk.layout_check import check

    root, layer, frame = bare_window
    picture = Image(size_hint=(None, None), size=(500, 300), pos=(0, 0), color=(1, 1, 1, 1), fit_mode="fill")
    picture.texture = Texture.create(size=(4, 4))
    caption = Label(text="Татуласу", color=(1, 1, 1, 1), size_hint=(None, None), size=(300, 60), pos=(20, 20))
    caption.may_overlap = True  # a caption laid over the picture on purpose
    layer.add_widget(picture)
    layer.add_widget(caption)
    frame()
    report = check(root)
    assert report.problems == [] and report.unknown_background == 1 and report.texts == 0


# --- the court on screen ---------------------------------------------------------------------------------------
LONG_COURT = tri("Алматы қаласының кәмелетке толмағандардың істері жөніндегі мамандандырылған ауданаралық соты",
                 "Специализированный межрайонный суд по делам несовершеннолетних города Алматы",
                 "Specialised Inter-District Court for Juvenile Cases of the City of Almaty")
LONG_ADDRESS = tri("050059, Алматы қаласы, Бостандық ауданы, Әл-Фараби даңғылы, 77/8-үй, «Нұрлы Тау» "
                   "бизнес-орталығы, 4В-блок",
                   "050059, г. Алматы, Бостандыкский район, проспект аль-Фараби, 77/8, бизнес-центр "
                   "«Нурлы Тау», блок 4В",
                   "Block 4B, Nurly Tau Business Centre, 77/8 Al-Farabi Avenue, Bostandyk District, "
                   "Almaty 050059")


def stress(manifest):
    """The demo manifest with the longest texts in front, where each screen shows them first."""
    m = copy.deepcopy(manifest)
    m["court"]["name"], m["court"]["address"] = LONG_COURT, LONG_ADDRESS
    m["template_categories"].insert(0, {"code": "juvenile", "title": tri(
        "Кәмелетке толмағандардың істері жөніндегі даулар", "Споры по делам несовершеннолетних",
        "Disputes concerning minors")})
    first = m["templates"][0]
    m["templates"].insert(0, dict(first, slug="juvenile-residence", category="juvenile", title=tri(
        "Кәмелетке толмаған баланың тұрғылықты жерін анықтау және оны тәрбиелеуге қатысу тәртібін белгілеу "
        "туралы талап қою",
        "Иск об определении места жительства несовершеннолетнего ребёнка и порядка участия в его воспитании",
        "Claim to determine a minor child's residence and how each parent takes part in the upbringing"),
        description=tri(
            "Ата-ананың келісімі болмаған жағдайда; мемлекеттендірілмегендіктен туындайтын мүліктік талаптар "
            "жеке қаралады. Жауапкершілігі шектеулі серіктестігінің өкілдері сенімхатпен қатысады.",
            "Если родители не договорились; имущественные требования рассматриваются отдельно. Представители "
            "товарищества с ограниченной ответственностью участвуют по доверенности.",
            "When the parents do not agree; property claims are heard separately. Representatives of a "
            "limited liability partnership take part with a power of attorney.")))
    slot = copy.deepcopy(m["reception"][0])
    slot.update(id=99, person=tri("Құдайбергенова Гүлжаһан Нұрсұлтанқызы", "Кудайбергенова Гульжахан Нурсултановна",
                                  "Gulzhakhan Kudaibergenova"),
                position=tri("Кәмелетке толмағандардың істері жөніндегі алқаның төрағасы",
                             "Председатель коллегии по делам несовершеннолетних",
                             "Chair of the juvenile cases division"))
    m["reception"].insert(0, slot)
    link = copy.deepcopy(next(x for x in m["links"] if x["kind"] == "e_service"))
    link.update(id=99, title=tri("Қазақстан Республикасы Жоғарғы Сотының ресми интернет-ресурсы",
                                 "Официальный интернет-ресурс Верховного Суда Республики Казахстан",
                                 "Official website of the Supreme Court of the Republic of Kazakhstan"))
    m["links"].insert(0, link)
    video = copy.deepcopy(m["videos"][0])
    video.update(id=99, title=tri("Татуласу рәсімдері: медиация, партисипативтік рәсім және сотта татуласу",
                                  "Примирительные процедуры: медиация, партисипативная процедура и примирение в суде",
                                  "Reconciliation: mediation, the participatory procedure and settling in court"))
    m["videos"].insert(0, video)
    rooms = {room["id"]: room for room in m["rooms"]}
    for fixture_room in ROOMS[:2]:  # the demo's rooms 3 and 4 (today's hearings are there) get long names
        rooms[fixture_room["id"]].update({key: fixture_room[key] for key in ("name", "wing", "way")})
    m["content_sha256"] = content_digest(m)
    return validate(m)


@pytest.fixture(scope="module")
def court(tmp_path_factory):
    """(cache, manifest, feed): the demo court as published, the stress set, today's hearings."""
    from admin_server.db import open_existing
    from admin_server.publish import current_manifest
    from admin_server.store import MediaStore
    from admin_server.testing import run_cli
    from kiosk.cache import Cache

    root = tmp_path_factory.mktemp("layout")
    data = root / "data"
    assert run_cli(data, "init", "--public-url", "https://mng.sud.kz") == 0
    assert run_cli(data, "seed-demo") == 0 and run_cli(data, "publish") == 0
    db = open_existing(data)
    body, _etag = current_manifest(db)
    db.conn.close()
    store = MediaStore(data / "media")
    cache = Cache(root / "cache")
    manifest = stress(json.loads(body))
    for sha, info in manifest["media"].items():
        shutil.copyfile(store.path(sha), cache.part_path(sha))
        cache.commit_media(sha, info["size"])
    cache.install(canonical_json(manifest))
    feed = make_feed(NOW.date())
    return cache, manifest, feed


class Apps:
    """One app at a time in this process: the kiosk, then the display."""

    def __init__(self, court):
        self.court = court
        self.app = None

    def get(self, mode, layout="normal", room=""):
        from kiosk.app import KioskApp
        from kiosk.env import KioskEnv
        from kiosk.testing import pump, start_app
        from kiosk.video.fake import FakePlayer

        if self.app is not None and (self.app.mode, self.app.layout, self.app.env.room) == (mode, layout, room):
            return self.app
        self.close()
        cache, manifest, feed = self.court
        clock = [0.0]  # the idle timer's clock stands still unless a test moves it (put_on)
        env = KioskEnv(mode=mode, layout=layout, room=room, lang="kk", manifest=manifest, hearings=feed,
                       cache=cache, now=lambda: NOW, monotonic=lambda: clock[0],
                       make_player=lambda call_soon: FakePlayer(call_soon), watchdog=None,
                       thumbnail_first_s=None, thumbnail_every_s=None, lang_rotate_s=0)
        self.app = start_app(KioskApp(env), size=PANELS[mode][0])
        self.app.test_clock = clock
        for name in ("main", "display"):
            if name in self.app.screens:
                self.app.screens[name].ids.ticker.paused = True  # a still ticker: the same layout at every panel
        pump(frames=3)
        return self.app

    def close(self):
        from kiosk.testing import stop_app

        if self.app is not None:
            stop_app(self.app)
            self.app = None


@pytest.fixture(scope="module")
def apps(court):
    holder = Apps(court)
    yield holder
    holder.close()


EMERGENCY = {"id": 999, "emergency": True, "priority": 9, "starts_at": None, "ends_at": None, "text": tri(
    "Ғимаратта өрт дабылы қосылды. Барлық келушілер мен қызметкерлер ең жақын шығу есігі арқылы дереу шығуы тиіс.",
    "В здании объявлена пожарная тревога. Всем посетителям и сотрудникам немедленно выйти через ближайший выход.",
    "A fire alarm is on in the building. All visitors and staff must leave at once by the nearest exit.")}


def settle(ticks=4):
    """Kivy's loop (kivy.base.EventLoop.idle) without drawing: clock, kv rules, layout, label textures.
    A drawn frame of the big offscreen window costs ~0.15 s here; the check reads no pixels."""
    from kivy.clock import Clock
    from kivy.lang import Builder

    for _ in range(ticks):
        Clock.tick()
        Builder.sync()
        Clock.tick_draw()
        Builder.sync()


def put_on(app, screen, lang, large):
    from kiosk.snapshot import show

    app.emergency_overlay.announce([])
    app.idle.touch()
    if screen == "idle":  # the visitor has been away long enough for "still there?", and it stays up
        app.test_clock[0] = app.idle.last_touch + app.idle.timeout_s + 1
    if screen == "waiting":
        show(app, "waiting", lang)
    elif screen == "emergency":
        show(app, "home", lang)
        app.emergency_overlay.announce([EMERGENCY])
    else:
        show(app, screen, lang)
    if large:
        app.set_large_text(True)
    settle()
    assert app.warning_shown == (screen == "idle")
    assert app.current == {"idle": "home", "search": "templates", "emergency": "home"}.get(screen, screen)


def judge(app, panels):
    """The check's findings on each panel, one line per problem; a problem seen on several panels once,
    with the panels named (the numbers are the first panel's). The window stays at the last panel."""
    from kivy.core.window import Window

    from kiosk.layout_check import check

    found = {}
    # the window's panel first: every other one re-renders the texts at its size (kiosk/widgets/crisp.py)
    for panel in sorted(panels, key=lambda p: p != tuple(Window.size)):
        Window.size = panel
        settle(3)
        assert tuple(app.root_widget.size) == panel
        for problem in check(app.root_widget, large_text=app.large_text).problems:
            seen = found.setdefault((problem.kind, problem.where, problem.other), [problem, []])[1]
            if f"{panel[0]}x{panel[1]}" not in seen:
                seen.append(f"{panel[0]}x{panel[1]}")
    return [f"{', '.join(seen)}: {problem}" for problem, seen in found.values()]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", KIOSK_SCREENS)
def test_kiosk_screen_layout(apps, screen, size, lang):
    app = apps.get("kiosk")
    put_on(app, screen, lang, size == "large")
    found = judge(app, PANELS["kiosk"])
    assert not found, f"{screen}-{size}-{lang}: {len(found)} layout problem(s):\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", LOW_SCREENS)
def test_kiosk_low_layout(apps, screen, size, lang):
    app = apps.get("kiosk", "low")
    put_on(app, screen, lang, size == "large")
    found = judge(app, PANELS["kiosk"])
    assert not found, f"low-{screen}-{size}-{lang}: {len(found)} layout problem(s):\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_display_screen_layout(apps, lang):
    # the display has no visitor who could turn large text on: its one text size is checked
    from kiosk.snapshot import show

    app = apps.get("display")
    show(app, "display", lang)
    settle()
    found = judge(app, PANELS["display"])
    assert not found, f"display-{lang}: {len(found)} layout problem(s):\n" + "\n".join(found)


# --- the door sign (display mode with --room) ----------------------------------------------------------------
# The display is laid out for 1920x1080 whatever the panel (kiosk.config.DESIGN_SIZE, KioskRoot): a door sign
# on a portrait panel gets the same layout drawn at 1080/1920, so that panel is checked too, and a 4K one
# (its texts rendered at twice the pixels).
DOOR_PANELS = ((1920, 1080), (1080, 1920), (3840, 2160))
DOOR_ROOM_ID = 3  # the stress feed's room with a running hearing, one moved in, a postponed one and many later


@pytest.fixture(scope="module")
def door_room(court):
    _cache, manifest, _feed = court
    return next(room["number"] for room in manifest["rooms"] if room["id"] == DOOR_ROOM_ID)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_door_sign_layout(apps, door_room, size, lang):
    from kiosk.snapshot import show

    app = apps.get("display", room=door_room)
    show(app, "display", lang)
    app.set_large_text(size == "large")  # (after show: it starts each visit at the normal size)
    settle()
    sign = app.screens["display"].door
    plan = sign.ids
    # the day is the busiest a door sees: something on now, a next one and more later than fit
    assert plan.now_card.ids.time.text and plan.next.children and plan.later.children
    found = judge(app, DOOR_PANELS)
    assert not found, f"door-{size}-{lang}: {len(found)} layout problem(s):\n" + "\n".join(found)
