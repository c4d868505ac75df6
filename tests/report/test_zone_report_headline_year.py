"""The zone report's headline follows the run's years: 2030 when the run forecasts it, else the
run's last year (a run to 2027 got "No forecast for 2030 in this run." in place of its peak:
fuzz round 8b D3); its table shows 2025, 2028, 2030 and 2035 where forecast and the run's last
year beside them (a run to 2050 never showed 2050), as does the peaks table with its years.
Rendered in process from synthetic rows (tests/report/synthetic_zone_run.py)."""

import dataclasses
import re

import pandas as pd

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def _run_to(tmp_path, end_year: int):
    """The synthetic run (2025-2035) cut at, or carried flat to, `end_year`."""
    run = zone_run_files(tmp_path)
    forecast, peaks = run.forecast, run.peaks
    last_f = forecast[forecast["period"] == "2035"]
    last_p = peaks[peaks["year"] == 2035]
    forecast = pd.concat([forecast] + [last_f.assign(period=str(y))
                                       for y in range(2036, end_year + 1)], ignore_index=True)
    last_w = peaks[peaks["label"] == "2034/35"]
    peaks = pd.concat([peaks] + [part.assign(year=y) for y in range(2036, end_year + 1)
                                 for part in (last_p, last_w.assign(year=y - 1))],
                      ignore_index=True)
    peaks["label"] = [f"{y}/{(y + 1) % 100:02d}" if s == "winter" else str(y)
                      for y, s in zip(peaks["year"], peaks["season"], strict=True)]
    forecast = forecast[forecast["period"].astype(int) <= end_year]
    # the last winter is the one ending in end_year's February (none filed under end_year)
    kept = (peaks["year"] < end_year) | (peaks["season"] == "summer") & (peaks["year"] == end_year)
    return dataclasses.replace(run, forecast=forecast, peaks=peaks[kept])


def _table_years(html: str, section: str) -> list[int]:
    part = re.search(rf'<section id="{section}">.*?<thead>(.*?)</thead>', html, re.S).group(1)
    return sorted({int(y) for y in re.findall(r"<th[^>]*>(\d{4})(?: \(winter [\d/]+\))?</th>",
                                              part)})


def test_a_run_ending_before_2030_quotes_its_last_year(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    html = render_zone_report(_run_to(tmp_path, 2027))
    headline = page_text(html, "headline")
    assert "No forecast for" not in headline
    assert "SYN summer peak in 2027, 50/50: statistical-trend: 1,600 MW (90/10 1,680 MW" \
        in headline
    assert "The run ends in 2027, before 2030: the headline is of its last year." in headline
    assert _table_years(html, "headline") == [2025, 2027]
    assert _table_years(html, "peaks") == [2026, 2027]


def test_a_run_to_2050_quotes_2030_and_shows_2050(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    html = render_zone_report(_run_to(tmp_path, 2050))
    headline = page_text(html, "headline")
    assert "SYN summer peak in 2030, 50/50:" in headline
    assert "The run ends" not in headline
    assert _table_years(html, "headline") == [2025, 2028, 2030, 2035, 2050]
    assert _table_years(html, "peaks") == [2026, 2028, 2030, 2035, 2050]
    assert ("Years: 2025, 2028, 2030 and 2035 where the run forecasts them, and the run's "
            "last year") in headline
