"""Which parameters move a scenario: a tornado table and rank correlations, for one year.

- `tornado`: for each uncertain parameter, the P50 of the output (a component's TWh in `year`,
  default the key year, 2030) when that parameter is fixed at its own P10 and then at its own
  P90 on every path, all other parameters keeping their draws (common random numbers, so the
  difference is the parameter's effect, not Monte Carlo noise). Sorted by swing =
  |P50 at P90 - P50 at P10|.
- the base of a run's tornado is its published P50 (`published`: the median of the paths
  forecast.csv is summarised from, the same number), and each bar is measured on the n evenly
  spread draws: P50 at P10 = published P50 + (m_P10 - m), m and m_P10 the n draws' medians
  without and with the parameter fixed. The n draws are a second sample of the same scenario,
  not the published paths (their rows are paired otherwise), so m misses the published P50 by
  its own Monte Carlo error (the national run's 2030 total: up to 0.8%, rebound 421.9 against
  418.4 TWh, fuzz round 13a D15), and a planner read a base that is not the forecast. Anchoring
  moves every bar of a scenario by the same constant (published - m): the changes and swings, so
  the bars' lengths and their order, are the n draws' as before, each measured on comparable
  draws (m_P10 - m: common random numbers, both medians of the same n draws), and no bar is
  longer or shorter for the anchor. The shifted P50s are then a control-variate estimate: m_P10
  shares m's sampling error through the common draws, and the anchor swaps that error for the
  published median's, taken on all the paths: on the national run's 154 bar ends (7 scenarios,
  2030, 1,000 draws) they are 1.09 TWh RMS from those of a tornado on all 5,000 paths, the n
  draws' own 2.04 (nearer in 91% of them). Without `published` (a scenario alone) the base is m.
- `rank_correlations`: Spearman's correlation between each parameter's draws and the output
  across paths (parameters with a single value are left out).
- `evenly_spread`: the n of a run's paths a tornado takes, spread evenly over them. The
  baseline is a mixture stored model by model (`forecasting.backtest.selection.mix_paths`),
  so its first n paths are the first models' alone: the national tornado had taken them, and
  its base P50 was the alphabetically first candidates' (momentum 2030: 241 TWh against the
  published 399), its drivers ranked on the wrong baseline (fuzz round 7a, D1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from forecasting.contracts import KEY_YEAR
from forecasting.scenarios.engine import ScenarioPaths, simulate_scenario
from forecasting.scenarios.spec import ScenarioSpec

TORNADO_COLUMNS = ["scenario", "year", "component", "parameter", "value_p10", "value_p90",
                   "p50_base", "p50_at_p10", "p50_at_p90", "change_at_p10", "change_at_p90",
                   "swing"]
RANK_COLUMNS = ["scenario", "year", "component", "parameter", "spearman"]


def evenly_spread(paths: np.ndarray, n: int) -> np.ndarray:
    """``n`` rows of ``paths`` at evenly spaced positions (rows ``floor(i N / n)``, i < n, of
    N; all of them when n >= N): every model of a mixture keeps its share of the rows."""
    paths = np.asarray(paths)
    total = len(paths)
    if n >= total:
        return paths
    return paths[(np.arange(n) * total) // n]


def _column(paths: ScenarioPaths, year: int, component: str) -> np.ndarray:
    hits = np.flatnonzero(paths.years == year)
    if len(hits) == 0:
        raise ValueError(f"year {year} is not among the forecast years "
                         f"{int(paths.years[0])}-{int(paths.years[-1])}")
    components = paths.components()
    if component not in components:
        raise ValueError(f"component '{component}' is not one of {', '.join(components)}")
    return components[component][:, hits[0]]


def tornado(
    spec: ScenarioSpec,
    *,
    history: pd.DataFrame,
    years: np.ndarray,
    n: int,
    seed: int,
    year: int = KEY_YEAR,
    component: str = "total",
    published: ScenarioPaths | None = None,
    **simulate_kwargs,
) -> pd.DataFrame:
    """The tornado table of `spec` (see the module docstring); `published`: the scenario's
    published paths, whose P50 is the base; `simulate_kwargs` are passed to
    `simulate_scenario` (decomposition, baseline_paths, momentum_paths)."""
    def p50(overrides=None) -> float:
        paths = simulate_scenario(spec, history=history, years=years, n=n, seed=seed,
                                  overrides=overrides, **simulate_kwargs)
        return float(np.median(_column(paths, year, component)))

    measured = p50()
    # the published P50 exactly as forecast.csv takes it (`summarise_paths`: np.quantile)
    base = measured if published is None else float(
        np.quantile(_column(published, year, component), 0.5))
    rows = []
    for path, dist in spec.parameter_paths().items():
        if dist.is_fixed:
            continue
        low, high = dist.quantile(0.1), dist.quantile(0.9)
        at_low, at_high = p50({path: low}), p50({path: high})
        # each change measured on the n draws, added to the base
        rows.append({
            "scenario": spec.name, "year": year, "component": component, "parameter": path,
            "value_p10": low, "value_p90": high, "p50_base": base,
            "p50_at_p10": base + (at_low - measured), "p50_at_p90": base + (at_high - measured),
            "change_at_p10": at_low - measured, "change_at_p90": at_high - measured,
            "swing": abs(at_high - at_low),
        })
    table = pd.DataFrame(rows, columns=TORNADO_COLUMNS)
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def rank_correlations(paths: ScenarioPaths, *, year: int = KEY_YEAR,
                      component: str = "total") -> pd.DataFrame:
    """Spearman correlation of each uncertain parameter's draws with the output in `year`."""
    output = rankdata(_column(paths, year, component))
    rows = []
    for path, draws in paths.parameters.items():
        if np.ptp(draws) == 0:
            continue
        rho = float(np.corrcoef(rankdata(draws), output)[0, 1]) if np.ptp(output) > 0 else 0.0
        rows.append({"scenario": paths.scenario, "year": year, "component": component,
                     "parameter": path, "spearman": rho})
    table = pd.DataFrame(rows, columns=RANK_COLUMNS)
    order = table["spearman"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order].reset_index(drop=True)
