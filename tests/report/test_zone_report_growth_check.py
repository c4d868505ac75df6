"""The zone report's headline says in words when the statistical forecast grows outside what
the history's last regime supports (growth_check.csv: WACM's forecast 11.1%/yr against 4.3%/yr
since its 2022 break), one neutral line when it does not, and a run directory published
before the check (no growth_check.csv) still renders, without the sentence. Run folders from
a few synthetic rows (tests/report/synthetic_zone_run.py), written to disk and read back as
`dcload report --run-dir` reads them."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.report.zone_files import read_zone_run
from forecasting.report.zone_render import render_zone_report
from forecasting.runs.files import csv_text
from forecasting.runs.outputs import output_records
from forecasting.zones.growth_check import GROWTH_CHECK_COLUMNS
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def check_row(**values) -> pd.DataFrame:
    row = {"zone": "SYN", "history_regime_start": "2022-08", "history_break": True,
           "history_months": 29, "history_growth_pct_per_year": 4.28,
           "history_growth_low": 1.30, "history_growth_high": 7.34,
           "forecast_growth_pct_per_year": 11.10, "first_year": "2024", "last_year": 2035,
           "baseline_mw": 3868.0, "last_year_p50_mw": 12314.0, "outside": True,
           "direction": "above", "outside_by": 3.76}
    row.update(values)
    return pd.DataFrame([row], columns=GROWTH_CHECK_COLUMNS)


def write_run(directory: Path, growth_check: pd.DataFrame | None, *,
              data_center: str = "none") -> Path:
    """A zone run folder as a run publishes it (manifest listing its files), with or without
    growth_check.csv."""
    run = zone_run_files(directory, data_center=data_center)
    directory.mkdir(parents=True, exist_ok=True)
    files = {"forecast.csv": run.forecast, "history.csv": run.history, "peaks.csv": run.peaks,
             "decomposition.csv": run.decomposition}
    if growth_check is not None:
        files["growth_check.csv"] = growth_check
    texts = {name: csv_text(frame) for name, frame in files.items()}
    manifest = {**run.manifest, "kind": "zone", "outputs": output_records(texts)}
    for name, text in {**texts, "manifest.json": json.dumps(manifest)}.items():
        (directory / name).write_text(text)
    return directory


def test_a_forecast_outside_the_history_s_growth_is_said_beside_the_headline(tmp_path,
                                                                            monkeypatch):
    without_charts(monkeypatch)
    html = render_zone_report(read_zone_run(write_run(tmp_path / "run", check_row())))
    text = page_text(html, "growth-check")
    assert text == ("Growth check. The statistical forecast grows 11.1%/yr to 2035; the history "
                    "since its last break (2022-08) grew 4.3%/yr (90%: 1.3-7.3%). The trend "
                    "models may be carrying a one-off step forward; read the figures of the "
                    "later years, to 2035, with care.")
    headline = html[html.index('<section id="headline">'):]
    assert headline.index('id="growth-check"') < headline.index("</section>")


def test_a_decline_below_it_and_a_base_forecast_are_named_as_they_are(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)  # a zone with a data-center component: its base checked
    row = check_row(history_regime_start="2023-08", history_growth_pct_per_year=-7.09,
                    history_growth_low=-13.62, history_growth_high=-0.07,
                    forecast_growth_pct_per_year=-31.43, direction="below")
    text = page_text(render_zone_report(dataclasses.replace(run, growth_check=row)),
                     "growth-check")
    assert text.startswith("Growth check. The statistical forecast of the base load (without "
                           "the data-center scenarios) falls 31.4%/yr to 2035; the history "
                           "since its last break (2023-08) fell 7.1%/yr (90%: -13.6% to "
                           "-0.1%).")


def test_a_forecast_within_it_gets_one_neutral_line(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    row = check_row(history_regime_start="2020-01", history_break=False, history_months=60,
                    history_growth_pct_per_year=2.98, history_growth_low=1.80,
                    history_growth_high=4.18, forecast_growth_pct_per_year=0.45,
                    outside=False, direction="", outside_by=0.0)
    html = render_zone_report(read_zone_run(write_run(tmp_path / "run", row)))
    text = page_text(html, "growth-check")
    assert text == ("Growth check: the statistical forecast grows 0.5%/yr to 2035, slower than "
                    "the history (no break since 2020-01): it grew 3.0%/yr (90%: 1.8-4.2%). The "
                    "chosen models damp the history's trend towards no growth, which the check "
                    "accepts; if that trend goes on, the figures of the later years, to 2035, "
                    "are low.")
    assert "with care" not in page_text(html, "headline")
    assert 'data-outside="false"' in html


def test_a_forecast_inside_the_history_s_interval_is_said_to_be(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    row = check_row(history_regime_start="2020-01", history_break=False, history_months=60,
                    history_growth_pct_per_year=2.98, history_growth_low=1.80,
                    history_growth_high=4.18, forecast_growth_pct_per_year=2.10,
                    outside=False, direction="", outside_by=0.0)
    text = page_text(render_zone_report(dataclasses.replace(run, growth_check=row)),
                     "growth-check")
    assert text.endswith("grows 2.1%/yr to 2035, within the 90% interval of the history (no "
                         "break since 2020-01): it grew 3.0%/yr (90%: 1.8-4.2%).")
    assert "damp" not in text


def test_a_damped_decline_is_said_to_be_high_if_the_decline_goes_on(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    row = check_row(history_growth_pct_per_year=-4.0, history_growth_low=-6.0,
                    history_growth_high=-2.0, forecast_growth_pct_per_year=-0.8,
                    outside=False, direction="", outside_by=0.0)
    text = page_text(render_zone_report(dataclasses.replace(run, growth_check=row)),
                     "growth-check")
    assert "falls 0.8%/yr to 2035, slower than the history since its last break" in text
    assert text.endswith("to 2035, are high.")


def test_a_run_published_before_the_check_still_renders_without_it(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = read_zone_run(write_run(tmp_path / "archived", None))
    assert run.growth_check is None
    html = render_zone_report(run)
    assert 'id="growth-check"' not in html
    assert page_text(html, "headline").startswith("Headline SYN summer peak in 2030")


def test_a_growth_check_file_without_its_columns_is_refused_naming_it(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    damaged = check_row().drop(columns=["forecast_growth_pct_per_year"])
    run = read_zone_run(write_run(tmp_path / "run", damaged))
    with pytest.raises(InputError, match="growth_check.csv.*forecast_growth_pct_per_year"):
        render_zone_report(run)


def test_the_caution_names_the_run_s_own_last_year(tmp_path, monkeypatch):
    # a run to 2028 was told to read "the 10-year figures" with care
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    text = page_text(render_zone_report(dataclasses.replace(
        run, growth_check=check_row(last_year=2028))), "growth-check")
    assert "to 2028" in text and "10-year" not in text, text


def test_a_flat_zone_s_growth_never_reads_minus_zero(tmp_path, monkeypatch):
    # fuzz 14 J7: a 0.48 MW feeder read "it fell 0.0%/yr (90%: -0.0% to 0.0%)"
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    row = check_row(history_regime_start="2022-01", history_break=False,
                    history_growth_pct_per_year=-0.02, history_growth_low=-0.04,
                    history_growth_high=0.03, forecast_growth_pct_per_year=-0.01,
                    outside=False, direction="", outside_by=0.0)
    text = page_text(render_zone_report(dataclasses.replace(run, growth_check=row)),
                     "growth-check")
    assert not re.search(r"(?<![\d.])-0\.0", text) and "fell" not in text, text
    assert "falls" not in text
    assert "grows 0.0%/yr to 2035" in text and "grew 0.0%/yr (90%: 0.0-0.0%)" in text
