"""The zone report's sentence on the hourly shape of data-center load is true of each of the
run's scenarios: the pipeline scenarios draw a diurnal swing and a June-September cooling
uplift, statistical-trend carries a flat block (forecasting/zones/run.py), and a run of
statistical-trend alone says nothing of a swing (fuzz round 10b D2: the sentence claimed the
swing and uplift for every scenario, and for a run with no large_loads at all). Rendered in
process from a few synthetic rows (tests/report/synthetic_zone_run.py)."""

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def _scenario_list(tmp_path, monkeypatch, scenarios, **kwargs) -> str:
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path, scenarios=scenarios, **kwargs)
    return page_text(render_zone_report(run), "scenario-list")


def test_a_run_without_pipeline_scenarios_claims_no_swing_or_uplift(tmp_path, monkeypatch):
    text = _scenario_list(tmp_path, monkeypatch, ("statistical-trend",))
    shape = text.split(" Scenario of this run:")[0]
    assert shape.startswith("Hourly shape of data-center load: a flat block")
    for claim in ("swing", "uplift", "mid-afternoon", "June-September"):
        assert claim not in shape, claim


def test_a_mixed_run_names_which_scenarios_carry_the_swing_and_which_is_flat(
        tmp_path, monkeypatch):
    text = _scenario_list(tmp_path, monkeypatch,
                          ("statistical-trend", "vetted", "all-requests"))
    shape = text.split(" Scenarios of this run:")[0]
    assert shape.startswith("Hourly shape of data-center load: in vetted and all-requests, "
                            "near-flat, with a small diurnal swing")
    flat = shape[shape.index("; in statistical-trend, "):]
    assert flat.startswith("; in statistical-trend, a flat block")
    assert "not on the same footing as those of vetted and all-requests" in flat


def test_a_pipeline_only_run_keeps_the_drawn_shape_and_a_whole_load_run_has_none(
        tmp_path, monkeypatch):
    text = _scenario_list(tmp_path, monkeypatch, ("vetted", "pjm2025-dom"))
    assert text.startswith("Hourly shape of data-center load: near-flat, with a small "
                           "diurnal swing (its amplitude drawn) peaking mid-afternoon local "
                           "time, and a cooling uplift in June-September")
    assert "flat block" not in text
    whole = _scenario_list(tmp_path / "none", monkeypatch, ("statistical-trend",),
                           data_center="none")
    assert "Hourly shape" not in whole
