"""The zone report's decomposition text names the low-load quantile the run's decomposition
used, its config's ``min_load_quantile`` (it said "the month's 1% lowest-load quantile"
whatever the config said: fuzz round 8b D11). Rendered in process from synthetic rows."""

import dataclasses

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def _quantile_text(tmp_path, quantile: float | None) -> str:
    run = zone_run_files(tmp_path)
    config = dict(run.manifest["config"])
    if quantile is not None:
        config["min_load_quantile"] = quantile
    run = dataclasses.replace(run, manifest={**run.manifest, "config": config})
    return page_text(render_zone_report(run), "decomposition")


def test_the_decomposition_text_names_the_configured_quantile(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    text = _quantile_text(tmp_path, 0.49)
    assert "the month's 49% lowest-load quantile above its mean" in text
    assert "1% lowest-load" not in text
    assert "the month's 0.5% lowest-load quantile" in _quantile_text(tmp_path, 0.005)


def test_a_manifest_without_the_key_names_the_default(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    assert "the month's 1% lowest-load quantile" in _quantile_text(tmp_path, None)
