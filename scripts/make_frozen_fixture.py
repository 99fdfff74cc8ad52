"""Write the frozen test fixtures: small datasets the golden tests are built from.

Usage::

    python scripts/make_frozen_fixture.py [ROOT]    # default: tests/fixtures

writes ``ROOT/frozen-2009`` (hand-made, the councils of 2009) and ``ROOT/frozen-2025``
(an excerpt of the shipped present-day dataset, the councils of 2023). The fixtures were
written once by this script and committed; tests only read them and never regenerate
them, so a change to the demo generator or to the shipped real data cannot rewrite a
golden file. Running the script again gives the same bytes. Change it only to add a
scenario, then rerun it and review the golden traces and letters that change
(``pytest --update-golden``).

frozen-2009
-----------

Every figure is chosen by hand; nothing is random.

Each council with data stands for one scenario (under ``rating-2009`` unless said); every
other council of the 2009 geography has no data and is withheld:

====  =======================  ==========================================================
code  council                  scenario
====  =======================  ==========================================================
885   Worcestershire           performs adequately; the seed letter's shape of settings
860   Staffordshire            performs well; the seed letter's shape; 2010-only settings
937   Warwickshire             performs excellently
802   North Somerset           performs poorly from its profile; the unannounced-inspection
                               limiter fires without effect (already at the bottom)
881   Essex                    inadequate safeguarding limits well to poorly (2009); a 2010
                               full inspection supersedes it
891   Nottinghamshire          areas for priority action lower well to adequately
830   Derbyshire               lowest-band indicators limit well to adequately
835   Dorset                   lowest-band indicator limiter fires without effect
845   East Sussex              serious case reviews cap Block B
938   West Sussex              a joint area review only (no full inspection)
886   Kent                     the APA staying safe grade is Block B's only evidence
888   Lancashire               priority action before the latest full inspection (does
                               not count); an inadequate share that caps a group; a
                               re-inspected setting; an inspection after the cut-off
803   South Gloucestershire    moderated: the rules' grade overridden (moderation.csv)
855   Leicestershire           moderated: withheld pending inspection (moderation.csv)
811   East Riding of Yorkshire settings only: rated in 2009, withheld in 2010
909   Cumbria                  no settings: withheld (Block A has no band)
896   Cheshire West/Chester    very little evidence: withheld by a minimum-evidence rule
928   Northamptonshire         little evidence: cautioned by a minimum-evidence rule
====  =======================  ==========================================================

Indicator values sit in the middle of the band chosen for them (by the ``rating-2009``
cut-offs, respecting each indicator's polarity); England's published values sit in band 3.
Some councils also have 2005-06 indicators and 2006 joint area reviews, for ``apa-2006``.
Kent (886) has a full inspection published three weeks after the 2011 decision, so
``rating-2011`` withholds its rating pending that inspection.

frozen-2025
-----------

Every row of eleven councils of 2023 (and England's published measures) from the shipped
``present-day-2025`` dataset, unchanged: under ``simulation-2025`` Sunderland (394)
performs excellently, Camden (202) well, Ealing (307) adequately, Harrow (310) is limited
to poorly by an inadequate ILACS judgement, Blackpool (890) by its measures in the lowest
band, and the City of London (201) is rated with a caution for its thin profile.
Redbridge, Hounslow, Hillingdon, Waltham Forest and Barnet are there as similar areas.
Every other council has no data and is withheld.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from csrating.datasets import shipped_path
from csrating.files import write_many
from csrating.frameworks import load_framework
from csrating.ingest.dataset import (
    CONTACTS_SCHEMA,
    COUNCIL_INSPECTIONS_SCHEMA,
    INDICATORS_SCHEMA,
    INSPECTIONS_SCHEMA,
)
from csrating.ingest.manifest import DatasetManifest, manifest_toml, read_manifest
from csrating.ingest.moderation import COLUMNS as MODERATION_COLUMNS
from csrating.reference import indicator_catalogue
from csrating.scales import EcmOutcome
from csrating.types import ENGLAND_ONS_CODE

DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures"

Counts = tuple[int, int, int, int]
"""Settings at each grade: outstanding, good, satisfactory, inadequate."""

SS, EA = "staying_safe", "enjoying_achieving"
BH, PC, EW = "being_healthy", "positive_contribution", "economic_wellbeing"

TYPICAL = {
    "childminder": 20,
    "childcare_non_domestic": 10,
    "nursery_school": 1,
    "primary_school": 30,
    "secondary_school": 8,
    "school_sixth_form": 4,
    "further_education_college": 1,
    "special_school": 3,
    "pupil_referral_unit": 2,
    "childrens_home": 3,
    "la_fostering_agency": 1,
    "la_adoption_agency": 1,
    "private_fostering": 1,
}
"""A small county's settings, by type (about a tenth of a real one)."""


