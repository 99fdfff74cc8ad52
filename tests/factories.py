"""Build tiny typed datasets and hand-built profiles in memory for profile, rule and
framework tests."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from csrating.frameworks import load_framework
from csrating.frameworks.registry import RULE_KINDS, State, Verdict
from csrating.ingest import load_dataset
from csrating.ingest.dataset import (
    COUNCIL_INSPECTIONS_SCHEMA,
    INDICATORS_SCHEMA,
    INSPECTIONS_SCHEMA,
    Dataset,
)
from csrating.letters import read_apa_input
from csrating.pipeline import RatedRound, rate
from csrating.profile.comparison import Comparison
from csrating.profile.model import (
    BlockA,
    BlockALine,
    BlockB,
    BlockC,
    Compared,
    CouncilInspection,
    GradeCounts,
    IndicatorLine,
    JudgementOn,
    PerformanceProfile,
    SingleService,
    UnannouncedInspection,
)
from csrating.profile.settings import DEFAULT_GROUPS
from csrating.reference import geography, indicator_catalogue, neighbours
from csrating.scales import EcmOutcome, InspectionGrade
from csrating.types import LaCode
from csrating.vocabulary import SettingType, UnannouncedOutcome

AS_AT = dt.date(2009, 8, 31)
BEFORE = dt.date(2008, 5, 1)


def inspection(
    urn: str,
    la_code: str,
    setting_type: str,
    grade: int,
    date: dt.date = BEFORE,
    staying_safe: int | None = None,
    enjoying_achieving: int | None = None,
) -> dict[str, Any]:
    """Return one inspections row."""
    return {
        "urn": urn,
        "la_code": la_code,
        "setting_type": setting_type,
        "sector": "local_authority",
        "name": f"Setting {urn}",
        "inspection_date": date,
        "overall_effectiveness": grade,
        "staying_safe": staying_safe,
        "enjoying_achieving": enjoying_achieving,
    }


def settings_of(
    la_code: str, setting_type: str, grades: Mapping[int, int], *, prefix: str = ""
) -> list[dict[str, Any]]:
    """Return one inspection per setting: ``grades`` maps grade -> how many settings."""
    rows = []
    for grade, count in sorted(grades.items()):
        for i in range(count):
            urn = f"{prefix or la_code}-{setting_type}-{grade}-{i}"
            rows.append(inspection(urn, la_code, setting_type, grade))
    return rows


def council_inspection(
    la_code: str,
    kind: str,
    date: dt.date,
    judgement: str | None = None,
    grade: int | None = None,
    outcome: str | None = None,
) -> dict[str, Any]:
    """Return one council_inspections row."""
    return {
        "la_code": la_code,
        "kind": kind,
        "date": date,
        "judgement": judgement,
        "grade": grade,
        "outcome": outcome,
    }


def indicator_value(
    la_code: str, indicator: str, period: str, value: float | None
) -> dict[str, Any]:
    """Return one indicators row."""
    return {
        "la_code": la_code,
        "indicator": indicator,
        "period": period,
        "value": value,
        "reason": None,
    }


def make_dataset(
    inspections: Iterable[dict[str, Any]] = (),
    council_inspections: Iterable[dict[str, Any]] = (),
    indicators: Iterable[dict[str, Any]] = (),
) -> Dataset:
    """Return a Dataset holding exactly these rows, typed as a loaded dataset is."""
    return Dataset(
        inspections=pl.DataFrame(list(inspections), schema=INSPECTIONS_SCHEMA),
        council_inspections=pl.DataFrame(
            list(council_inspections), schema=COUNCIL_INSPECTIONS_SCHEMA
        ),
        indicators=pl.DataFrame(list(indicators), schema=INDICATORS_SCHEMA),
    )


def neighbourhood(la_code: str) -> tuple[str, ...]:
    """Return the council and its ten neighbours."""
    return (la_code, *neighbours(la_code))


def typical_council(
    la_code: str, *, good_share: float = 0.7, prefix: str = ""
) -> list[dict[str, Any]]:
    """Return a council's worth of settings across every Block A group at about ``good_share``."""
    rows: list[dict[str, Any]] = []
    for setting_type, count in (
        ("childminder", 20),
        ("primary_school", 20),
        ("secondary_school", 10),
        ("school_sixth_form", 5),
        ("special_school", 5),
        ("childrens_home", 5),
    ):
        good = round(count * good_share)
        rows += settings_of(la_code, setting_type, {2: good, 3: count - good}, prefix=prefix)
    return rows


