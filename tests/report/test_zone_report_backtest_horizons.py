"""The zone report's backtest section names the horizons the run scored: its config's
``backtest.horizon`` and ``annual_horizon`` (it said "h = 1-12" and "h = 1-3" whatever they
were: fuzz round 8b D10), how far the history let them reach, and for a manifest without
them the horizons backtest_forecasts.csv holds. Rendered in process from synthetic rows."""

import dataclasses

import pandas as pd

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def _backtest(monthly: int, annual: int) -> pd.DataFrame:
    """selected's energy forecasts from origin 2022-12: months 1..`monthly`, years
    1..`annual`."""
    periods = [(str(p), h) for h, p in enumerate(
        pd.period_range("2023-01", periods=monthly, freq="M"), start=1)]
    periods += [(str(2022 + h), h) for h in range(1, annual + 1)]
    return pd.DataFrame([{"model": "selected", "metric": "energy_gwh", "origin": "2022-12",
                          "period": p, "horizon": h, "actual": 700.0, "mean": 700.0,
                          "p05": 650.0, "p10": 660.0, "p50": 700.0, "p90": 740.0,
                          "p95": 750.0, "observed": True} for p, h in periods])


def _horizons_text(tmp_path, backtest: dict, forecasts: pd.DataFrame | None) -> str:
    run = zone_run_files(tmp_path)
    manifest = {**run.manifest, "config": {**run.manifest["config"], "backtest": backtest}}
    run = dataclasses.replace(run, manifest=manifest, backtest_forecasts=forecasts)
    return page_text(render_zone_report(run), "backtest-horizons")


def test_the_backtest_section_names_the_configured_horizons(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    text = _horizons_text(tmp_path, {"horizon": 6, "annual_horizon": 1}, _backtest(6, 1))
    assert text == "months (h = 1-6) and calendar years (h = 1)"


def test_horizons_the_history_did_not_reach_are_said(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    text = _horizons_text(tmp_path, {"horizon": 12, "annual_horizon": 3}, _backtest(12, 2))
    assert text == ("months (h = 1-12) and calendar years (h = 1-3 asked, scored up to h = 2: "
                    "the history ends sooner after every origin)")


def test_a_manifest_without_horizons_is_described_by_its_backtest_file(tmp_path,
                                                                        monkeypatch):
    without_charts(monkeypatch)
    assert _horizons_text(tmp_path, {}, _backtest(9, 2)) == (
        "months (h = 1-9) and calendar years (h = 1-2)")
    assert _horizons_text(tmp_path, {}, None) == "months and calendar years"


def test_calendar_years_none_of_which_were_scored_are_said_to_be(tmp_path, monkeypatch):
    # fuzz 14 D6: a 25-month zone scored months only (no calendar year complete after any
    # origin), and the section read "calendar years (h = 1-3)"
    without_charts(monkeypatch)
    text = _horizons_text(tmp_path, {"horizon": 12, "annual_horizon": 3}, _backtest(6, 0))
    assert text == ("months (h = 1-12 asked, scored up to h = 6: the history ends sooner after "
                    "every origin) and calendar years (h = 1-3 asked, none scored: no complete "
                    "calendar year follows any origin)")