def county(good: float, inadequate: float = 0.0, **changes: Counts) -> dict[str, Counts]:
    """Return a typical county with ``good`` of each type good or better (a share)."""
    settings: dict[str, Counts] = {}
    for setting_type, n in TYPICAL.items():
        better = round(n * good + 1e-9)
        worst = min(n - better, round(n * inadequate + 1e-9))
        outstanding = better // 4
        settings[setting_type] = (outstanding, better - outstanding, n - better - worst, worst)
    settings.update(changes)
    return settings


@dataclass(frozen=True)
class Event:
    """One row of ``council_inspections.csv``."""

    kind: str
    date: dt.date
    judgement: str | None = None
    grade: int | None = None
    outcome: str | None = None


def full(date: dt.date, safeguarding: int, lac: int, capacity: int) -> list[Event]:
    """Return a full inspection of safeguarding and looked after children services."""
    return [
        Event("safeguarding_lac", date, "overall_safeguarding", safeguarding),
        Event("safeguarding_lac", date, "overall_lac", lac),
        Event("safeguarding_lac", date, "capacity_to_improve", capacity),
    ]


def jar(date: dt.date, safeguarding: int, lac: int, capacity: int) -> list[Event]:
    """Return a joint area review."""
    return [
        Event("jar", date, "safeguarding", safeguarding),
        Event("jar", date, "looked_after_children", lac),
        Event("jar", date, "capacity_to_improve", capacity),
        Event("jar", date, "overall", max(safeguarding, lac)),
    ]


def unannounced(date: dt.date, outcome: str) -> list[Event]:
    """Return an unannounced inspection of contact, referral and assessment."""
    return [Event("unannounced_cra", date, outcome=outcome)]


def reviews(*grades: int, start: dt.date = dt.date(2008, 10, 1)) -> list[Event]:
    """Return serious case review evaluations a month apart, one per grade."""
    return [
        Event("scr_evaluation", start + dt.timedelta(days=31 * i), f"review_{i + 1}", grade)
        for i, grade in enumerate(grades)
    ]


@dataclass(frozen=True)
class Council:
    """One council's data: its settings, council-level inspections and indicator bands.

    ``bands`` gives each ECM outcome's indicators a band (1-4) for 2008-09; ``overrides``
    gives single indicators another band; ``indicators`` keeps only the first so many of
    the catalogue; 2007-08 values are a band lower for every other indicator, or for all
    when ``improving``; ``apa_bands`` gives the bands for 2005-06.
    """

    code: str
    settings: Mapping[str, Counts] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    bands: Mapping[str, int] = field(default_factory=dict)
    overrides: Mapping[str, int] = field(default_factory=dict)
    indicators: int | None = None
    improving: bool = False
    apa_bands: Mapping[str, int] = field(default_factory=dict)
    extra_inspections: tuple[tuple[str, str, str, dt.date, int], ...] = ()


def all_bands(band: int) -> dict[str, int]:
    """Return the same band for every outcome."""
    return {o.value: band for o in EcmOutcome}


D = dt.date
SAFE = [str(i.id) for i in indicator_catalogue("ni") if i.outcome is EcmOutcome.STAYING_SAFE]
ENJOY = [str(i.id) for i in indicator_catalogue("ni") if i.outcome is EcmOutcome.ENJOYING_ACHIEVING]

