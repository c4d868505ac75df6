"""The zone report's held-out peak check says whether this zone's own counts are what
chance gives a calibrated check (a binomial statement at the rate a year of the same weather
tops the 90/10 of that many other years), attributes the many-zone figures to
benchmarks/peaks_weather/, and flags a zone whose latest years ran above their 90/10. It
had ended with a fixed "Calibrated peaks are exceeded in about half and one in ten of the
years" whatever the zone's counts. Synthetic peak_check.csv rows; no pipeline run."""

from math import comb

import numpy as np
import pandas as pd
import pytest

from forecasting.paths import ROOT
from forecasting.report.zone_render import (
    PEAK_BENCHMARK,
    count_chance,
    peak_check_counts,
    peak_check_text,
    rate_above,
    render_zone_report,
)
from tests.report.synthetic_zone_run import (
    page_text,
    without_charts,
    zone_run_files,
)


def check_rows(years: list[int], above_50: list[bool], above_90: list[bool],
               weather_years: int) -> pd.DataFrame:
    """One season (summer) of peak_check.csv; winter never above either."""
    rows = []
    for year, a50, a90 in zip(years, above_50, above_90, strict=True):
        for season, up50, up90 in (("summer", a50, a90), ("winter", False, False)):
            rows.append({"year": year, "season": season, "weather_years": weather_years,
                         "actual_mw": 1.0, "peak_50_50_mw": 1.0, "peak_90_10_mw": 1.0,
                         "above_50_50": up50 or up90, "above_90_10": up90,
                         "below": weather_years if up90 else 0, "equal": 0})
    return pd.DataFrame(rows)


def test_the_chance_of_topping_a_few_years_90_10_and_the_binomial_counts():
    # the predictive 90/10 is topped a tenth of the time with few years as with many (the
    # 90th percentile of 4 years themselves had been topped 26% of the time: fuzz 11a D2)
    assert rate_above(np.array([2, 4, 1000]), 0.9) == pytest.approx([0.1, 0.1, 0.1])
    assert rate_above(np.array([4, 17]), 0.5) == pytest.approx([0.5, 0.5])
    chance = count_chance(np.full(5, 0.1))
    assert chance == pytest.approx([comb(5, k) * 0.1**k * 0.9**(5 - k) for k in range(6)])


def test_a_growing_zone_is_within_chance_but_its_latest_years_are_flagged(
        tmp_path, monkeypatch):
    without_charts(monkeypatch)
    """Five years, four weather years each: the 90/10 topped in 2023 and 2024 (as the
    fuzzed growth zone's summers were), which a 90/10 topped a tenth of the time gives by
    chance 8% of the time, but both latest years above it is flagged."""
    check = check_rows(list(range(2020, 2025)), [False, True, False, True, True],
                       [False, False, False, True, True], weather_years=4)
    html = render_zone_report(zone_run_files(tmp_path, data_center="none", peak_check=check))
    held = page_text(html, "peak-check")
    assert "above the 90/10 in 2 (2023, 2024)" in held
    assert "Calibrated peaks are exceeded in about half and one in ten" not in held
    chance = page_text(html, "peak-check-chance")
    assert "above the 90/10 of its 4 other years about 10% of the time" in chance
    assert "Summer: 3 of 5 above the 50/50 is within chance; 2 of 5 above the 90/10 is " \
           "within chance (2 or more happen by chance 8% of the time)" in chance
    flag = page_text(html, "peak-check-flag")
    assert flag.startswith("Summer: the latest held-out years, 2023 and 2024, each peaked "
                           "above their 90/10 (both by chance: about 1%)")
    assert "summer 90/10 as possibly low" in flag and "Winter" not in flag
    assert "benchmarks/peaks_weather/" in page_text(html, "peak-check-benchmark")


def test_a_long_history_topping_its_90_10_too_often_is_said_to_and_flagged():
    """18 years, 17 weather years each (about 14% a year above the 90/10): 8 above the
    90/10 and 18 above the 50/50 are more than chance gives; none latest in a row."""
    above_90 = [True, False] * 8 + [False, False]
    counts = peak_check_counts(check_rows(list(range(2005, 2023)), [True] * 18, above_90,
                                          weather_years=17))
    summer = counts[0]
    assert summer["verdict_90_10"] == "more" and summer["verdict_50_50"] == "more"
    assert summer["latest_above_90_10"] == []
    winter = counts[1]
    assert winter["verdict_50_50"] == "fewer" and winter["verdict_90_10"] == "consistent"
    text = peak_check_text(counts)
    assert "Summer: above the 50/50 more often than chance gives (18 or more of 18: under " \
           "1% chance); above the 90/10 more often than chance gives (8 or more of 18" \
           in text["chance"]
    assert "Winter: above the 50/50 less often than chance gives (none of 18" \
           in text["chance"]
    assert text["flags"] == ["Summer: above the 90/10 in 8 of 18 held-out years, more often "
                             "than chance gives: read this zone's summer 90/10 as possibly "
                             "low."]


def test_a_run_without_weather_year_counts_keeps_its_counts_and_the_benchmark():
    check = check_rows([2022, 2023, 2024], [True] * 3, [False, True, True], weather_years=2)
    counts = peak_check_counts(check.drop(columns="weather_years"))
    text = peak_check_text(counts)
    assert text["chance"] == "" and "benchmarks/peaks_weather/" in text["benchmark"]
    assert text["flags"][0].startswith("Summer: the latest held-out years, 2023 and 2024, "
                                       "each peaked above their 90/10. Recent peaks")


def test_the_benchmark_figures_are_the_benchmarks_own():
    results = ROOT / "benchmarks" / "peaks_weather" / "results.csv"
    if not results.is_file():
        pytest.skip("benchmarks/peaks_weather/results.csv is not in this checkout")
    table = pd.read_csv(results)
    rows = table[(table["method"] == "anomaly") & table["group"].str.startswith("EIA-930")]
    for row in rows.itertuples():
        assert PEAK_BENCHMARK[row.season]["cases"] == row.cases
        assert PEAK_BENCHMARK[row.season]["above_90_10"] == row.above_90_10
        assert PEAK_BENCHMARK[row.season]["above_50_50"] == row.above_50_50
    assert len(rows) == 2
