"""A zone run with ``data_center: none`` (what `dcload zones init` writes for every EIA-930
zone) publishes no data-center numbers: forecast.csv holds its ``total`` rows alone,
profile.csv keeps its base and data-center columns empty, no decomposition.csv is written, and
the published and neighbour checks leave their data-center estimates empty, saying why. It
had published 429 ``data_center`` rows of 0 with P05 = P95 = 0, a decomposition of zeros and
a profile of 0 MW: "0 MW of data centers, certain" where nothing was measured (fuzz 13a D1).
The run still passes the store's checks, renders its report (again with `dcload report`),
and diffs against itself. One small synthetic zone (4 years, seasonal naive), in process."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from forecasting.runs.diff import diff_runs
from forecasting.runs.snapshot import read_snapshot
from pipelines.publishing.store import check_run
from tests.conftest import run_in_process
from tests.zones.synthetic import hourly_load, light_zone_config, write_load


def _publish(tmp_path, monkeypatch, capsys):
    load = hourly_load(1000.0, "2021-01-01", "2024-12-31 23:00")
    write_load(tmp_path / "ZZ.csv", load * np.random.default_rng(3).lognormal(0, 0.03, len(load)))
    write_load(tmp_path / "NB.csv", 0.5 * load)
    (tmp_path / "published.csv").write_text(
        "figure,year,published,unit,source,confidence\n"
        "data_center_mw,2023,150,MW,a utility's IRP,F\n")
    config = light_zone_config(tmp_path / "zone.yaml", "ZZ", "ZZ.csv", "end_year: 2026",
                               "profile_year: 2026", f"neighbours: [{tmp_path / 'NB.csv'}]",
                               f"published_figures: {tmp_path / 'published.csv'}",
                               n_paths=20, backtest_paths=10)
    out = tmp_path / "store" / "latest"
    code, _, err = run_in_process(monkeypatch, capsys, "forecast", "--config", str(config),
                                  "--output-dir", str(out), "--quiet")
    assert code in (0, None), err
    return out


def _text(out, element_id: str) -> str:
    page = re.sub(r"<script.*?</script>", "", (out / "index.html").read_text(), flags=re.S)
    found = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', page, re.S)
    assert found, element_id
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(2))).split())


def test_a_whole_load_zone_publishes_its_total_and_no_data_center_figure(
        tmp_path, monkeypatch, capsys):
    out = _publish(tmp_path, monkeypatch, capsys)
    forecast = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    assert set(forecast["component"]) == {"total"}  # no base or data_center rows
    assert set(forecast["metric"]) == {"energy_gwh", "avg_mw", "peak_mw"}
    assert (forecast["p05"] > 0).all() and (forecast["p95"] > forecast["p05"]).all()
    assert not (out / "decomposition.csv").exists()

    profile = pd.read_csv(out / "profile.csv")
    assert {"base_p50_mw", "data_center_p50_mw"} <= set(profile.columns)
    assert profile[["base_p50_mw", "data_center_p50_mw"]].isna().all().all()  # empty, not 0
    assert (profile["total_p50_mw"] > 0).all()

    check = pd.read_csv(out / "published_check.csv")
    assert check[["estimate", "low", "high"]].isna().all().all()
    assert list(check["published"]) == [150.0]
    assert "not estimated: the config says data_center: none" in check["figure"].iloc[0]
    last = pd.read_csv(out / "neighbour_check.csv").iloc[-1]
    assert np.isnan(last["decomposition_dc_growth_mw"]) and "not estimated" in last["zone"]

    assert set(check_run(out.resolve())["component"]) == {"total"}  # the store's checks
    assert "writes no decomposition.csv" in _text(out, "decomposition-not-run")
    assert "publishes no data-center figures" in _text(out, "data-center-not-estimated")
    headline = _text(out, "headline")
    assert "Data-center share not estimated" in headline and "data_center" not in headline

    (out / "index.html").unlink()
    code, _, err = run_in_process(monkeypatch, capsys, "report", "--run-dir", str(out))
    assert code in (0, None), err
    assert "writes no decomposition.csv" in _text(out, "decomposition-not-run")
    snapshot = read_snapshot(out.resolve())  # what `dcload runs diff` reads
    rows = diff_runs(snapshot, snapshot)["headline"]
    assert rows and all(r["new"]["p50"] > 0 and r["change"]["p50"] == 0 for r in rows)
