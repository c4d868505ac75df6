"""A zone run's winters are December to February (`weather_years.season_months`): Dominion's
EIA-930 file (2020-2024), whose winter 2022/23 peaked on 24 December 2022 (Winter Storm
Elliott, PJM's winter 2022/23): peak_check.csv files that hour under winter 2022/23 (a
calendar-year "winter 2022" had held it), peaks.csv labels each winter and ends with the one
whose February is the last forecast month, and every year's annual peak P50 is at least its
summer 50/50."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from forecasting.zones.compute import compute_zone_run
from forecasting.zones.weather_years import season_months

DOM = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "eia930_2020_2024"
       / "zones" / "PJM-DOM.csv")


@pytest.mark.skipif(not DOM.is_file(), reason="the shared EIA-930 files are not here")
def test_dominions_elliott_peak_is_winter_2022_23(tmp_path):
    raw = pd.read_csv(DOM)
    raw.to_csv(tmp_path / "DOM.csv", index=False)
    (tmp_path / "zone.yaml").write_text("\n".join([
        "region: PJM-DOM", "series: [DOM.csv]", "series_timezone: UTC",
        "scenarios: [statistical-trend]", "data_center: none", "end_year: 2027",
        "profile_year: 2025", "n_paths: 200", "seed: 0", "timezone: America/New_York",
        "backtest:", "  first_origin: '2023-12'", "  step: 6",
        "  candidates: [seasonal_naive]", "  peers: [seasonal_naive]",
        "  n_paths: 20", ""]))
    run = compute_zone_run(tmp_path / "zone.yaml").run
    check = run.peak_check.set_index(["year", "season"])
    history = run.history[run.history["period"].str.len() == 7].set_index("period")["peak_mw"]
    elliott = float(history["2022-12"])
    assert check.loc[(2022, "winter"), "label"] == "2022/23"
    assert check.loc[(2022, "winter"), "actual_mw"] == elliott
    assert elliott > history[["2022-01", "2022-02", "2023-01", "2023-02"]].max()
    # winter 2023/24 holds January 2024's peak, not December 2022's
    assert check.loc[(2023, "winter"), "actual_mw"] == history[["2023-12", "2024-01",
                                                                "2024-02"]].max()
    peaks = run.peaks
    assert list(peaks.columns[:4]) == ["scenario", "year", "season", "label"]
    winters = peaks[peaks["season"] == "winter"]
    # the history ends in December 2024: winter 2024/25 (its December measured) to 2026/27
    assert list(winters["label"]) == ["2024/25", "2025/26", "2026/27"]
    assert winters.iloc[0]["peak_50_50_mw"] >= float(history["2024-12"])
    last = pd.Period("2027-12", "M")
    assert all(season_months(s, int(y))[-1] <= last
               for s, y in zip(peaks["season"], peaks["year"], strict=True))
    table = run.forecast
    annual = table[(table["component"] == "total") & (table["metric"] == "peak_mw")
                   & (table["period"].astype(str).str.len() == 4)]
    summer = peaks[peaks["season"] == "summer"].set_index("year")["peak_50_50_mw"]
    assert len(annual) == 3
    for row in annual.itertuples():
        assert row.p50 >= summer[int(row.period)] - 1e-6
