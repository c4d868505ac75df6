"""A node's annual peak P50 stays at or below the 90/10 of the same year. Found by fuzzing a
many-zone run of ERCO-WEST (5 GW of contracts), ERCO-NRTH, AVA and a BA the regions table
lacks, with MinT published: ERCO-WEST's annual peak P50 was up to 2.7-5% above the larger of
its summer and winter 90/10 (the peak exceeded one year in ten). `coherent_peaks` fitted its
annual peak to the coherent energy path by path (its part scaled by each path's ratio, each
path's pipeline load added) and its season peaks at the median path (the median ratio, the
median pipeline load): the median of the first is not the second, and the 90/10 sits only
1-2% above the annual P50. Now a season's values keep their place beside the year's
published annual peak P50, and the larger 90/10 is never below it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.many_zones.node_task import NodeResult
from forecasting.zones.weather_years import PEAKS_COLUMNS

MONTHS = tuple(str(p) for p in pd.period_range("2025-01", "2026-12", freq="M"))
PERIODS = pd.PeriodIndex(MONTHS, freq="M")
HOURS = np.asarray(PERIODS.days_in_month, dtype=float) * 24.0
YEARS = np.asarray(PERIODS.year)
ORIGINS = [f"2023-06/2024-{m:02d}" for m in range(1, 13)]
LEVELS = {"AAA-N": 1000.0, "AAA-S": 400.0, "BBB-X": 700.0}
N = 60


def own_run(node: str, level: str, base_mw: np.ndarray, new_mw: np.ndarray, rng) -> NodeResult:
    """A node's own run: energy paths, monthly and annual peak paths, and season peaks made
    as the zone run makes them: the annual peak is the year's typical level times a weather
    draw; the 50/50 and 90/10 are the weather quantiles at the median path, the 90/10 1-3%
    above the annual P50."""
    total = base_mw + new_mw
    yearly = {c: np.stack([p[:, YEARS == y].mean(axis=1) for y in (2025, 2026)], axis=1)
              for c, p in (("base", base_mw), ("data_center", new_mw), ("total", total))}
    weather = 1.3 * rng.lognormal(0.0, 0.02, size=(N, 2))
    annual = {"base": yearly["base"] * weather, "data_center": yearly["data_center"] * 1.05}
    annual["total"] = annual["base"] + new_mw.reshape(N, 2, 12).max(axis=2)
    monthly = {"base": base_mw * 1.3, "data_center": new_mw * 1.05}
    monthly["total"] = monthly["base"] + new_mw
    p50 = np.median(annual["total"], axis=0)
    # summers 2025 and 2026; winters 2024/25 and 2025/26 (filed under 2024 and 2025), each at
    # its January's year's level
    rows = [{"scenario": "reference", "year": y - (s == "winter"), "season": s,
             "label": f"{y - 1}/{y % 100:02d}" if s == "winter" else str(y),
             "peak_50_50_mw": share * p50[j] * 0.995, "peak_90_10_mw": share * p50[j] * 1.02,
             "weather_p05_mw": share * p50[j] * 0.97, "weather_p95_mw": share * p50[j] * 1.03,
             "growth_p10_mw": share * p50[j] * 0.9, "growth_p90_mw": share * p50[j] * 1.1,
             "weather_year_50_50": 2022}
            for j, y in enumerate((2025, 2026)) for s, share in (("summer", 1.0),
                                                                  ("winter", 0.95))]
    seasons = pd.DataFrame(rows, columns=PEAKS_COLUMNS).assign(region=node)[
        ["region", *PEAKS_COLUMNS]]
    errors = pd.Series(rng.normal(0, 0.02 * float(total.mean()), len(ORIGINS)),
                       index=ORIGINS, name=node)
    summary = pd.DataFrame(columns=["model", "metric", "frequency", "n", "MASE", "coverage80"])
    return NodeResult(
        node, level, ok=True, months=MONTHS,
        energy_paths={"base": base_mw * HOURS / 1000.0, "data_center": new_mw * HOURS / 1000.0,
                      "new_data_center": new_mw * HOURS / 1000.0},
        peak_rows=pd.DataFrame(), peak_paths=monthly, annual_peak_paths=annual,
        errors=errors, backtest_summary=summary, season_peaks=seasons,
        data_center_known=bool(new_mw.any()))


def results(seed: int, pipeline_mw: float, disagreement: float):
    """Every node of TOP > (AAA > AAA-N, AAA-S; BBB > BBB-X): AAA-N with a skewed pipeline;
    each total's own model off its zones' sum by a per-path factor (``disagreement``)."""
    h = build_hierarchy(list(LEVELS), "TOP")
    rng = np.random.default_rng(seed)
    leaf_base = {z: mw * rng.lognormal(0.0, 0.15, size=(N, 1))
                 * (1 + rng.normal(0, 0.02, size=(N, len(MONTHS)))) for z, mw in LEVELS.items()}
    ramp = np.linspace(0.1, 1.0, len(MONTHS))
    out = []
    for node in h.nodes:
        leaves = h.leaves_under(node)
        base = sum(leaf_base[z] for z in leaves)
        if node in h.leaves:
            new = (pipeline_mw * rng.lognormal(0.0, 1.0, size=(N, 1)) * ramp
                   if node == "AAA-N" else np.zeros_like(base))
        else:  # a total's own model: its zones' history, no pipeline, its own draw
            new = np.zeros_like(base)
            base = base * rng.lognormal(0.0, disagreement, size=(N, 1))
        out.append(own_run(node, h.level[node], base, new, rng))
    return h, out


def annual_p50_over(run, column: str = "peak_90_10_mw", seasons=("summer", "winter")
                    ) -> pd.Series:
    """Each node's and year's annual peak P50 over the larger ``column`` of the ``seasons``
    that carry the year's level (summer Y, winter Y-1/Y: its January and February)."""
    f = run.forecast
    annual = f[(f["metric"] == "peak_mw") & (f["component"] == "total")
               & (f["period"].str.len() == 4)]
    p50 = annual.set_index(["region", annual["period"].astype(int)])["p50"]
    peaks = run.peaks[run.peaks["season"].isin(seasons)]
    at = peaks["year"] + (peaks["season"] == "winter")
    larger = peaks.groupby([peaks["region"], at.rename("year")])[column].max()
    return (p50 / larger.loc[p50.index]).rename("ratio")


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 10_000), pipeline_mw=st.floats(200.0, 1000.0),
       disagreement=st.floats(0.0, 0.3))
