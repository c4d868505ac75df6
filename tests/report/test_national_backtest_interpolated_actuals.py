"""The national backtest table and chart mark the actuals of interpolated years (fuzz 7a D9):
16 of the default run's 30 rows of 'Past forecasts of selected' showed an interpolated year as
a plain 'Actual', while the summary above counts only the evidence rows; the project's rule is
that interpolated values may be shown, never scored or counted, and must be marked."""

from __future__ import annotations

import re

import pytest

from forecasting.report.figures import backtest_figure
from forecasting.report.render import render_report
from forecasting.report.run_dir_reading import csv_bool
from forecasting.report.run_files import read_run
from tests.report.light_national_run import light_national_run, page_text, section


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return read_run(light_national_run(tmp_path_factory))


@pytest.fixture(scope="module")
def backtest_section(run) -> str:
    return section(render_report(run), "backtest")


def selected_rows(run):
    part = run.backtest_forecasts[run.backtest_forecasts["model"] == "selected"]
    return [(int(r.origin), str(r.period), csv_bool(r.observed)) for r in part.itertuples()]


def test_each_past_forecast_says_whether_its_actual_is_evidence(run, backtest_section):
    table = backtest_section[backtest_section.index("<summary>Past forecasts of"):]
    cells = [[page_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
             for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)]
    cells = [c for c in cells if c]
    expected = selected_rows(run)
    assert any(not observed for _, _, observed in expected)   # the light run has some
    assert [(int(c[0]), c[1], c[3]) for c in cells] == [
        (origin, period, "evidence" if observed else "interpolated, not scored")
        for origin, period, observed in expected]


def test_the_note_counts_what_the_summary_scores(run, backtest_section):
    summary = run.backtest_summary
    scored = summary[(summary["model"] == "selected") & (summary["horizon"].astype(str) == "all")]
    n, coverage = int(scored["n"].iloc[0]), float(scored["coverage80"].iloc[0])
    interpolated = sum(1 for *_, observed in selected_rows(run) if not observed)
    text = page_text(backtest_section)
    assert (f"{interpolated} of the {len(selected_rows(run))} past forecasts of selected have "
            f"one; the summary above rests on the other {n}, whose actual is evidence, and "
            f"{round(coverage * n)} of those fell inside P10-P90") in text


def test_the_chart_draws_interpolated_years_open_and_apart(run):
    figure = backtest_figure(run.backtest_forecasts, run.history, "selected")
    traces = {t.name: t for t in figure.data}
    open_years = list(traces["history: interpolated (not scored)"].x)
    assert open_years == list(run.history.loc[run.history["provenance"] == "interpolated", "year"])
    assert traces["history: interpolated (not scored)"].marker.symbol == "circle-open"
    assert not set(open_years) & set(traces["history: evidence (scored)"].x)
