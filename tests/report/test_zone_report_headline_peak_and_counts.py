"""The zone report's headline quotes the 50/50 of the season that peaks (a winter-peaking
zone's winter, not its lower summer), with the other season's beside it; its note says how
the annual peak is made (each path's largest hour of the year under its weather year, not
the largest of its monthly peaks); and the backtest table counts each scored forecast once
(backtest_summary.csv's ``all`` row is the sum of its horizon rows, not one more horizon).
Rendered in process from a few synthetic rows (tests/report/synthetic_zone_run.py)."""

import dataclasses
import io
import re

import pandas as pd

from forecasting.report.zone_render import render_zone_report, zone_reading
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def _with_season_peaks(run, *, summer: float, winter: float):
    """`run` whose every year's summer and winter 50/50 are `summer` and `winter` MW (90/10
    5% above, growth band 10% either side)."""
    peaks = run.peaks.copy()
    for season, mw in (("summer", summer), ("winter", winter)):
        at = peaks["season"] == season
        peaks.loc[at, "peak_50_50_mw"] = mw
        peaks.loc[at, "peak_90_10_mw"] = 1.05 * mw
        peaks.loc[at, "growth_p10_mw"] = 0.9 * mw
        peaks.loc[at, "growth_p90_mw"] = 1.1 * mw
    return dataclasses.replace(run, peaks=peaks)


def test_a_winter_peaking_zone_headline_quotes_its_winter_peak(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = _with_season_peaks(zone_run_files(tmp_path), summer=4337.0, winter=5127.0)
    headline = page_text(render_zone_report(run), "headline")
    # the winter filed under 2030 is winter 2030/31 (December 2030 to February 2031)
    assert ("SYN winter peak in 2030/31, 50/50: statistical-trend: 5,127 MW (90/10 5,383 MW; "
            "growth band 4,614-5,640 MW; summer 2030 4,337 MW, 90/10 4,554 MW)") in headline
    assert "summer peak in 2030" not in headline


def test_a_summer_peaking_zone_headline_quotes_its_summer_peak(tmp_path):
    run = _with_season_peaks(zone_run_files(tmp_path), summer=1700.0, winter=1500.0)
    assert zone_reading(run.forecast, run.peaks, "SYN").startswith(
        "SYN summer peak in 2030, 50/50: statistical-trend: 1,700 MW (90/10 1,785 MW; growth "
        "band 1,530-1,870 MW; winter 2030/31 1,500 MW, 90/10 1,575 MW), data centers 13% of "
        "energy")


def test_scenarios_peaking_in_different_seasons_each_name_theirs(tmp_path):
    run = zone_run_files(tmp_path, scenarios=("statistical-trend", "vetted"))
    peaks = run.peaks.copy()
    # vetted adds a flat data-center block that lifts its summer above its winter
    lifted = (peaks["scenario"] == "vetted") & (peaks["season"] == "summer")
    values = ["peak_50_50_mw", "peak_90_10_mw", "growth_p10_mw", "growth_p90_mw"]
    peaks.loc[lifted, values] = [1900.0, 1990.0, 1800.0, 2000.0]
    winter = (peaks["scenario"] == "statistical-trend") & (peaks["season"] == "winter")
    peaks.loc[winter, values] = [1650.0, 1700.0, 1550.0, 1750.0]
    text = zone_reading(run.forecast, peaks, "SYN")
    assert text.startswith("SYN peak in 2030, 50/50 of the season that peaks: "
                           "statistical-trend: winter 2030/31 1,650 MW (90/10 1,700 MW;")
    assert "; vetted: summer 2030 1,900 MW (90/10 1,990 MW;" in text
    assert "winter 2030/31 1,600 MW, 90/10 1,680 MW)" in text  # vetted's lower season


def test_the_headline_note_says_how_the_annual_peak_is_made(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    note = page_text(render_zone_report(zone_run_files(tmp_path)), "headline")
    assert "highest monthly peak" not in note
    assert ("the annual peak is the path's largest hour of the year at its own level, under "
            "the weather year the path drew for that year") in note
    assert "not the largest of its monthly peaks" in note


SUMMARY = """model,metric,frequency,horizon,MASE,CRPS,coverage80,width80,n
selected,energy_gwh,monthly,1,0.3,10.0,1.0,100.0,5
selected,energy_gwh,monthly,2,0.6,20.0,0.75,200.0,4
selected,energy_gwh,monthly,3,0.9,30.0,1.0,300.0,3
selected,energy_gwh,monthly,all,0.55,18.333333,0.916667,183.333333,12
selected,energy_gwh,annual,1,0.8,900.0,1.0,3000.0,2
selected,energy_gwh,annual,2,0.6,700.0,1.0,6000.0,1
selected,energy_gwh,annual,all,0.733333,833.333333,1.0,4000.0,3
"""


def _backtest_rows(html: str) -> list[list[str]]:
    """The backtest table's rows, each its cells' text."""
    table = re.search(r'id="backtest".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def test_the_backtest_table_counts_each_scored_forecast_once(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    summary = pd.read_csv(io.StringIO(SUMMARY))  # as the report reads backtest_summary.csv
    run = dataclasses.replace(zone_run_files(tmp_path), backtest_summary=summary)
    monthly = ["energy_gwh", "monthly", "selected", "0.550", "18.3", "92%", "183", "12"]
    annual = ["energy_gwh", "annual", "selected", "0.733", "833.3", "100%", "4,000", "3"]
    assert _backtest_rows(render_zone_report(run)) == [monthly, annual]
    # a run whose summary has no overall rows is counted from its horizons alone
    per_horizon = summary[summary["horizon"] != "all"].reset_index(drop=True)
    run = dataclasses.replace(run, backtest_summary=per_horizon)
    assert _backtest_rows(render_zone_report(run)) == [monthly, annual]