COUNCILS: tuple[Council, ...] = (
    Council(
        "885",
        settings={
            "childminder": (5, 25, 10, 0),
            "childcare_non_domestic": (3, 12, 5, 0),
            "nursery_school": (1, 1, 0, 0),
            "primary_school": (6, 24, 14, 1),
            "secondary_school": (2, 8, 6, 4),
            "school_sixth_form": (1, 4, 3, 0),
            "sixth_form_college": (1, 0, 0, 0),
            "further_education_college": (1, 1, 0, 0),
            "special_school": (2, 4, 5, 1),
            "pupil_referral_unit": (2, 4, 3, 0),
            "childrens_home": (0, 3, 3, 0),
            "la_fostering_agency": (0, 1, 0, 0),
            "la_adoption_agency": (0, 1, 0, 0),
            "private_fostering": (0, 0, 1, 0),
        },
        events=(*jar(D(2006, 6, 12), 2, 2, 1), *full(D(2009, 7, 10), 3, 3, 3)),
        bands=all_bands(3),
        overrides=dict.fromkeys(ENJOY[:9], 2),
        apa_bands=all_bands(3),
    ),
    Council(
        "860",
        settings={
            "childminder": (8, 24, 8, 0),
            "childcare_non_domestic": (4, 12, 4, 0),
            "primary_school": (4, 22, 14, 1),
            "secondary_school": (2, 6, 4, 0),
            "school_sixth_form": (0, 3, 4, 1),
            "further_education_college": (0, 1, 1, 0),
            "special_school": (4, 11, 8, 0),
            "pupil_referral_unit": (1, 3, 2, 0),
            "childrens_home": (2, 3, 2, 0),
            "la_fostering_agency": (1, 0, 0, 0),
            "independent_fostering_agency": (2, 0, 0, 0),  # counted from 2010
            "residential_special_school": (0, 1, 0, 0),  # counted from 2010
        },
        events=(
            *jar(D(2006, 5, 8), 2, 2, 2),
            *full(D(2009, 9, 14), 2, 2, 2),
            *reviews(2, 2),
        ),
        bands={BH: 4, SS: 3, EA: 3, PC: 3, EW: 3},
        improving=True,
        apa_bands={BH: 3, SS: 3, EA: 3, PC: 3, EW: 2},
    ),
    Council(
        "937",
        settings=county(0.9),
        events=tuple(full(D(2009, 6, 22), 1, 1, 1)),
        bands={BH: 3, SS: 4, EA: 4, PC: 3, EW: 3},
        apa_bands=all_bands(4),
    ),
    Council(
        "802",
        settings=county(0.3, 0.1),
        events=(
            *jar(D(2005, 11, 7), 3, 3, 3),
            *full(D(2009, 6, 29), 3, 4, 3),
            *unannounced(D(2009, 8, 3), "priority_action"),
        ),
        bands={BH: 2, SS: 2, EA: 2, PC: 1, EW: 2},
        apa_bands={BH: 2, SS: 1, EA: 2, PC: 2, EW: 2},
    ),
    Council(
        "881",
        settings=county(0.7),
        events=(*full(D(2009, 7, 27), 4, 3, 3), *full(D(2010, 6, 21), 3, 3, 3)),
        bands=all_bands(3),
    ),
    Council(
        "891",
        settings=county(0.7),
        events=(
            *full(D(2009, 6, 8), 2, 2, 2),
            *unannounced(D(2009, 10, 19), "priority_action"),
        ),
        bands=all_bands(3),
    ),
    Council(
        "830",
        settings=county(0.7),
        events=tuple(full(D(2009, 6, 15), 2, 2, 2)),
        bands={BH: 3, SS: 3, EA: 3, PC: 4, EW: 4},
        overrides=dict.fromkeys(SAFE[:6] + ENJOY[:6], 1),
    ),
    Council(
        "835",
        settings=county(0.5),
        events=tuple(full(D(2009, 8, 17), 3, 3, 3)),
        bands={BH: 3, SS: 3, EA: 3, PC: 3, EW: 3},
        overrides=dict.fromkeys(SAFE[:7] + ENJOY[:7], 1),
    ),
    Council(
        "845",
        settings=county(0.7),
        events=(*full(D(2009, 7, 6), 2, 2, 2), *reviews(4, 2, 4, 3)),
        bands=all_bands(3),
    ),
    Council(
        "938",
        settings=county(0.7),
        events=tuple(jar(D(2006, 3, 13), 2, 3, 2)),
        bands=all_bands(3),
        apa_bands={BH: 3, SS: 3, EA: 2, PC: 3, EW: 2},
    ),
    Council(
        "886",
        settings=county(0.7),
        events=(
            Event("apa_staying_safe", D(2008, 11, 24), None, 2),
            *full(D(2011, 11, 23), 2, 2, 2),  # under way at the 2011 decision
        ),
        bands=all_bands(3),
    ),
    Council(
        "888",
        settings=county(0.7, secondary_school=(1, 5, 0, 2)),
        events=(
            *unannounced(D(2009, 2, 9), "priority_action"),
            *full(D(2009, 7, 20), 2, 2, 2),
            *unannounced(D(2009, 9, 28), "development"),
        ),
        bands=all_bands(3),
        extra_inspections=(
            # A primary school judged inadequate, then good on its latest inspection.
            ("888-R1", "primary_school", "maintained", D(2007, 3, 5), 4),
            ("888-R1", "primary_school", "maintained", D(2009, 3, 2), 2),
            # A school inspected after the 2009 cut-off counts in 2010 only.
            ("888-R2", "primary_school", "maintained", D(2010, 1, 18), 1),
        ),
    ),
    Council(
        "803",
        settings=county(0.7),
        events=tuple(full(D(2009, 6, 1), 2, 2, 2)),
        bands=all_bands(3),
    ),
    Council(
        "855",
        settings=county(0.7),
        events=tuple(full(D(2009, 8, 3), 2, 3, 2)),
        bands=all_bands(3),
    ),
    Council("811", settings=county(0.7)),
    Council(
        "909",
        events=tuple(full(D(2009, 7, 13), 2, 2, 2)),
        bands=all_bands(3),
    ),
    Council(
        "896",
        settings={"primary_school": (0, 2, 1, 0)},
        events=tuple(jar(D(2007, 2, 5), 3, 3, 3)),
        bands=all_bands(3),
        indicators=2,
    ),
    Council(
        "928",
        settings={"primary_school": (1, 6, 3, 0), "childminder": (0, 3, 2, 0)},
        events=tuple(jar(D(2007, 9, 10), 2, 3, 2)),
        bands=all_bands(3),
        indicators=8,
    ),
)

