"""Which supply limit binds, per scenario and year: the share of sample paths on which each
limit of the envelope (`forecasting.scenarios.constraints.LIMITS`) set the cap, and the energy
the caps removed (mean and P90 over paths). A scenario without limits has no rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.scenarios.constraints import LIMITS

LIMIT_COLUMNS = ["scenario", "year", "limit", "share_of_paths", "removed_twh_mean",
                 "removed_twh_p90"]


def binding_limits(paths) -> pd.DataFrame:
    """`LIMIT_COLUMNS` rows of a `ScenarioPaths` (one per year and limit that ever binds)."""
    if paths.binding is None:
        return pd.DataFrame(columns=LIMIT_COLUMNS)
    rows = []
    for j, year in enumerate(paths.years):
        removed = paths.removed_by_cap[:, j]
        for k, limit in enumerate(LIMITS):
            share = float(np.mean(paths.binding[:, j] == k))
            if share == 0:
                continue
            rows.append({"scenario": paths.scenario, "year": int(year), "limit": limit,
                         "share_of_paths": share, "removed_twh_mean": float(removed.mean()),
                         "removed_twh_p90": float(np.quantile(removed, 0.9))})
    return pd.DataFrame(rows, columns=LIMIT_COLUMNS)


def binding_summary(limits: pd.DataFrame, years=(2028, 2030, 2035)) -> list[dict]:
    """Per scenario and year in `years`: the limit binding on most paths, with its share (for
    the report's words)."""
    out = []
    if limits is None or limits.empty:
        return out
    for (scenario, year), part in limits.groupby(["scenario", "year"], sort=False):
        if int(year) not in years:
            continue
        top = part.sort_values("share_of_paths", ascending=False).iloc[0]
        out.append({"scenario": scenario, "year": int(year), "limit": top["limit"],
                    "share_of_paths": float(top["share_of_paths"]),
                    "removed_twh_mean": float(top["removed_twh_mean"])})
    return out
