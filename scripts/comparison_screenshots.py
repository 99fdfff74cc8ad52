"""Take the comparison screenshots in docs/screenshots/ for review (not part of the tests).

    .venv/bin/python scripts/comparison_screenshots.py [--out docs/screenshots]

Generates the national demo dataset (seed 2009) in a temporary folder, rates it and the
shipped present-day dataset, writes the council pages of Worcestershire and the Isles of
Scilly and the compare page of each into a temporary site, and photographs them in
Debian's Chromium (headless): a line of the comparison opened (chart and table), a
present-day chart over nine years, the same chart in greyscale, a present-day line of the
Isles of Scilly (many figures suppressed or missing), and two councils side by side. It
also prints the size of each page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from csrating.datasets import shipped_path
from csrating.demo import generate_demo
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.letters import round_letters
from csrating.pipeline import RatedRound, rate
from csrating.presentation.comparison import national_comparison
from csrating.publish._comparison import compare_files, compare_script
from csrating.publish.site import COMPARE, Site, compare_page, council_page
from csrating.publish.site_files import stylesheet_text

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
COUNCIL = "885"
SPARSE = "420"
"""The Isles of Scilly: many figures suppressed or missing."""
COUNCILS = (COUNCIL, SPARSE)


def write_pages(rated: RatedRound, root: Path) -> None:
    """Write one council's page, the compare page and what they need into ``root``."""
    site = Site(
        results=rated.results,
        framework=rated.framework,
        letters=round_letters(rated),
        dataset_name=rated.manifest.name,
        demonstration=rated.demonstration,
        now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        manifest=rated.manifest,
        comparison=national_comparison(rated),
    )
    assert site.comparison is not None
    files = {
        **{f"councils/{code}.html": council_page(site, rated.result(code)) for code in COUNCILS},
        COMPARE: compare_page(site),
        "assets/csrating.css": stylesheet_text(),
        "assets/compare.js": compare_script(),
        **compare_files(site.comparison),
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    for name in (*(f"councils/{code}.html" for code in COUNCILS), COMPARE):
        print(f"{root.name}/{name}: {(root / name).stat().st_size:,} bytes")


def photograph(demo: Path, present: Path, out: Path) -> None:
    """Take the screenshots."""
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto((demo / "councils" / f"{COUNCIL}.html").as_uri())
        line = page.locator("#c-ni059")
        line.locator("summary").click()
        page.evaluate("() => document.activeElement.blur()")
        line.screenshot(path=str(out / "comparison-line-demo.png"))
        page.goto((present / "councils" / f"{COUNCIL}.html").as_uri())
        line = page.locator("#c-l-ks2-rwm")
        line.locator("summary").click()
        line.locator("svg").screenshot(path=str(out / "comparison-chart-present-day.png"))
        page.add_style_tag(content="svg { filter: grayscale(1); }")
        line.locator("svg").screenshot(path=str(out / "comparison-chart-greyscale.png"))
        page.goto((present / "councils" / f"{SPARSE}.html").as_uri())
        line = page.locator("#c-l-cpp-repeat")
        line.locator("summary").click()
        page.evaluate("() => document.activeElement.blur()")
        line.screenshot(path=str(out / "comparison-line-missing-figures.png"))
        page.set_viewport_size({"width": 1100, "height": 1500})
        page.goto((demo / COMPARE).as_uri() + f"?a={COUNCIL}&b=860")
        page.locator("#compare-heading").wait_for()
        page.evaluate(
            "() => window.scrollTo(0, document.getElementById('compare-heading').offsetTop - 20)"
        )
        page.screenshot(path=str(out / "compare-two-councils.png"))
        browser.close()
    for shot in sorted(out.glob("compar*.png")):
        print(f"{shot}: {shot.stat().st_size:,} bytes")


def main() -> None:
    """Build the pages and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out = parser.parse_args().out
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        generate_demo(work / "dataset", seed=2009)
        demo = rate(load_dataset(work / "dataset"), load_framework("rating-2009"))
        present = rate(
            load_dataset(shipped_path("present-day-2025")), load_framework("simulation-2025")
        )
        write_pages(demo, work / "demo")
        write_pages(present, work / "present-day")
        photograph(work / "demo", work / "present-day", out)


if __name__ == "__main__":
    main()
