"""Cross-check of the decomposition against neighbouring zones.

Weather, the economy and the 2020 pandemic move a region's lowest hours together; data-center
growth does not. For the zone and each neighbour (hourly MW, UTC; evidence hours only) over
the complete years (coverage >= 99%) all of them cover:

    change_z = q_{last}(z) / q_{first}(z) - 1,   q = the year's ``quantile`` (1%) of load.

The neighbours' median change is the *common* shift; applied to the zone's first-year
minimum it gives the MW of minimum-load growth the zone shares with its neighbours. The rest,
the zone's own growth, should match the decomposition's data-center growth over the same years.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from forecasting.zones.data_center_part import NOT_ESTIMATED_WHY
from forecasting.zones.history import UTC, period_table


def neighbour_check(
    zone: str,
    load: pd.Series,
    neighbours: Mapping[str, pd.Series],
    annual_dc: pd.DataFrame | None,
    *,
    quantile: float = 0.01,
    clock: str = UTC,
) -> pd.DataFrame:
    """One row per zone (the zone first): first and last common year, minimum-load change in
    MW and %; a last row ``common-shift check`` with the zone's own growth beside the
    decomposition's data-center growth over the same years. Years on ``clock`` (the
    zone's, as its decomposition's). ``annual_dc`` None (``data_center: none``: no
    decomposition was run): the last row's ``decomposition_dc_growth_mw`` is empty and its
    label says the data-center part is not estimated, not a growth of 0 MW
    (`forecasting.zones.data_center_part`)."""
    series = {zone: load, **neighbours}
    lows = {}
    for name, values in series.items():
        complete = period_table(values, "Y", clock)["complete"]
        values = values.dropna()
        years = values.index.tz_convert(clock).year
        low = values.groupby(years).quantile(quantile)
        lows[name] = low[[int(p.year) for p in complete.index[complete]]]
    for name, low in lows.items():
        if name != zone and not set(low.index) & set(lows[zone].index):
            raise ValueError(f"neighbour '{name}' shares no complete year with {zone} (its "
                             f"complete years: {_years(low.index)}; {zone}'s: "
                             f"{_years(lows[zone].index)})")
    common = sorted(set.intersection(*(set(v.index) for v in lows.values())))
    if not common:
        raise ValueError(f"{zone} and its neighbours share no complete year")
    first, last = common[0], common[-1]
    rows = []
    for name, low in lows.items():
        rows.append({"zone": name, "first_year": first, "last_year": last,
                     "min_load_first_mw": low[first], "min_load_change_mw": low[last] - low[first],
                     "min_load_change_pct": 100 * (low[last] / low[first] - 1)})
    table = pd.DataFrame(rows)
    shift = float(np.median(table["min_load_change_pct"].iloc[1:])) if neighbours else 0.0
    own = rows[0]["min_load_change_mw"] - shift / 100 * rows[0]["min_load_first_mw"]
    if annual_dc is None:
        dc_growth, against = np.nan, f"(decomposition data-center growth {NOT_ESTIMATED_WHY})"
    else:
        dc = annual_dc["data_center_mw"]
        dc_growth = dc.loc[pd.Period(str(last), "Y")] - dc.loc[pd.Period(str(first), "Y")]
        against = "vs decomposition data-center growth"
    table = pd.concat([table, pd.DataFrame([{
        "zone": f"{zone}: own minimum-load growth after the neighbours' median shift "
                f"({shift:.1f}%) {against}",
        "first_year": first, "last_year": last, "min_load_first_mw": np.nan,
        "min_load_change_mw": own, "min_load_change_pct": np.nan,
        "decomposition_dc_growth_mw": dc_growth,
    }])], ignore_index=True)
    return table


def _years(years) -> str:
    years = sorted(years)
    return f"{years[0]}..{years[-1]}" if years else "none"
