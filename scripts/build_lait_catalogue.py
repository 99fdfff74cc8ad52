"""Build the catalogue of today's measures (DfE LAIT) that csrating ships.

Usage::

    python scripts/build_lait_catalogue.py            # write the catalogue
    python scripts/build_lait_catalogue.py --check    # exit 1 if the shipped one differs

Reads DfE's LAIT data dictionary (``../shared/data/lait_data_dictionary.csv``) and the
hand-written selection ``scripts/data/lait_measures.csv`` (which LAIT measure serves which
Every Child Matters outcome, and why), and writes
``src/csrating/reference/data/catalogues/lait.csv`` in the columns of ``ni.csv`` plus
provenance. Polarity, unit and decimal places come from the dictionary (``Polarity``,
``y_axis_name``, ``dps``); the selection may give them only where the dictionary is
silent, or for a gap derived from two measures, and the catalogue's ``notes`` say so.

Identifiers are ``L_`` and a mnemonic in capitals (``L_CPP_REPEAT``, ``L_KS2_DIS_GAP``):
they cannot collide with ``NI...``, and once shipped they are never renamed or reused.
The same inputs always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DICTIONARY = ROOT.parent / "shared" / "data" / "lait_data_dictionary.csv"
SELECTION = ROOT / "scripts" / "data" / "lait_measures.csv"
OUT = ROOT / "src" / "csrating" / "reference" / "data" / "catalogues" / "lait.csv"

OUTCOMES = (
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
)
USES = ("block_c", "block_a:early_years")
ENGLAND = ("published", "computed")
ID_PATTERN = re.compile(r"^L_[A-Z0-9]+(_[A-Z0-9]+)*$")

COLUMNS = (
    "indicator",
    "title",
    "ecm_outcome",
    "polarity",
    "unit",
    "decimals",
    "vulnerable_gap",
    "use",
    "lait_short_desc",
    "lait_minus",
    "measure_code",
    "lait_measure",
    "year_type",
    "england",
    "ni",
    "source",
    "source_table",
    "notes",
    "why",
)

POLARITY = {"High": "higher", "Low": "lower"}
"""Dictionary polarity -> the catalogue's; anything else ("-", "NA") is silent."""

YEAR_TYPES = {
    "Academic Year": ("academic", ""),
    "Financial Year": ("financial", ""),
    "Calendar Year": ("calendar", ""),
    "Annual": ("financial", "a count at 31 March, read as the financial year ending then"),
    "Annual - January": ("academic", "a January census, read as the academic year"),
    "Annual (end of Sept)": ("calendar", "a count at 30 September, read as the calendar year"),
}
"""Dictionary ``Year_Type`` -> what a plain year such as "2017" means, and a note."""


class BuildError(Exception):
    """The inputs do not make a catalogue; the message says which row and why."""


def unit_from_axis(axis: str) -> str | None:
    """Return the catalogue unit a dictionary ``y_axis_name`` describes, if it says."""
    text = axis.strip().lower()
    if text.startswith("%") and "gap" in text:
        return "percentage points"
    if text.startswith("%"):
        return "percent"
    rate = re.match(r"rate per ([\d,]+)", text)
    if rate:
        return "rate per " + rate.group(1).replace(",", "")
    if "score" in text:
        return "score"
    if text.startswith("number"):
        return "count"
    return None


def read_dictionary(path: Path) -> dict[str, list[dict[str, str]]]:
    """Return the dictionary's rows by ``Measure_short`` (a measure listed under two topics
    has two rows)."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    found: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        found.setdefault(row["Measure_short"], []).append(row)
    return found


def entry(dictionary: dict[str, list[dict[str, str]]], key: str) -> dict[str, str]:
    """Return the dictionary's row for ``key``, refusing a measure whose rows disagree."""
    rows = dictionary[key]
    fields = ("Polarity", "dps", "Year_Type")
    differ = [f for f in fields if len({row[f] for row in rows}) > 1]
    if len({unit_from_axis(row["y_axis_name"]) for row in rows}) > 1:
        differ.append("y_axis_name")
    if differ:
        raise BuildError(f"dictionary: {key} is listed {len(rows)} times with different {differ}")
    return rows[0]


def _silent(value: str) -> bool:
    return value.strip() in ("", "NA", "-")


