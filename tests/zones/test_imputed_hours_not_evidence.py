"""A zone's hours that an EIA-930 file flags (``category`` not ``OKAY``: the value was imputed
by Ruggles and Farnham's cleaning, doi:10.5281/zenodo.3517197) are not evidence: ``evidence =
False``, counted as ``imputed_hours`` (not absent, not outliers), never part of a month's
coverage, energy or peak. Before, the imputed values were the zone's load: PSEI's 2020, 7,727
MISSING hours written with an imputed load, was ten complete months."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from forecasting.zones.history import build_history, period_table
from forecasting.zones.read import read_neighbours, read_zone_files
from tests.zones.conftest import SHARED
from tests.zones.synthetic import hourly_load, write_load

HEADER = "date_time,raw demand (MW),category,cleaned demand (MW)"
#: 15% of its hours imputed (incomplete), 5% (complete, an imputed hour above its peak)
MOSTLY, SOME = "2023-06", "2023-09"
SPIKE = "2023-03-15 15:00"  # an imputed value 10 times the load: imputed, not an outlier


def zone_frame() -> pd.DataFrame:
    """2023's hours (UTC starts): the first 15% of `MOSTLY`'s hours flagged ANOMALOUS_REGION
    with a plausible imputed value (5% above the load), every 20th of `SOME`'s flagged MISSING
    at 1.1 times the month's peak, `SPIKE` flagged DELTA at ten times, six OKAY zeros."""
    load = hourly_load(900.0, start="2023-01-01", end="2023-12-31 23:00")
    frame = pd.DataFrame({"start": load.index, "category": "OKAY",
                          "value": load.round(1).to_numpy()})
    month = frame["start"].dt.strftime("%Y-%m")
    mostly = (month == MOSTLY).to_numpy()
    first = mostly & (np.cumsum(mostly) <= 0.15 * 720)
    frame.loc[first, "category"] = "ANOMALOUS_REGION"
    frame.loc[first, "value"] = (frame.loc[first, "value"] * 1.05).round(1)
    some = np.flatnonzero((month == SOME).to_numpy())[::20]
    peak = frame.loc[month == SOME, "value"].max()
    frame.loc[some, "category"] = "MISSING"
    frame.loc[some, "value"] = round(1.1 * peak, 1)
    spike = frame["start"] == pd.Timestamp(SPIKE)
    frame.loc[spike, "category"] = "DELTA"
    frame.loc[spike, "value"] *= 10
    frame.loc[frame["start"].between("2023-11-01 00:00", "2023-11-01 05:00"), "value"] = 0.0
    return frame


def write_eia930(path: Path, frame: pd.DataFrame) -> Path:
    ends = (frame["start"] + pd.Timedelta(hours=1)).dt.strftime("%Y-%m-%d %H:%M:%S")
    lines = [HEADER] + [f"{e},{v},{c},{v}" for e, c, v in
                        zip(ends, frame["category"], frame["value"], strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_imputed_hours_are_not_evidence_and_are_counted_apart(tmp_path):
    frame = zone_frame()
    history = build_history(read_zone_files([write_eia930(tmp_path / "XX.csv", frame)]))
    flagged = (frame["category"] != "OKAY").to_numpy()
    hourly = history.hourly
    assert not hourly["evidence"].to_numpy()[flagged].any()
    assert flagged.sum() == 145 and np.isnan(hourly["mw"].to_numpy()[flagged]).all()
    # kept for display only
    assert history.imputed.to_numpy().tolist() == frame["value"][flagged].tolist()
    quality = history.quality()
    # before: no imputed_hours, and the spike was the one outlier
    assert quality["imputed_hours"] == 108 + 36 + 1
    assert quality["outlier_hours"] == 0 and quality["absent_hours"] == 0
    assert quality["not_load_hours"] == 6
    assert quality["evidence_hours"] == len(frame) - 145 - 6
    assert (quality["evidence_hours"] + quality["absent_hours"] + quality["outlier_hours"]
            + quality["not_load_hours"] + quality["imputed_hours"]) == quality["hours"]


def test_imputed_hours_count_towards_no_month_and_set_no_peak(tmp_path):
    frame = zone_frame()
    history = build_history(read_zone_files([write_eia930(tmp_path / "XX.csv", frame)]))
    months = period_table(history.load, "M")
    # before: 2023-06 complete (100% of its hours), 2023-09's peak the imputed 1.1 x peak
    assert not months.loc[pd.Period(MOSTLY, "M"), "complete"]
    assert months.loc[pd.Period(MOSTLY, "M"), "coverage"] == pytest.approx(0.85)
    assert MOSTLY in history.quality()["partial_months"]
    sept = frame[(frame["start"].dt.strftime("%Y-%m") == SOME) & (frame["category"] == "OKAY")]
    row = months.loc[pd.Period(SOME, "M")]
    assert row["complete"] and row["peak_mw"] == sept["value"].max()
    assert row["energy_gwh"] == pytest.approx(sept["value"].sum() / 1000, rel=1e-12)
    assert row["hours"] == len(sept)


def test_a_file_without_a_flag_column_has_no_imputed_hours(tmp_path):
    """The same values in a two-column file: every value is evidence as before, and the
    quality has no ``imputed_hours`` key (a manifest as it was; a guard, true before too)."""
    frame = zone_frame()
    write_load(tmp_path / "XX.csv", frame.set_index("start")["value"])
    history = build_history(read_zone_files([tmp_path / "XX.csv"]))
    quality = history.quality()
    assert "imputed_hours" not in quality
    assert quality["outlier_hours"] == 1 and quality["not_load_hours"] == 6
    assert period_table(history.load, "M").loc[pd.Period(MOSTLY, "M"), "complete"]


def test_neighbours_imputed_hours_are_not_evidence(tmp_path):
    frame = zone_frame()
    write_eia930(tmp_path / "NB.csv", frame)
    config = SimpleNamespace(neighbour_files=lambda: [SimpleNamespace(
        file="NB.csv", area=None, column=None, series_timezone="UTC")])
    values = read_neighbours(config, tmp_path)["NB"]
    flagged = (frame["category"] != "OKAY").to_numpy()
    assert values.isna().to_numpy().tolist() == flagged.tolist()  # before: none missing


ZONES = SHARED / "eia930_2020_2024" / "zones"


@pytest.mark.skipif(not (ZONES / "PSEI.csv").exists(), reason="the EIA-930 zones are absent")
def test_psei_2020_is_imputed_not_evidence():
    history = build_history(read_zone_files([ZONES / "PSEI.csv"]))
    months = period_table(history.load, "M")
    quality = history.quality()
    # 8,758 hours flagged: 1,017 written 0 (no value: zero load, as before) and 7,741 with
    # an imputed load, which made 2020-03..2020-12 complete months before
    assert (quality["imputed_hours"], quality["not_load_hours"]) == (7741, 1018)
    assert int(months["complete"].sum()) == 48  # before: 58
    incomplete = {str(p) for p in months.index[~months["complete"].to_numpy()]}
    assert {f"2020-{m:02d}" for m in range(1, 13)} <= incomplete
