"""Each published winter is in the zone report's peaks table once, under the column of the
year it is filed under (`zone_seasons.column_winters`): a run ending in 2031, the year after
the 2030 column, had shown winter 2030/31 under both 2030 and 2031. Rendered in process from
synthetic rows (tests/report/synthetic_zone_run.py)."""

import re

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import without_charts, zone_run_files
from tests.report.test_zone_report_winter_pairing import ending_in


def winter_cells(html: str) -> list[str]:
    """The 50/50 of each year column of the first scenario's winter row."""
    row = re.search(r'<td class="text">statistical-trend</td><td class="text">winter</td>'
                    r"(.*?)</tr>", html, re.S)
    return re.findall(r"<td>(.*?)</td>", row.group(1))[::4]


def test_a_run_ending_the_year_after_a_column_shows_its_last_winter_once(tmp_path,
                                                                          monkeypatch):
    without_charts(monkeypatch)
    run = ending_in(zone_run_files(tmp_path), 2031)
    winters = run.peaks["season"] == "winter"
    run.peaks.loc[winters, "peak_50_50_mw"] = 1000.0 + run.peaks.loc[winters, "year"]
    html = render_zone_report(run)
    header = re.search(r"<thead>(.*?)</thead>", html.split('id="peaks"')[1], re.S).group(1)
    assert "2030 (winter 2030/31)" in header
    assert "2031 (winter" not in header  # its own winter 2031/32 is beyond the run
    cells = winter_cells(html)
    assert cells[-2:] == ["3,030", "-"]  # 2030/31 under 2030, filed there; not again
    assert cells.count("3,030") == 1


def test_a_run_ending_two_years_after_a_column_still_pairs_its_last_year(tmp_path,
                                                                          monkeypatch):
    without_charts(monkeypatch)
    run = ending_in(zone_run_files(tmp_path), 2032)  # columns 2026, 2028, 2030, 2032
    html = render_zone_report(run)
    assert "2032 (winter 2031/32)" in html  # no column shows 2031/32: its last year's
