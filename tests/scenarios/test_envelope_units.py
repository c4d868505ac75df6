"""The supply envelope's share and growth limits refuse a value in the wrong unit (found by
fuzzing): `max_share_pct: 0.16` (16% written as a fraction) cut every scenario from 176 TWh to
6 TWh in one year, exit 0; `max_growth_per_year: 30` (percent) would switch that cap off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from forecasting.errors import InputError
from forecasting.scenarios.catalog import SCENARIOS_DIR, load_envelope


def copied_scenarios(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS_DIR, folder)
    return folder


def edited_envelope(tmp_path: Path, old: str, new: str) -> str:
    folder = copied_scenarios(tmp_path) / "envelope"
    path = folder / "us.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_envelope("US", folder)
    return str(info.value)


def test_a_share_written_as_a_fraction_is_refused_naming_the_unit(tmp_path):
    line = edited_envelope(tmp_path, "low: 12, mode: 16, high: 20",
                           "low: 0.12, mode: 0.16, high: 0.20")
    assert "envelope/us.yaml" in line and "constraints.max_share_pct" in line, line
    assert "0.12" in line and "percent" in line, line


def test_a_growth_written_in_percent_is_refused_naming_the_unit(tmp_path):
    line = edited_envelope(tmp_path, "low: 0.20, mode: 0.30, high: 0.45",
                           "low: 20, mode: 30, high: 45")
    assert "constraints.max_growth_per_year" in line and "45" in line, line
    assert "fraction per year" in line, line


def test_the_shipped_envelope_is_within_the_domains():
    limits = load_envelope("US", SCENARIOS_DIR / "envelope")
    assert limits.max_share_pct.low == 12 and limits.max_growth_per_year.high == 0.45
