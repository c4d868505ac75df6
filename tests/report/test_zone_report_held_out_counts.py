"""The zone report's held-out check says the summers and winters peak_check.csv holds and, when
it holds no winter, that none could be held out and why (fuzz 12a D3: it had said "one winter
fewer than summers" whatever the file held); and its weather-year count follows the run's rule,
a year with a month of imputed hours only being no weather year (D4: history.csv ``hours`` ==
``imputed_hours``). Rendered in process from synthetic rows."""

import dataclasses

import numpy as np
import pandas as pd

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def check(summers: list[int], winters: list[int]) -> pd.DataFrame:
    """peak_check.csv rows: the held-out summers and winters (by December's year)."""
    rows = [{"year": y, "season": season, "weather_years": 2, "actual_mw": 1.0,
             "label": f"{y}/{(y + 1) % 100:02d}" if season == "winter" else str(y),
             "peak_50_50_mw": 1.0, "peak_90_10_mw": 1.0, "above_50_50": False,
             "above_90_10": False, "below": 0, "equal": 0}
            for season, years in (("summer", summers), ("winter", winters)) for y in years]
    return pd.DataFrame(rows)


def with_imputed_months(run, months: list[str]):
    """`run` whose history.csv has every hour of ``months`` imputed (no measured hour: its
    peak empty)."""
    history = run.history.copy()
    history["imputed_hours"] = 0
    at = history["period"].isin(months)
    history.loc[at, "imputed_hours"] = history.loc[at, "hours"]
    history.loc[at, "peak_mw"] = np.nan
    return dataclasses.replace(run, history=history)


def test_the_check_says_the_winters_it_holds(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    # weather years 2020, 2022-2024: four summers, and winters 2022/23 and 2023/24 only
    run = zone_run_files(tmp_path, peak_check=check([2020, 2022, 2023, 2024], [2022, 2023]))
    text = page_text(render_zone_report(run), "peak-check")
    assert "4 summers and 2 winters held out here" in text
    assert "one winter fewer" not in text


def test_a_check_without_a_winter_says_none_could_be_held_out_and_why(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = with_imputed_months(zone_run_files(tmp_path, peak_check=check([2020, 2021, 2022],
                                                                        [])),
                              ["2023-12", "2024-07"])
    text = page_text(render_zone_report(run), "peak-check")
    assert "no winter could be held out" in text
    assert "two consecutive weather years and 2 more" in text
    assert "weather years are 2020-2022; 3 summers held out" in text


def test_a_year_with_a_month_of_imputed_hours_only_is_no_weather_year(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = with_imputed_months(zone_run_files(tmp_path), ["2024-12"])
    html = render_zone_report(run)
    assert 'data-weather-years="4"' in html
    assert page_text(html, "weather-years").startswith("Weather years: 4 (2020-2023).")


def test_two_weather_years_left_say_no_check_could_be_made(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = with_imputed_months(zone_run_files(tmp_path), ["2022-01", "2023-02", "2024-12"])
    html = render_zone_report(run)
    assert page_text(html, "weather-years").startswith("Weather years: 2 (2020-2021).")
    assert "and this history has 2." in page_text(html, "peak-check-none")
