"""Write small excerpts of the real published files into tests/ingest/data.

A clone without ``../shared/data`` still tests the adapters on the real layouts: these
excerpts keep each file's notes rows, header rows, cell types and a few dozen real rows
chosen to cover every case the adapters handle (re-inspections, councils formed since 2009,
Cumbria's providers, interim and monitoring inspections ...). Workbooks are written with
odfpy (a test-only dependency); CSV lines are copied byte for byte.

It also writes ``ofsted_schools_mi_invented.csv``: the column names of Ofsted's school
management information with a dozen invented rows (no real file is in ../shared/data).

Usage: .venv/bin/python scripts/make_test_excerpts.py [SHARED_DATA]
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

from ods_files import Rows, read_ods, write_ods  # noqa: E402

OUT = ROOT / "tests" / "ingest" / "data"

CSC_2023 = "Childrens_social_care_in_England_2023_underlying_data.ods"
LA_2025 = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
PROVIDERS_2018 = "providers-as-at-2018-03-31.csv"
IN_YEAR_2018 = "inspections-in-year-2017-18.csv"

LA_SHEET = "LA_inspections_2009-2023"
PROVIDER_SHEET = "Provider_level_at_31_Mar_2023"

LA_NAMES = {
    "Barking and Dagenham",
    "Bath and North East Somerset",
    "Birmingham",
    "Bournemouth, Christchurch and Poole",
    "City of London",
    "Cumbria",
    "Dorset",
    "Isles of Scilly",
    "North Northamptonshire",
    "West Northamptonshire",
    "Nottingham",
    "Staffordshire",
    "Worcestershire",
}
"""Councils of the 2023 council-level sheet kept whatever they hold."""

ILACS_NAMES = {
    "Barnet",
    "Bournemouth",
    "Cumberland",
    "Cumbria",
    "Dorset",
    "Gateshead",
    "Northamptonshire",
    "North Yorkshire",
    "Northumberland",
    "Nottingham",
    "Somerset",
    "Staffordshire",
    "Westmorland and Furness",
    "Worcestershire",
    "Barking and Dagenham",
}
"""Councils of the 2025 ILACS sheets kept."""


def _header_index(rows: Rows, header_row: int) -> dict[str, int]:
    return {
        " ".join(str(v).split()).lower(): i
        for i, v in enumerate(rows[header_row - 1])
        if v not in (None, "")
    }


def _table_end(rows: Rows, header_row: int) -> int:
    """Return the row number of the last row of the table whose header is ``header_row``."""
    number = header_row
    while number < len(rows) and any(v not in (None, "") for v in rows[number]):
        number += 1
    return number


def la_sheet(rows: Rows) -> Rows:
    """Keep the notes and header rows and a covering selection of both tables."""
    header = 5
    columns = _header_index(rows, header)
    end = _table_end(rows, header)
    name = columns["local authority name"]

    def first(column: str, count: int) -> set[int]:
        at = columns[column.lower()]
        found = [n for n in range(header + 1, end + 1) if rows[n - 1][at] not in (None, "")]
        return set(found[:count])

    keep = {n for n in range(header + 1, end + 1) if rows[n - 1][name] in LA_NAMES}
    keep |= first("SLAC re-inspection of Safeguarding publication date", 3)
    keep |= first("SLAC re-inspection of services for Children Looked After publication date", 2)
    keep |= first("Child Protection Re-Inspection (CPRI) publication date", 1)
    keep |= first("Targeted Looked After Children (TLAC) inspection publication date", 2)
    keep |= first(
        "Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date", 2
    )
    keep |= first("Second ILACS framework publication date", 3)
    selected = rows[:header] + [rows[n - 1] for n in sorted(keep)]
    return selected + rows[end:]  # the blank rows, the second table's title, header and rows


def provider_sheet(rows: Rows) -> Rows:
    """Keep the notes and header rows, Cumbria's providers of each kind and one of each type."""
    header = 4
    columns = _header_index(rows, header)
    la, kind = columns["local authority"], columns["provision type"]
    constituency, town = columns["parliamentary constituency"], columns["town"]
    event = columns["latest full inspection event type"]
    keep: list[int] = []
    seen: dict[tuple[str, object, object], int] = {}
    for number in range(header + 1, len(rows) + 1):
        row = rows[number - 1]
        limit = 1
        if row[la] == "Cumbria":
            key: tuple[str, object, object] = ("cumbria", row[constituency], row[town])
            limit = 2 if row[constituency] == "Penrith and The Border" else 1
        elif row[la] in ("Bournemouth, Christchurch & Poole", "North Northamptonshire", "Dorset"):
            key = ("moved", row[la], None)
        elif row[event] != "Full inspection":
            key = ("event", row[event], None)
        else:
            key = ("type", row[kind], None)
        if seen.get(key, 0) < limit:
            seen[key] = seen.get(key, 0) + 1
            keep.append(number)
    return rows[:header] + [rows[n - 1] for n in keep]


