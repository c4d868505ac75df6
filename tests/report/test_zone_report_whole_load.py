"""A zone run with ``data_center: none`` (what `dcload zones init` writes for a history
without complete years before 2017) is reported as forecasting the whole load: its
data-center share is not estimated (never "0% of energy"), the decomposition was not run,
and the assumptions list only the run's own scenarios, described as they are now built.
A zone with the decomposition keeps its share and its decomposition paragraph. Rendered in
process from a few synthetic rows (tests/report/synthetic_zone_run.py)."""

import dataclasses
import json

import pytest

from forecasting.errors import InputError
from forecasting.report.zone_files import read_zone_run
from forecasting.report.zone_render import (
    data_center_estimated,
    render_zone_report,
    zone_reading,
)
from tests.report.synthetic_zone_run import (
    page_text,
    without_charts,
    zone_run_files,
)


def test_a_whole_load_zone_says_its_data_center_share_is_not_estimated(
        tmp_path, monkeypatch):
    without_charts(monkeypatch)
    html = render_zone_report(zone_run_files(tmp_path, data_center="none"))
    text = page_text(html)
    assert "Data-center share not estimated: the model forecasts the whole load" in text
    assert "% of energy" not in text
    assert "This zone's data-center share is not estimated" in page_text(
        html, "data-center-not-estimated")
    assert "carries the recent data-center trend" not in text
    assert "Not run for this zone" in page_text(html, "decomposition-not-run")
    assert "is what the statistical models forecast" not in text
    assert 'id="chart-data-center"' not in html and 'id="chart-decomposition"' not in html
    # the headline table has no data-center rows: their zeros are no estimate
    headline = page_text(html, "headline")
    assert "data_center" not in headline and "total" in headline
    scenarios = page_text(html, "scenario-list")
    assert scenarios.startswith("Scenario of this run: statistical-trend: the statistical "
                                "models on the whole load")
    for other in ("vetted", "all-requests", "pjm2025-dom", "random walk", "Hourly shape"):
        assert other not in scenarios, other


def test_a_decomposed_zone_keeps_its_share_and_lists_only_its_scenarios(
        tmp_path, monkeypatch):
    without_charts(monkeypatch)
    html = render_zone_report(zone_run_files(tmp_path, scenarios=("statistical-trend",
                                                                   "vetted")))
    text = page_text(html)
    assert "statistical-trend: 1,600 MW" in text and "data centers 13% of energy" in text
    assert "not estimated" not in text and "Not run for this zone" not in text
    assert 'id="chart-data-center"' in html and 'id="chart-decomposition"' in html
    assert "is what the statistical models forecast" in text
    scenarios = page_text(html, "scenario-list")
    assert "Scenarios of this run: statistical-trend: carries the decomposition's recent " \
           "data-center trend on: a linear trend" in scenarios
    assert "vetted: the existing data-center load" in scenarios
    assert "all-requests" not in scenarios and "pjm2025-dom" not in scenarios
    assert "random walk" not in scenarios


def test_a_run_whose_manifest_predates_the_setting_is_read_as_decomposed(tmp_path):
    run = zone_run_files(tmp_path, data_center=None)
    assert data_center_estimated(run.manifest)
    assert "data centers 13% of energy" in zone_reading(run.forecast, run.peaks, "SYN")


def _published_now(run):
    """``run`` (a ``data_center: none`` zone run) as such a run is published now: its total
    rows alone and no decomposition.csv (`forecasting.zones.data_center_part`)."""
    return dataclasses.replace(run, decomposition=None,
                               forecast=run.forecast[run.forecast["component"] == "total"])


def test_a_whole_load_zone_published_without_data_center_figures_says_so(
        tmp_path, monkeypatch):
    without_charts(monkeypatch)
    html = render_zone_report(_published_now(zone_run_files(tmp_path, data_center="none")))
    assert "and the run writes no decomposition.csv" in page_text(html, "decomposition-not-run")
    said = page_text(html, "data-center-not-estimated")
    assert "publishes no data-center figures: no base or data_center rows" in said
    assert "are zero because nothing was estimated" not in said
    assert "Data-center share not estimated" in page_text(html, "headline")


def test_a_whole_load_run_published_with_zeros_is_reported_as_such(tmp_path, monkeypatch):
    """A ``data_center: none`` run published before the rule (zero data-center rows and a
    decomposition.csv of zeros): `dcload report` says its zeros are no estimate."""
    without_charts(monkeypatch)
    html = render_zone_report(zone_run_files(tmp_path, data_center="none"))
    assert "has a decomposition.csv holding the whole load as the base and zeros" in \
        page_text(html, "decomposition-not-run")
    assert "are zero because nothing was estimated" in page_text(
        html, "data-center-not-estimated")


@pytest.mark.parametrize("data_center", ["none", "decomposition"])
def test_decomposition_csv_is_required_only_of_a_run_that_estimated_data_centers(
        tmp_path, data_center):
    files = {"forecast.csv": "region,scenario,component,period,metric,mean,p05,p10,p50,p90,"
                             "p95\nSYN,statistical-trend,total,2030,peak_mw,1,1,1,1,1,1\n",
             "history.csv": "period,peak_mw\n2024,1\n",
             "peaks.csv": "scenario,year,season\nstatistical-trend,2030,summer\n",
             "manifest.json": json.dumps({"kind": "zone", "run_id": "r",
                                          "config": {"data_center": data_center}})}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    if data_center == "none":
        assert read_zone_run(tmp_path).decomposition is None
    else:
        with pytest.raises(InputError) as refused:
            read_zone_run(tmp_path)
        assert refused.value.file.endswith("decomposition.csv")
