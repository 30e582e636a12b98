"""House rules for the tests' own imports, so a newcomer can read any test file on its own.

- no test module imports another test module (``tests.test_*``): shared helpers live in tests/support/;
- ``bench`` never imports ``tests`` (both take the real server and nginx from admin_server/testing.py).
  The other direction is allowed: tests/test_bench_*.py test bench modules, and the kiosk-fault and
  soak tests reuse bench's content edits and simulated fleet.
"""
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(folder: str):
    """(file, line, dotted module name) of every import under ``folder``; relative ones resolved."""
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # from . import x / from .x import y: relative to the file's package
                    parts = package.split(".")
                    base = ".".join([*parts[:len(parts) - node.level + 1], base]).strip(".")
                names = [f"{base}.{alias.name}" for alias in node.names] if base in ("tests", "bench") else [base]
            else:
                continue
            for name in names:
                yield path.relative_to(ROOT), node.lineno, name


def imported_test_modules():
    """Imports under tests/ of a ``tests.test_*`` module."""
    return [f"{path}:{line} {name}" for path, line, name in imports("tests")
            if name.split(".")[0] == "tests" and name.split(".")[1:2] and name.split(".")[1].startswith("test_")]


def test_no_test_module_imports_another():
    offenders = imported_test_modules()
    assert not offenders, f"test modules imported as libraries (move the helpers to tests/support/): {offenders}"


def test_bench_never_imports_tests():
    offenders = [f"{path}:{line} {name}" for path, line, name in imports("bench") if name.split(".")[0] == "tests"]
    assert not offenders, f"bench imports tests (use admin_server/testing.py): {offenders}"


def test_the_walk_sees_imports():
    # A walk that found nothing would pass every rule above.
    found = {name.split(".")[0] for _, _, name in imports("tests")} | {name for _, _, name in imports("bench")}
    assert {"tests", "admin_server", "bench.common"} <= found


def test_the_rules_catch_forbidden_imports(tmp_path, monkeypatch):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_a.py").write_text("import os\nfrom tests.test_b import helper\n"
                                                  "from tests import test_c\nfrom . import test_d\n"
                                                  "from tests.support.admin import Staff\n")
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "x.py").write_text("from tests.support.servers import demo_dir\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert imported_test_modules() == ["tests/test_a.py:2 tests.test_b", "tests/test_a.py:3 tests.test_c",
                              "tests/test_a.py:4 tests.test_d"]
    assert [name for _, _, name in imports("bench")] == ["tests.support.servers"]