def ilacs_sheet(rows: Rows, header: int, limit: int | None = None) -> Rows:
    """Keep the notes and header rows and the rows of the chosen councils."""
    columns = _header_index(rows, header)
    name = columns["local authority name"]
    kept = [r for r in rows[header:] if r[name] in ILACS_NAMES]
    return rows[:header] + kept[:limit]


def csv_lines(path: Path, keep: int, wanted: tuple[str, ...]) -> bytes:
    """Return the two header lines, the first ``keep`` data lines and lines holding ``wanted``."""
    lines = path.read_bytes().splitlines(keepends=True)
    head, body = lines[:2], lines[2:]
    chosen = body[:keep]
    for word in wanted:
        found = [line for line in body if word.encode() in line and line not in chosen]
        chosen.extend(found[:2])
    return b"".join(head + chosen)


MI_HEADER = [
    "Web link",
    "URN",
    "LAESTAB",
    "School name",
    "Ofsted phase",
    "Type of education",
    "School open date",
    "Admissions policy",
    "Sixth form",
    "Designated religious character",
    "Religious ethos",
    "Faith grouping",
    "Ofsted region",
    "Region",
    "Local authority",
    "Parliamentary constituency",
    "Postcode",
    "The income deprivation affecting children index (IDACI) quintile",
    "Total number of pupils",
    "Latest ungraded inspection number since last graded inspection",
    "Does the ungraded inspection relate to the URN of the current school?",
    "URN at time of the ungraded inspection",
    "LAESTAB at time of the ungraded inspection",
    "School name at time of the ungraded inspection",
    "School type at time of the ungraded inspection",
    "Number of ungraded inspections since the last graded inspection",
    "Date of latest ungraded inspection",
    "Ungraded inspection publication date",
    "Did the latest ungraded inspection convert to a graded inspection?",
    "Ungraded inspection overall outcome",
    "Number of monitoring and urgent inspections since last graded inspection",
    "Inspection number of latest graded inspection",
    "Inspection type",
    "Inspection type grouping",
    "Event type grouping",
    "Inspection start date",
    "Inspection end date",
    "Publication date",
    "Does the latest graded inspection relate to the URN of the current school?",
    "URN at time of latest graded inspection",
    "LAESTAB at time of latest graded inspection",
    "School name at time of latest graded inspection",
    "School type at time of latest graded inspection",
    "Overall effectiveness",
    "Category of concern",
    "Quality of education",
    "Behaviour and attitudes",
    "Personal development",
    "Effectiveness of leadership and management",
    "Safeguarding is effective?",
    "Early years provision (where applicable)",
    "Sixth form provision (where applicable)",
    "Previous graded inspection number",
    "Previous inspection start date",
    "Previous inspection end date",
    "Previous publication date",
    "Does the previous graded inspection relate to the URN of the current school?",
    "URN at time of previous graded inspection",
    "LAESTAB at time of previous graded inspection",
    "School name at time of previous graded inspection",
    "School type at time of previous graded inspection",
    "Previous graded inspection overall effectiveness",
    "Previous category of concern",
    "Previous quality of education",
    "Previous behaviour and attitudes",
    "Previous personal development",
    "Previous effectiveness of leadership and management",
    "Previous safeguarding is effective?",
    "Previous early years provision (where applicable)",
    "Previous sixth form provision (where applicable)",
]
"""The columns of Ofsted's state-funded schools management information (graded layout,
files up to the one as at 31 August 2025), in the published order."""