def create_round(
    store: Any,
    load: Any,
    *,
    framework_id: str = "rating-2009",
    embargo_at: dt.datetime,
    actor: str,
    now: dt.datetime,
    cut_off: dt.date | None = None,
    year: int | None = None,
    signatory: Any = None,
) -> Any:
    """Rate a stored load with the pipeline and store the round, as the application does."""
    from csrating.frameworks import load_framework
    from csrating.pipeline import rate

    rated = rate(
        store.dataset_for(load), load_framework(framework_id), moderation={}, as_at=cut_off
    )
    return store.create_round(
        load, rated, embargo_at=embargo_at, actor=actor, now=now, year=year, signatory=signatory
    )


def reassess(store: Any, round_id: int) -> Any:
    """Return the function that re-rates a council of a stored round with a moderation."""
    from csrating.frameworks import assess, load_framework
    from csrating.pipeline import at_cut_off, rate

    round_ = store.round(round_id)
    framework = at_cut_off(load_framework(round_.framework_id), round_.cut_off)
    rated = rate(
        store.dataset_for(store.dataset_load(round_.dataset_load_id)), framework, moderation={}
    )

    def again(la_code: str, moderation: Any) -> Any:
        return assess(rated.result(la_code).profile, framework, moderation=moderation)

    return again


# Hand-built profiles for rule-kind and engine tests ------------------------------------
#
# Rule kinds read only the typed profile, so their tests build one directly rather than
# going through a dataset: ``make_profile()`` is an empty profile (no settings, no
# council-level inspection, no indicator) and each keyword replaces one part of it.

GROUP_KEYS = frozenset(group for group, _, _ in DEFAULT_GROUPS)


def grade_counts(
    outstanding: int = 0, good: int = 0, satisfactory: int = 0, inadequate: int = 0
) -> GradeCounts:
    """Return the counts of settings at each inspection grade (1 outstanding ... 4)."""
    return GradeCounts(outstanding, good, satisfactory, inadequate)


def compared(
    value: float | None = None,
    similar_areas: float | None = None,
    england: float | None = None,
    vs_similar_areas: Comparison | None = None,
    vs_england: Comparison | None = None,
) -> Compared:
    """Return a figure with its comparators (nothing compared unless given)."""
    return Compared(value, similar_areas, england, vs_similar_areas, vs_england)


def block_a_line(
    key: str,
    outstanding: int = 0,
    good: int = 0,
    satisfactory: int = 0,
    inadequate: int = 0,
    *,
    label: str | None = None,
    similar_areas: float | None = None,
    england: float | None = None,
    vs_similar_areas: Comparison | None = None,
    vs_england: Comparison | None = None,
) -> BlockALine:
    """Return a Block A line (a group when ``key`` is a group id) from its grade counts.

    The good-or-better share and the inadequate share are worked out from the counts; the
    comparators of the good-or-better share are as given (none by default).
    """
    counts = grade_counts(outstanding, good, satisfactory, inadequate)
    is_group = key in GROUP_KEYS
    if label is None:
        groups = {group: text for group, text, _ in DEFAULT_GROUPS}
        label = groups[key] if is_group else SettingType(key).label
    return BlockALine(
        key=key,
        label=label,
        is_group=is_group,
        overall=counts,
        staying_safe=GradeCounts(),
        enjoying_achieving=GradeCounts(),
        good_or_better=compared(
            counts.share_good_or_better, similar_areas, england, vs_similar_areas, vs_england
        ),
        inadequate=compared(counts.share_inadequate),
        staying_safe_good_or_better=compared(),
        enjoying_achieving_good_or_better=compared(),
    )


