"""Mistakes a planner makes editing scenario and envelope files, each one line naming the file,
row and field (exit 2 from `dcload scenarios validate`), never accepted with another meaning:
an envelope copy beside the scenario files with a misspelt key (was read as a scenario:
`field 'scenarios.us.constrains'`), an empty block (`constraints:` dropped a scenario's own caps
silently; an empty envelope named pydantic's `ConstraintParameters`), an envelope file named
after no region (`envelope/usa.yaml` was "valid" and bounded nothing), a growth rate written in
percent (EPRI's 3.7%/yr as `3.7` was a 370%/yr preset)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from forecasting.errors import InputError
from forecasting.scenarios.catalog import (
    SCENARIOS_DIR,
    load_all,
    load_backcast,
    load_scenario,
    load_scenario_file,
)
from tests.conftest import run_in_process

ENVELOPE = (SCENARIOS_DIR / "envelope" / "us.yaml").read_text(encoding="utf-8")


def refused(monkeypatch, capsys, path: Path) -> str:
    """The one error line of `dcload scenarios validate PATH` (exit 2, nothing on stdout)."""
    code, out, err = run_in_process(monkeypatch, capsys, "scenarios", "validate", str(path))
    assert code == 2 and out == "", (code, out, err)
    line = err.strip()
    assert "\n" not in line and "Traceback" not in line, line
    return line


def row_of(text: str, piece: str) -> int:
    """The 1-based row of the first line (not a comment) holding `piece`."""
    return 1 + next(i for i, line in enumerate(text.splitlines())
                    if piece in line and not line.lstrip().startswith("#"))


def copied(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS_DIR, folder)
    return folder


def edited(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_envelope_copy_with_a_misspelt_key_says_where_envelopes_belong(monkeypatch, capsys,
                                                                           tmp_path):
    folder = copied(tmp_path)
    path = folder / "us.yaml"
    path.write_text(ENVELOPE.replace("constraints:", "constrains:"), encoding="utf-8")
    line = refused(monkeypatch, capsys, path)
    assert f"us.yaml, row {row_of(ENVELOPE, 'constraints:')}, field 'constrains'" in line, line
    assert "unknown key" in line and "envelope/" in line and "scenarios." not in line, line
    # a run reads every file of the folder: the copy is refused there too, saying the same
    with pytest.raises(InputError) as info:
        load_all(folder)
    assert "us.yaml" in str(info.value) and "envelope/" in str(info.value), info.value
    # spelt right, among the scenario files: refused as the run refuses it, saying where it goes
    path.write_text(ENVELOPE, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_all(folder)
    assert "envelope/" in str(info.value) and "scenarios.us.name" not in str(info.value)
    line = refused(monkeypatch, capsys, path)
    assert "us.yaml" in line and "not a scenario" in line and "envelope/" in line, line


def test_a_scenario_without_a_name_is_not_read_as_an_envelope(monkeypatch, capsys, tmp_path):
    path = edited(copied(tmp_path), "grid-constrained.yaml", "name: grid-constrained\n", "")
    line = refused(monkeypatch, capsys, path)
    assert "field 'scenarios.grid-constrained.name'" in line and "missing" in line, line


@pytest.mark.parametrize("name, key, words", [
    ("grid-constrained.yaml", "constraints", "max_added_gw_per_year"),
    ("lbnl2024-high.yaml", "reproduces", "published_twh"),
    ("high-ai.yaml", "baseline", "kind"),
])
def test_an_empty_block_is_refused_in_the_users_words(monkeypatch, capsys, tmp_path, name, key,
                                                      words):
    path = copied(tmp_path) / name
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if f"{key}:" not in text:
        lines.insert(2, f"{key}:\n")
    else:
        # the key with its block removed: `key:` alone (YAML null)
        start = row_of(text, f"{key}:") - 1
        end = start + 1
        while end < len(lines) and lines[end].startswith(" "):
            end += 1
        lines[start:end] = [f"{key}:\n"]
    path.write_text("".join(lines), encoding="utf-8")
    line = refused(monkeypatch, capsys, path)
    row = row_of(path.read_text(encoding="utf-8"), f"{key}:")
    assert f"{name}, row {row}, field 'scenarios.{path.stem}.{key}'" in line, line
    assert f"`{key}` is empty" in line and words in line and "remove the key" in line, line
    assert "Parameters" not in line and "dictionary" not in line, line


def test_an_empty_envelope_names_the_limits_not_a_class(monkeypatch, capsys, tmp_path):
    path = copied(tmp_path) / "envelope" / "us.yaml"
    path.write_text("constraints:\n", encoding="utf-8")
    line = refused(monkeypatch, capsys, path)
    assert "us.yaml, row 1, field 'constraints'" in line, line
    assert "`constraints` is empty" in line and "max_share_pct" in line, line
    assert "ConstraintParameters" not in line and "dictionary" not in line, line
    path.write_text(ENVELOPE.replace("  max_growth_per_year:\n",
                                     "  max_total_gw:\n  max_growth_per_year:\n", 1))
    line = refused(monkeypatch, capsys, path)
    assert "field 'constraints.max_total_gw'" in line and "is empty" in line, line


@pytest.mark.parametrize("stem, said", [("usa", "us"), ("US", "us.yaml")])
def test_an_envelope_named_after_no_region_is_refused(monkeypatch, capsys, tmp_path, stem,
                                                      said):
    folder = copied(tmp_path)
    path = folder / "envelope" / f"{stem}.yaml"
    path.write_text(ENVELOPE, encoding="utf-8")
    line = refused(monkeypatch, capsys, path)
    assert f"envelope/{stem}.yaml" in line and f"'{stem}'" in line and said in line, line
    assert "region" in line and "backcast" in line, line
    # a run bounded by this folder refuses it too: it bounds nothing, silently
    with pytest.raises(InputError) as info:
        load_scenario("high-ai", folder)
    assert f"{stem}.yaml" in str(info.value) and "region" in str(info.value), info.value


def test_a_backcast_whose_region_is_not_its_name_is_refused(tmp_path):
    folder = copied(tmp_path)
    path = edited(folder, "backcast/us.yaml", "region: US\n", "region: CA\n")
    with pytest.raises(InputError) as info:
        load_backcast("US", folder / "backcast")
    line = str(info.value)
    assert f"us.yaml, row {row_of(path.read_text(), 'region: CA')}, field 'backcast.region'" \
        in line and "'CA'" in line and "'US'" in line, line


@pytest.mark.parametrize("name, old, new, field, got", [
    ("epri2024-low.yaml", "low: 0.027, mode: 0.037, high: 0.047",
     "low: 2.7, mode: 3.7, high: 4.7", "growth_rate.growth_rate.high", "4.7"),
    ("high-ai.yaml", "low: 0.25, mode: 0.40, high: 0.55", "low: 25, mode: 40, high: 55",
     "fleet.shipments_growth.high", "55"),
])
def test_a_growth_rate_written_in_percent_is_refused(tmp_path, name, old, new, field, got):
    path = edited(copied(tmp_path), name, old, new)
    with pytest.raises(InputError) as info:
        load_scenario_file(path)
    line = str(info.value)
    assert f"{name}, row {row_of(path.read_text(), new)}, field 'scenarios.{path.stem}.{field}'" \
        in line, line
    assert got in line and "0.3 for 30%" in line, line


def test_a_year_written_as_yes_is_refused_as_a_boolean(tmp_path):
    # YAML's `true` was taken as the year 1: "must be >= 1990 (got True)"
    path = edited(copied(tmp_path), "high-ai.yaml", "growth_until: 2028", "growth_until: true")
    with pytest.raises(InputError) as info:
        load_scenario_file(path)
    line = str(info.value)
    assert f"row {row_of(path.read_text(), 'growth_until: true')}, field " \
        "'scenarios.high-ai.fleet.growth_until'" in line, line
    assert "whole number" in line and "boolean" in line and "1990" not in line, line


def test_a_value_the_message_quotes_is_quoted_once(tmp_path):
    # "... (got '55%') (got '55%')"
    path = copied(tmp_path) / "high-ai.yaml"
    text = path.read_text()
    start, end = text.index("  utilization:\n"), text.index("  pue_target:\n")
    path.write_text(text[:start] + "  utilization: '55%'\n" + text[end:])
    with pytest.raises(InputError) as info:
        load_scenario_file(path)
    line = str(info.value)
    assert line.count("'55%'") == 1 and "utilization" in line, line
