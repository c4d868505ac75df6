"""A zone run with ``data_center: none`` (what `dcload zones init` writes for a history
without complete years before 2017) is reported as forecasting the whole load: its
data-center share is not estimated (never "0% of energy"), the decomposition was not run,
and the assumptions list only the run's own scenarios, described as they are now built.
A zone with the decomposition keeps its share and its decomposition paragraph. Rendered in
process from a few synthetic rows (tests/report/synthetic_zone_run.py)."""

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
