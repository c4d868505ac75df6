"""The zone report says which months a year's winter is as the zone code counts them
(`forecasting.zones.weather_years.SEASONS`: January, February and December of the same
calendar year), not "December-February", which a planner reads as a winter across the turn
of the year (fuzz round 7a, other notes). In process: the synthetic zone run, rendered."""

from forecasting.report.zone_render import render_zone_report
from forecasting.zones.weather_years import SEASONS
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def test_the_page_names_winter_as_the_calendar_years_january_february_and_december(
        tmp_path, monkeypatch):
    without_charts(monkeypatch)
    text = page_text(render_zone_report(zone_run_files(tmp_path)), "season-months")
    assert sorted(SEASONS["winter"]) == [1, 2, 12]
    assert "that calendar year's January, February and December" in text
    assert "December-February" not in text
