"""The zone report's caution when statistical-trend forecasts more load than all-requests, the
upper bound planners quote (every contract of the queue realized, no connection limit).

statistical-trend carries the decomposition's data-center trend on linearly from the change of
its last two 12-month means (`forecasting.models.year_on_year_trend`). A one-off step in those
two years, a large load switched on, is then read as growth every year: a zone with 600 MW
switched on in mid-2023 had its data-center trend carried on at +550 MW/yr, and its
statistical-trend total passed all-requests from 2032 (fuzz 14 J2), with no word on the page.
The caution names the first year whose total average-MW P50 of statistical-trend is above
all-requests' and the two figures of the last year it is above; nothing when it never is, or
when the run has not both scenarios (no queue, or no data-center estimate)."""

from __future__ import annotations

import pandas as pd

from forecasting.report import number_format
from forecasting.report.zone_figures import annual

TREND, UPPER = "statistical-trend", "all-requests"


def trend_above_requests(forecast: pd.DataFrame) -> str | None:
    """The caution (module docstring) from a zone run's forecast.csv, or None."""
    rows = annual(forecast)
    rows = rows[(rows["component"] == "total") & (rows["metric"] == "avg_mw")]
    p50 = {name: rows[rows["scenario"] == name].set_index(
               rows.loc[rows["scenario"] == name, "period"].astype(int))["p50"]
           for name in (TREND, UPPER)}
    if p50[TREND].empty or p50[UPPER].empty:
        return None
    trend, upper = p50[TREND].align(p50[UPPER], join="inner")
    above = trend[trend > upper].index
    if above.empty:
        return None
    first, last = int(above.min()), int(above.max())
    since = (f"from {first}" if set(trend.index[trend.index >= first]) <= set(above)
             else f"in {', '.join(str(int(y)) for y in above)}")
    shown = number_format.figures(float(trend[last]), float(upper[last]))
    return (f"{TREND} is above {UPPER}, the upper bound planners quote, {since} ({last}: "
            f"{shown[0]} against {shown[1]} MW average): it carries the data-center load's "
            f"change over its last two years on every year, which overstates the growth when "
            f"that change was a one-off step (a large load switched on).")
