"""Which parameters move a scenario: a tornado table and rank correlations, for one year.

- `tornado`: for each uncertain parameter, the P50 of the output (a component's TWh in `year`,
  default the key year, 2030) when that parameter is fixed at its own P10 and then at its own
  P90 on every path, all other parameters keeping their draws (common random numbers, so the
  difference is the parameter's effect, not Monte Carlo noise). Sorted by swing =
  |P50 at P90 - P50 at P10|.
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
    **simulate_kwargs,
) -> pd.DataFrame:
    """The tornado table of `spec` (see the module docstring); `simulate_kwargs` are passed to
    `simulate_scenario` (decomposition, baseline_paths, momentum_paths)."""
    def p50(overrides=None) -> float:
        paths = simulate_scenario(spec, history=history, years=years, n=n, seed=seed,
                                  overrides=overrides, **simulate_kwargs)
        return float(np.median(_column(paths, year, component)))

    base = p50()
    rows = []
    for path, dist in spec.parameter_paths().items():
        if dist.is_fixed:
            continue
        low, high = dist.quantile(0.1), dist.quantile(0.9)
        at_low, at_high = p50({path: low}), p50({path: high})
        rows.append({
            "scenario": spec.name, "year": year, "component": component, "parameter": path,
            "value_p10": low, "value_p90": high, "p50_base": base, "p50_at_p10": at_low,
            "p50_at_p90": at_high, "change_at_p10": at_low - base,
            "change_at_p90": at_high - base, "swing": abs(at_high - at_low),
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