@example(seed=3, pipeline_mw=500.0, disagreement=0.3)   # AAA 2.8% above (before)
@example(seed=5, pipeline_mw=500.0, disagreement=0.0)   # AAA 1.7%, TOP 0.7% above
def test_no_annual_peak_p50_above_the_years_larger_90_10(seed, pipeline_mw, disagreement):
    h, own = results(seed, pipeline_mw, disagreement)
    run = assemble(h, own, "TOP")
    ratio = annual_p50_over(run)
    assert set(ratio.index.get_level_values(0)) == set(h.nodes)
    assert (ratio <= 1.0 + 1e-9).all(), ratio[ratio > 1.0]
    # each own run's annual P50 is above its summer 50/50: so is every published one (the
    # seasons keep their place beside the annual peak, not only under a raised 90/10)
    ratio = annual_p50_over(run, "peak_50_50_mw", ("summer",))
    assert (ratio >= 1.0 - 1e-9).all(), ratio[ratio < 1.0]
    # and the season rows stay ordered: 50/50 <= 90/10 <= weather P95
    seasons = run.peaks
    assert (seasons["peak_50_50_mw"] <= seasons["peak_90_10_mw"] + 1e-9).all()
    assert (seasons["peak_90_10_mw"] <= seasons["weather_p95_mw"] + 1e-9).all()