CONTACTS = (
    (
        "885", "Ms", "Gail", "Quinton", "Director of Children's Services",
        "Worcestershire County Council", "County Hall", "Spetchley Road", "Worcester",
        "Worcestershire", "", "WR5 2YA", "Dear Ms Quinton",
    ),
    (
        "860", "Mr", "Peter", "Traves",
        "Corporate Director of Children and Lifelong Learning", "Staffordshire County Council",
        "County Buildings", "Tipping Street", "Stafford", "Staffordshire", "", "ST16 2DH",
        "Dear Mr Traves",
    ),
)  # fmt: skip
"""The addressees of the two 2009 seed letters, as published."""

MODERATION = (
    ("803", "override", "3", "4", "A Moderator", "2009-11-20",
     "practice seen on the ground since the cut-off is outstanding"),
    ("855", "withhold", "", "", "A Moderator", "2009-11-20",
     "a full inspection of safeguarding is due before publication"),
)  # fmt: skip
"""Inspectors' decisions: one override, one withholding."""

MANIFEST = DatasetManifest(
    name="csrating frozen test fixture 2009 (hand-made)",
    demonstration=True,
    source="scripts/make_frozen_fixture.py: every figure chosen by hand, nothing random",
    licence="MIT (written for csrating's tests); council codes and neighbours: OGL v3.0",
    as_at=dt.date(2009, 8, 31),
    vintage="2009",
    catalogue="ni",
    description=(
        "A hand-made test fixture, not real inspection results: a few councils, each one "
        "scenario of the rules (see scripts/make_frozen_fixture.py). Frozen: tests read it "
        "and never regenerate it."
    ),
    tables=("inspections", "council_inspections", "indicators", "contacts"),
)

_START = dt.date(2006, 9, 4)
_SPAN = (dt.date(2009, 7, 31) - _START).days
_SECTORS = {
    "childminder": "private",
    "childcare_non_domestic": "voluntary",
    "sixth_form_college": "maintained",
    "further_education_college": "maintained",
    "independent_fostering_agency": "private",
    "residential_special_school": "voluntary",
}


def inspection_rows(councils: Iterable[Council]) -> list[list[object]]:
    """Return one inspection per setting, dated across three school years, grades as set."""
    rows: list[list[object]] = []
    for council in councils:
        for t, (setting_type, counts) in enumerate(council.settings.items()):
            number = 0
            for grade, count in enumerate(counts, start=1):
                for _ in range(count):
                    number += 1
                    urn = f"{council.code}{t:02d}{number:03d}"
                    day = _START + dt.timedelta(days=(number * 53 + t * 17) % _SPAN)
                    sector = _SECTORS.get(setting_type, "local_authority")
                    if setting_type.endswith("school") and setting_type != "nursery_school":
                        sector = "maintained"
                    name = f"{setting_type.replace('_', ' ').capitalize()} {number}"
                    rows.append(
                        [urn, council.code, setting_type, sector, name, day, grade, grade, grade]
                    )
        for urn, setting_type, sector, day, grade in council.extra_inspections:
            name = f"{setting_type.replace('_', ' ').capitalize()} {urn}"
            rows.append([urn, council.code, setting_type, sector, name, day, grade, grade, grade])
    return rows


def council_rows(councils: Iterable[Council]) -> list[list[object]]:
    """Return every council-level inspection."""
    return [
        [c.code, e.kind, e.date, e.judgement, e.grade, e.outcome]
        for c in councils
        for e in c.events
    ]


