"""Fill missing years by log-linear (constant growth) interpolation between neighbours."""

from __future__ import annotations

import numpy as np
import pandas as pd


def loglinear_fill(values: pd.Series) -> pd.Series:
    """`values` indexed by consecutive years, NaN where missing; interior gaps are filled so
    that growth is constant between the two known neighbours. Known values come back exactly
    as given; edges are left missing."""
    values = values.astype(float)
    filled = np.exp(np.log(values).interpolate(method="index", limit_area="inside"))
    return values.where(values.notna(), filled)
