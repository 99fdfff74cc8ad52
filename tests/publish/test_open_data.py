"""Open data: tidy ratings and profiles as CSV and JSON, a README, and a round trip."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from publish_results import distribution, hand_made, national_results

from csrating.errors import BadValue, MissingColumn, UnknownCouncil
from csrating.publish import (
    DEMONSTRATION_NOTE,
    PROFILES_COLUMNS,
    RATINGS_COLUMNS,
    open_data_readme,
    profile_measure,
    profiles_csv,
    profiles_rows,
    ratings_csv,
    ratings_json,
    ratings_rows,
    read_ratings_csv,
    write_open_data,
)
from csrating.reference import attribution_lines
from csrating.scales import CouncilRating
from csrating.types import LaCode


def _by_code(rows: Sequence[Mapping[str, object]]) -> dict[object, Mapping[str, object]]:
    return {row["la_code"]: row for row in rows}


def test_ratings_rows_are_tidy_and_codes_come_first() -> None:
    rows = ratings_rows(national_results())

    assert len(rows) == 152
    assert all(tuple(row) == RATINGS_COLUMNS for row in rows)
    assert RATINGS_COLUMNS[:2] == ("la_code", "ons_code")
    assert [row["la_code"] for row in rows] == sorted(str(row["la_code"]) for row in rows)
    by_code = _by_code(rows)
    assert by_code["885"] == {
        "la_code": "885",
        "ons_code": "E10000034",
        "name": "Worcestershire",
        "region": "West Midlands",
        "type": "shire county",
        "framework": "rating-2009",
        "as_at": "2009-08-31",
        "status": "rated",
        "grade": 2,
        "label": "performs adequately",
        "limiters": "R09-L2",
        "withheld": False,
        "publication": "published",
    }
    assert by_code["201"]["grade"] is None
    assert by_code["201"]["label"] == "withheld"
    assert by_code["201"]["withheld"] is True


def test_ratings_csv_is_data_only() -> None:
    text = ratings_csv(national_results())
    lines = text.splitlines()

    assert lines[0] == ",".join(RATINGS_COLUMNS)
    assert not any(line.startswith("#") for line in lines)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 152
    worcestershire = next(r for r in rows if r["la_code"] == "885")
    assert (worcestershire["grade"], worcestershire["withheld"]) == ("2", "false")
    city = next(r for r in rows if r["la_code"] == "201")
    assert (city["grade"], city["withheld"]) == ("", "true")


def test_ratings_round_trip_through_csv() -> None:
    for results in (national_results(), hand_made(distribution(10, 93, 40, 8) + [None])):
        expected = {r.council.la_code: r.assessment.rating for r in results}
        assert read_ratings_csv(ratings_csv(results)) == expected


def test_read_ratings_csv_names_the_row_and_column_at_fault() -> None:
    header = "la_code,grade,withheld\n"
    with pytest.raises(MissingColumn, match='column "withheld"'):
        read_ratings_csv("la_code,grade\n885,3\n")
    with pytest.raises(BadValue, match=r'ratings.csv row 3, column "grade": \'5\''):
        read_ratings_csv(header + "885,3,false\n860,5,false\n")
    with pytest.raises(BadValue, match="withheld rating"):
        read_ratings_csv(header + "885,3,true\n")
    with pytest.raises(BadValue, match="appears twice"):
        read_ratings_csv(header + "885,3,false\n885,2,false\n")
    with pytest.raises(UnknownCouncil, match="'999'"):
        read_ratings_csv(header + "999,3,false\n")
    assert read_ratings_csv(header + "885,,true\n860,1,false\n") == {
        LaCode("885"): None,
        LaCode("860"): CouncilRating.PERFORMS_POORLY,
    }


def test_ratings_json_carries_meta_and_attribution() -> None:
    data = json.loads(ratings_json(national_results(), demonstration=True))

    meta = data["meta"]
    assert meta["framework"] == "rating-2009"
    assert meta["as_at"] == "2009-08-31"
    assert meta["demonstration_data"] is True
    assert meta["note"] == DEMONSTRATION_NOTE
    assert meta["attribution"] == list(attribution_lines())
    assert meta["generated_from"].startswith("csrating")
    assert len(data["ratings"]) == 152
    city = next(r for r in data["ratings"] if r["la_code"] == "201")
    assert city["grade"] is None and city["withheld"] is True

    real = json.loads(ratings_json(hand_made([3]), demonstration=False, generated_from="2009 run"))
    assert real["meta"]["demonstration_data"] is False
    assert "note" not in real["meta"]
    assert real["meta"]["generated_from"] == "2009 run"


def test_profiles_rows_hold_one_figure_per_line_and_measure() -> None:
    rows = profiles_rows(national_results())

    assert all(tuple(row) == PROFILES_COLUMNS for row in rows)
    keys = [(r["la_code"], r["block"], r["line"], r["measure"]) for r in rows]
    assert len(keys) == len(set(keys))
    figures = {(r["block"], r["line"], r["measure"]): r for r in rows if r["la_code"] == "885"}
    secondary = figures[("A", "secondary_school", "good_or_better_pct")]
    # 7 good of 10, plus 2 outstanding and 1 inadequate: 9 good or better of 13 (69.2%),
    # published as every profile page shows it: a whole percentage
    assert secondary["value"] == 69
    assert secondary["label"] == "secondary schools"
    assert figures[("A", "secondary_school", "count")]["value"] == 13
    assert figures[("A", "secondary_school", "inadequate_count")]["value"] == 1
    assert secondary["vs_similar_areas"] in {"better", "in line", "worse"}
    assert figures[("B", "safeguarding_lac.overall_lac", "grade")]["value"] == 3
    assert figures[("B", "unannounced_cra", "priority_action_count")]["value"] == 1
    assert figures[("B", "scr_evaluation", "inadequate_count")]["value"] == 1
    assert figures[("B", "jar.safeguarding", "grade")]["value"] == 3
    indicator = figures[("C", "NI059", "value")]
    assert (indicator["value"], indicator["similar_areas"], indicator["england"]) == (
        75.0,
        80.0,
        72.0,
    )
    assert (indicator["vs_similar_areas"], indicator["vs_england"]) == ("worse", "in line")
    assert figures[("C", "NI059", "previous_value")]["value"] == 70.0


def test_profiles_csv_matches_the_rows() -> None:
    results = national_results()
    text = profiles_csv(results)
    parsed = list(csv.DictReader(io.StringIO(text)))

    assert text.splitlines()[0] == ",".join(PROFILES_COLUMNS)
    assert len(parsed) == len(profiles_rows(results))
    assert {row["block"] for row in parsed} == {"A", "B", "C"}


def test_profile_measure_picks_one_figure_per_council() -> None:
    values = profile_measure(
        national_results(), block="A", line="primary_school", measure="good_or_better_pct"
    )

    assert len(values) == 152
    assert values[LaCode("885")] == 70.0
    assert values[LaCode("201")] is None


def test_readme_explains_columns_and_carries_attribution() -> None:
    results = national_results()
    demo = open_data_readme(results, demonstration=True)
    real = open_data_readme(results, demonstration=False)

    for line in attribution_lines():
        assert line in demo and line in real
    assert DEMONSTRATION_NOTE in demo
    assert "synthetic demonstration data" not in real
    for column in (*RATINGS_COLUMNS, *PROFILES_COLUMNS):
        assert column in real, column
    assert "141 with the rating withheld" in real


def test_write_open_data_writes_five_files(tmp_path: Path) -> None:
    results = hand_made([4, 3, None])
    paths = write_open_data(tmp_path / "open", results, demonstration=True)

    assert sorted(p.name for p in paths) == [
        "README.txt",
        "datapackage.json",
        "profiles.csv",
        "ratings.csv",
        "ratings.json",
    ]
    assert sorted(p.name for p in (tmp_path / "open").iterdir()) == sorted(p.name for p in paths)
    assert (tmp_path / "open" / "ratings.csv").read_text("utf-8") == ratings_csv(results)
    assert DEMONSTRATION_NOTE in (tmp_path / "open" / "README.txt").read_text("utf-8")