def _value(cutoffs: tuple[float, float, float], band: int, higher_is_better: bool) -> float:
    low, middle, high = cutoffs
    spread = (high - low) / 2
    if not higher_is_better:
        band = 5 - band
    return {1: low - spread, 2: (low + middle) / 2, 3: (middle + high) / 2, 4: high + spread}[band]


def indicator_rows(councils: Iterable[Council]) -> list[list[object]]:
    """Return 2008-09 values in each council's chosen bands (2007-08 a band lower for
    alternate indicators), England's in band 3, and 2005-06 values for the APA councils."""
    bands = load_framework("rating-2009").profile.indicator_bands
    catalogue = [i for i in indicator_catalogue("ni") if i.id in bands]

    def value(ident: str, band: int, higher: bool, decimals: int) -> float:
        return round(_value(bands[ident].cutoffs, band, higher), decimals)

    rows: list[list[object]] = []
    for entry in catalogue:
        v = value(entry.id, 3, entry.higher_is_better, entry.decimals)
        rows.append([ENGLAND_ONS_CODE, entry.id, "2008-09", v, None])
    for council in councils:
        kept = catalogue[: council.indicators] if council.indicators is not None else catalogue
        for n, entry in enumerate(kept if council.bands else ()):
            band = council.overrides.get(entry.id, council.bands[entry.outcome.value])
            earlier = max(1, band - 1) if n % 2 or council.improving else band
            for period, b in (("2007-08", earlier), ("2008-09", band)):
                v = value(entry.id, b, entry.higher_is_better, entry.decimals)
                rows.append([council.code, entry.id, period, v, None])
        for entry in catalogue if council.apa_bands else ():
            b = council.apa_bands[entry.outcome.value]
            v = value(entry.id, b, entry.higher_is_better, entry.decimals)
            rows.append([council.code, entry.id, "2005-06", v, None])
    return rows


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _text(v) for v in row])
    return out.getvalue()


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e6 else str(value)
    return str(value)


def fixture_files() -> dict[str, str]:
    """Return the fixture's files, by name."""
    return {
        "README.md": f"# {MANIFEST.name}\n\n{__doc__}",
        "dataset.toml": manifest_toml(MANIFEST),
        "inspections.csv": _csv(INSPECTIONS_SCHEMA, inspection_rows(COUNCILS)),
        "council_inspections.csv": _csv(COUNCIL_INSPECTIONS_SCHEMA, council_rows(COUNCILS)),
        "indicators.csv": _csv(INDICATORS_SCHEMA, indicator_rows(COUNCILS)),
        "contacts.csv": _csv(CONTACTS_SCHEMA, CONTACTS),
        "moderation.csv": _csv(MODERATION_COLUMNS, MODERATION),
    }


# frozen-2025: an excerpt of the shipped present-day dataset ------------------------------

PRESENT_DAY = "present-day-2025"
EXCERPT = ("201", "202", "302", "307", "310", "312", "313", "317", "320", "394", "890")
"""The councils of 2023 the excerpt keeps (see the module docstring)."""


def excerpt_files() -> dict[str, str]:
    """Return the present-day excerpt's files: the kept councils' rows, unchanged."""
    source = shipped_path(PRESENT_DAY)
    original, problems = read_manifest(source)
    assert original is not None, problems
    manifest = original.model_copy(
        update={
            "name": "csrating frozen test fixture 2025 (excerpt of real published data)",
            "description": (
                f"A test fixture: every row of eleven councils ({', '.join(EXCERPT)}) and "
                f"England from csrating's shipped {PRESENT_DAY} dataset, unchanged (see "
                "scripts/make_frozen_fixture.py). Frozen: tests read it and never "
                "regenerate it. " + original.description
            ),
        }
    )
    files = {"dataset.toml": manifest_toml(manifest)}
    keep = {*EXCERPT, ENGLAND_ONS_CODE}
    for path in sorted(source.glob("*.csv")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header, rows = lines[0], lines[1:]
        column = next(csv.reader([header])).index("la_code")
        kept = [line for line in rows if next(csv.reader([line]))[column] in keep]
        files[path.name] = header + "".join(kept)
    return files


def main(argv: list[str] | None = None) -> int:
    """Write both fixtures under the folder named on the command line (or the default)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else DEFAULT_ROOT
    for folder, files in (("frozen-2009", fixture_files()), ("frozen-2025", excerpt_files())):
        out = root / folder
        out.mkdir(parents=True, exist_ok=True)
        write_many({out / name: text.encode("utf-8") for name, text in files.items()})
        print(f"wrote {len(files)} files to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
