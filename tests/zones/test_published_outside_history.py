"""A published figure of a year the history does not cover (an IRP's 2030 data-center MW, a
year before the files begin) keeps its row in the check, with no estimate and a label saying
it was not checked, and the report's table shows it: such rows were dropped without a trace
(fuzz round 8b D4). In process: the check on a small annual decomposition, then the report."""

import dataclasses
import re

import numpy as np
import pandas as pd

from forecasting.report.zone_figures import decomposition_figure
from forecasting.report.zone_render import render_zone_report
from forecasting.zones.published_figures import PublishedFigure, published_check
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files

YEARS = range(2020, 2025)


def _annual() -> tuple[pd.DataFrame, pd.Series]:
    index = pd.PeriodIndex([str(y) for y in YEARS], freq="Y")
    dc = np.linspace(100.0, 500.0, len(index))
    annual = pd.DataFrame({"data_center_mw": dc, "data_center_low_mw": dc - 50,
                           "data_center_high_mw": dc + 50, "data_center_half_width_mw": 50.0,
                           "hours": 8760, "total_mw": 1000.0}, index=index)
    return annual, pd.Series(8760.0, index=index)


FIGURES = [PublishedFigure("data_center_mw", 2022, 300.0, "in the history"),
           PublishedFigure("data_center_mw", 2030, 5000.0, "an IRP's forecast"),
           PublishedFigure("data_center_added_mw", 2020, 80.0, "needs 2019"),
           PublishedFigure("data_center_share", 1990, 0.01, "before the files")]


def test_figures_outside_the_history_keep_a_row_saying_not_checked():
    table = published_check(*_annual(), FIGURES)
    assert list(table["figure"]) == [
        "data-center average MW 2022",
        "data-center average MW 2030 (not checked: no year 2030 in the history, 2020-2024)",
        "data-center MW added in 2020 (not checked: no year 2019 in the history, 2020-2024)",
        "data-center share of energy 1990 (not checked: no year 1990 in the history, "
        "2020-2024)"]
    assert table["estimate"].iloc[0] == 300.0
    unchecked = table.iloc[1:]
    assert unchecked[["estimate", "low", "high"]].isna().all().all()
    assert list(unchecked["published"]) == [5000.0, 80.0, 0.01]


def test_the_report_lists_the_figures_not_checked(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = dataclasses.replace(zone_run_files(tmp_path),
                              published_check=published_check(*_annual(), FIGURES))
    html = render_zone_report(run)
    rows = [[page_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "not checked" in r]
    assert rows == [
        ["data-center average MW 2030 (not checked: no year 2030 in the history, 2020-2024)",
         "-", "-", "5,000 MW", "an IRP's forecast"],
        ["data-center MW added in 2020 (not checked: no year 2019 in the history, 2020-2024)",
         "-", "-", "80.0 MW", "needs 2019"],
        ["data-center share of energy 1990 (not checked: no year 1990 in the history, "
         "2020-2024)", "-", "-", "1%", "before the files"]]
    # no MW added in a year was checked, so the note on its interval is left out
    assert "The interval of the MW added in a year" not in page_text(html, "decomposition")


def test_the_decomposition_chart_marks_only_the_checked_figures(tmp_path):
    run = zone_run_files(tmp_path)
    figure = decomposition_figure(run.decomposition, published_check(*_annual(), FIGURES))
    marks = [t for t in figure.data if t.name == "published data-center MW"]
    assert [list(t.x) for t in marks] == [["2022-07"]]
