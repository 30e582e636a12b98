"""The demo's data files (media/data/*.toml): bad data is refused with a sentence.

Each test edits a copy of media/data/ and checks the error names the file and
the problem; the committed files themselves are checked in test_demo_media.py.
"""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.support.demo_data import MEDIA, data_dir, edit, maker  # noqa: F401 (fixtures)


def refused(maker, data_dir: Path, pattern: str) -> None:
    with pytest.raises(maker.data.DataError, match=pattern):
        maker.content.content(data_dir)


def test_the_copy_loads(maker, data_dir):
    # the edits below start from data that loads
    assert maker.content.content(data_dir) == maker.content.content()


def test_missing_file(maker, data_dir):
    (data_dir / "links.toml").unlink()
    refused(maker, data_dir, r"The data file .*links\.toml is missing\.")


def test_invalid_toml(maker, data_dir):
    with (data_dir / "announcements.toml").open("a", encoding="utf-8") as fh:
        fh.write('priority = "unterminated\n')
    refused(maker, data_dir, r"announcements\.toml is not valid TOML")


def test_a_language_missing(maker, data_dir):
    edit(data_dir / "categories.toml", 'en = "Labour disputes"\n', "")
    refused(maker, data_dir, r"categories\.toml category 'labour' title must have the texts "
                             r"kk, ru and en \(found: \['kk', 'ru'\]\)")


def test_an_empty_text(maker, data_dir):
    edit(data_dir / "courts.toml", 'en = "Aktau City Court"', 'en = "  "')
    refused(maker, data_dir, r"courts\.toml\.aktau\.en must be a non-empty text")


def test_a_misspelt_key(maker, data_dir):
    edit(data_dir / "fee_rules.toml", "percent = 3.0", "pecent = 3.0")
    refused(maker, data_dir, r"fee_rules\.toml rule 'property-legal' has unknown keys: pecent")


def test_a_missing_key(maker, data_dir):
    edit(data_dir / "links.toml", 'icon = "telegram"\n', "")
    refused(maker, data_dir, r"links\.toml link 7 has no icon")


def test_no_entries(maker, data_dir):
    (data_dir / "notes.toml").write_text("# nothing yet\n", encoding="utf-8")
    refused(maker, data_dir, r"notes\.toml has no \[\[note\]\] entries")


def test_settings_without_court_name(maker, data_dir):
    edit(data_dir / "settings.toml", 'court_name = "regional"\n', "")
    refused(maker, data_dir, r"settings\.toml has no court_name")


def test_unknown_court(maker, data_dir):
    edit(data_dir / "reception.toml", 'court = "zhanaozen"', 'court = "zhanaozenn"')
    refused(maker, data_dir, r"reception\.toml slot 5 court: 'zhanaozenn' is not a known court "
                             r"\(known: regional, aktau, zhanaozen\)")


def test_unknown_legal_reference(maker, data_dir):
    edit(data_dir / "fee_rules.toml", '[defaults]\nlegal_ref = "rates"', '[defaults]\nlegal_ref = "rate"')
    refused(maker, data_dir, r"legal_ref: 'rate' is not a known legal reference")


