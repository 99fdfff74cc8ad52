"""Build the reference data csrating ships, from the raw open data in ../shared/data.

Usage::

    python scripts/build_reference.py ../shared/data [--out src/csrating/reference/data]

Writes, into the package, one folder per vintage (``2009/``) and the catalogues:

* ``councils.csv`` - the 152 children's services authorities in force on 9 December 2009:
  DfE code, ONS code, name, region, type, and the style the council uses of itself
  (``council_name``, from the hand-written ``scripts/data/council_styles.csv``).
* ``council_names.csv`` - every spelling of each council's name met in the sources, for
  adapters that must map names to codes (Ofsted's files name councils, never code them).
* ``neighbours.csv`` - 10 statistical neighbours per council from the DfE April 2021 model,
  mapped back to 2009 geography; ``neighbour_model.json`` records the vintage and every
  code replaced.
* ``hexmap.csv`` - a hex-grid position per council (odd-r layout).

The National Indicator catalogue (``catalogues/ni.csv``) is written by hand, not derived; this script
only checks it. Re-running the script on the same inputs gives byte-identical outputs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

import openpyxl

STYLES = Path(__file__).resolve().parent / "data" / "council_styles.csv"
"""The hand-written style each council uses of itself, per vintage."""

AS_AT = dt.date(2009, 12, 9)
"""The date of the first annual ratings; the council set is the one in force then."""

LAIT_TYPES = {"SC", "UA", "MD", "ILB", "OLB"}
TYPE_FROM_ENTITY = {"E10": "SC", "E06": "UA", "E08": "MD"}

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

# 2009 councils whose ONS code changed later; the hexjson (2020) uses the new code.
ONS_RENAMED_LATER = {"E06000057": "E06000048", "E08000037": "E08000020"}

# The hexjson is 2020 geography: Bournemouth, Christchurch and Poole (E06000058) and the
# new Dorset (E06000059) stand where the three 2009 councils did.
HEX_SPLITS = {
    "E06000058": "E06000028",  # Bournemouth keeps the merged council's hex
    "E06000059": "E10000009",  # Dorset County Council keeps Dorset's hex
}
HEX_PLACED = {"E06000029": (4, 1)}  # Poole: the free hex between Bournemouth and Dorset

ATTRIBUTION = [
    "Contains public sector information licensed under the Open Government Licence v3.0.",
    "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.",
    "Hex map layout adapted from Open Innovations (odileeds/hexmaps), MIT licence; council "
    "lookups from data-to-insight and DfE analytical services repositories, MIT licence.",
]


def _date(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def read_councils(raw: Path) -> list[dict[str, str]]:
    """Return the 152 councils of 9 December 2009, sorted by DfE code."""
    regions = {r["region_code"]: r["region_name"] for r in _csv(raw / "regions.csv")}
    lait = _lait(raw)
    councils = []
    for row in _csv(raw / "las.csv"):
        start, end = _date(row["date_of_operation"]), _date(row["date_of_termination"])
        if start is None or start > AS_AT or (end is not None and end < AS_AT):
            continue
        if "/" in row["new_la_code"]:  # a combined row (Kingston / Richmond shared services)
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
    _check(len(councils) == 152, f"expected 152 councils on {AS_AT}, found {len(councils)}")
    _check(all(c["type"] in LAIT_TYPES for c in councils), "a council has no type")
    _check(len({c["la_code"] for c in councils}) == 152, "DfE codes are not unique")
    return councils


def read_styles(path: Path, vintage: str, councils: list[dict[str, str]]) -> dict[str, str]:
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


def _display_name(ons_name: str) -> str:
    """Turn ONS's sorted form ("Bristol, City of") into running text ("City of Bristol")."""
    if ", " in ons_name:
        place, prefix = ons_name.split(", ", 1)
        if prefix.lower() in {"city of", "county of"}:
            return f"{prefix} {place}"
    return ons_name


