"""The catalogue of today's measures (DfE LAIT): built from the dictionary, shaped like ni.csv."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from csrating.ingest.periods import YearType
from csrating.reference import indicator_catalogue
from csrating.scales import EcmOutcome

ROOT = Path(__file__).resolve().parents[2]
DICTIONARY = ROOT.parent / "shared" / "data" / "lait_data_dictionary.csv"
NI_COLUMNS = ["indicator", "title", "ecm_outcome", "polarity", "unit", "decimals", "vulnerable_gap"]


def _rows(name: str) -> list[dict[str, str]]:
    text = (
        resources.files("csrating.reference")
        .joinpath("data", "catalogues", f"{name}.csv")
        .read_text("utf-8")
    )
    return list(csv.DictReader(text.splitlines()))


ROWS = _rows("lait")


def test_the_shipped_catalogue_is_what_the_script_builds() -> None:
    if not DICTIONARY.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{DICTIONARY} is missing in CI")
        pytest.skip("LAIT's data dictionary is not present (../shared/data)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_lait_catalogue.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_it_has_the_columns_of_ni_then_provenance() -> None:
    assert list(ROWS[0])[: len(NI_COLUMNS)] == NI_COLUMNS
    assert {"use", "measure_code", "lait_short_desc", "source", "year_type"} <= set(ROWS[0])


def test_identifiers_are_stable_readable_and_never_ni() -> None:
    ids = [row["indicator"] for row in ROWS]
    ni = {str(i.id) for i in indicator_catalogue("ni")}
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"L_[A-Z0-9]+(_[A-Z0-9]+)*", i) for i in ids)
    assert not set(ids) & ni
    assert 20 <= len(ids) <= 40


def test_it_loads_as_an_indicator_catalogue_grouped_by_outcome() -> None:
    catalogue = indicator_catalogue("lait")
    assert [str(i.id) for i in catalogue] == [row["indicator"] for row in ROWS]
    order = [list(EcmOutcome).index(i.outcome) for i in catalogue]
    assert order == sorted(order)
    assert {i.outcome for i in catalogue} == set(EcmOutcome)


def test_every_row_says_what_it_is_for_and_how_to_read_its_years() -> None:
    for row in ROWS:
        assert row["use"] in ("block_c", "block_a:early_years"), row
        assert YearType(row["year_type"])
        assert row["england"] in ("published", "computed")
        assert row["lait_short_desc"] and row["why"]
        assert row["decimals"].isdigit()


def test_gaps_for_vulnerable_groups_are_lower_is_better_differences() -> None:
    gaps = [row for row in ROWS if row["vulnerable_gap"] == "yes"]
    assert {row["indicator"] for row in gaps} >= {
        "L_KS2_DIS_GAP",
        "L_KS4_DIS_GAP",
        "L_KS2_CLA_GAP",
        "L_KS4_CLA_GAP",
    }
    assert all(row["polarity"] == "lower" for row in gaps)
    assert all(row["unit"] in ("percentage points", "points") for row in gaps)
    derived = [row for row in ROWS if row["lait_minus"]]
    assert derived and all(row["vulnerable_gap"] == "yes" for row in derived)


def test_the_early_years_shares_and_their_denominators_feed_block_a() -> None:
    early = {row["indicator"]: row for row in ROWS if row["use"] == "block_a:early_years"}
    assert set(early) == {"L_EY2_GOOD", "L_EY34_GOOD", "L_EY2_FUNDED", "L_EY34_FUNDED"}
    assert early["L_EY2_GOOD"]["unit"] == early["L_EY34_GOOD"]["unit"] == "percent"
    assert early["L_EY2_FUNDED"]["unit"] == "count"


def test_the_successors_of_the_block_c_national_indicators_are_there() -> None:
    successors = {ni for row in ROWS for ni in row["ni"].split()}
    for ni in (
        "NI059",
        "NI062",
        "NI063",
        "NI064",
        "NI065",
        "NI067",
        "NI073",
        "NI075",
        "NI087",
        "NI099",
        "NI101",
        "NI102a",
        "NI102b",
        "NI111",
        "NI112",
        "NI117",
        "NI148",
    ):
        assert ni in successors, ni
