"""Every letter names the council in the council's own style, for every council of both
geographies (the reference table ``council_names.csv`` of each vintage)."""

from __future__ import annotations

import pytest

from csrating.datasets import shipped_path
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.letters import round_letters
from csrating.pipeline import rate
from csrating.reference import geography

STYLES = {
    ("2009", "330"): "Birmingham City Council",
    ("2009", "840"): "Durham County Council",
    ("2009", "342"): "St Helens Council",
    ("2009", "801"): "Bristol City Council",
    ("2009", "810"): "Hull City Council",
    ("2009", "884"): "Herefordshire Council",
    ("2009", "836"): "Borough of Poole",
    ("2009", "203"): "Greenwich Council",
    ("2009", "885"): "Worcestershire County Council",
    ("2009", "860"): "Staffordshire County Council",
    ("2023", "330"): "Birmingham City Council",
    ("2023", "840"): "Durham County Council",
    ("2023", "342"): "St Helens Council",
    ("2023", "801"): "Bristol City Council",
    ("2023", "203"): "Royal Borough of Greenwich",
    ("2023", "839"): "BCP Council",
    ("2023", "826"): "Milton Keynes City Council",
    ("2023", "371"): "City of Doncaster Council",
}
"""Styles people get wrong: what each council calls itself (at the vintage's date)."""


@pytest.mark.parametrize(("vintage", "code"), sorted(STYLES))
def test_a_council_is_named_as_it_names_itself(vintage: str, code: str) -> None:
    assert geography(vintage).council(code).council_name == STYLES[(vintage, code)]


@pytest.mark.parametrize("vintage", ["2009", "2023"])
def test_no_council_has_a_style_nobody_uses(vintage: str) -> None:
    for council in geography(vintage).councils:
        name = council.council_name
        assert name and name == name.strip(), council.la_code
        assert "St." not in name and not name.startswith(("County ", "City of Bristol"))
        assert "Council" in name or name.startswith(
            ("Royal Borough of", "Borough of", "City of London Corporation")
        ), name


@pytest.mark.parametrize(
    ("dataset", "framework"),
    [("council-inspections-2009", "rating-2009"), ("present-day-2025", "simulation-2025")],
)
def test_every_letter_uses_the_councils_own_style(dataset: str, framework: str) -> None:
    rated = rate(load_dataset(shipped_path(dataset)), load_framework(framework))
    letters = round_letters(rated)
    assert len(letters) == len(rated.geography.councils)
    for result in rated.results:
        letter = letters[result.council.la_code]
        name = result.council.council_name
        assert letter.title.endswith(f": {name}")
        assert f" {name}" in letter.markdown.split("# ", 1)[1], result.council.la_code
