"""The zone report names the complete months whose peak history.csv shows but the run did not
take as evidence: measured (not imputed) hours under `MONTH_COMPLETE` of the month
(`forecasting.zones.history.peak_evidence`), and the years holding such a month, whose
annual peak is a lower bound. Rendered in process from synthetic rows."""

import dataclasses

from forecasting.report.zone_figures import fan_figure
from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files
from tests.report.test_zone_report_file_overlaps import QUALITY


def test_the_report_names_the_months_whose_peak_rests_on_few_measured_hours(tmp_path,
                                                                          monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    history = run.history.assign(imputed_hours=0)
    june, july = history["period"] == "2023-06", history["period"] == "2023-07"
    history.loc[june, "imputed_hours"] = 72  # 648 of 720 measured: exactly 90%, evidence
    history.loc[july, "imputed_hours"] = 700  # 44 of 744 measured
    quality = {**QUALITY, "overlaps": [], "imputed_hours": 772}
    told = dataclasses.replace(run, history=history,
                               manifest={**run.manifest, "data_quality": quality})
    text = page_text(render_zone_report(told), "few-measured")
    assert text.endswith("lower bound of the month's): 2023-07.")
    assert "under 90%" in text and "never fitted, scored" in text


def test_the_report_names_the_years_whose_annual_peak_is_a_lower_bound(tmp_path, monkeypatch):
    """A year holding such a month keeps its annual peak in the table and history.csv, said
    to be a lower bound (`forecasting.seasons.year_peak_is_evidence`), and the annual peak
    chart draws it apart from the history's line; the energy chart does not."""
    run = zone_run_files(tmp_path)
    history = run.history.assign(imputed_hours=0)
    history.loc[history["period"] == "2023-07", "imputed_hours"] = 700
    history.loc[history["period"] == "2021-02", "imputed_hours"] = 60  # 612 of 672: 91%
    told = dataclasses.replace(run, history=history)
    peak = fan_figure(told.forecast, history, "statistical-trend", "peak_mw")
    lines = {trace.name: [int(x) for x in trace.x] for trace in peak.data
             if trace.name and trace.name.startswith("history")}
    assert lines == {"history (complete years)": [2020, 2021, 2022, 2024],
                     "history, lower bound (a month of few measured hours)": [2023]}
    energy = fan_figure(told.forecast, history, "statistical-trend", "energy_gwh")
    assert [[int(x) for x in t.x] for t in energy.data if t.name and
            t.name.startswith("history")] == [[2020, 2021, 2022, 2023, 2024]]
    without_charts(monkeypatch)
    page = render_zone_report(told)
    text = page_text(page, "lower-bound-years")
    assert "lower bound of the year's peak, not evidence" in text and text.endswith(": 2023.")
    assert 'id="lower-bound-years"' not in render_zone_report(run)