def test_positions_must_be_a_table(maker, data_dir):
    text = (data_dir / "reception.toml").read_text(encoding="utf-8")
    start, end = text.index("\n[positions.chair]"), text.index("\n[room]")
    (data_dir / "reception.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    refused(maker, data_dir, r"reception\.toml \[positions\] must be a table of named texts")


def test_unknown_placeholder(maker, data_dir):
    edit(data_dir / "reception.toml", 'en = "Room {room}"', 'en = "Room {rom}"')
    refused(maker, data_dir, r"reception\.toml \[room\] has a placeholder that cannot be filled "
                             r"\('rom'\); the known ones are \{room\}")


def test_template_not_listed(maker, data_dir):
    shutil.copy(data_dir / "templates" / "divorce.toml", data_dir / "templates" / "divorce-2.toml")
    refused(maker, data_dir, r"templates/divorce-2\.toml is not listed in templates\.toml")


def test_template_listed_twice(maker, data_dir):
    edit(data_dir / "templates.toml", '    "appeal",\n', '    "appeal",\n    "divorce",\n')
    refused(maker, data_dir, r"templates\.toml lists divorce more than once")


def test_template_listed_but_missing(maker, data_dir):
    (data_dir / "templates" / "appeal.toml").unlink()
    refused(maker, data_dir, r"The data file .*templates/appeal\.toml is missing")


def test_templates_without_order(maker, data_dir):
    (data_dir / "templates.toml").write_text("# the order goes here\n", encoding="utf-8")
    refused(maker, data_dir, r"templates\.toml has no order = \[\.\.\.\] list of slugs")


def test_template_with_unknown_category(maker, data_dir):
    edit(data_dir / "templates" / "appeal.toml", 'category = "appeal"', 'category = "appeals"')
    refused(maker, data_dir, r"templates/appeal\.toml category: 'appeals' is not a known category")


def test_template_with_unknown_shared_line(maker, data_dir):
    edit(data_dir / "templates" / "divorce.toml", 'line = "fee_0_3"', 'line = "fee_03"')
    refused(maker, data_dir, r"templates/divorce\.toml extra\[0\]: 'fee_03' is not a known line")


def test_template_with_unknown_court(maker, data_dir):
    edit(data_dir / "templates" / "appeal.toml", 'court = "appeal"', 'court = "regional"')
    refused(maker, data_dir, r"templates/appeal\.toml court must be one of city, case, appeal "
                             r"\(found: 'regional'\)")


def test_template_without_paragraphs(maker, data_dir):
    text = (data_dir / "templates" / "divorce.toml").read_text(encoding="utf-8")
    start, end = text.index("\n[[requests]]"), text.index("\n[[attachments]]")
    (data_dir / "templates" / "divorce.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    refused(maker, data_dir, r"templates/divorce\.toml has no requests")


def test_clip_colours_must_be_a_pair(maker, data_dir):
    edit(data_dir / "clips.toml", 'bg = ["0x0B2545", "0x1D4E89"]', 'bg = "0x0B2545"')
    with pytest.raises(maker.data.DataError, match=r"clips\.toml clip 'e-services' bg must be "
                                                   r"a list of two colours"):
        maker.data.clips(data_dir)


def test_document_with_unknown_party_kind(maker, data_dir, tmp_path):
    pytest.importorskip("docx", reason="python-docx is a dev dependency")
    edit(data_dir / "templates" / "divorce.toml", '{role = "plaintiff", kind = "person"}',
         '{role = "plaintiff", kind = "human"}')
    with pytest.raises(maker.data.DataError, match=r"templates/divorce\.toml parties: 'human' is "
                                                   r"not a known kind of party"):
        maker.documents.make_templates(tmp_path / "out", data_dir)


def test_document_with_unknown_role(maker, data_dir, tmp_path):
    pytest.importorskip("docx", reason="python-docx is a dev dependency")
    edit(data_dir / "templates" / "divorce.toml", '{role = "defendant", kind = "person_opt"}',
         '{role = "respondent", kind = "person_opt"}')
    with pytest.raises(maker.data.DataError, match=r"'respondent' is not a known role"):
        maker.documents.make_templates(tmp_path / "out", data_dir)


def test_cli_says_what_is_wrong_and_writes_nothing(monkeypatch, data_dir, tmp_path, capsys):
    monkeypatch.syspath_prepend(str(MEDIA))
    spec = importlib.util.spec_from_file_location("make_demo_media", MEDIA / "make_demo_media.py")
    cli = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cli)
    (data_dir / "mrp.toml").unlink()
    out = tmp_path / "out"
    assert cli.main(["--only", "json", "--data-dir", str(data_dir), "--out-dir", str(out)]) == 2
    assert "mrp.toml is missing" in capsys.readouterr().err
    assert not out.exists()
