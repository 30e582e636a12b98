"""House rules on imports: the two programs meet only in the contract package.

- ``kiosk`` never imports ``admin_server`` and ``admin_server`` never imports ``kiosk``;
- ``court_contract`` imports nothing outside the standard library (and itself).
"""
import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str):
    """(file, line, top-level module name) of every absolute import in a package."""
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                yield path.relative_to(ROOT), node.lineno, name.split(".")[0]


def test_the_walk_sees_imports():
    # A walk that found nothing would pass every rule below.
    found = {name for _, _, name in imported_modules("kiosk")}
    assert {"kivy", "court_contract"} <= found


@pytest.mark.parametrize("package, forbidden", [("kiosk", "admin_server"), ("admin_server", "kiosk")])
def test_the_two_programs_do_not_import_each_other(package, forbidden):
    offenders = [f"{path}:{line}" for path, line, name in imported_modules(package) if name == forbidden]
    assert not offenders, f"{package} imports {forbidden} at {offenders}; share code through court_contract"


def test_the_contract_uses_only_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"court_contract"}
    offenders = [f"{path}:{line} {name}" for path, line, name in imported_modules("court_contract")
                 if name not in allowed]
    assert not offenders, f"court_contract must need only the standard library: {offenders}"


def test_the_rule_catches_a_forbidden_import(tmp_path, monkeypatch):
    package = tmp_path / "kiosk"
    package.mkdir()
    (package / "bad.py").write_text("import os\nfrom admin_server.fleet import kiosk_state\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [(str(p), n) for p, _, n in imported_modules("kiosk")] == [("kiosk/bad.py", "os"),
                                                                      ("kiosk/bad.py", "admin_server")]
