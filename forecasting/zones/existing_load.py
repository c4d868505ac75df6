"""The data-center load a zone's history ends on: what the pipeline scenarios carry flat.

Rule. The level is the straight line fitted (least squares, by month) to the
decomposition's monthly ``data_center_mw`` over the `LEVEL_MONTHS` months before the
forecast's first month, read at the last of them, floored at 0. Its interval is the
decomposition's moved with it: level +/- h, h the mean over the same months of the
interval's upper half-width (``data_center_high_mw - data_center_mw``, which the clipping at
0 leaves whole wherever the estimate is above 0). The pipeline scenarios draw the existing
load uniformly over the unclipped level +/- h and clip each draw at 0 (`draw`), so its median
is the level however much of the interval lies below 0. The level is also what contracts
dated inside the history may already be in (`pipeline_sampling.measured_shares`): the load
the scenarios carry, not the interval's top, which they do not (fuzz 10b, D1).

Why. The level had been the last 12 months' mean, which a zone whose data-center load grew
during its last year holds at about the middle of that year: a synthetic zone whose known
block grows 0 -> 1,000 MW over 2023-2024 was carried at 718 MW, its vetted 2025 total equal to
2024's, and Dominion's vetted total sat 508 MW below the statistical trend with a 40 GW queue
on top (fuzz 9a, D2). A contract that ramped in that year and reached about what the history
ends on was compared with the 12-month mean of the interval's top and added a second time (D9).
The monthly estimate is noisy (DOM: months 300 MW apart), so the last month alone is not the
level; a line over the last year reads through the noise at its end. On 20 EIA-930 zones with
a synthetic block (20% of the zone's load) added after 2022 (reference years 2020-2022), the
line's end missed the block's December by -4% to -5% of the block for a 24- or 12-month ramp
and +14% for a step in July of the last year, where the 12-month mean missed by -27%, -50%
and -52%, the year-on-year trend's end (the statistical-trend's fit) by -5%, -29% and -31%
(each the estimate's change from the same zone without the block; a study for fuzz 9a, not a
committed benchmark). The interval had been drawn uniformly
over the clipped [max(point - h, 0), point + h], whose median where the low end is clipped is
its middle, not the estimate (PJM-AP: 129 MW drawn about an estimate of 24 MW, D7).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: months of the history's end the level is read from
LEVEL_MONTHS = 12


@dataclass(frozen=True)
class ExistingLoad:
    """The data-center level at the history's end (MW, at least 0) and the half-width of
    its interval (MW)."""

    level_mw: float
    half_width_mw: float

    def draw(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """(n,) MW uniform over level +/- half-width, each clipped at 0 (median: the level)."""
        h = self.half_width_mw
        return np.maximum(self.level_mw + rng.uniform(-h, h, size=n), 0.0)


def existing_data_center_load(decomposition: pd.DataFrame, *,
                              first_month: pd.Period) -> ExistingLoad:
    """`ExistingLoad` of the decomposition table (`decomposition.csv`: ``period``,
    ``data_center_mw``, ``data_center_high_mw``) at the month before ``first_month``
    (module docstring); no monthly row in the last `LEVEL_MONTHS` months: 0 MW, 0 wide."""
    months = [first_month - k for k in range(LEVEL_MONTHS, 0, -1)]
    table = decomposition.assign(period=decomposition["period"].astype(str))
    rows = table.set_index("period").reindex([str(m) for m in months]).dropna(
        subset=["data_center_mw"])
    if rows.empty:
        return ExistingLoad(0.0, 0.0)
    point = rows["data_center_mw"].to_numpy(dtype=float)
    half = float((rows["data_center_high_mw"].to_numpy(dtype=float) - point).mean())
    if len(point) < 2:
        return ExistingLoad(max(float(point[0]), 0.0), half)
    x = np.asarray([pd.Period(p, "M").ordinal for p in rows.index], dtype=float)
    slope, intercept = np.polyfit(x - x.mean(), point, 1)
    end = intercept + slope * ((first_month - 1).ordinal - x.mean())
    return ExistingLoad(max(float(end), 0.0), half)
