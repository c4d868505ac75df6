"""The zone report says which months a winter is as the zone code counts them
(`forecasting.zones.weather_years.season_months`: December with the next January and
February, "winter 2030/31", as planners count it), and which winter is the run's last; an
archived run whose peaks.csv has no ``label`` (winters of one calendar year) is described as
it was made. In process: the synthetic zone run, rendered."""

import dataclasses

from forecasting.report.zone_render import render_zone_report
from forecasting.zones.weather_years import season_months
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def test_the_page_names_a_winter_from_december_to_the_next_february(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    assert list(season_months("winter", 2030).astype(str)) == ["2030-12", "2031-01", "2031-02"]
    html = render_zone_report(zone_run_files(tmp_path))
    text = page_text(html, "season-months")
    assert "winter 2030/31: Dec 2030-Feb 2031" in text
    assert "that calendar year's January, February and December" not in text
    # the run's forecast ends in December 2035: its last winter is 2034/35
    assert page_text(html, "last-winter").startswith("The last winter is 2034/35")
    header = page_text(html, "peaks")
    assert "2030 (winter 2030/31)" in header
    # no winter is filed under the last year: its column pairs summer 2035 with 2034/35
    assert "2035 (winter 2034/35)" in header


def test_an_archived_run_without_labels_keeps_its_calendar_year_winter(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    run = dataclasses.replace(run, peaks=run.peaks.drop(columns="label"))
    html = render_zone_report(run)
    text = page_text(html, "season-months")
    assert "that calendar year's January, February and December" in text
    assert "2030/31" not in html and 'id="last-winter"' not in html
