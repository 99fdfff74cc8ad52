"""The command line: output shapes, exit codes and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from csrating.cli import app

runner = CliRunner()


def test_councils_json_lists_152_with_codes_and_ten_neighbours_each() -> None:
    result = runner.invoke(app, ["councils", "--format", "json"])
    assert result.exit_code == 0
    councils = json.loads(result.stdout)
    codes = {c["la_code"] for c in councils}
    assert len(councils) == 152 == len(codes)
    for c in councils:
        assert len(c["ons_code"]) == 9 and c["ons_code"].startswith("E")
        assert len(c["neighbours"]) == 10 == len(set(c["neighbours"]))
        assert set(c["neighbours"]) <= codes and c["la_code"] not in c["neighbours"]


def test_validate_passes_on_generated_data(small_demo: Path) -> None:
    result = runner.invoke(app, ["validate", str(small_demo)])
    assert result.exit_code == 0, result.output


def test_validate_reports_a_bad_grade_with_exit_1(small_demo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(small_demo, broken)
    lines = (broken / "inspections.csv").read_text().splitlines()
    fields = lines[5].split(",")
    header = lines[0].split(",")
    fields[header.index("overall_effectiveness")] = "7"
    lines[5] = ",".join(fields)
    (broken / "inspections.csv").write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "row 6" in result.output and "'7'" in result.output


def test_missing_dataset_is_a_usage_error_without_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output


def test_unknown_option_is_exit_2() -> None:
    assert runner.invoke(app, ["rate", "--no-such-option"]).exit_code == 2


def test_generate_demo_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = runner.invoke(app, ["generate-demo", str(tmp_path / name), "--scale", "0.02"])
        assert result.exit_code == 0, result.output
    for table in ("inspections.csv", "council_inspections.csv", "indicators.csv"):
        assert (tmp_path / "a" / table).read_bytes() == (tmp_path / "b" / table).read_bytes()


def test_generate_demo_refuses_a_non_positive_scale(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate-demo", str(tmp_path / "x"), "--scale", "0"])
    assert result.exit_code == 2 and "--scale" in result.output


def test_rate_json_shape(small_demo: Path) -> None:
    result = runner.invoke(
        app, ["rate", str(small_demo), "--format", "json", "--la", "885", "--la", "860"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["la_code"] for r in rows] == ["860", "885"]
    for row in rows:
        assert set(row) >= {
            "la_code",
            "name",
            "grade",
            "label",
            "provisional",
            "withheld",
            "limiters",
            "trace",
        }
        assert row["grade"] in (1, 2, 3, 4)
        assert row["trace"] and all("code" in step for step in row["trace"])


def test_rate_unknown_council_is_a_one_line_usage_error(small_demo: Path) -> None:
    result = runner.invoke(app, ["rate", str(small_demo), "--la", "999"])
    assert result.exit_code == 2
    assert "999" in result.output and "Traceback" not in result.output
    near = runner.invoke(app, ["rate", str(small_demo), "--la", "Worcestershir"])
    assert near.exit_code == 2 and "did you mean Worcestershire (885)" in near.output


def test_councils_are_named_by_dfe_code_ons_code_or_name(small_demo: Path) -> None:
    for name in ("885", "E10000034", "Worcestershire", "worcestershire county council"):
        result = runner.invoke(app, ["rate", str(small_demo), "--la", name, "--format", "csv"])
        assert result.exit_code == 0, result.output
        header, row = result.stdout.splitlines()
        assert row.startswith("885,E10000034,Worcestershire,")


def test_rate_bad_as_at_is_a_usage_error(small_demo: Path) -> None:
    result = runner.invoke(app, ["rate", str(small_demo), "--as-at", "31/08/2009"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_profile_json_has_three_blocks(small_demo: Path) -> None:
    result = runner.invoke(app, ["profile", str(small_demo), "--la", "885", "--format", "json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert {"block_a", "block_b", "block_c"} <= set(profile)
    assert profile["la_code"] == "885"


def test_profile_csv_has_the_open_data_columns_without_the_publication_mark(
    small_demo: Path,
) -> None:
    from csrating.publish import PROFILES_COLUMNS

    result = runner.invoke(app, ["profile", str(small_demo), "--la", "885", "--format", "csv"])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert header == [c for c in PROFILES_COLUMNS if c != "publication"]


def test_frameworks_lists_the_shipped_frameworks() -> None:
    result = runner.invoke(app, ["frameworks"])
    assert result.exit_code == 0
    for ident in ("rating-2009", "rating-2010", "apa-2006"):
        assert ident in result.output


def test_frameworks_show_lists_inherited_rules() -> None:
    result = runner.invoke(app, ["frameworks", "show", "rating-2010"])
    assert result.exit_code == 0
    assert "R09-L2" in result.output and "rating-2009 > rating-2010" in result.output


def _moderated(small_demo: Path, tmp_path: Path, *lines: str) -> Path:
    """Return a copy of the small demonstration dataset with a ``moderation.csv`` of ``lines``."""
    dataset = tmp_path / "moderated"
    shutil.copytree(small_demo, dataset)
    (dataset / "moderation.csv").write_text("".join(f"{line}\n" for line in lines))
    return dataset


def test_moderation_file_withholds(small_demo: Path, tmp_path: Path) -> None:
    dataset = _moderated(
        small_demo,
        tmp_path,
        "la_code,action,from_grade,to_grade,moderator,date,reason",
        "885,withhold,,,A Inspector,2009-11-20,pending a full inspection",
    )
    result = runner.invoke(app, ["rate", str(dataset), "--format", "json", "--la", "885"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]
    assert row["grade"] is None and row["withheld"] is True


def test_moderation_for_another_framework_is_not_applied(small_demo: Path, tmp_path: Path) -> None:
    dataset = _moderated(
        small_demo,
        tmp_path,
        "la_code,action,from_grade,to_grade,moderator,date,reason,framework",
        "885,withhold,,,A Inspector,2009-11-20,pending a full inspection,rating-2010",
    )
    under_2009 = runner.invoke(app, ["rate", str(dataset), "--format", "json", "--la", "885"])
    under_2010 = runner.invoke(
        app, ["rate", str(dataset), "--format", "json", "--la", "885", "--framework", "rating-2010"]
    )
    assert json.loads(under_2009.stdout)[0]["withheld"] is False
    assert json.loads(under_2010.stdout)[0]["withheld"] is True


def test_moderation_without_reason_is_refused(small_demo: Path, tmp_path: Path) -> None:
    dataset = _moderated(
        small_demo,
        tmp_path,
        "la_code,action,from_grade,to_grade,moderator,date,reason",
        "885,override,,4,A Inspector,2009-11-20,",
    )
    result = runner.invoke(app, ["rate", str(dataset), "--la", "885"])
    assert result.exit_code == 1
    assert "reason" in result.output


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in getattr(group, "commands", {}).items():
        path = (*prefix, name)
        found.append(path)
        found.extend(_commands(command, path))
    return found


def test_help_names_values_for_people_not_python_types() -> None:
    import re

    import typer.main

    commands = _commands(typer.main.get_command(app))
    assert len(commands) > 25
    for path in commands:
        result = runner.invoke(app, [*path, "--help"], terminal_width=100)
        assert result.exit_code == 0, path
        text = result.output
        assert not re.search(r"<(str|int|path|bool|float)>", text), (path, text)
        usage = text.splitlines()[0]
        assert "{" not in usage and re.search(r"\[OPTIONS\]", usage), (path, usage)


def test_a_missing_argument_is_named_as_help_names_it() -> None:
    result = runner.invoke(app, ["rate"])
    assert result.exit_code == 2
    assert "Missing argument 'DATASET'" in result.output


def test_what_if_regrades_and_sets_an_indicator(small_demo: Path) -> None:
    """``what-if --regrade`` and ``--set`` re-rate the council (they failed with a
    NameError: the change types were imported for type checking only)."""
    result = runner.invoke(
        app,
        [
            "what-if",
            str(small_demo),
            "--la",
            "885",
            "--regrade",
            "secondary_school:1:3:1",
            "--set",
            "NI059=75",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)[0]["changes"]) == 2


def test_what_if_refuses_a_count_too_long_to_read(small_demo: Path) -> None:
    """D6 on the command line: 4,301 digits, or digits that are not ASCII, are one line."""
    for count in ("9" * 4301, "²", "١"):
        result = runner.invoke(
            app,
            [
                "what-if",
                str(small_demo),
                "--la",
                "885",
                "--regrade",
                f"secondary_school:{count}:3:1",
            ],
        )
        assert result.exit_code == 2, result.output
        assert "COUNT must be a whole number" in result.output
        assert "Traceback" not in result.output


APA_INPUT = Path(__file__).parents[1] / "src/csrating/letters/data/apa-2006-885.toml"
FROZEN = Path(__file__).parent / "fixtures" / "frozen-2009"


def _folder_commands(out: str, tmp_path: Path) -> list[list[str]]:
    """Every command that writes into an output folder, aimed at ``out``."""
    source = tmp_path / "input.csv"
    source.write_text("x\n")
    ingest = [
        ["ingest", layout, str(source), "--out", out]
        for layout in ("ofsted-la-inspections", "ofsted-providers", "ofsted-csc")
    ]
    ingest.append(["ingest", "ofsted-schools", str(source), "--vintage", "2009", "--out", out])
    return [
        ["generate-demo", out, "--scale", "0.02"],
        ["datasets", "export", "council-inspections-2009", out],
        *ingest,
        ["ingest", "lait", str(source), "--out", out],
        ["ingest", "ees", str(source), "--indicator", "x=NI059", "--out", out],
        ["letters", str(FROZEN), "--out", out, "--format", "md"],
        ["publish", str(FROZEN), "--out", out],
        ["demo", "--out", out],
    ]


def _file_commands(out: str) -> list[list[str]]:
    """Every command that writes one file, aimed at ``out``."""
    return [
        ["letter", str(FROZEN), "--la", "885", "-o", out],
        ["apa-letter", str(APA_INPUT), "-o", out],
    ]


def _one_line_usage_error(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (args, result.output)
    assert "Traceback" not in result.output, args
    assert len(result.output.strip().splitlines()) == 1, (args, result.output)
    assert expected in result.output, (args, result.output)


def test_output_folders_that_cannot_be_written_are_one_line(tmp_path: Path) -> None:
    """D10: a device, a file, /proc and /sys are refused before any work, in one line."""
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    for out, expected in (
        ("/dev/null", "is not a folder"),
        (str(a_file), "is not a folder"),
        ("/proc/pub", "cannot be written: the folder '/proc' does not accept new files"),
        ("/sys/pub", "cannot be written: the folder '/sys' does not accept new files"),
    ):
        for args in _folder_commands(out, tmp_path):
            _one_line_usage_error(args, expected)


def test_output_files_that_cannot_be_written_are_one_line(tmp_path: Path) -> None:
    """D10: ``letter -o /proc/version`` and the like are refused in one line."""
    for out, expected in (
        ("/dev/null", "is not a regular file"),
        (str(tmp_path), "is a folder: give a file name"),
        ("/proc/version", "cannot be written: the folder '/proc' does not accept new files"),
        ("/sys/letter.pdf", "cannot be written: the folder '/sys' does not accept new files"),
    ):
        for args in _file_commands(out):
            _one_line_usage_error(args, expected)


def test_missing_folders_are_refused_not_created(tmp_path: Path) -> None:
    """D10: ``-o`` into a missing folder, or an output folder whose parent is missing, is
    refused and nothing is created; an output folder itself is made inside one that
    exists."""
    missing = tmp_path / "missing"
    for args in _file_commands(str(missing / "letter.pdf")):
        _one_line_usage_error(args, "does not exist: create it first")
    for args in _folder_commands(str(missing / "out"), tmp_path):
        _one_line_usage_error(args, "does not exist: create it first")
    assert not missing.exists()
    made = tmp_path / "letters"
    result = runner.invoke(app, ["letters", str(FROZEN), "--out", str(made), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert (made / "885.md").is_file()


def test_a_file_the_system_refuses_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: object
) -> None:
    """A write that fails after the checks (a disk filling up) is one line, exit 1."""
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "site"))

    monkeypatch.setattr("csrating.publish.publish_round", full)
    result = runner.invoke(app, ["publish", str(FROZEN), "--out", str(tmp_path / "site")])
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output


def test_json_is_short_for_format_json_on_every_command_that_prints_data() -> None:
    for command in (["councils"], ["frameworks"], ["datasets"]):
        short = runner.invoke(app, [*command, "--json"])
        long = runner.invoke(app, [*command, "--format", "json"])
        assert short.exit_code == 0, short.output
        assert json.loads(short.stdout) == json.loads(long.stdout)


def test_json_is_refused_where_nothing_is_printed_as_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate-demo", str(tmp_path / "d"), "--json"])
    assert result.exit_code == 2
    assert "No such option: --json" in result.output