def _lait(raw: Path) -> dict[str, dict[str, str]]:
    sheet = openpyxl.load_workbook(raw / "la_code_list.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    out = {}
    for number, name, region, la_type in rows[1:]:
        out[str(number)] = {"name": str(name), "region": str(region), "type": str(la_type)}
    return out


def read_names(raw: Path, councils: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return every (code, spelling) pair the sources use for the 152 councils."""
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
    hexes = json.loads((raw / "uk-upper-tier-local-authorities.hexjson").read_text())["hexes"]
    for ons, cell in hexes.items():
        ons = ONS_RENAMED_LATER.get(ons, ons)
        if ons in by_ons:
            add(by_ons[ons], cell["n"])
    return [{"la_code": code, "name": name} for code, name in sorted(seen)]


def read_neighbours(
    raw: Path, councils: list[dict[str, str]]
) -> tuple[list[dict[str, str]], dict[str, object]]:
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
    out: list[dict[str, str]] = []
    replaced: list[dict[str, str]] = []
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


def _fill_candidates(code: str, chosen: list[str], model: dict[str, list[tuple[str, str]]]):
    for neighbour in list(chosen):
        for model_code, _ in model.get(neighbour, []):
            for candidate in NEIGHBOUR_CODE_REPLACEMENTS.get(model_code, (model_code,)):
                if candidate != code and candidate not in chosen:
                    yield candidate


def read_hexes(raw: Path, councils: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return one hex per council on the 2020 hexjson grid, split back to 2009 geography."""
    by_ons = {c["ons_code"]: c["la_code"] for c in councils}
    doc = json.loads((raw / "uk-upper-tier-local-authorities.hexjson").read_text())
    _check(doc["layout"] == "odd-r", "the hexjson layout is not odd-r")
    out = []
    for ons, cell in doc["hexes"].items():
        note = ""
        if ons in HEX_SPLITS:
            note = f"position of {ons} ({cell['n']}, 2020 geography)"
            ons = HEX_SPLITS[ons]
        elif ons in ONS_RENAMED_LATER:
            note = f"position of {ons} (later code of the same council)"
            ons = ONS_RENAMED_LATER[ons]
        if ons not in by_ons:
            continue
        out.append(
            {"la_code": by_ons[ons], "ons_code": ons, "q": cell["q"], "r": cell["r"], "note": note}
        )
    for ons, (q, r) in HEX_PLACED.items():
        note = "placed by hand on a free hex: not in the 2020 hexjson"
        out.append({"la_code": by_ons[ons], "ons_code": ons, "q": q, "r": r, "note": note})
    out.sort(key=lambda h: h["la_code"])
    positions = Counter((h["q"], h["r"]) for h in out)
    _check(len(out) == 152, f"expected 152 hexes, made {len(out)}")
    _check(max(positions.values()) == 1, "two councils share a hex")
    return [{k: str(v) for k, v in h.items()} for h in out]


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
        int(row["decimals"])
    return len(rows)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"build_reference: {message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path, help="folder holding the raw files (../shared/data)")
    default_out = Path(__file__).resolve().parents[1] / "src/csrating/reference/data"
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    councils = read_councils(args.raw)
    neighbours, provenance = read_neighbours(args.raw, councils)
    vintage = args.out / "2009"
    vintage.mkdir(parents=True, exist_ok=True)
    styles = read_styles(STYLES, "2009", councils)
    _write(
        vintage / "councils.csv", [{**c, "council_name": styles[c["la_code"]]} for c in councils]
    )
    _write(vintage / "council_names.csv", read_names(args.raw, councils))
    _write(vintage / "neighbours.csv", neighbours)
    _write(vintage / "hexmap.csv", read_hexes(args.raw, councils))
    (vintage / "neighbour_model.json").write_text(json.dumps(provenance, indent=2) + "\n")
    (args.out / "ATTRIBUTION.txt").write_text("\n".join(ATTRIBUTION) + "\n")
    count = check_catalogue(args.out / "catalogues" / "ni.csv")
    print(f"wrote 152 councils, {len(neighbours)} neighbour links, 152 hexes; {count} indicators")
    return 0


if __name__ == "__main__":
    sys.exit(main())
