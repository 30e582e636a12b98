"""Keypad and keyboard, announcements and playlists: the pure parts (template search: tests/test_kiosk_screen_helpers.py)."""

from kiosk.widgets import keyboard, keypad


def test_keypad_digits():
    digits = ""
    for key in ("0", "1", "2", "5", "00"[0], "back", "0", "0"):
        digits = keypad.apply_key(digits, key)
    assert digits == "12500"
    assert keypad.apply_key("9" * 13, "9") == "9" * 13
    assert keypad.apply_key("123", "clear") == ""


def test_keyboard_layouts_have_the_kazakh_letters():
    letters = "".join(keyboard.LAYOUTS["cyr"])
    for ch in "әғқңөұүһі" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя":
        assert ch in letters
    assert "q" in "".join(keyboard.LAYOUTS["lat"])


def test_keyboard_text_editing():
    text = ""
    for key in ("қ", "space", "space", "а", "back", "ә"):
        text = keyboard.apply_key(text, key)
    assert text == "қ ә"
    assert keyboard.apply_key("", "space") == ""
    assert keyboard.apply_key("abc", "clear") == ""


def test_announcements_in_force_emergencies_apart_ticker_by_priority():
    # the app's ticker and emergency overlay come from court_contract.schedule (kiosk.programme wraps it)
    import datetime as dt

    from kiosk.programme import announcement_part

    now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    items = [
        {"id": 1, "priority": 0, "emergency": False, "starts_at": None, "ends_at": None},
        {"id": 2, "priority": 5, "emergency": False, "starts_at": "2026-11-20T00:00:00+05:00", "ends_at": None},
        {"id": 3, "priority": 0, "emergency": True, "starts_at": None, "ends_at": "2026-11-25T00:00:00+05:00"},
        {"id": 4, "priority": 9, "emergency": False, "starts_at": "2026-12-01T00:00:00+05:00", "ends_at": None},
        {"id": 5, "priority": 9, "emergency": True, "starts_at": None, "ends_at": "2026-11-24T09:59:00+05:00"},
    ]
    manifest = {"court": {"timezone": "Asia/Aqtau"}, "published_at": "2026-11-22T08:00:00+00:00",
                "announcements": items}
    ticker, emergencies, deadline = announcement_part(manifest, now)
    assert [a["id"] for a in ticker] == [2, 1]
    assert [a["id"] for a in emergencies] == [3]
    assert deadline == dt.datetime(2026, 11, 25, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    assert announcement_part(None, now) == ([], [], None)


def test_playlist_from_manifest_skips_videos_out_of_their_dates(tmp_path):
    import datetime as dt

    from kiosk.cache import Cache
    from kiosk.programme import playlist_part

    sha = "a" * 64
    videos = [
        {"id": 1, "file": {"sha256": sha}, "valid_from": None, "valid_to": None},
        {"id": 2, "file": {"sha256": "b" * 64}, "valid_from": "2026-12-01", "valid_to": None},
        {"id": 3, "file": {"sha256": "c" * 64}, "valid_from": None, "valid_to": "2026-11-01"},
    ]
    manifest = {"court": {"timezone": "Asia/Aqtau"}, "published_at": "2026-11-22T08:00:00+00:00", "videos": videos}
    cache = Cache(tmp_path)
    now = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.timezone.utc)
    kept, paths, deadline = playlist_part(manifest, cache, now)
    assert [v["id"] for v in kept] == [1] and paths == [str(tmp_path / "media" / sha)]
    assert deadline is not None  # midnight: dated videos may start or stop
    assert playlist_part(None, cache, now) == ([], [], None)
