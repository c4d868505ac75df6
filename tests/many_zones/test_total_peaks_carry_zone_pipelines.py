"""A total's peaks carry the new large-load pipeline of the zones under it. Found by fuzzing:
with 3000 + 2000 MW of contracts in ACME-NORTH, its BA's 2030 P50 peak (4488 MW) was below
its own average (4659 MW) and below the zone's own peak (6317 MW), and 300/200 MW of
contracts gave the same bytes: a total's model knows no pipeline, and its own peak rows were
published as they were. Now the zones' new load (its average MW per path and month, a flat
block) is added to the total's monthly peak paths before the quantiles, and to its 50/50 and
90/10 season peaks. Since `coherent_peaks` every node's peaks also follow its coherent
energy and sit between its children's largest and their sum; a total with a single child
publishes exactly that child's peaks."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecasting.contracts import FORECAST_COLUMNS
from forecasting.errors import InputWarning
from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import _quantile_rows, assemble
from forecasting.many_zones.node_task import NodeResult
from forecasting.zones.weather_years import PEAKS_COLUMNS

MONTHS = tuple(str(p) for p in pd.period_range("2025-01", "2026-12", freq="M"))
HOURS = np.asarray(pd.PeriodIndex(MONTHS, freq="M").days_in_month, dtype=float) * 24.0
ORIGINS = [f"{o}/{p}" for o in ("2022-12", "2023-06") for p in
           [f"2023-{m:02d}" for m in range(1, 13)]]
LEVELS = {"AAA-N": 1000.0, "AAA-S": 400.0, "BBB-X": 700.0}   # average MW of each zone
N = 60


def peak_rows(node: str, paths: dict) -> pd.DataFrame:
    years = np.asarray(pd.PeriodIndex(MONTHS, freq="M").year)
    rows = []
    for component, p in paths.items():
        annual = np.stack([p[:, years == y].max(axis=1) for y in (2025, 2026)], axis=1)
        rows.append(_quantile_rows(annual, ["2025", "2026"], node, component, "peak_mw"))
        rows.append(_quantile_rows(p, MONTHS, node, component, "peak_mw"))
    return pd.concat(rows, ignore_index=True)[FORECAST_COLUMNS]


def season_rows(node: str, level: float) -> pd.DataFrame:
    rows = [{"scenario": "reference", "year": y, "season": s, "peak_50_50_mw": 1.3 * level,
             "peak_90_10_mw": 1.4 * level, "weather_p05_mw": 1.2 * level,
             "weather_p95_mw": 1.45 * level, "growth_p10_mw": 1.25 * level,
             "growth_p90_mw": 1.35 * level, "weather_year_50_50": 2022}
            for y in (2025, 2026) for s in ("summer", "winter")]
    return pd.DataFrame(rows, columns=PEAKS_COLUMNS).assign(region=node)[
        ["region", *PEAKS_COLUMNS]]


def node_result(node: str, level: str, mw: float, new_mw: float, rng) -> NodeResult:
    base_mw = mw * (1 + rng.normal(0, 0.01, size=(N, len(MONTHS))))
    new = np.full((N, len(MONTHS)), new_mw) * np.linspace(0.2, 1.0, len(MONTHS))
    new = new * (1 + rng.normal(0, 0.05, size=new.shape))
    dc_peak = new * 1.1
    paths = {"total": base_mw * 1.3 + dc_peak, "base": base_mw * 1.3, "data_center": dc_peak}
    errors = pd.Series(rng.normal(0, 0.02 * mw, len(ORIGINS)), index=ORIGINS, name=node)
    summary = pd.DataFrame(columns=["model", "metric", "frequency", "n", "MASE", "coverage80"])
    return NodeResult(
        node, level, ok=True, months=MONTHS,
        energy_paths={"base": base_mw * HOURS / 1000.0, "data_center": new * HOURS / 1000.0,
                      "new_data_center": new * HOURS / 1000.0},
        peak_rows=peak_rows(node, paths), errors=errors, backtest_summary=summary,
        season_peaks=season_rows(node, mw + new_mw), data_center_known=new_mw > 0,
        peak_paths=paths)


def run(contracts_mw: float):
    h = build_hierarchy(list(LEVELS), "TOP")
    rng = np.random.default_rng(0)
    results = []
    for node in h.nodes:
        leaves = h.leaves_under(node)
        # a total's own model: the summed history, which holds no pipeline
        new = contracts_mw if node == "AAA-N" else 0.0
        results.append(node_result(node, h.level[node], sum(LEVELS[x] for x in leaves), new,
                                   rng))
    return assemble(h, results, "TOP"), {r.node: r for r in results}


@pytest.fixture(scope="module")
def runs():
    return {mw: run(mw) for mw in (0.0, 300.0, 3000.0)}


def rows(forecast: pd.DataFrame, node: str, metric: str) -> pd.DataFrame:
    part = forecast[(forecast["region"] == node) & (forecast["metric"] == metric)
                    & (forecast["component"] == "total")]
    return part.set_index("period")[["mean", "p05", "p10", "p50", "p90", "p95"]]


def test_a_totals_peak_is_at_least_its_own_average(runs):
    forecast = runs[3000.0][0].forecast
    for node in ("TOP", "AAA"):
        peak, average = rows(forecast, node, "peak_mw"), rows(forecast, node, "avg_mw")
        assert (peak.loc[average.index] >= average).all().all(), node
        # and above the zone whose pipeline it holds
        assert (peak["p50"] >= rows(forecast, "AAA-N", "peak_mw")["p50"]).all(), node


def test_a_totals_peaks_move_with_its_zones_contracts(runs):
    small, big = runs[300.0][0], runs[3000.0][0]
    for node in ("TOP", "AAA"):
        low, high = rows(small.forecast, node, "peak_mw"), rows(big.forecast, node, "peak_mw")
        added = high["p50"] - low["p50"]
        assert (added > 0).all() and added["2026-12"] > 2000, node
        a = small.peaks.set_index(["region", "year", "season"]).sort_index()
        b = big.peaks.set_index(["region", "year", "season"]).sort_index()
        assert (b.loc[node, "peak_50_50_mw"] > a.loc[node, "peak_50_50_mw"] + 500).all()
        assert (b.loc[node, "growth_p90_mw"] >= b.loc[node, "growth_p10_mw"]).all()
    zones = big.zones.set_index("region")
    assert zones.loc["AAA", "peak_mw_2025_p50"] > small.zones.set_index("region").loc[
        "AAA", "peak_mw_2025_p50"]


def test_a_total_with_a_single_child_publishes_exactly_its_childs_peaks(runs):
    # BBB holds only BBB-X: the same load on every path (its own run's peaks had differed)
    for assembled, _ in runs.values():
        forecast = assembled.forecast[assembled.forecast["metric"] == "peak_mw"]
        mine = forecast[forecast["region"] == "BBB"].drop(columns="region")
        child = forecast[forecast["region"] == "BBB-X"].drop(columns="region")
        pd.testing.assert_frame_equal(mine.reset_index(drop=True), child.reset_index(drop=True))
        peaks = assembled.peaks.drop(columns="region")
        pd.testing.assert_frame_equal(
            peaks[assembled.peaks["region"] == "BBB"].reset_index(drop=True),
            peaks[assembled.peaks["region"] == "BBB-X"].reset_index(drop=True))


def test_every_published_peak_is_at_least_its_average_and_its_childrens(runs):
    columns = ["mean", "p05", "p10", "p50", "p90", "p95"]
    for assembled, _ in runs.values():
        table = assembled.forecast.set_index(["metric", "region", "component", "period"])
        peak, average = table.loc["peak_mw", columns], table.loc["avg_mw", columns]
        assert (peak.loc[average.index] >= average - 1e-9).all().all()
        for parent, children in (("TOP", ("AAA", "BBB")), ("AAA", ("AAA-N", "AAA-S"))):
            for child in children:
                assert (peak.loc[parent] >= peak.loc[child] - 1e-9).all().all(), (parent, child)


# one real run of two zones, a total and the top, through the node tasks

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data" / "eia930_2020_2024" / "zones"


@pytest.fixture(scope="module")
def real_run_warned(tmp_path_factory):
    """(the run, the InputWarning messages the run gave)."""
    if not (SHARED / "FMPP.csv").is_file() or not (SHARED / "GVL.csv").is_file():
        pytest.skip("the EIA-930 zone files in ../shared are absent")
    from forecasting.many_zones.compute import compute_many_zones

    ws = tmp_path_factory.mktemp("pipeline_peaks")
    (ws / "zones").mkdir()
    shutil.copy(SHARED / "FMPP.csv", ws / "zones" / "ACME-NORTH.csv")
    shutil.copy(SHARED / "GVL.csv", ws / "zones" / "ACME-SOUTH.csv")
    large = ws / "large" / "acme_north"
    large.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "zones" / "pjm_dom" / "assumptions.csv", large)
    (large / "contracts.csv").write_text(
        "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"
        "acme-esa-1,ESA,3000,2024-12,2025-06,test contract,F\n"
        "acme-cloa-1,CLOA,2000,2024-12,2026-01,test contract,F\n")
    config = ws / "cfg.yaml"
    config.write_text("\n".join([
        "region: TOP", "series_dir: zones", "large_loads_dir: large", "zone:",
        "  data_center: none", "  end_year: 2030", "  profile_year: 2030", "  n_paths: 30",
        "  backtest: {horizon: 12, first_origin: \"2023-12\", step: 6,",
        "             candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 20}",
    ]) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run = compute_many_zones(config).run
    return run, [str(w.message) for w in caught if issubclass(w.category, InputWarning)]


@pytest.fixture(scope="module")
def real_run(real_run_warned):
    return real_run_warned[0]


def test_a_zones_seasonal_data_center_warning_reaches_the_run_naming_the_zone(real_run_warned):
    # FMPP's decomposition (ACME-NORTH, with a queue) has a summer-heavy data-center part;
    # raised inside the node's task, it was the worker's warning, never shown by a run
    seasonal = [w for w in real_run_warned[1] if "data-center load is seasonal" in w]
    assert len(seasonal) == 1
    assert seasonal[0].startswith("ACME-NORTH: ")


def test_a_real_totals_peak_holds_its_zones_pipeline(real_run):
    forecast = real_run.forecast
    assert not real_run.failed, real_run.failed
    for node in ("TOP", "ACME"):
        peak, average = rows(forecast, node, "peak_mw"), rows(forecast, node, "avg_mw")
        assert (peak.loc[average.index] >= average).all().all(), node
        assert (peak.loc["2030", "p50"] > rows(forecast, "ACME-NORTH", "peak_mw")
                .loc["2030", "p50"]), node
        peaks = real_run.peaks.set_index(["region", "year", "season"])
        assert peaks.loc[(node, 2030, "summer"), "peak_50_50_mw"] > \
            peaks.loc[("ACME-NORTH", 2030, "summer"), "peak_50_50_mw"]
    # every row's peak at least its average; TOP holds only ACME, so publishes its peaks;
    # ACME at least each zone's, in every quantile (`coherent_peaks`), in the components it
    # publishes (its total alone: ACME-SOUTH's data-center part is not estimated,
    # `data_center_source`)
    columns = ["mean", "p05", "p10", "p50", "p90", "p95"]
    table = forecast.set_index(["metric", "region", "component", "period"]).sort_index()
    peak, average = table.loc["peak_mw", columns], table.loc["avg_mw", columns]
    assert (peak >= average.loc[peak.index] - 1e-6).all().all()
    pd.testing.assert_frame_equal(peak.loc["TOP"], peak.loc["ACME"])
    assert set(forecast.loc[forecast["region"] == "ACME", "component"]) == {"total"}
    for zone in ("ACME-NORTH", "ACME-SOUTH"):
        assert (peak.loc["ACME"] >= peak.loc[zone].loc[peak.loc["ACME"].index] - 1e-6).all().all()
