"""The zone report cautions when statistical-trend forecasts more load than all-requests, the
upper bound planners quote (fuzz 14 J2: a zone with 600 MW switched on in mid-2023 had its
data-center trend carried on at +550 MW/yr, above all-requests from 2032, and the page said
nothing), naming the year it passes and the last year's figures; nothing when it stays
below or the run has not both scenarios."""

from __future__ import annotations

import dataclasses

import pandas as pd

from forecasting.report.zone_render import render_zone_report
from forecasting.report.zone_trend_above_requests import trend_above_requests
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files

BOTH = ("statistical-trend", "vetted", "all-requests")


def steeper_trend(forecast: pd.DataFrame, per_year: float) -> pd.DataFrame:
    """statistical-trend's rows with ``per_year`` MW added per year after 2025 (every
    quantile, every component and metric alike: the caution reads total avg_mw P50)."""
    out = forecast.copy()
    rows = out["scenario"] == "statistical-trend"
    years = out.loc[rows, "period"].astype(int) - 2025
    for q in ("mean", "p05", "p10", "p50", "p90", "p95"):
        out.loc[rows, q] = out.loc[rows, q] + per_year * years
    return out


def test_a_trend_that_passes_all_requests_is_named_with_its_first_year(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path, scenarios=BOTH)
    forecast = steeper_trend(run.forecast, 0.0)
    upper = (forecast["scenario"] == "all-requests") & (forecast["period"].astype(int) >= 2025)
    forecast.loc[upper, "p50"] += 100.0   # all-requests 100 MW above until the trend passes
    forecast = steeper_trend(forecast, 30.0)   # +30 MW/yr: above from 2029 (120 > 100)
    html = render_zone_report(dataclasses.replace(run, forecast=forecast))
    text = page_text(html, "trend-above-requests")
    assert text.startswith("statistical-trend is above all-requests, the upper bound planners "
                           "quote, from 2029 (2035:")
    assert "one-off step" in text


def test_a_trend_below_all_requests_or_without_it_has_no_caution(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path, scenarios=BOTH)
    forecast = run.forecast.copy()
    upper = forecast["scenario"] == "all-requests"
    forecast.loc[upper, "p50"] += 100.0
    html = render_zone_report(dataclasses.replace(run, forecast=forecast))
    assert 'id="trend-above-requests"' not in html
    alone = zone_run_files(tmp_path / "alone")   # statistical-trend only: no queue
    assert trend_above_requests(steeper_trend(alone.forecast, 500.0)) is None


def test_years_above_that_do_not_run_to_the_end_are_listed(tmp_path):
    run = zone_run_files(tmp_path, scenarios=BOTH)
    forecast = run.forecast.copy()
    trend = ((forecast["scenario"] == "statistical-trend") & (forecast["component"] == "total")
             & (forecast["metric"] == "avg_mw") & forecast["period"].isin(["2027", "2028"]))
    forecast.loc[trend, "p50"] += 50.0
    assert "in 2027, 2028 (2028:" in trend_above_requests(forecast)
