"""Print what a rating framework gives on a dataset: the calibration note's figures.

Usage::

    python scripts/calibration_report.py DATASET [--framework rating-2009] [--la 885 860]

Prints the national distribution of provisional and final grades, the block bands, the
limiters that fired, and for each named council its bands, figures and trace. The numbers
in docs/calibration.md come from this script on the demo dataset (seed 2009, scale 1).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.pipeline import rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--framework", default="rating-2009")
    parser.add_argument("--la", nargs="*", default=["885", "860"])
    args = parser.parse_args(argv)
    framework = load_framework(args.framework)
    rated = rate(load_dataset(args.dataset), framework)
    results = {r.council.la_code: (r.profile, r.assessment) for r in rated}
    assessments = [a for _, a in results.values()]
    final = Counter(a.rating.value if a.rating else "withheld" for a in assessments)
    provisional = Counter(a.provisional.value if a.provisional else None for a in assessments)
    print(f"{framework.id} on {args.dataset}: {len(assessments)} councils")
    for grade in (4, 3, 2, 1):
        print(f"  grade {grade}: provisional {provisional[grade]:3d}, final {final[grade]:3d}")
    if final["withheld"]:
        print(f"  withheld: {final['withheld']}")
    for block in "ABC":
        bands = Counter(a.bands.get(block) for a in assessments)
        print(
            f"  block {block} bands: "
            + ", ".join(f"{k}: {v}" for k, v in sorted(bands.items(), key=str))
        )
    limiters = Counter(code for a in assessments for code in a.limiters)
    print(
        "  limiters fired: "
        + (", ".join(f"{k} x{v}" for k, v in sorted(limiters.items())) or "none")
    )
    for code in args.la:
        _, assessment = results[code]  # type: ignore[index]
        print(
            f"\n{code}: grade {assessment.rating.value if assessment.rating else '-'} "
            f"(provisional {assessment.provisional.value if assessment.provisional else '-'}), "
            f"bands {assessment.bands}"
        )
        for step in assessment.trace:
            print(f"  {step.code} {step.outcome.value}: {step.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