def council_record(kind: str, date: dt.date, **judgements: int) -> CouncilInspection:
    """Return a council-level inspection with ``judgement=grade`` pairs (1 outstanding)."""
    return CouncilInspection(
        kind, date, tuple((name, InspectionGrade(g)) for name, g in judgements.items())
    )


def make_block_b(
    *,
    full: CouncilInspection | None = None,
    jar: CouncilInspection | None = None,
    others: Iterable[CouncilInspection] = (),
    published_after: Iterable[CouncilInspection] = (),
    unannounced: Iterable[tuple[dt.date, str]] = (),
    serious_case_reviews: GradeCounts | None = None,
    apa_staying_safe: int | None = None,
) -> BlockB:
    """Return Block B as the profile builds it.

    ``full`` and ``jar`` are the latest full inspection and joint area review, ``others``
    the latest inspections of other kinds (ILACS ...), ``published_after`` inspections
    published after the decision date; ``unannounced`` lists (date, outcome) since the
    latest full inspection.
    """
    return BlockB(
        full_inspection=full,
        unannounced_since_full=tuple(
            UnannouncedInspection(date, UnannouncedOutcome(outcome))
            for date, outcome in unannounced
        ),
        joint_area_review=jar,
        serious_case_reviews=serious_case_reviews or GradeCounts(),
        apa_staying_safe=InspectionGrade(apa_staying_safe) if apa_staying_safe else None,
        latest=tuple(i for i in (full, jar, *others) if i is not None),
        published_after=tuple(published_after),
        judgements=_judgements_of(i for i in (jar, full, *others) if i is not None),
    )


def _judgements_of(inspections: Iterable[CouncilInspection]) -> tuple[JudgementOn, ...]:
    """Return the latest grade of each judgement of each kind, as the profile keeps them."""
    latest: dict[tuple[str, str], JudgementOn] = {}
    for inspection in sorted(inspections, key=lambda i: i.date):
        for name, grade in inspection.judgements:
            latest[(inspection.kind, name)] = JudgementOn(
                inspection.kind, name, inspection.date, grade
            )
    return tuple(latest.values())


def indicator_line(
    indicator: str,
    band: int | None = None,
    *,
    value: float | None = None,
    outcome: EcmOutcome | None = None,
) -> IndicatorLine:
    """Return a Block C line for a catalogue indicator, in ``band`` (1-4 or none).

    The title, outcome and polarity come from the NI catalogue unless ``outcome`` is given;
    ``value`` defaults to the band itself (any value will do: rules read the band).
    """
    entry = next(i for i in indicator_catalogue("ni") if i.id == indicator)
    return IndicatorLine(
        indicator=entry.id,
        title=entry.title,
        outcome=outcome or entry.outcome,
        higher_is_better=entry.higher_is_better,
        unit=entry.unit,
        decimals=entry.decimals,
        vulnerable_gap=entry.vulnerable_gap,
        value=float(band) if value is None and band is not None else value,
        reason=None,
        similar_areas=None,
        england=None,
        vs_similar_areas=None,
        vs_england=None,
        band=band,
        previous_value=None,
        trend=None,
    )


def indicators_of(outcome: EcmOutcome) -> list[str]:
    """Return the ids of the NI catalogue's indicators of ``outcome``, in catalogue order."""
    return [str(i.id) for i in indicator_catalogue("ni") if i.outcome is outcome]


def make_profile(
    la_code: str = "885",
    *,
    lines: Iterable[BlockALine] = (),
    services: Iterable[SingleService] = (),
    block_b: BlockB | None = None,
    indicators: Iterable[IndicatorLine] = (),
    data_blocks: Iterable[str] = ("A", "B", "C"),
    as_at: dt.date = AS_AT,
    decision_date: dt.date | None = None,
) -> PerformanceProfile:
    """Return a council's profile holding exactly the given lines (empty by default)."""
    council = geography("2009").council(la_code)
    indicator_lines = tuple(indicators)
    return PerformanceProfile(
        la_code=council.la_code,
        name=council.name,
        as_at=as_at,
        neighbours=geography("2009").neighbours(council.la_code),
        block_a=BlockA(tuple(lines), tuple(services)),
        block_b=block_b or make_block_b(),
        block_c=BlockC("2008-09", "2007-08", indicator_lines, (), None)
        if indicator_lines
        else BlockC(None, None, (), (), None),
        data_blocks=frozenset(data_blocks),
        decision_date=decision_date,
    )


