"""Build the reference data csrating ships, from the raw open data in ../shared/data.

Usage::

    python scripts/build_reference.py ../shared/data [--out src/csrating/reference/data]
    python scripts/build_reference.py ../shared/data --check

Writes, into the package, one folder per vintage (the geography in force at a date) and the
list of vintages (``vintages.json``):

* ``2009/`` - the 152 children's services authorities in force on 9 December 2009, with
  the DfE April 2021 neighbour model mapped back to 2009 geography;
* ``2023/`` - the 153 in force from 1 April 2023 (after the reorganisations of 2019-2023),
  with the DfE May 2025 neighbour model.

Each vintage folder holds:

* ``councils.csv`` - DfE code, ONS code, name, region, type, and the style the council uses
  of itself (``council_name``, from the hand-written ``scripts/data/council_styles.csv``).
* ``council_names.csv`` - every spelling of each council's name met in the sources, for
  adapters that must map names to codes (Ofsted's files often name councils, never code them).
* ``neighbours.csv`` - 10 statistical neighbours per council; ``neighbour_model.json``
  records the model's vintage, source and every code replaced.
* ``hexmap.csv`` - a hex-grid position per council (odd-r layout, north is larger ``r``),
  from the 2020 hexjson of Open Innovations, split or recoded to the vintage's geography.

The National Indicator catalogue (``catalogues/ni.csv``) is written by hand, not derived; this
script only checks it. Re-running the script on the same inputs gives byte-identical outputs;
``--check`` writes nothing and exits 1 if a shipped file differs from what would be written.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

import openpyxl
import polars as pl

from csrating.files import write_many
from csrating.reference import normalise_council_name

SCRIPT_DATA = Path(__file__).resolve().parent / "data"
STYLES = SCRIPT_DATA / "council_styles.csv"
"""The hand-written style each council uses of itself, per vintage."""

LAIT_TYPES = {"SC", "UA", "MD", "ILB", "OLB"}
TYPE_FROM_ENTITY = {"E10": "SC", "E06": "UA", "E08": "MD"}

Row = dict[str, str]

# --- 2009 -------------------------------------------------------------------------------

# Codes of the DfE April 2021 neighbour model that did not exist in 2009, and the 2009
# councils they stand for when they appear in someone else's neighbour list. Where a new
# council was formed from several, the first listed predecessor is used unless it is the
# council itself or is already in the list, then the next.
NEIGHBOUR_CODE_REPLACEMENTS: dict[str, tuple[str, ...]] = {
    "838": ("835",),  # Dorset (2019 unitary) -> Dorset County Council
    "839": ("837", "836"),  # Bournemouth, Christchurch and Poole -> Bournemouth, Poole
    "940": ("928",),  # North Northamptonshire -> Northamptonshire
    "941": ("928",),  # West Northamptonshire -> Northamptonshire
}

# 2009 councils whose ONS code changed in 2013; the hexjson (2020) uses the new code.
ONS_RENAMED_LATER = {"E06000057": "E06000048", "E08000037": "E08000020"}

# --- 2023 -------------------------------------------------------------------------------

# What changed between the 2009 and 2023 geographies, written out so the build can check
# las.csv against it: councils gone, councils new (with their ONS codes), and councils kept
# under a new ONS code (with the reason).
REMOVED_BY_2023 = {
    "835": "Dorset County Council, replaced by Dorset Council (838) on 1 April 2019",
    "836": "Poole, merged into Bournemouth, Christchurch and Poole (839) on 1 April 2019",
    "837": "Bournemouth, merged into Bournemouth, Christchurch and Poole (839) on 1 April 2019",
    "928": "Northamptonshire, split into North (940) and West (941) on 1 April 2021",
    "909": "Cumbria, split into Cumberland (942) and Westmorland and Furness (943) on 1 April 2023",
}
NEW_BY_2023 = {
    "838": "E06000059",  # Dorset (unitary), 1 April 2019
    "839": "E06000058",  # Bournemouth, Christchurch and Poole, 1 April 2019
    "940": "E06000061",  # North Northamptonshire, 1 April 2021
    "941": "E06000062",  # West Northamptonshire, 1 April 2021
    "942": "E06000063",  # Cumberland, 1 April 2023
    "943": "E06000064",  # Westmorland and Furness, 1 April 2023
}
RECODED_BY_2023 = {
    "825": ("E06000060", "Buckinghamshire became a unitary authority on 1 April 2020"),
    "815": ("E06000065", "North Yorkshire became a unitary authority on 1 April 2023"),
    "933": ("E06000066", "Somerset became a unitary authority on 1 April 2023"),
    "929": ("E06000057", "Northumberland recoded after a boundary correction in 2013"),
    "390": ("E08000037", "Gateshead recoded after a boundary correction in 2013"),
}

# Rows of the May 2025 model for councils that no longer exist ("Pre LG" rows). They are
# not 2023 councils; no 2023 council names them as a neighbour (the build checks).
SN_2025_FORMER_COUNCILS = {"835", "836", "837", "909", "928"}

# The May 2025 model writes its closeness labels in two cases ("Very close", "Very Close");
# the 2023 file writes every label in sentence case.
CLOSENESS_2025 = ("Extremely close", "Very close", "Close", "Somewhat close", "Not close")

# --- hex maps ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HexPlan:
    """How a vintage's hex map is made from the 2020 hexjson.

    ``takes`` gives hexjson codes that are not councils of the vintage: the council whose
    hex it becomes, and why (``split``: one of the councils the 2020 one stands for;
    ``later``/``earlier``: the same council under another code). ``placed`` puts councils
    on a hex by hand (new councils, and councils moved to make room), with the reason.
    """

    takes: Mapping[str, tuple[str, str]]
    placed: Mapping[str, tuple[int, int, str]]


HEXES_2009 = HexPlan(
    takes={
        "E06000058": ("E06000028", "split"),  # Bournemouth keeps the merged council's hex
        "E06000059": ("E10000009", "split"),  # Dorset County Council keeps Dorset's hex
        "E06000057": ("E06000048", "later"),
        "E08000037": ("E08000020", "later"),
    },
    placed={  # Poole: the free hex between Bournemouth and Dorset
        "E06000029": (4, 1, "placed by hand on a free hex: not in the 2020 hexjson"),
    },
)

HEXES_2023 = HexPlan(
    takes={
        "E10000002": ("E06000060", "earlier"),  # Buckinghamshire
        "E10000023": ("E06000065", "earlier"),  # North Yorkshire
        "E10000027": ("E06000066", "earlier"),  # Somerset
        # Westmorland and Furness (south and east of Cumbria: Barrow, Kendal, Penrith) keeps
        # Cumbria's hex, next to Lancashire; Cumberland goes on the free hex to its north-west.
        "E10000006": ("E06000064", "split"),
        # North Northamptonshire keeps Northamptonshire's hex, next to Leicestershire; West
        # Northamptonshire takes the hex to its west, freed by moving Warwickshire and
        # Herefordshire one hex west (the Midlands have no free hex).
        "E10000021": ("E06000061", "split"),
    },
    placed={
        "E06000063": (
            5,
            15,
            "placed by hand on the free hex north-west of Westmorland and Furness: "
            "not in the 2020 hexjson",
        ),
        "E06000062": (
            6,
            6,
            "placed by hand west of North Northamptonshire, on the hex Warwickshire left: "
            "not in the 2020 hexjson",
        ),
        "E10000031": (5, 6, "moved one hex west to make room for West Northamptonshire"),
        "E06000019": (4, 6, "moved one hex west to make room for West Northamptonshire"),
    },
)

ATTRIBUTION = [
    "Contains public sector information licensed under the Open Government Licence v3.0.",
    "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.",
    "Hex map layout adapted from Open Innovations (odileeds/hexmaps), MIT licence; council "
    "lookups from data-to-insight and DfE analytical services repositories, MIT licence.",
    "Statistical neighbours from the Department for Education's children's services "
    "statistical neighbour models (April 2021, May 2025); council names also from Ofsted's "
    "official statistics on local authority inspections.",
]


# --- councils ---------------------------------------------------------------------------


def _date(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def read_councils(raw: Path, as_at: dt.date) -> list[Row]:
    """Return the councils in force on ``as_at`` (from las.csv), sorted by DfE code."""
    regions = {r["region_code"]: r["region_name"] for r in _csv(raw / "regions.csv")}
    lait = _lait(raw)
    councils = []
    for row in _csv(raw / "las.csv"):
        start, end = _date(row["date_of_operation"]), _date(row["date_of_termination"])
        if start is None or start > as_at or (end is not None and end < as_at):
            continue
        if "/" in row["new_la_code"]:  # a combined row (shared services, split councils)
            continue
        code = row["old_la_code"]
        lait_type = lait[code]["type"] if code in lait else ""
        la_type = lait_type if row["entity_code"] == "E09" else TYPE_FROM_ENTITY[row["entity_code"]]
        councils.append(
            {
                "la_code": code,
                "ons_code": row["new_la_code"],
                "name": _display_name(row["la_name"]),
                "region_code": row["parent_geography_code"],
                "region": regions[row["parent_geography_code"]],
                "type": la_type,
            }
        )
    councils.sort(key=lambda c: c["la_code"])
    _check(all(c["type"] in LAIT_TYPES for c in councils), f"a council of {as_at} has no type")
    _check(len({c["la_code"] for c in councils}) == len(councils), "DfE codes are not unique")
    _check(len({c["ons_code"] for c in councils}) == len(councils), "ONS codes are not unique")
    return councils


def _display_name(ons_name: str) -> str:
    """Turn ONS's sorted form ("Bristol, City of") into running text ("City of Bristol")."""
    if ", " in ons_name:
        place, prefix = ons_name.split(", ", 1)
        if prefix.lower() in {"city of", "county of"}:
            return f"{prefix} {place}"
    return ons_name


