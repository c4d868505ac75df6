"""ScenarioPaths -> the tidy forecast rows: one per (component, year, metric).

Columns: region, scenario, component, year, metric, mean, p05, p10, p50, p90, p95.

- components: `total`; `baseline` and `ai` for scenarios layered on a baseline (their paths
  add up to the total's on every path); `removed_by_cap` for scenarios with constraints;
- metrics: `twh`; `avg_gw` = TWh x 1000 / hours in the year; `capacity_gw` = avg_gw / load
  factor (drawn per path); `share_pct` = 100 x TWh / national TWh, path by path (omitted when
  no national paths are given), for the load served only: `removed_by_cap` is load the caps
  kept off the grid, and as a percent of US electricity (rebound's P95 reached 122%) it read
  as load served, so it has no `share_pct` rows (`UNSERVED`).

Every quantile is taken from the paths of that component and metric, never by combining
quantiles.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.contracts import NATIONAL_COLUMNS, QUANTILES
from forecasting.scenarios.engine import ScenarioPaths

COLUMNS = NATIONAL_COLUMNS
METRICS = ("twh", "avg_gw", "capacity_gw", "share_pct")
#: components that are not load served, so have no share of the region's electricity
UNSERVED = frozenset({"removed_by_cap"})


def metric_paths(paths: ScenarioPaths, component: str,
                 national_paths: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The (n, H) paths of every metric of one component."""
    twh = paths.components()[component]
    avg_gw = twh * 1000.0 / paths.hours[None, :]
    out = {"twh": twh, "avg_gw": avg_gw, "capacity_gw": avg_gw / paths.load_factor[:, None]}
    if national_paths is not None and component not in UNSERVED:
        out["share_pct"] = 100.0 * twh / national_paths
    return out


def summarise_paths(paths: ScenarioPaths, national_paths: np.ndarray | None = None,
                    *, region: str | None = None) -> pd.DataFrame:
    """The tidy rows of one scenario (see the module docstring)."""
    if national_paths is not None and np.shape(national_paths) != paths.total.shape:
        raise ValueError(f"national_paths must have shape {paths.total.shape}")
    probs = list(QUANTILES.values())
    frames = []
    for component in paths.components():
        for metric, values in metric_paths(paths, component, national_paths).items():
            stats = {"mean": values.mean(axis=0)}
            for column, q in zip(QUANTILES, np.quantile(values, probs, axis=0), strict=True):
                stats[column] = q
            frame = pd.DataFrame(stats)
            frame.insert(0, "metric", metric)
            frame.insert(0, "year", paths.years.astype(int))
            frame.insert(0, "component", component)
            frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out.insert(0, "scenario", paths.scenario)
    out.insert(0, "region", region or paths.region)
    return out[COLUMNS]