def make_state(
    *,
    bands: Mapping[str, int] | None = None,
    scores: Mapping[str, float] | None = None,
    grade: int | None = None,
    apa: Mapping[str, int] | None = None,
    inputs: Mapping[str, str] | None = None,
) -> State:
    """Return what the rules before this one decided (nothing by default)."""
    return State(dict(bands or {}), dict(scores or {}), grade, dict(apa or {}), dict(inputs or {}))


def explanation(kind: str, verdict: Verdict) -> str:
    """Return the registered explainer's wording of a rule kind's verdict."""
    return RULE_KINDS[kind].explain(verdict.figures, verdict.outcome)


# The frozen fixtures and golden files -----------------------------------------------------
#
# ``tests/fixtures/frozen-2009`` (hand-made, councils of 2009) and ``frozen-2025`` (an
# excerpt of the shipped present-day data, councils of 2023) were written once by
# ``scripts/make_frozen_fixture.py`` and committed: golden traces and letters are built from
# them, so a change to the demo generator or the shipped data cannot rewrite them. Tests
# only read them.

TESTS = Path(__file__).parent
FROZEN = TESTS / "fixtures" / "frozen-2009"
FROZEN_BY_VINTAGE = {"2009": FROZEN, "2023": TESTS / "fixtures" / "frozen-2025"}
GOLDEN = TESTS / "golden"
APA_INPUT_885 = Path(str(resources.files("csrating.letters").joinpath("data", "apa-2006-885.toml")))


@cache
def frozen_dataset(vintage: str = "2009") -> Dataset:
    """Return the frozen fixture of the councils of ``vintage``, loaded once per run.

    Raises:
        KeyError: no frozen fixture has that geography.
    """
    return load_dataset(FROZEN_BY_VINTAGE[vintage])


@cache
def frozen_round(framework: str) -> RatedRound:
    """Return every council of the frozen fixture of ``framework``'s geography rated under
    it (loaded by id or path), once per run.

    The 2009 fixture's ``moderation.csv`` holds decisions on the 2009 rating; the APA
    frameworks rate without it (an override records the 2009 rules' grade).
    """
    loaded = load_framework(framework)
    dataset = frozen_dataset(loaded.vintage)
    if loaded.kind == "apa":
        inputs = {LaCode("885"): read_apa_input(APA_INPUT_885).recorded_grades()}
        return rate(dataset, loaded, moderation={}, inputs=inputs)
    return rate(dataset, loaded)


def check_golden(path: Path, text: str, *, update: bool) -> None:
    """Compare ``text`` with the golden file at ``path`` exactly, or rewrite the file.

    Fails with the start of a unified diff (golden file first, then the output), saying how
    to accept the change; a missing golden file fails too unless ``update``.
    """
    name = path.relative_to(TESTS.parent) if path.is_relative_to(TESTS.parent) else path
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(
            f"{name} is missing: run 'pytest --update-golden' to write it, then review it",
            pytrace=False,
        )
    expected = path.read_text(encoding="utf-8")
    if text == expected:
        return
    diff = list(
        difflib.unified_diff(
            expected.splitlines(),
            text.splitlines(),
            fromfile=f"{name} (golden)",
            tofile="output",
            lineterm="",
        )
    )
    changed = sum(1 for line in diff[2:] if line[:1] in "+-")
    shown = "\n".join(diff[:80]) + ("\n..." if len(diff) > 80 else "")
    pytest.fail(
        f"{name} differs from the output ({changed} lines changed). If the change is "
        f"intended, run 'pytest --update-golden' and review the diff.\n{shown}",
        pytrace=False,
    )
