"""`make demo PORT=...`: the demo's QR codes point to the port its server answers on.

The demo content's own address is http://127.0.0.1:8000; a demo started on another port (the README's
`make demo PORT=8001`) used to print QR codes that open nothing. `seed-demo --public-url` sets it, and
again on a later start with another port, but never replaces an address staff set for phones.
"""
import subprocess

from admin_server.content import get_settings, set_settings
from admin_server.testing import REPO, SERVER_EXE
from tests.support.admin import db_for


def run(data, *args):
    return subprocess.run([SERVER_EXE, "--data-dir", str(data), *args], capture_output=True, text=True)


def public_url(data):
    db = db_for(data)
    try:
        return get_settings(db)["public_base_url"]
    finally:
        db.conn.close()


def test_the_demo_points_its_qr_codes_at_its_own_port_and_follows_a_new_one(tmp_path):
    data = tmp_path / "demo"
    assert run(data, "init").returncode == 0
    first = run(data, "seed-demo", "--public-url", "http://127.0.0.1:8011")
    assert first.returncode == 0, first.stderr
    assert public_url(data) == "http://127.0.0.1:8011"
    again = run(data, "seed-demo", "--public-url", "http://127.0.0.1:8012")  # make demo PORT=8012 later
    assert again.returncode == 0 and "QR codes now point to http://127.0.0.1:8012" in again.stdout
    assert public_url(data) == "http://127.0.0.1:8012"


def test_an_address_staff_set_for_phones_is_kept(tmp_path):
    data = tmp_path / "demo"
    run(data, "init")
    assert run(data, "seed-demo").returncode == 0
    assert public_url(data) == "http://127.0.0.1:8000"  # the demo's own, without the option
    db = db_for(data)
    set_settings(db, {"public_base_url": "https://kiosk.mng.sud.kz"})
    db.conn.close()
    again = run(data, "seed-demo", "--public-url", "http://127.0.0.1:8011")
    assert again.returncode == 0 and "QR codes" not in again.stdout
    assert public_url(data) == "https://kiosk.mng.sud.kz"


def test_an_address_set_at_init_survives_the_first_demo_load(tmp_path):
    """`init --public-url` then `seed-demo`: the demo used to load its own http://127.0.0.1:8000 over it."""
    data = tmp_path / "data"
    assert run(data, "init", "--public-url", "https://kiosk.mng.sud.kz").returncode == 0
    assert run(data, "seed-demo", "--public-url", "http://127.0.0.1:8011").returncode == 0
    assert public_url(data) == "https://kiosk.mng.sud.kz"


def test_a_public_url_that_is_not_an_address_is_refused_in_one_sentence(tmp_path):
    data = tmp_path / "demo"
    run(data, "init")
    bad = run(data, "seed-demo", "--public-url", "127.0.0.1:8011")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert "is not a web address" in bad.stderr
    assert "127.0.0.1:8011" in bad.stderr
    assert run(data, "seed-demo").returncode == 0  # nothing was half-loaded: the demo still loads


def test_the_demo_script_passes_its_own_address():
    script = (REPO / "scripts" / "demo.sh").read_text()
    assert 'seed-demo --public-url "$URL"' in script
