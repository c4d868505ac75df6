"""Every class of bad input: exit code 2, one line naming file, row and field, no traceback,
and a previously published run left untouched. Runs the real CLI in subprocesses."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from forecasting.paths import DATA_DIR, DEFAULT_PIPELINE
from tests.conftest import Workspace, make_light, read_rows, run_cli, set_cell, write_rows


def config_row(text: str) -> str:
    """'row N' of the shipped pipeline config's first line containing `text`."""
    lines = DEFAULT_PIPELINE.read_text(encoding="utf-8").splitlines()
    return f"row {next(i for i, line in enumerate(lines, 1) if text in line)}"


def scenario_row(name: str, text: str, after: int = 0) -> str:
    """'row N' of the shipped scenario file's first line containing `text`, `after` rows on
    (a line inserted after it), so a longer description does not move the expected row."""
    lines = (DATA_DIR / "scenarios" / name).read_text(encoding="utf-8").splitlines()
    return f"row {next(i for i, line in enumerate(lines, 1) if text in line) + after}"


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def drop_column(path: Path, field: str) -> None:
    header, rows = read_rows(path)
    i = header.index(field)
    write_rows(path, header[:i] + header[i + 1:], [r[:i] + r[i + 1:] for r in rows])


def add_column(path: Path, field: str) -> None:
    header, rows = read_rows(path)
    write_rows(path, [*header, field], [[*r, "x"] for r in rows])


def duplicate_row(path: Path, row: int) -> None:
    header, rows = read_rows(path)
    write_rows(path, header, [*rows, list(rows[row - 1])])


