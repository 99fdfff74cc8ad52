"""Framework files: validation with clear messages, and year-on-year extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from csrating.errors import BadExtension, FrameworkError, UnknownFramework
from csrating.frameworks import load_framework, shipped_frameworks

BASE = """
id = "base-test"
title = "Base"
kind = "rating"
as_at = 2009-08-31

[[rules]]
code = "T-A"
kind = "block_a_band"
description = "band A"
source = "test"
params.group_weights = { primary = 1.0 }
params.share_cutoffs = [40.0, 60.0, 80.0]
params.score_cutoffs = [1.5, 2.5, 3.5]

[[rules]]
code = "T-P"
kind = "provisional_grade"
description = "grade"
source = "test"
params = { block_weights = { A = 1.0 }, score_cutoffs = [1.5, 2.5, 3.5] }
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    return path


def test_shipped_frameworks_load() -> None:
    assert set(shipped_frameworks()) == {
        "rating-2009",
        "rating-2010",
        "rating-2011",
        "apa-2006",
        "simulation-2025",
    }
    for ident in shipped_frameworks():
        framework = load_framework(ident)
        assert framework.rules
        assert all(rule.description and rule.source for rule in framework.rules)


def test_rating_2010_extends_2009_with_wider_scope_and_august_cut_off() -> None:
    earlier, later = load_framework("rating-2009"), load_framework("rating-2010")
    assert later.lineage == ("rating-2009", "rating-2010")
    assert later.as_at.isoformat() == "2010-08-31"
    assert earlier.profile.scope < later.profile.scope
    assert [r.code for r in later.rules] == [r.code for r in earlier.rules]
    assert later.rule("R09-P").params.required_blocks == ["A", "B", "C"]  # type: ignore[union-attr, attr-defined]


def test_unknown_framework_names_the_shipped_ones() -> None:
    with pytest.raises(UnknownFramework, match="rating-2009"):
        load_framework("rating-1999")


def test_a_broken_parameter_names_its_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken", BASE.replace("[40.0, 60.0, 80.0]", "[80.0, 60.0, 40.0]"))
    with pytest.raises(FrameworkError, match=r"rule T-A: params: key 'share_cutoffs'"):
        load_framework(path)


def test_an_unknown_top_level_key_is_named(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "typo", BASE.replace('kind = "rating"', 'kind = "rating"\nas_of = 2009-08-31')
    )
    with pytest.raises(FrameworkError, match="key 'as_of'"):
        load_framework(path)


def test_an_unknown_rule_kind_is_named(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "kind", BASE.replace('kind = "provisional_grade"', 'kind = "provisional"')
    )
    with pytest.raises(FrameworkError, match="unknown rule kind 'provisional'"):
        load_framework(path)


def test_extension_cannot_remove_an_unknown_rule(tmp_path: Path) -> None:
    base = _write(tmp_path, "base-test", BASE)
    child = f'id = "child"\ntitle = "Child"\nextends = "{base}"\nremoved = ["T-X"]\n'
    with pytest.raises(BadExtension, match="removes rule T-X"):
        load_framework(_write(tmp_path, "child", child))


def test_extension_cannot_re_add_a_known_rule(tmp_path: Path) -> None:
    base = _write(tmp_path, "base-test", BASE)
    child = (
        f'id = "child"\ntitle = "Child"\nextends = "{base}"\n'
        '[[added]]\ncode = "T-A"\nkind = "block_a_band"\ndescription = "again"\nsource = "x"\n'
    )
    with pytest.raises(BadExtension, match="never reused"):
        load_framework(_write(tmp_path, "child", child))


def test_extend_then_remove_gives_back_the_parent(tmp_path: Path) -> None:
    base = _write(tmp_path, "base-test", BASE)
    child = (
        f'id = "child"\ntitle = "Child"\nextends = "{base}"\n'
        '[[added]]\ncode = "T-L"\nkind = "limit_unannounced_priority_action"\n'
        'description = "limit"\nsource = "test"\n'
    )
    grandchild = (
        f'id = "grandchild"\ntitle = "G"\nextends = "{tmp_path / "child.toml"}"\n'
        'removed = ["T-L"]\n'
    )
    _write(tmp_path, "child", child)
    parent = load_framework(base)
    extended = load_framework(tmp_path / "child.toml")
    result = load_framework(_write(tmp_path, "grandchild", grandchild))
    assert [r.code for r in extended.rules] == ["T-A", "T-P", "T-L"]
    assert result.rules == parent.rules
    assert result.profile == parent.profile