def _lait(raw: Path) -> dict[str, Row]:
    sheet = openpyxl.load_workbook(raw / "la_code_list.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    out = {}
    for number, name, region, la_type in rows[1:]:
        out[str(number)] = {"name": str(name), "region": str(region), "type": str(la_type)}
    return out


def check_2023_against_2009(raw: Path, councils: list[Row], old: list[Row]) -> None:
    """Check the 2023 councils are the 2009 ones after the listed reorganisations.

    Also checks every code against LAIT's list, the May 2025 neighbour model and Ofsted's
    ILACS outcomes of 31 March 2025 (which key the 153 councils by ONS code).
    """
    now = {c["la_code"]: c for c in councils}
    then = {c["la_code"]: c for c in old}
    _check(set(then) - set(now) == set(REMOVED_BY_2023), "2023: councils gone since 2009 differ")
    _check(set(now) - set(then) == set(NEW_BY_2023), "2023: councils new since 2009 differ")
    for code, ons in NEW_BY_2023.items():
        _check(now[code]["ons_code"] == ons, f"2023: council {code} is not {ons} in las.csv")
    for code in sorted(set(now) & set(then)):
        expected, actual = (
            RECODED_BY_2023.get(code, (then[code]["ons_code"], ""))[0],
            now[code]["ons_code"],
        )
        _check(actual == expected, f"2023: council {code} is {actual} in las.csv, not {expected}")
        if code not in RECODED_BY_2023:
            _check(now[code]["type"] == then[code]["type"], f"2023: council {code} changed type")
    lait = _lait(raw)
    for code, council in now.items():
        _check(code in lait and "Pre LG" not in lait[code]["name"], f"2023: {code} not in LAIT")
        region = then.get(code, council)["region_code"]
        _check(council["region_code"] == region, f"2023: council {code} changed region")
    _check(set(_sn_2025(raw)) - SN_2025_FORMER_COUNCILS == set(now), "2023: May 2025 model differs")
    ilacs = _ods_sheets(
        raw / "LA_Inspection_Outcomes_as_at_31_March_2025.ods", ["Inspections_as_at_31_March"]
    )
    codes = {row["Local authority area code"] for row in ilacs["Inspections_as_at_31_March"]}
    _check(codes == {c["ons_code"] for c in councils}, "2023: ILACS 2025 ONS codes differ")


def check_unambiguous(vintage: str, councils: list[Row], names: list[Row]) -> None:
    """Check no name, style or spelling of one council is also a name of another.

    Names are compared as :func:`csrating.reference.normalise_council_name` reduces them,
    which is how the package looks them up.
    """
    keys: dict[str, set[str]] = {}
    pairs = [(c["la_code"], c[column]) for c in councils for column in ("name", "council_name")]
    for code, text in pairs + [(n["la_code"], n["name"]) for n in names]:
        keys.setdefault(normalise_council_name(text), set()).add(code)
    clashes = sorted(key for key, codes in keys.items() if len(codes) > 1)
    _check(not clashes, f"{vintage}: names that fit two councils: {', '.join(clashes)}")


def read_styles(path: Path, vintage: str, councils: list[Row]) -> dict[str, str]:
    """Return each council's style of itself (``council_name``) from the hand-written table."""
    codes = {c["la_code"] for c in councils}
    styles: dict[str, str] = {}
    for number, row in enumerate(_csv(path), start=2):
        if row["vintage"] != vintage:
            continue
        where = f"{path.name} row {number}"
        code, style = row["la_code"], row["council_name"]
        _check(code in codes, f"{where}: {code} is not a council of vintage {vintage}")
        _check(code not in styles, f"{where}: council {code} has two styles in {vintage}")
        _check(bool(style) and style == style.strip(), f"{where}: style {style!r} is blank")
        styles[code] = style
    missing = sorted(codes - set(styles))
    _check(not missing, f"{path.name}: no style for {', '.join(missing)} in vintage {vintage}")
    return styles


# --- names ------------------------------------------------------------------------------


def read_names_2009(raw: Path, councils: list[Row]) -> list[Row]:
    """Return every (code, spelling) pair the sources use for the 152 councils of 2009."""
    codes = {c["la_code"] for c in councils}
    by_ons = {c["ons_code"]: c["la_code"] for c in councils}
    seen: set[tuple[str, str]] = set()

    def add(code: str, name: str | None) -> None:
        if code in codes and name and name.strip() and not name.strip().isdigit():
            seen.add((code, name.strip()))

    for c in councils:
        add(c["la_code"], c["name"])
    for row in _csv(raw / "las.csv"):
        if row["old_la_code"] in codes:
            add(row["old_la_code"], row["la_name"])
    for code, info in _lait(raw).items():
        add(code, info["name"].replace(" (Pre LG)", ""))
    for row in _csv(raw / "Provider_data_lookup.csv"):
        for column in ("local_authority_ons_name", "also_known_as", "ofsted_ilacs_scrape_la_name"):
            add(row["la_code"], row[column])
    for ons, cell in _hexjson(raw)["hexes"].items():
        ons = ONS_RENAMED_LATER.get(ons, ons)
        if ons in by_ons:
            add(by_ons[ons], cell["n"])
    return [{"la_code": code, "name": name} for code, name in sorted(seen)]


class _Spellings:
    """Spellings gathered source by source; the first of those equal but for case stands."""

    def __init__(self, councils: list[Row]) -> None:
        self.codes = {c["la_code"] for c in councils}
        self.by_ons = {c["ons_code"]: c["la_code"] for c in councils}
        self.seen: dict[tuple[str, str], str] = {}

    def add(self, code: object, name: object) -> None:
        text = str(name).strip() if name is not None else ""
        code = _code_text(code)
        if code in self.codes and text and not text.isdigit():
            self.seen.setdefault((code, text.casefold()), text)

    def known(self, code: str) -> set[str]:
        return {key for (c, key) in self.seen if c == code}

    def by_key(self) -> dict[str, set[str]]:
        keys: dict[str, set[str]] = {}
        for code, text in self.rows():
            keys.setdefault(normalise_council_name(text), set()).add(code)
        return keys

    def rows(self) -> list[tuple[str, str]]:
        return sorted((code, text) for (code, _), text in self.seen.items())


def read_names_2023(raw: Path, councils: list[Row]) -> list[Row]:
    """Return every (code, spelling) pair the sources use for the 153 councils of 2023.

    Coded sources are read first (ONS, LAIT, the neighbour model, data-to-insight's lookup,
    the hexjson, Ofsted's 2025 ILACS outcomes); the spellings in Ofsted's 2023 spreadsheets,
    which name councils without codes, are added only where a name matches exactly one
    council through the spellings already known.
    """
    names = _Spellings(councils)
    for c in councils:
        names.add(c["la_code"], c["name"])
    for row in _csv(raw / "las.csv"):
        names.add(row["old_la_code"], row["la_name"])
    for code, info in _lait(raw).items():
        if "Pre LG" not in info["name"]:
            names.add(code, info["name"])
    lait_long = pl.read_parquet(raw / "bds_long_0.parquet", columns=["LA Number", "LA and Regions"])
    for number, name in lait_long.unique().sort(["LA Number", "LA and Regions"]).iter_rows():
        names.add(number, name)
    for code, model_row in _sn_2025(raw).items():
        names.add(code, model_row[1])
    lookup = _csv(raw / "Provider_data_lookup.csv")
    for row in lookup:
        names.add(row["la_code"], row["local_authority_ons_name"])
        names.add(row["la_code"], row["ofsted_ilacs_scrape_la_name"])
    renamed = {old: new for old, (new, why) in HEXES_2023.takes.items() if why != "split"}
    for ons, cell in _hexjson(raw)["hexes"].items():
        ons = renamed.get(ons, ons)
        if ons in names.by_ons:
            names.add(names.by_ons[ons], cell["n"])
    sheets = ["Inspections_as_at_31_March", "In-year_inspections", "ILACS_inspection_history"]
    ilacs = _ods_sheets(raw / "LA_Inspection_Outcomes_as_at_31_March_2025.ods", sheets)
    for sheet in sheets:
        for row in ilacs[sheet]:
            ons = row["Local authority area code"]
            if ons in names.by_ons:
                names.add(names.by_ons[ons], row["Local authority name"])
    overview = openpyxl.load_workbook(raw / "ofsted_csc_ilacs_overview.xlsx", read_only=True)
    rows = overview.active.iter_rows(values_only=True)
    header = [str(h) for h in next(rows)]
    for values in rows:
        row = dict(zip(header, values, strict=False))
        names.add(row["la_code"], row["local_authority"])
    for row in lookup:  # "[BCP, Bournemouth, Christchurch & Poole]": a list with commas
        for alias in _aliases(row["also_known_as"], names.known(_code_text(row["la_code"]))):
            names.add(row["la_code"], alias)
    keys = names.by_key()
    old_ods = raw / "Childrens_social_care_in_England_2023_underlying_data.ods"
    sheets = ["LA_level_at_31_Mar_2023", "LA_level_in_year_2022-23", "LA_inspections_2009-2023"]
    for rows_of_sheet in _ods_sheets(old_ods, sheets).values():
        for row in rows_of_sheet:
            match = keys.get(normalise_council_name(row["Local authority name"]), set())
            if len(match) == 1:
                names.add(next(iter(match)), row["Local authority name"])
    return [{"la_code": code, "name": text} for code, text in names.rows()]


def _aliases(text: str, known: set[str]) -> list[str]:
    """Split data-to-insight's ``[a, b, c]`` list, keeping known names that hold commas whole.

    ``[BCP, Bournemouth, Christchurch & Poole]`` gives ``BCP`` and ``Bournemouth,
    Christchurch & Poole`` (a spelling met elsewhere), not ``Bournemouth`` alone.
    """
    inner = text.strip().removeprefix("[").removesuffix("]")
    pieces = [p.strip() for p in inner.split(",") if p.strip()]
    out: list[str] = []
    start = 0
    while start < len(pieces):
        end = next(
            (
                stop
                for stop in range(len(pieces), start + 1, -1)
                if ", ".join(pieces[start:stop]).casefold() in known
            ),
            start + 1,
        )
        out.append(", ".join(pieces[start:end]))
        start = end
    return out


def _code_text(code: object) -> str:
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return str(code).strip() if code is not None else ""


# --- neighbours -------------------------------------------------------------------------


def read_neighbours_2021(raw: Path, councils: list[Row]) -> tuple[list[Row], dict[str, object]]:
    """Return 10 neighbours per council in 2009 geography, and the model's provenance."""
    codes = {c["la_code"] for c in councils}
    model: dict[str, list[tuple[str, str]]] = {}
    with (raw / "New_Statistical_Neighbour_Groupings_April_2021.csv").open(
        encoding="utf-8-sig", newline=""
    ) as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        if not row or not row[0].strip():
            continue
        pairs = [(row[5 + 2 * i], row[6 + 2 * i]) for i in range(10)]
        model.setdefault(row[0], pairs)  # the file repeats some rows; the first stands
    out: list[Row] = []
    replaced: list[Row] = []
    for code in sorted(codes):
        _check(code in model, f"no neighbour row for council {code}")
        chosen: list[str] = []
        for rank, (model_code, closeness) in enumerate(model[code], start=1):
            candidates = NEIGHBOUR_CODE_REPLACEMENTS.get(model_code, (model_code,))
            pick = next((c for c in candidates if c != code and c not in chosen), None)
            note = ""
            if model_code in NEIGHBOUR_CODE_REPLACEMENTS:
                if pick is None:
                    note = f"{model_code} dropped: its 2009 predecessor is already listed"
                else:
                    note = f"{model_code} replaced by 2009 predecessor {pick}"
                replaced.append({"council": code, "rank": str(rank), "note": note})
            if pick is None:
                continue
            _check(pick in codes, f"neighbour {pick} of {code} is not a 2009 council")
            chosen.append(pick)
            out.append(
                {
                    "la_code": code,
                    "rank": str(len(chosen)),
                    "neighbour_la_code": pick,
                    "closeness": closeness,
                    "model_code": model_code,
                    "note": note,
                }
            )
        # A dropped duplicate leaves a gap: fill it from the neighbours' own lists, nearest
        # first, so every council keeps ten.
        for extra in _fill_candidates(code, chosen, model):
            if len(chosen) == 10:
                break
            chosen.append(extra)
            note = "added to keep ten: next nearest through the council's neighbours"
            out.append(
                {
                    "la_code": code,
                    "rank": str(len(chosen)),
                    "neighbour_la_code": extra,
                    "closeness": "",
                    "model_code": "",
                    "note": note,
                }
            )
            replaced.append({"council": code, "rank": str(len(chosen)), "note": note})
        _check(len(chosen) == 10, f"council {code} has {len(chosen)} neighbours")
    provenance: dict[str, object] = {
        "model": "DfE children's services statistical neighbour model",
        "vintage": "April 2021",
        "source_file": "New_Statistical_Neighbour_Groupings_April_2021.csv",
        "geography": "2009 (152 councils of 9 December 2009)",
        "code_replacements": {k: list(v) for k, v in NEIGHBOUR_CODE_REPLACEMENTS.items()},
        "changes": replaced,
    }
    return out, provenance


def _fill_candidates(
    code: str, chosen: list[str], model: dict[str, list[tuple[str, str]]]
) -> Iterator[str]:
    for neighbour in list(chosen):
        for model_code, _ in model.get(neighbour, []):
            for candidate in NEIGHBOUR_CODE_REPLACEMENTS.get(model_code, (model_code,)):
                if candidate != code and candidate not in chosen:
                    yield candidate


def _sn_2025(raw: Path) -> dict[str, tuple[object, ...]]:
    """Return the May 2025 model's rows by DfE code (its first three rows are headers)."""
    sheet = openpyxl.load_workbook(raw / "sn_may_2025.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[2]]
    _check(header[:2] == ["LA num", "LA Name"] and header[5] == "SN1", "sn_may_2025: odd header")
    out: dict[str, tuple[object, ...]] = {}
    for row in rows[3:]:
        if row[0] is None:
            continue
        code = _code_text(row[0])
        _check(code not in out, f"sn_may_2025: council {code} has two rows")
        _check(_code_text(row[2]) == code, f"sn_may_2025: council {code} has two numbers")
        out[code] = row
    return out


def read_neighbours_2025(raw: Path, councils: list[Row]) -> tuple[list[Row], dict[str, object]]:
    """Return the 10 neighbours of each 2023 council from the DfE May 2025 model."""
    codes = {c["la_code"] for c in councils}
    model = _sn_2025(raw)
    labels = {label.casefold(): label for label in CLOSENESS_2025}
    out: list[Row] = []
    for code in sorted(codes):
        _check(code in model, f"sn_may_2025: no row for council {code}")
        row = model[code]
        chosen: list[str] = []
        for rank in range(1, 11):
            neighbour = _code_text(row[3 + 2 * rank])
            closeness = str(row[4 + 2 * rank]).strip()
            _check(neighbour in codes, f"sn_may_2025: neighbour {neighbour} of {code} is gone")
            _check(neighbour != code and neighbour not in chosen, f"{code}: repeated {neighbour}")
            _check(closeness.casefold() in labels, f"sn_may_2025: closeness {closeness!r}")
            chosen.append(neighbour)
            out.append(
                {
                    "la_code": code,
                    "rank": str(rank),
                    "neighbour_la_code": neighbour,
                    "closeness": labels[closeness.casefold()],
                    "model_code": neighbour,
                    "note": "",
                }
            )
    provenance: dict[str, object] = {
        "model": "DfE children's services statistical neighbour model",
        "vintage": "May 2025",
        "source_file": "sn_may_2025.xlsx",
        "geography": "2023 (153 councils in force from 1 April 2023)",
        "code_replacements": {},
        "changes": [],
        "rows_not_used": {
            code: f"{model[code][1]}: not a council of 1 April 2023"
            for code in sorted(SN_2025_FORMER_COUNCILS)
        },
        "closeness": "labels as the model gives them, written in sentence case "
        f"({', '.join(CLOSENESS_2025)})",
    }
    return out, provenance


# --- hex maps ---------------------------------------------------------------------------


def _hexjson(raw: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        (raw / "uk-upper-tier-local-authorities.hexjson").read_text(encoding="utf-8")
    )
    _check(doc["layout"] == "odd-r", "the hexjson layout is not odd-r")
    return doc


def read_hexes(raw: Path, councils: list[Row], plan: HexPlan) -> list[Row]:
    """Return one hex per council on the 2020 hexjson grid, as ``plan`` adapts it."""
    by_ons = {c["ons_code"]: c["la_code"] for c in councils}
    out: dict[str, dict[str, object]] = {}
    for ons, cell in _hexjson(raw)["hexes"].items():
        note = ""
        if ons in plan.takes:
            target, why = plan.takes[ons]
            if why == "split":
                note = f"position of {ons} ({cell['n']}, 2020 geography)"
            else:
                note = f"position of {ons} ({why} code of the same council)"
            ons = target
        elif ons.startswith("E") and ons not in by_ons:
            _check(False, f"hexjson council {ons} ({cell['n']}) has no place in the plan")
        if ons not in by_ons:
            continue
        out[ons] = {
            "la_code": by_ons[ons],
            "ons_code": ons,
            "q": cell["q"],
            "r": cell["r"],
            "note": note,
        }
    for ons, (q, r, note) in plan.placed.items():
        _check(ons in by_ons, f"hex plan places {ons}, which is not a council")
        out[ons] = {"la_code": by_ons[ons], "ons_code": ons, "q": q, "r": r, "note": note}
    hexes = sorted(out.values(), key=lambda h: str(h["la_code"]))
    positions = Counter((h["q"], h["r"]) for h in hexes)
    _check(len(hexes) == len(councils), f"expected {len(councils)} hexes, made {len(hexes)}")
    _check(max(positions.values()) == 1, "two councils share a hex")
    return [{k: str(v) for k, v in h.items()} for h in hexes]


# --- ODS --------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _ods_sheets(path: Path, names: list[str]) -> dict[str, list[Row]]:
    """Return the tables of the named sheets of an ODS workbook, keyed by their header.

    The header is the first row whose first cell reads "Web link" (Ofsted's GSS layout puts
    a title and notes above it); a repeat of the header row further down (a second table on
    the same sheet) is skipped.
    """
    found: dict[str, list[Row]] = {}
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for _event, element in ElementTree.iterparse(content, events=("end",)):
            if element.tag != f"{_TABLE}table":
                continue
            name = element.get(f"{_TABLE}name", "")
            if name in names:
                found[name] = _table(path.name, name, _ods_rows(element))
            element.clear()
    missing = [n for n in names if n not in found]
    _check(not missing, f"{path.name}: no sheet {', '.join(missing)}")
    return found


def _table(file: str, sheet: str, rows: list[list[str]]) -> list[Row]:
    starts = [i for i, row in enumerate(rows) if row and row[0] == "Web link"]
    _check(bool(starts), f"{file} sheet {sheet}: no header row")
    header = rows[starts[0]]
    return [
        dict(zip(header, row + [""] * (len(header) - len(row)), strict=False))
        for row in rows[starts[0] + 1 :]
        if row and row != header
    ]


def _ods_rows(table: ElementTree.Element) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.iter(f"{_TABLE}table-row"):
        values: list[str] = []
        pending = 0  # empty cells not yet written: only written when a value follows
        for cell in row:
            if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                continue
            repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
            text = "\n".join(_ods_text(p) for p in cell.iter(f"{_TEXT}p")).strip()
            if text:
                values.extend([""] * pending + [text] * repeat)
                pending = 0
            else:
                pending += repeat
        if values:
            rows.extend([values] * int(row.get(f"{_TABLE}number-rows-repeated", "1")))
    return rows


def _ods_text(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# --- vintages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Vintage:
    """One geography: the councils in force at a date, with its neighbour model and map."""

    key: str
    as_at: dt.date
    count: int
    title: str
    description: str
    names: Callable[[Path, list[Row]], list[Row]]
    neighbours: Callable[[Path, list[Row]], tuple[list[Row], dict[str, object]]]
    hexes: HexPlan


VINTAGES = (
    Vintage(
        key="2009",
        as_at=dt.date(2009, 12, 9),
        count=152,
        title="councils of 9 December 2009",
        description="The children's services authorities in force when the first annual "
        "ratings were published.",
        names=read_names_2009,
        neighbours=read_neighbours_2021,
        hexes=HEXES_2009,
    ),
    Vintage(
        key="2023",
        as_at=dt.date(2023, 4, 1),
        count=153,
        title="councils of 1 April 2023",
        description="The children's services authorities in force from 1 April 2023, after "
        "the reorganisations of 2019 to 2023: today's geography.",
        names=read_names_2023,
        neighbours=read_neighbours_2025,
        hexes=HEXES_2023,
    ),
)


def build(raw: Path, catalogue: Path) -> tuple[dict[str, bytes], str]:
    """Return every file the script writes (path relative to the output folder -> bytes).

    Args:
        raw: the folder of raw open data (``../shared/data``).
        catalogue: the hand-written indicator catalogue to check.

    Returns:
        The files, and a one-line summary of what they hold.
    """
    unknown = {row["vintage"] for row in _csv(STYLES)} - {v.key for v in VINTAGES}
    _check(not unknown, f"{STYLES.name}: unknown vintage {', '.join(sorted(unknown))}")
    files: dict[str, bytes] = {}
    summary: list[str] = []
    built: dict[str, list[Row]] = {}
    for vintage in VINTAGES:
        councils = read_councils(raw, vintage.as_at)
        _check(
            len(councils) == vintage.count,
            f"expected {vintage.count} councils on {vintage.as_at}, found {len(councils)}",
        )
        if vintage.key == "2023":
            check_2023_against_2009(raw, councils, built["2009"])
        built[vintage.key] = councils
        styles = read_styles(STYLES, vintage.key, councils)
        rows = [{**c, "council_name": styles[c["la_code"]]} for c in councils]
        names = vintage.names(raw, councils)
        check_unambiguous(vintage.key, rows, names)
        neighbours, provenance = vintage.neighbours(raw, councils)
        hexes = read_hexes(raw, councils, vintage.hexes)
        folder = vintage.key
        files[f"{folder}/councils.csv"] = _csv_bytes(rows)
        files[f"{folder}/council_names.csv"] = _csv_bytes(names)
        files[f"{folder}/neighbours.csv"] = _csv_bytes(neighbours)
        files[f"{folder}/hexmap.csv"] = _csv_bytes(hexes)
        files[f"{folder}/neighbour_model.json"] = _json_bytes(provenance)
        summary.append(
            f"{vintage.key}: {len(councils)} councils, {len(neighbours)} neighbour links, "
            f"{len(hexes)} hexes"
        )
    files["vintages.json"] = _json_bytes(
        {
            v.key: {"title": v.title, "in_force": v.as_at.isoformat(), "description": v.description}
            for v in VINTAGES
        }
    )
    files["ATTRIBUTION.txt"] = ("\n".join(ATTRIBUTION) + "\n").encode("utf-8")
    summary.append(f"{check_catalogue(catalogue)} indicators")
    return files, "; ".join(summary)


def check_catalogue(path: Path) -> int:
    """Check the hand-written indicator catalogue; return how many indicators it has."""
    outcomes = {
        "being_healthy",
        "staying_safe",
        "enjoying_achieving",
        "positive_contribution",
        "economic_wellbeing",
    }
    rows = _csv(path)
    ids = [r["indicator"] for r in rows]
    _check(len(ids) == len(set(ids)), "indicator ids repeat in the catalogue")
    for row in rows:
        _check(row["ecm_outcome"] in outcomes, f"{row['indicator']}: unknown ECM outcome")
        _check(row["polarity"] in {"higher", "lower"}, f"{row['indicator']}: bad polarity")
        _check(row["vulnerable_gap"] in {"yes", "no"}, f"{row['indicator']}: bad gap flag")
        _check(row["decimals"].isdigit(), f"{row['indicator']}: bad decimals")
    return len(rows)


def _csv(path: Path) -> list[Row]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _csv_bytes(rows: list[Row]) -> bytes:
    handle = io.StringIO()
    writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return handle.getvalue().encode("utf-8")


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"build_reference: {message}")


def stale_files(files: Mapping[str, bytes], out: Path) -> list[str]:
    """Return the files under ``out`` that are missing or differ from ``files``."""
    return [name for name, data in sorted(files.items()) if _read(out / name) != data]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def main(argv: list[str] | None = None, stdout: IO[str] | None = None) -> int:
    """Build the reference data, or with ``--check`` say whether the shipped copy is current.

    Returns:
        0 when the files were written or are current; 1 when ``--check`` finds a difference.
    """
    stdout = stdout or sys.stdout
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("raw", type=Path, help="folder holding the raw files (../shared/data)")
    default_out = Path(__file__).resolve().parents[1] / "src/csrating/reference/data"
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a shipped file differs from what would be written",
    )
    args = parser.parse_args(argv)
    _check(args.raw.is_dir(), f"{args.raw} is not a folder of raw data")
    files, summary = build(args.raw, args.out / "catalogues" / "ni.csv")
    if args.check:
        stale = stale_files(files, args.out)
        if stale:
            print(
                f"build_reference: {len(stale)} shipped file(s) differ from what the script "
                f"writes: {', '.join(stale)} (run it without --check to rebuild)",
                file=stdout,
            )
            return 1
        print(f"build_reference: the shipped reference data is current ({summary})", file=stdout)
        return 0
    for name in files:
        (args.out / name).parent.mkdir(parents=True, exist_ok=True)
    write_many({args.out / name: data for name, data in files.items()})
    print(f"wrote {summary}", file=stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
