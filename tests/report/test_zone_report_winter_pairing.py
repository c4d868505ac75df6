"""The zone report pairs summer Y with winter Y/Y+1 or, where the run does not publish it
(a run ending in Y), winter Y-1/Y, in its headline and peaks table alike, and the many-zone
node table by the same rule (`zone_seasons.paired_winter`; fuzz 12a D2: a winter-peaking
zone's headline had quoted its summer alone, and a run to 2025 showed no winter at all).
Rendered in process from synthetic rows (tests/report/synthetic_zone_run.py)."""

import dataclasses
import re

from forecasting.report.many_zones_render import key_winter
from forecasting.report.zone_render import render_zone_report, zone_reading
from forecasting.report.zone_seasons import paired_winter
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def ending_in(run, last: int, *, summer: float = 1400.0, winter: float = 1600.0):
    """`run` with its forecast and peaks ending in ``last`` (no winter filed under it: its
    January-February would be beyond the forecast); every winter's 50/50 ``winter`` MW,
    every summer's ``summer`` (a winter-peaking zone by default)."""
    peaks = run.peaks[(run.peaks["year"] <= last)
                      & ~((run.peaks["season"] == "winter") & (run.peaks["year"] == last))]
    peaks = peaks.copy()
    for season, mw in (("summer", summer), ("winter", winter)):
        at = peaks["season"] == season
        peaks.loc[at, ["peak_50_50_mw", "peak_90_10_mw"]] = [mw, 1.05 * mw]
    forecast = run.forecast[run.forecast["period"].astype(int) <= last]
    return dataclasses.replace(run, peaks=peaks, forecast=forecast)


def test_a_run_ending_in_the_key_year_quotes_the_winter_whose_january_is_that_years(tmp_path):
    run = ending_in(zone_run_files(tmp_path), 2030)
    text = zone_reading(run.forecast, run.peaks, "SYN")
    assert text.startswith("SYN winter peak in 2029/30, 50/50: statistical-trend: 1,600 MW "
                           "(90/10 1,680 MW;")
    assert "summer 2030 1,400 MW, 90/10 1,470 MW" in text  # the other season beside it
    assert "Winter 2030/31 is beyond the run" in text


def test_a_run_to_2025_shows_its_winter_2024_25_in_headline_and_table(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = ending_in(zone_run_files(tmp_path), 2025)
    html = render_zone_report(run)
    assert page_text(html, "headline").startswith("Headline SYN winter peak in 2024/25, "
                                                  "50/50: statistical-trend: 1,600 MW")
    peaks = page_text(html, "peaks")
    assert "2025 (winter 2024/25)" in peaks
    row = re.search(r'<td class="text">statistical-trend</td><td class="text">winter</td>'
                    r"(.*?)</tr>", html, re.S)
    assert re.findall(r"<td>(.*?)</td>", row.group(1))[:2] == ["1,600", "1,680"]  # not "-"


def test_a_summer_peaking_zone_still_leads_with_its_summer(tmp_path):
    run = ending_in(zone_run_files(tmp_path), 2030, summer=1700.0, winter=1500.0)
    text = zone_reading(run.forecast, run.peaks, "SYN")
    assert text.startswith("SYN summer peak in 2030, 50/50: statistical-trend: 1,700 MW")
    assert "winter 2029/30 1,500 MW" in text


def test_the_many_zone_node_table_pairs_its_winter_by_the_same_rule(tmp_path):
    run = zone_run_files(tmp_path)
    peaks = run.peaks
    for last in (2025, 2027, 2030, 2035):
        table = ending_in(run, last).peaks
        for key in range(2025, last + 1):
            assert key_winter(table, key)["year"] == paired_winter(table, key)
    # a winter two or more years before the key year is no pair for its summer: a table
    # whose winters stop at 2026/27 shows none beside summer 2030, as the zone report does
    short = peaks[(peaks["season"] == "summer") | (peaks["year"] <= 2026)]
    assert paired_winter(short, 2030) is None
    assert key_winter(short, 2030)["year"] != 2026
