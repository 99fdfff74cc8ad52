"""Documentation that cannot drift: generated references are current, rules are documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from csrating.frameworks import load_framework, shipped_frameworks

ROOT = Path(__file__).parents[1]


def test_generated_docs_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_every_rule_code_is_in_the_frameworks_catalogue() -> None:
    text = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    codes = {rule.code for ident in shipped_frameworks() for rule in load_framework(ident).rules}
    assert codes and all(f"| {code} |" in text for code in codes)


def test_readme_quick_start_is_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```", 2)[1]
    assert [line for line in block.splitlines() if line.strip()] == ["make demo", "make test"]


def test_every_command_in_the_readme_exists() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        if line.startswith("| `csrating "):
            command = line.split("`")[1].split()[1]
            assert f"## csrating {command}" in text, command
