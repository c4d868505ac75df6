"""The zone report names the months the forecast's models fit when a long gap leaves complete
months before them unfitted (fuzz 14 D1: AZPS without 2021-03..08 is modelled on
2021-09..2024-12, and the report had only listed the incomplete months), and the growth
check says its regime's months include those; nothing is added for a gap-free history or a
run whose manifest has no ``model_window``. The record comes from the zone run's own
`window_record` of a synthetic hourly history with that gap."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from forecasting.report.zone_render import render_zone_report
from forecasting.series.read import RawSeries
from forecasting.zones.history import build_history, period_table
from forecasting.zones.run import model_window
from forecasting.zones.window_record import window_record
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files
from tests.report.test_zone_report_growth_check import check_row
from tests.zones.synthetic import hourly_load


def record(gap: bool) -> dict:
    load = hourly_load(900.0, start="2020-01-01")
    if gap:
        load[pd.date_range("2021-03-01", "2021-08-31 23:00", freq="h")] = np.nan
    history = build_history([RawSeries.from_series(load.dropna(), source="zone.csv")])
    window = model_window(history, None)
    return window_record(period_table(history.load, "M"), window, model_start=None)


def gapped_history(history: pd.DataFrame) -> pd.DataFrame:
    gap = history["period"].isin([f"2021-{m:02d}" for m in range(3, 9)])
    return history.assign(complete=~gap & history["complete"].astype(bool),
                          coverage=np.where(gap, 0.0, history["coverage"]))


def render(tmp_path, monkeypatch, manifest_window: dict | None) -> str:
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path, data_center="none")
    manifest = dict(run.manifest)
    if manifest_window is not None:
        manifest["model_window"] = manifest_window
    run = dataclasses.replace(
        run, manifest=manifest, history=gapped_history(run.history),
        growth_check=check_row(history_regime_start="2020-01", history_break=False,
                               history_months=54, outside=False, direction=""))
    return render_zone_report(run)


def test_the_record_of_a_gapped_history_names_the_window_and_the_months_before_it():
    assert record(gap=True) == {
        "first": "2021-09", "last": "2024-12", "months": 40, "set_by": "incomplete month",
        "after": "2021-08", "before": {"first": "2020-01", "last": "2021-02", "months": 14}}
    assert record(gap=False)["before"] is None


def test_a_gapped_zone_s_report_names_the_months_its_models_fit(tmp_path, monkeypatch):
    html = render(tmp_path, monkeypatch, record(gap=True))
    text = page_text(html, "model-window")
    assert text.startswith("The forecast's models of the monthly energy are fitted on the "
                           "complete months 2021-09..2024-12 (40 months), after the last "
                           "incomplete month, 2021-08")
    assert "The 14 complete months before it (2020-01..2021-02) are shown, not fitted" in text
    assert "in the growth check" in text
    growth = page_text(html, "growth-check")
    assert ("no break since 2020-01: its 54 complete months, those before 2021-09, where the "
            "forecast's models start, included") in growth


def test_nothing_is_added_for_a_whole_history_or_an_older_run(tmp_path, monkeypatch):
    for manifest_window in (record(gap=False), None):
        html = render(tmp_path, monkeypatch, manifest_window)
        assert 'id="model-window"' not in html
        assert "where the forecast's models start" not in page_text(html, "growth-check")
