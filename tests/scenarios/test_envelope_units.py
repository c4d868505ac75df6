"""The supply envelope's limits refuse a value in the wrong unit (found by fuzzing):
`max_share_pct: 0.16` (16% written as a fraction) cut every scenario from 176 TWh to 6 TWh in
one year, exit 0; `max_growth_per_year: 30` (percent) would switch that cap off; so would a
capacity limit in MW, and `max_total_gw` in TW cut the US total to 0.5 TWh."""

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


def test_a_yearly_connection_limit_in_mw_is_refused_naming_the_unit(tmp_path):
    """6000-16000 (MW for 6-16 GW/yr) had switched the cap off (fuzz 8a D5)."""
    line = edited_envelope(tmp_path, "low: 6, mode: 10, high: 16",
                           "low: 6000, mode: 10000, high: 16000")
    assert "constraints.max_added_gw_per_year" in line and "16000" in line, line
    assert "GW of new capacity a year" in line and "not MW" in line, line


@pytest.mark.parametrize(("low", "mode", "high", "bad"), [
    ("0.09", "0.12", "0.15", "0.09"),              # TW: had published a US total of 0.5 TWh
    ("90000", "120000", "150000", "150000"),       # MW: had switched the cap off
])
def test_a_total_capacity_in_tw_or_mw_is_refused_naming_the_unit(monkeypatch, capsys, tmp_path,
                                                                 low, mode, high, bad):
    from tests.conftest import run_in_process

    path = tmp_path / "grid-constrained.yaml"
    text = (SCENARIOS_DIR / "grid-constrained.yaml").read_text(encoding="utf-8")
    old = "{dist: pert, low: 90, mode: 120, high: 150,"
    assert old in text
    path.write_text(text.replace(old, f"{{dist: pert, low: {low}, mode: {mode}, high: {high},"),
                    encoding="utf-8")
    row = next(i for i, line in enumerate(path.read_text().splitlines(), 1) if low in line)
    code, _, err = run_in_process(monkeypatch, capsys, "scenarios", "validate", str(path))
    assert code == 2
    line = err.strip()
    assert "\n" not in line and "Traceback" not in line
    assert f"grid-constrained.yaml, row {row}, field " \
           "'scenarios.grid-constrained.constraints.max_total_gw." in line, line
    assert bad in line and "GW of capacity" in line and "not MW or TW" in line, line
