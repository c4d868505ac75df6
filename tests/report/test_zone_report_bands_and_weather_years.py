"""The zone report says how its bands were made (calibrated per monthly horizon, with the
residual counts the run's own calibration had, or model-based when no horizon had enough)
and how many weather years its 90/10 rests on (plainly, when there is a single one). In
process: a light synthetic zone run, its tables handed to the renderer, no CLI, no browser."""

import re

import numpy as np

import forecasting.zones.run as zone_run
from forecasting.backtest.calibration import MIN_RESIDUALS
from forecasting.report.zone_files import ZoneRunFiles
from forecasting.report.zone_render import render_zone_report
from forecasting.zones.compute import compute_zone_run
from tests.zones.synthetic import hourly_load, write_load


def zone_report(tmp_path, monkeypatch, start: str, end: str, step: int):
    """(report HTML, the run's own calibration of its monthly energy choice)."""
    series = tmp_path / "load.csv"
    load = hourly_load(1000.0, start, end)  # with noise: seasonal naive's bands have width
    write_load(series, load * np.random.default_rng(1).lognormal(0.0, 0.05, len(load)))
    config = tmp_path / "zone.yaml"  # as `light_zone_config`, with a backtest step
    config.write_text("\n".join([
        "region: SYN", f"series: [{series}]", "data_center: none", "end_year: 2026",
        "profile_year: 2026", "n_paths: 20",
        f"backtest: {{candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 20, "
        f"step: {step}}}"]) + "\n")
    seen = {}
    original = zone_run._load_backtest

    def spy(history, settings):
        out = original(history, settings)
        seen["calibration"] = out[2].decision.calibration
        return out

    monkeypatch.setattr(zone_run, "_load_backtest", spy)
    computed = compute_zone_run(config)
    run = computed.run
    manifest = {"run_id": "test", "draws": 20, "seed": 0, "started_utc": "-", "python": "-",
                "region": "SYN", "config": computed.config.model_dump(mode="json"),
                "inputs": {}, "packages": {}, "timings_s": {}}
    files = ZoneRunFiles(directory=tmp_path, manifest=manifest, forecast=run.forecast,
                         history=run.history, peaks=run.peaks,
                         decomposition=run.decomposition,
                         backtest_forecasts=run.backtest_forecasts,
                         backtest_summary=run.backtest_summary)
    return render_zone_report(files), seen["calibration"], run


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'<(span|p) id="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, element_id
    return " ".join(re.sub(r"<[^>]+>", "", match.group(2)).split())


def test_a_short_history_says_its_bands_are_model_based_and_its_single_weather_year(
        tmp_path, monkeypatch):
    """25 months, one complete calendar year (2023): no monthly horizon has 5 residuals, so
    every factor is 1; the 90/10 is the one year's peak widened by the prior's spread alone,
    and the report says so."""
    html, calibration, run = zone_report(tmp_path, monkeypatch, "2022-06-01",
                                         "2024-06-30 23:00", step=1)
    assert not any(calibration.is_calibrated(h) for h in range(1, 13))
    bands = text_of(html, "bands-note")
    assert 'data-bands="model-based"' in html
    assert "are model-based" in bands and "calibrated by split conformal" not in bands
    assert f"at least {MIN_RESIDUALS}" in bands
    assert f"at most {max(calibration.counts[h] for h in range(1, 13))}" in bands
    assert (run.peaks["peak_90_10_mw"] > run.peaks["peak_50_50_mw"]).all()
    weather = text_of(html, "weather-years")
    assert "rests on 1 weather year only (2023)" in weather
    assert "not measured here" in weather and "other zones" in weather
    # the rule, not "a single complete year" beside a history table of complete months
    assert "every month at least 99% covered" in weather
    # no year can be held out: the page says so instead of saying nothing (fuzz 11c)
    none = text_of(html, "peak-check-none")
    assert "at least two other weather years" in none and "this history has 1" in none
    # the peaks paragraph says how the 90/10 is made (it had said "their 90th percentile")
    assert "next season's 90th percentile" in text_of(html, "ninety-ten-rule")
    assert "90/10 peak is their 90th percentile" not in html


def test_a_longer_history_names_its_calibrated_horizons_and_their_residual_counts(
        tmp_path, monkeypatch):
    html, calibration, _ = zone_report(tmp_path, monkeypatch, "2021-01-01",
                                       "2024-09-30 23:00", step=3)
    done = [h for h in range(1, 13) if calibration.is_calibrated(h)]
    assert done == list(range(1, 10))  # origins 2022-12..2024-06, three months apart: 4
    # with an actual at h=10-12
    match = re.search(r'data-bands="calibrated" data-calibrated-horizons="([\d,]*)"', html)
    assert match and [int(h) for h in match.group(1).split(",")] == done
    bands = text_of(html, "bands-note")
    assert "are model-based" not in bands
    assert f"calibrated by split conformal prediction for monthly horizons 1-{done[-1]}" in bands
    for h in done:  # the counts the run's own calibration had
        assert f"h={h}: {calibration.counts[h]}" in bands
    assert f"Horizons {done[-1] + 1}-12 are not calibrated (fewer than {MIN_RESIDUALS}" in bands
    # the history ends in September 2024: summer 2024 is all history and winter 2024/25
    # (December 2024 to February 2025) all forecast, so no season is partly in the history
    # (a calendar-year winter 2024 had held January and February 2024)
    assert 'id="partly-observed"' not in html
    assert text_of(html, "last-winter").startswith("The last winter is 2025/26")
    weather = text_of(html, "weather-years")
    assert weather.startswith("Weather years: 3 (2021-2023)")
    assert "only" not in weather

