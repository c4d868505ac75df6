"""Zone pipelines through the real command line: `dcload forecast --config <zone>.yaml`
publishes the zone tables and report; a bad large-load file is one line, exit 2, and leaves
what is published alone; `dcload zones init` makes a config any zone's file can run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecasting.contracts import FORECAST_COLUMNS
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
LARGE = ROOT / "data" / "zones" / "pjm_dom"
ZONE_FILES = ROOT / ".." / "shared" / "data" / "eia930_2020_2024" / "zones"


def write_zone(folder: Path, series: str, large: Path | None = None, **extra) -> Path:
    """A small, quick zone config (few paths, one backtest candidate, one cheap peer: the
    default peers' Prophet and auto-ARIMA fits took most of the run, the peers never enter
    the forecast's choice and no test here reads their rows; the shipped DOM config runs
    them in tests/report/test_zone_browser.py)."""
    lines = ["region: PJM-DOM", f"series: [{json.dumps(series)}]",
             "scenarios: [statistical-trend, vetted]" if large else
             "scenarios: [statistical-trend]",
             "n_paths: 60", "profile_year: 2026",
             "backtest: {first_origin: \"2023-06\", candidates: [seasonal_naive],",
             "           peers: [seasonal_naive], n_paths: 20}"]
    if large is not None:
        lines.append(f"large_loads: {json.dumps(str(large))}")
    lines += [f"{k}: {json.dumps(v)}" for k, v in extra.items()]
    path = folder / "zone.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def published(tmp_path_factory, dom_files):
    """A small DOM zone (2020-2024 file) with its large loads, published once."""
    ws = tmp_path_factory.mktemp("zone")
    shutil.copytree(LARGE, ws / "large")
    config = write_zone(ws, dom_files[2], ws / "large",
                        published_figures=str(LARGE / "published_figures.csv"))
    out = ws / "store" / "latest"
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    return ws, out


def test_zone_run_publishes_the_zone_tables_in_the_one_schema(published):
    _, out = published
    for name in ("forecast.csv", "history.csv", "peaks.csv", "profile.csv", "decomposition.csv",
                 "published_check.csv", "pipeline.csv", "backtest_forecasts.csv",
                 "backtest_summary.csv", "large_load_assumptions.csv", "manifest.json",
                 "index.html"):
        assert (out / name).is_file(), name
    table = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    assert list(table.columns) == FORECAST_COLUMNS
    assert set(table["component"]) == {"total", "base", "data_center"}
    assert set(table["metric"]) == {"energy_gwh", "avg_mw", "peak_mw"}
    assert table["period"].str.fullmatch(r"\d{4}(-\d{2})?").all()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["kind"] == "zone" and manifest["region"] == "PJM-DOM"
    # the mean is linear: an annual energy mean is the sum of its months' means
    energy = table[(table.metric == "energy_gwh") & (table.component == "total")]
    annual = energy[energy.period.str.len() == 4].set_index(["scenario", "period"])["mean"]
    months = energy[energy.period.str.len() == 7]
    summed = months.groupby([months.scenario, months.period.str[:4]])["mean"].sum()
    assert np.allclose(annual.sort_index(), summed.sort_index(), atol=0.05)
    # the same for total = base + data center
    means = energy.assign(part="total")
    parts = table[(table.metric == "energy_gwh") & (table.component != "total")]
    both = parts.groupby(["scenario", "period"])["mean"].sum()
    assert np.allclose(both.sort_index(), means.set_index(["scenario", "period"])["mean"]
                       .sort_index(), atol=0.05)


def test_zone_report_shows_the_decomposition_beside_the_published_figures(published):
    _, out = published
    html = (out / "index.html").read_text()
    check = pd.read_csv(out / "published_check.csv")
    row = check.set_index("figure").loc["data-center average MW 2022"]
    assert row["low"] <= row["estimate"] <= row["high"] and row["published"] == 2800
    assert "data-center average MW 2022" in html and "data-center average MW 2024" in html
    assert f"{row['estimate']:,.0f} MW" in html and "2,800 MW" in html
    for section in ("headline", "peaks", "forecasts", "data-center", "decomposition",
                    "backtest", "assumptions", "changes", "provenance", "downloads"):
        assert f'<section id="{section}">' in html, section
    # the backtest names the candidates fitted on the base plus the data-center trend
    summary = pd.read_csv(out / "backtest_summary.csv")
    assert summary["model"].str.endswith("+dc").any()
    assert "<code>name+dc</code> is a candidate" in html
    # and says how its bands were widened (the config's backtest.widening, independent)
    assert json.loads((out / "manifest.json").read_text())["config"]["backtest"][
        "widening"] == "independent"
    assert "independent from month to month" in html


def test_runs_list_shows_the_zone_run_by_its_peak(published):
    ws, out = published
    done = run_cli("runs", "list", "--store", str(out.parent), "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows[0]["status"] == "succeeded" and rows[0]["latest"]
    peaks = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    p50 = peaks[(peaks.period == "2030") & (peaks.metric == "peak_mw")
                & (peaks.component == "total") & (peaks.scenario == "vetted")]["p50"].iloc[0]
    assert rows[0]["key_results"]["vetted"] == pytest.approx(p50, abs=1e-3)


BAD_FILES = [
    ("contracts.csv", "dom-cloa-2024-12,CLOA", "dom-cloa-2024-12,XLOA", "row 2", "stage"),
    ("contracts.csv", ",ESA,9000,", ",ESA,-9000,", "row 1", "contracted_mw"),
    # as_of, the snapshot's month, may precede the history; the in-service month may not
    ("contracts.csv", "ESA,9000,2024-12,2025-01", "ESA,9000,2024-12,2019-06", "row 1",
     "earliest_in_service"),
    ("contracts.csv", "dom-cloa-2024-12,", "dom-esa-2024-12,", "row 2", "project"),
    ("assumptions.csv", "realization,ESA,0.7,0.85,1.0", "realization,ESA,0.7,0.85,1.2",
     "row 1", "high"),
]


@pytest.mark.parametrize(("name", "old", "new", "row", "field"), BAD_FILES,
                         ids=["unknown-stage", "negative-mw", "date-before-history",
                              "duplicate-project", "probability-above-1"])
def test_bad_large_load_file_is_one_line_exit_2_and_latest_untouched(
        published, dom_files, tmp_path, name, old, new, row, field):
    ws, out = published
    before = (out / "forecast.csv").read_bytes()
    target = out.resolve()
    large = tmp_path / "large"
    shutil.copytree(LARGE, large)
    text = (large / name).read_text()
    assert old in text
    (large / name).write_text(text.replace(old, new, 1))
    config = write_zone(tmp_path, dom_files[2], large)
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(out), "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert name in lines[0] and row in lines[0] and f"field '{field}'" in lines[0], lines[0]
    assert "Traceback" not in done.stderr
    assert out.resolve() == target and (out / "forecast.csv").read_bytes() == before


@pytest.mark.slow
def test_zones_init_then_forecast_runs_any_zone_end_to_end(tmp_path):
    files = sorted(ZONE_FILES.glob("*.csv")) if ZONE_FILES.is_dir() else []
    if not files:
        pytest.skip("the EIA-930 zone files in ../shared are absent")
    series = next(f for f in files if f.stem == "PJM-PEP") if (
        ZONE_FILES / "PJM-PEP.csv").exists() else files[0]
    config = tmp_path / "pipelines" / "my_zone.yaml"
    done = run_cli("zones", "init", "My Zone", "--series", str(series), "--out", str(config))
    assert done.returncode == 0, done.stderr
    assert "dcload forecast --config" in done.stderr
    again = run_cli("zones", "init", "My Zone", "--series", str(series), "--out", str(config))
    assert again.returncode == 2 and "exists already" in again.stderr
    # everything init wrote runs as written; one cheap peer is added, as in
    # test_init_short_history_cli.py: the default peers' Prophet and auto-ARIMA fits were
    # most of this run's time and never enter the forecast (the shipped DOM config runs them
    # in tests/report/test_zone_browser.py)
    text = config.read_text()
    top = [line for line in text.splitlines() if line[:1] not in ("", " ", "#")]
    assert top[-1] == "backtest:" and text.endswith("\n") and "\n  peers:" not in text
    config.write_text(text + "  peers: [seasonal_naive]\n")
    out = tmp_path / "out"
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(out), "--draws",
                   "100", "--quiet")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    assert set(table["scenario"]) == {"statistical-trend"}
    assert set(table["region"]) == {"My Zone"}
    assert "2035" in set(table["period"])
    history = pd.read_csv(out / "history.csv", dtype={"period": str}).set_index("period")
    raw = pd.read_csv(series)
    assert history.loc["2022", "peak_mw"] == pytest.approx(
        raw.loc[raw["date_time"].str.startswith("2022-07"), raw.columns[-1]].max(), rel=0.2)
    assert not (out / "pjm_check.csv").exists() and not (out / "pipeline.csv").exists()