def edit_file(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def replace_in_config(old: str, new: str) -> Callable[[Workspace], None]:
    def edit(ws: Workspace) -> None:
        text = ws.config.read_text()
        assert old in text, old
        ws.config.write_text(text.replace(old, new, 1))
    return edit


# (id, edit, expected file, expected row text, expected field)
CASES = [
    ("missing-column", lambda ws: drop_column(ws.observations, "scope"),
     "us_dc_observations.csv", "header", "scope"),
    ("extra-column", lambda ws: add_column(ws.observations, "comment"),
     "us_dc_observations.csv", "header", "comment"),
    ("non-numeric", lambda ws: set_cell(ws.observations, 6, "twh", "sixty-nine"),
     "us_dc_observations.csv", "row 6", "twh"),
    ("negative-energy", lambda ws: set_cell(ws.observations, 15, "twh", "-60"),
     "us_dc_observations.csv", "row 15", "twh"),
    ("zero-energy", lambda ws: set_cell(ws.totals, 3, "twh", "0"),
     "us_electricity_total.csv", "row 3", "twh"),
    ("duplicate-source-year", lambda ws: duplicate_row(ws.observations, 17),
     "us_dc_observations.csv", "row 21", "year"),
    ("year-out-of-range", lambda ws: set_cell(ws.observations, 1, "year", "1890"),
     "us_dc_observations.csv", "row 1", "year"),
    # 2018's 76 TWh typed 760: ten times its neighbours (passed when only ~100x was caught)
    ("a-digit-too-many", lambda ws: set_cell(ws.observations, 17, "twh", "760"),
     "us_dc_observations.csv", "row 17", "twh"),
    ("gwh-as-twh-in-totals", lambda ws: set_cell(ws.totals, 10, "twh", "3764700"),
     "us_electricity_total.csv", "row 10", "twh"),
    ("unknown-source-id", lambda ws: set_cell(ws.observations, 18, "source_id", "lbnl2042"),
     "us_dc_observations.csv", "row 18", "source_id"),
    ("low-above-high", lambda ws: set_cell(ws.observations, 7, "low_twh", "90"),
     "us_dc_observations.csv", "row 7", "low_twh"),
    ("unknown-kind", lambda ws: set_cell(ws.observations, 2, "kind", "guess"),
     "us_dc_observations.csv", "row 2", "kind"),
    ("unknown-config-key", replace_in_config("  splice: ratio", "  splice: ratio\n  splise: ratio"),
     "us_national.yaml", "row 14", "history.splise"),
    ("repeated-config-key", replace_in_config("  splice_year: 2014",
                                              "  splice_year: 2014\n  splice: none"),
     "us_national.yaml", "row 15", "history.splice"),
    ("scenario-repeated-key",
     lambda ws: edit_file(ws.scenarios / "high-ai.yaml", "region: US\n",
                          "region: US\nname: high-ai-2\n"),
     "high-ai.yaml", scenario_row("high-ai.yaml", "region: US", 1), "name"),
    ("wrong-config-type", replace_in_config("draws: 20000", "draws: many"),
     "us_national.yaml", config_row("draws: 20000"), "forecast.draws"),
    ("wrong-config-choice", replace_in_config("splice: ratio", "splice: glue"),
     "us_national.yaml", "row 13", "history.splice"),
    ("missing-config-key", replace_in_config("region: US\n", ""),
     "us_national.yaml", None, "region"),
    ("unknown-scenario", replace_in_config("  - rebound", "  - rebond"),
     "us_national.yaml", None, "scenarios.6"),
    ("scenario-low-above-high",
     lambda ws: edit_file(ws.scenarios / "moderate-ai.yaml", "low: 0.45, mode: 0.55",
                          "low: 0.75, mode: 0.55"),
     "moderate-ai.yaml", scenario_row("moderate-ai.yaml", "low: 0.45, mode: 0.55"),
     "scenarios.moderate-ai.fleet.utilization"),
    ("scenario-unknown-key",
     lambda ws: edit_file(ws.scenarios / "high-ai.yaml", "  utilization:", "  utilisation:"),
     "high-ai.yaml", scenario_row("high-ai.yaml", "  utilization:"), "scenarios.high-ai"),
    ("unknown-priority-source", replace_in_config("[lbnl2024,", "[lbnl2042,"),
     "us_national.yaml", None, "history.source_priority"),
    ("missing-data-file", replace_in_config("../data/sources.csv", "../data/nope.csv"),
     "nope.csv", None, None),
    ("invalid-yaml", replace_in_config("region: US", "region: [US"),
     "us_national.yaml", "row", None),
]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> Path:
    """One successful run, made once (with a light config) and copied for each test."""
    root = tmp_path_factory.mktemp("first")
    (root / "pipelines").mkdir()
    shutil.copy(DEFAULT_PIPELINE, root / "pipelines" / "us_national.yaml")
    shutil.copytree(DATA_DIR, root / "data")
    config = make_light(root / "pipelines" / "us_national.yaml")
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(root / "latest"),
                   "--quiet")
    assert done.returncode == 0, done.stderr
    return root / "latest"


@pytest.fixture
def published(workspace: Workspace, first_run: Path) -> Path:
    """A copy of the first run's store (runs/, registry and the `latest` link) in workspace."""
    store = workspace.root / "store"
    store.mkdir()
    for path in first_run.parent.iterdir():
        if path.is_symlink():
            (store / path.name).symlink_to(path.readlink())
        elif path.is_dir():
            shutil.copytree(path, store / path.name, symlinks=True)
        else:
            shutil.copy2(path, store / path.name)
    return store / "latest"


@pytest.mark.parametrize(("edit", "file", "row", "field"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_exits_2_with_one_line_and_leaves_the_published_run(
    workspace: Workspace, cli, published: Path, edit, file, row, field
):
    before = snapshot(published)
    edit(workspace)
    done = cli("forecast", "--config", str(workspace.config), "--output-dir", str(published),
               "--draws", "200", "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert "Traceback" not in done.stderr
    assert line.startswith("error: ") and file in line
    if row is not None:
        assert row in line
    if field is not None:
        assert f"field '{field}" in line
    assert snapshot(published) == before
    assert not [p for p in (published.parent / "runs").iterdir() if ".staging-" in p.name]


def test_data_history_reports_bad_input_the_same_way(workspace: Workspace, cli):
    set_cell(workspace.observations, 6, "twh", "n/a")
    done = cli("data", "history", "--config", str(workspace.config))
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: {workspace.observations}, row 6, field 'twh': Input should be a valid number, "
        "unable to parse string as a number (got 'n/a')"
    )
    assert done.stdout == ""