def _take(
    name: str, from_dictionary: str | None, chosen: str, derived: bool, ident: str
) -> tuple[str, str]:
    """Return a field's value and a note: the dictionary's, else the selection's."""
    if derived:
        if not chosen:
            raise BuildError(f"{ident}: a derived gap needs its {name} in the selection")
        return chosen, ""
    if from_dictionary is not None:
        if chosen:
            raise BuildError(
                f"{ident}: the dictionary gives {name} {from_dictionary!r}; leave the "
                f"selection's {name} blank (it says {chosen!r})"
            )
        return from_dictionary, ""
    if not chosen:
        raise BuildError(f"{ident}: the dictionary is silent on {name}; the selection must say")
    return chosen, f"the dictionary gives no {name}: {chosen} chosen"


def build(dictionary: dict[str, list[dict[str, str]]], selection: list[dict[str, str]]) -> str:
    """Return the catalogue's text from the dictionary and the selection."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for pick in selection:
        ident = pick["indicator"]
        if not ID_PATTERN.fullmatch(ident) or ident in seen:
            raise BuildError(f"{ident!r}: identifiers are unique, L_ then capitals (L_CPP_REPEAT)")
        seen.add(ident)
        for field, allowed in (
            ("ecm_outcome", OUTCOMES),
            ("use", USES),
            ("england", ENGLAND),
            ("vulnerable_gap", ("yes", "no")),
        ):
            if pick[field] not in allowed:
                raise BuildError(f"{ident}: {field} {pick[field]!r} is not one of {allowed}")
        names = [pick["lait_short_desc"]] + ([pick["lait_minus"]] if pick["lait_minus"] else [])
        missing = [n for n in names if n not in dictionary]
        if missing:
            raise BuildError(f"{ident}: {missing} not in the LAIT data dictionary")
        entries = [entry(dictionary, n) for n in names]
        derived = len(entries) == 2
        main = entries[0]
        year_types = {e["Year_Type"] for e in entries}
        if len(year_types) != 1 or main["Year_Type"] not in YEAR_TYPES:
            raise BuildError(f"{ident}: year types {sorted(year_types)} cannot be read")
        year_type, year_note = YEAR_TYPES[main["Year_Type"]]
        notes = [year_note] if year_note else []

        polarity, note = _take(
            "polarity", POLARITY.get(main["Polarity"]), pick["polarity"], derived, ident
        )
        notes.append(note)
        unit, note = _take(
            "unit", unit_from_axis(main["y_axis_name"]), pick["unit"], derived, ident
        )
        notes.append(note)
        dps = None if _silent(main["dps"]) else main["dps"].strip()
        decimals, note = _take("decimal places", dps, pick["decimals"], derived, ident)
        notes.append(note)
        if polarity not in ("higher", "lower") or not decimals.isdigit():
            raise BuildError(f"{ident}: polarity {polarity!r} or decimals {decimals!r} invalid")
        if derived:
            notes.insert(
                0,
                f"derived: {names[0]} minus {names[1]}; polarity, unit and decimals chosen "
                "(the dictionary describes the two measures, not their difference)",
            )
        codes = sorted({e["Measure_code"] for e in entries if not _silent(e["Measure_code"])})
        out.append(
            {
                "indicator": ident,
                "title": pick["title"],
                "ecm_outcome": pick["ecm_outcome"],
                "polarity": polarity,
                "unit": unit,
                "decimals": decimals,
                "vulnerable_gap": pick["vulnerable_gap"],
                "use": pick["use"],
                "lait_short_desc": names[0],
                "lait_minus": names[1] if derived else "",
                "measure_code": " ".join(codes),
                "lait_measure": " minus ".join(e["Measure"].strip() for e in entries),
                "year_type": year_type,
                "england": pick["england"],
                "ni": pick["ni"],
                "source": " and ".join(
                    sorted({e["Data Owner (DO) /Supplier and Contact Details"] for e in entries})
                ),
                "source_table": " and ".join(sorted({e["Table_status"] for e in entries})),
                "notes": "; ".join(n for n in notes if n),
                "why": pick["why"],
            }
        )
    out.sort(key=lambda row: OUTCOMES.index(row["ecm_outcome"]))  # stable within an outcome
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, default=DICTIONARY)
    parser.add_argument("--selection", type=Path, default=SELECTION)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the catalogue on disk is not current"
    )
    args = parser.parse_args(argv)
    try:
        with args.selection.open(encoding="utf-8", newline="") as stream:
            selection = list(csv.DictReader(stream))
        text = build(read_dictionary(args.dictionary), selection)
    except (BuildError, OSError, KeyError) as error:
        print(f"build_lait_catalogue: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(
                f"{args.out} is out of date: run scripts/build_lait_catalogue.py", file=sys.stderr
            )
            return 1
        print(f"{args.out} is current ({len(selection)} measures)")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(selection)} measures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
