"""The demo court ships inside the wheel, and seed-demo finds it from an installed copy.

Builds a wheel from a copy of the sources (offline, with uv and the setuptools
that `make setup` put in uv's cache), installs it with --no-deps into a temporary folder and runs
`court-kiosk-server init` and `seed-demo` from there, outside the checkout.
"""
from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "admin_server" / "demo"
UV = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
# conftest points XDG_CACHE_HOME at a temporary folder; the build backend is in the
# developer's uv cache (`make setup` builds the project with it)
UV_CACHE = os.environ.get("UV_CACHE_DIR") or str(Path.home() / ".cache" / "uv")
# runs the admin CLI of the copy installed in argv[1]; refuses to run any other copy
RUN_INSTALLED = """
import sys
target = sys.argv.pop(1)
sys.path.insert(0, target)
import admin_server
if not admin_server.__file__.startswith(target):
    sys.exit(f"imported {admin_server.__file__}, not the installed copy in {target}")
from admin_server.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _source_copy(dest: Path) -> Path:
    """pyproject.toml, README.md and the packages setuptools would find, without caches."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for path in ROOT.iterdir():
        if path.is_dir() and any(fnmatch.fnmatch(path.name, pattern) for pattern in include):
            shutil.copytree(path, dest / path.name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not Path(UV).exists():
        pytest.skip("uv is not installed (make setup puts it in .tools/bin)")
    tmp = tmp_path_factory.mktemp("wheel")
    src = _source_copy(tmp / "src")
    env = dict(os.environ, UV_PYTHON_DOWNLOADS="never", UV_CACHE_DIR=UV_CACHE)
    out = subprocess.run([UV, "build", "--wheel", "--offline", "--python", sys.executable,
                          "-o", str(tmp / "dist"), str(src)],
                         capture_output=True, text=True, timeout=300, env=env)
    if out.returncode != 0 and "network was disabled" in out.stderr:
        pytest.skip(f"setuptools (the build backend) is not in uv's cache {UV_CACHE} "
                    "(make setup puts it there) and the build runs offline")
    assert out.returncode == 0, f"uv build failed:\n{out.stderr[-3000:]}"
    wheels = list((tmp / "dist").glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_wheel_ships_every_demo_file(wheel):
    names = _names(wheel)
    content = json.loads((DEMO / "content.json").read_text(encoding="utf-8"))
    referenced = [f for t in content["templates"] for f in t["files"].values()]
    referenced += [v["file"] for v in content["videos"]]
    missing = [rel for rel in ["demo/content.json", *referenced] if f"admin_server/{rel}" not in names]
    assert not missing, f"the wheel lacks {missing}"
    shipped = {n for n in names if n.startswith("admin_server/demo/")}
    committed = {f"admin_server/{p.relative_to(DEMO.parent).as_posix()}"
                 for p in DEMO.rglob("*") if p.is_file()}
    assert shipped == committed
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("admin_server/demo/content.json") == (DEMO / "content.json").read_bytes()


def test_wheel_ships_the_admin_translations(wheel):
    catalogs = {f"admin_server/{p.relative_to(ROOT / 'admin_server').as_posix()}"
                for p in (ROOT / "admin_server" / "translations").glob("*/LC_MESSAGES/*.po")}
    assert catalogs and catalogs <= _names(wheel)


def test_seed_demo_from_the_installed_wheel(wheel, tmp_path):
    target = tmp_path / "site"
    out = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                          "--no-index", "--target", str(target), str(wheel)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert (target / "admin_server" / "demo" / "content.json").is_file()

    def cli(*args):
        return subprocess.run([sys.executable, "-c", RUN_INSTALLED, str(target),
                               "--data-dir", str(tmp_path / "data"), *args],
                              capture_output=True, text=True, timeout=300, cwd=tmp_path)

    assert cli("init").returncode == 0
    seeded = cli("seed-demo")
    assert seeded.returncode == 0, seeded.stderr
    shipped = json.loads((target / "admin_server" / "demo" / "content.json").read_text(encoding="utf-8"))
    assert (f"Loaded the demo court: {len(shipped['templates'])} templates, {len(shipped['videos'])} videos"
            in seeded.stdout)
    again = cli("seed-demo")
    assert "already has content" in again.stdout


def test_seed_demo_names_a_missing_demo(tmp_path):
    from admin_server.errors import ValidationError
    from admin_server.seed import seed_demo

    with pytest.raises(ValidationError, match="Demo content not found at .*demo/content.json"):
        seed_demo(None, None, tmp_path)
