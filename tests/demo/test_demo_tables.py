"""The written tables keep the canonical contract (ingest/schema.py)."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest
from demo_helpers import OUTCOME_TYPES, SOCIAL_CARE_TYPES, DemoRun

from csrating.ingest.schema import TABLES
from csrating.reference import all_councils, indicator_catalogue
from csrating.types import ENGLAND_ONS_CODE
from csrating.vocabulary import CouncilInspectionKind, Sector, SettingType, UnannouncedOutcome

CODES = {c.la_code for c in all_councils()}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_columns_are_exactly_the_schema(small_run: DemoRun, table: object) -> None:
    from csrating.ingest.schema import Table

    assert isinstance(table, Table)
    header = (small_run.summary.out_dir / f"{table.name}.csv").read_text("utf-8").splitlines()[0]
    assert header.split(",") == [column.name for column in table.columns]


def test_dates_are_iso_weekdays_in_the_window(small_run: DemoRun) -> None:
    text = (small_run.summary.out_dir / "inspections.csv").read_text("utf-8")
    assert re.search(r",\d{4}-\d{2}-\d{2},", text)
    dates = small_run.data.inspections["inspection_date"]
    assert dates.min() >= date(2006, 9, 1)
    assert dates.max() <= date(2010, 8, 31)
    assert dates.dt.weekday().max() <= 5  # Monday 1 ... Friday 5
    assert small_run.data.council_inspections["date"].dt.weekday().max() <= 5


def test_grades_are_digits_one_to_four(small_run: DemoRun) -> None:
    text = (small_run.summary.out_dir / "inspections.csv").read_text("utf-8").splitlines()[1:]
    assert all(re.fullmatch(r".*,[1-4],[1-4]?,[1-4]?", line) for line in text)
    grades = small_run.data.council_inspections["grade"].drop_nulls()
    assert grades.is_between(1, 4).all()


def test_no_event_is_repeated(small_run: DemoRun) -> None:
    data = small_run.data
    assert not data.inspections.select("urn", "inspection_date").is_duplicated().any()
    key = ["la_code", "kind", "date", "judgement"]
    assert not data.council_inspections.select(key).is_duplicated().any()
    assert not data.indicators.select("la_code", "indicator", "period").is_duplicated().any()
    assert data.contacts["la_code"].is_unique().all()


def test_every_council_code_is_one_of_the_152(small_run: DemoRun) -> None:
    data = small_run.data
    for frame in (data.inspections, data.council_inspections, data.contacts):
        assert set(frame["la_code"]) == CODES
    assert set(data.indicators["la_code"]) == CODES | {ENGLAND_ONS_CODE}


def test_settings_use_the_vocabulary_and_keep_their_identity(small_run: DemoRun) -> None:
    inspections = small_run.data.inspections
    assert set(inspections["setting_type"]) <= {t.value for t in SettingType}
    assert set(inspections["sector"]) <= {s.value for s in Sector}
    assert inspections["urn"].str.contains(r"^(\d+|LAF\d{3}|LAA\d{3}|PF\d{3})$").all()
    per_urn = inspections.group_by("urn").agg(
        pl.col("la_code", "setting_type", "sector", "name").n_unique()
    )
    assert (per_urn.drop("urn").max_horizontal() == 1).all()


def test_council_services_are_named_after_their_council(small_run: DemoRun) -> None:
    services = small_run.data.inspections.filter(pl.col("urn") == "LAF885")
    assert set(services["setting_type"]) == {"la_fostering_agency"}
    assert set(services["name"]) == {"Worcestershire fostering service"}


def test_no_childminder_is_given_a_made_up_name(small_run: DemoRun) -> None:
    childminders = small_run.data.inspections.filter(pl.col("setting_type") == "childminder")
    assert set(childminders["name"]) == {"Childminder"}


def test_outcome_judgements_only_where_the_type_carries_them(small_run: DemoRun) -> None:
    inspections = small_run.data.inspections
    judged = inspections.filter(pl.col("setting_type").is_in(OUTCOME_TYPES))
    assert judged["staying_safe"].null_count() == 0
    assert judged["enjoying_achieving"].null_count() == 0
    care = inspections.filter(pl.col("setting_type").is_in(SOCIAL_CARE_TYPES))
    assert care.height > 0
    assert care["staying_safe"].null_count() == care.height
    assert care["enjoying_achieving"].null_count() == care.height


def test_council_inspection_columns_fit_their_kind(small_run: DemoRun) -> None:
    rows = small_run.data.council_inspections
    kinds_of_2009 = {"safeguarding_lac", "unannounced_cra", "jar", "scr_evaluation"}
    kinds_of_2009.add("apa_staying_safe")
    assert kinds_of_2009 <= {k.value for k in CouncilInspectionKind}
    assert set(rows["kind"]) == kinds_of_2009  # the demo is 2009 evidence only
    unannounced = rows.filter(pl.col("kind") == "unannounced_cra")
    assert unannounced["grade"].null_count() == unannounced.height
    assert unannounced["judgement"].null_count() == unannounced.height
    assert set(unannounced["outcome"]) <= {o.value for o in UnannouncedOutcome}
    others = rows.filter(pl.col("kind") != "unannounced_cra")
    assert others["outcome"].null_count() == others.height
    assert others["grade"].null_count() == 0


def test_indicator_values_have_the_catalogue_decimals(small_run: DemoRun) -> None:
    raw = pl.read_csv(small_run.summary.out_dir / "indicators.csv", infer_schema=False)
    for indicator in indicator_catalogue():
        values = raw.filter(pl.col("indicator") == indicator.id)["value"].drop_nulls()
        pattern = r"^\d+$" if indicator.decimals == 0 else rf"^\d+\.\d{{{indicator.decimals}}}$"
        assert values.str.contains(pattern).all(), indicator.id


def test_contacts_name_only_the_published_addressees(small_run: DemoRun) -> None:
    contacts = small_run.data.contacts
    worcestershire = contacts.filter(pl.col("la_code") == "885").row(0, named=True)
    assert worcestershire == {
        "la_code": "885",
        "title": "Ms",
        "first_name": "Gail",
        "surname": "Quinton",
        "role": "Director of Children's Services",
        "organisation": "Worcestershire County Council",
        "address_1": "County Hall",
        "address_2": "Spetchley Road",
        "address_3": "Worcester",
        "address_4": "Worcestershire",
        "address_5": None,
        "postcode": "WR5 2YA",
        "salutation": "Dear Ms Quinton",
    }
    staffordshire = contacts.filter(pl.col("la_code") == "860").row(0, named=True)
    assert (staffordshire["title"], staffordshire["first_name"], staffordshire["surname"]) == (
        "Mr",
        "Peter",
        "Traves",
    )
    assert staffordshire["role"] == "Corporate Director of Children and Lifelong Learning"
    assert [staffordshire[f"address_{i}"] for i in range(1, 5)] == [
        "County Buildings",
        "Tipping Street",
        "Stafford",
        "Staffordshire",
    ]
    assert (staffordshire["postcode"], staffordshire["salutation"]) == (
        "ST16 2DH",
        "Dear Mr Traves",
    )
    others = contacts.filter(~pl.col("la_code").is_in(["885", "860"]))
    assert others.height == 150
    for column in ("title", "first_name", "surname", "address_1", "postcode", "salutation"):
        assert others[column].null_count() == 150
    assert set(others["role"]) == {"Director of Children's Services"}
    names = {c.la_code: c.council_name for c in all_councils()}
    assert all(names[row["la_code"]] == row["organisation"] for row in others.iter_rows(named=True))