# URN, LAESTAB, name, phase, type, LA, constituency, start, published, overall,
# previous start, previous published, previous overall
MI_ROWS = [
    ("900001", "8852001", "Invented Hill Primary School", "Primary", "Community school",
     "Worcestershire", "Worcester", "12/11/2019", "10/12/2019", "2",
     "05/03/2015", "02/04/2015", "3"),
    ("900002", "8604001", "Invented Vale Academy", "Secondary", "Academy converter",
     "Staffordshire", "Stone", "24/09/2024", "30/10/2024", "Not judged",
     "14/06/2021", "12/07/2021", "2"),
    ("900003", "8857001", "Invented Brook Special School", "Special", "Community special school",
     "Worcestershire", "Wyre Forest", "03/02/2022", "04/03/2022", "1", "", "", ""),
    ("900004", "8601100", "Invented Ridge Pupil Referral Unit", "PRU", "Pupil referral unit",
     "Staffordshire", "Stafford", "08/03/2023", "05/04/2023", "4",
     "20/01/2019", "18/02/2019", "3"),
    ("900005", "8851000", "Invented Meadow Nursery School", "Nursery",
     "Local authority nursery school", "Worcestershire", "Redditch", "15/05/2018", "13/06/2018",
     "1", "", "", ""),
    ("900006", "8604002", "Invented All Saints’ Academy", "All-through", "Free schools",
     "Staffordshire", "Lichfield", "07/10/2021", "04/11/2021", "2", "", "", ""),
    ("900007", "8852002", "Invented New Primary School", "Primary", "Academy sponsor led",
     "Worcestershire", "Worcester", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"),
    ("900008", "8852003", "Invented Lane Primary School", "Primary", "Voluntary aided school",
     "Worcestershire", "Bromsgrove", "21/01/2025", "19/02/2025", "Not judged", "", "", ""),
    ("900009", "9422001", "Invented Fell Primary School", "Primary", "Community school",
     "Cumberland", "Workington", "09/07/2019", "06/08/2019", "2", "", "", ""),
    ("900010", "8382001", "Invented Heath Primary School", "Primary", "Community school",
     "Dorset", "West Dorset", "11/10/2022", "08/11/2022", "3", "", "", ""),
    ("900011", "8392001", "Invented Cliff Primary School", "Primary", "Foundation school",
     "Bournemouth, Christchurch and Poole", "Bournemouth East", "04/12/2018", "09/01/2019",
     "2", "", "", ""),
    ("900012", "8602003", "Invented Moor Primary School", "Primary", "Community school",
     "Staffordshire", "Stone", "16/05/2017", "14/06/2017", "9", "", "", ""),
]  # fmt: skip
"""Invented schools covering each case: phases, previous inspections, not judged, councils
formed since 2009, never inspected."""

MI_COLUMNS = (
    "URN",
    "LAESTAB",
    "School name",
    "Ofsted phase",
    "Type of education",
    "Local authority",
    "Parliamentary constituency",
    "Inspection start date",
    "Publication date",
    "Overall effectiveness",
    "Previous inspection start date",
    "Previous publication date",
    "Previous graded inspection overall effectiveness",
)


def invented_mi() -> bytes:
    """Return the invented management information file, Windows-1252 as Ofsted publishes it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["INVENTED ROWS FOR TESTS: Ofsted's column names, made-up schools"])
    writer.writerow(MI_HEADER)
    for values in MI_ROWS:
        row = dict.fromkeys(MI_HEADER, "")
        row.update(zip(MI_COLUMNS, values, strict=True))
        row["Web link"] = "Ofsted School Webpage"
        writer.writerow(row.values())
    return buffer.getvalue().encode("cp1252")


def main(shared: Path) -> None:
    """Write every excerpt from the files in ``shared``."""
    OUT.mkdir(parents=True, exist_ok=True)
    csc = read_ods(shared / CSC_2023)
    write_ods(
        OUT / "excerpt_childrens_social_care_2023.ods",
        {
            "Cover": csc["Cover"][:3],
            LA_SHEET: la_sheet(csc[LA_SHEET]),
            PROVIDER_SHEET: provider_sheet(csc[PROVIDER_SHEET]),
        },
    )
    outcomes = read_ods(shared / LA_2025)
    write_ods(
        OUT / "excerpt_la_inspection_outcomes_2025.ods",
        {
            "Cover": outcomes["Cover"][:3],
            "ILACS_inspection_history": ilacs_sheet(outcomes["ILACS_inspection_history"], 3),
            "Inspections_as_at_31_March": ilacs_sheet(
                outcomes["Inspections_as_at_31_March"], 3, limit=8
            ),
        },
    )
    wanted = ("CAFCASS", "Monitoring inspection", "Interim inspection", "Cumbria")
    (OUT / "excerpt_providers-as-at-2018-03-31.csv").write_bytes(
        csv_lines(shared / PROVIDERS_2018, 25, wanted)
    )
    (OUT / "excerpt_inspections-in-year-2017-18.csv").write_bytes(
        csv_lines(shared / IN_YEAR_2018, 25, (*wanted, "Improved effectiveness", "Not judged"))
    )
    (OUT / "ofsted_schools_mi_invented.csv").write_bytes(invented_mi())
    for path in sorted(OUT.glob("excerpt_*")) + [OUT / "ofsted_schools_mi_invented.csv"]:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
