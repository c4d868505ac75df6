"""Whether the decomposition's data-center load has a season, which data-center load has not.

The minimum-load decomposition (`decomposition`) reads a rise of a month's lowest hours above
the reference years as data-center load. Data centers draw nearly flat load: cooling lifts
it a little in summer (the large-load assumptions' summer uplift, a few percent), never by
half. A rise of the lowest hours that comes and goes with the seasons is weather load
(heating in a winter-peaking zone, cooling in a summer one) or a change of the reference
years' weather, not data centers. The scenarios carry the component as near-flat load and
take it out of the base whose hourly shapes give the peaks, so a seasonal component moves
load out of the season that peaks: AVA with a large-load queue (fuzz round 7a D6) measured
Dec 234 MW against Jul 1 MW (last three years), and its 2030 winter 50/50 came out 10% below
the same zone's run without the queue, published as summer-peaking.

The rule (`seasonal_check`): over the last `YEARS` calendar years whose twelve months are all
in the decomposition, the mean data-center MW of each calendar month; winter (December,
January, February) and summer (June-September, the report's seasons) are the means of their
months (every December of those years with every January and February: no season of one
year, so the peaks' winter across the turn of the year,
`forecasting.seasons.season_months`, changes nothing here). The component is
called seasonal when the larger season's mean is `RATIO` (2) times the smaller's or more, and
the component is not negligible (its annual mean at least `MIN_SHARE` of the total load's).
The correlation of the twelve monthly means with the total load's is given beside it (how
closely it follows the zone's weather season). The check only says so (a warning line,
`warn_if_seasonal`, and the report): the estimate and the forecasts are not changed.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.errors import InputWarning
from forecasting.seasons import SEASONS

YEARS = 3
RATIO = 2.0
MIN_SHARE = 0.01
WINTER, SUMMER = SEASONS["winter"], SEASONS["summer"]


@dataclass(frozen=True)
class SeasonalCheck:
    years: tuple[int, ...]
    winter_mw: float
    summer_mw: float
    annual_mw: float
    correlation: float  # of the 12 monthly means with the total load's (NaN if flat)
    total_peaks_in: str  # the season whose total load is the larger: "winter" or "summer"

    @property
    def larger(self) -> str:
        return "winter" if self.winter_mw >= self.summer_mw else "summer"

    @property
    def ratio(self) -> float:
        low, high = sorted((self.winter_mw, self.summer_mw))
        return high / low if low > 0 else float("inf")

    @property
    def seasonal(self) -> bool:
        return self.ratio >= RATIO

    def text(self) -> str:
        """The finding in one sentence a planner reads (no region)."""
        smaller = "summer" if self.larger == "winter" else "winter"
        ratio = ("all of it" if not np.isfinite(self.ratio)
                 else f"{self.ratio:.1f} times as much")
        r = ("" if not np.isfinite(self.correlation) else
             f"; its monthly means follow the zone's load with a correlation of "
             f"{self.correlation:.2f}")
        years = (f"{self.years[0]}-{self.years[-1]}" if len(self.years) > 1
                 else str(self.years[0]))
        follows = ("the season the zone's load peaks in" if self.larger == self.total_peaks_in
                   else "not the season the zone's load peaks in")
        return (f"the decomposition's data-center load is seasonal: {self.winter_mw:,.0f} MW "
                f"on average in winter (Dec-Feb) against {self.summer_mw:,.0f} MW in summer "
                f"(Jun-Sep) in {years}: {ratio} in {self.larger}, {follows}{r}. Data centers "
                f"draw nearly flat load, so part of this is likely weather-driven load in the "
                f"lowest hours; the scenarios carry it as flat load taken out of the base, so "
                f"the {self.larger} peaks may be too low and the {smaller} ones too high. "
                f"Consider data_center: none, or reference years that show the zone's "
                f"seasons as they are now")


def seasonal_check(table: pd.DataFrame) -> SeasonalCheck | None:
    """The check of a decomposition table (`decomposition.decomposition_table`'s columns, or
    decomposition.csv: ``period``, ``total_mw``, ``data_center_mw``; its monthly rows are
    read), or None when no calendar year has all twelve months or the component is
    negligible (``data_center: none`` writes zeros)."""
    rows = table[table["period"].astype(str).str.len() == 7]
    if rows.empty:
        return None
    period = pd.PeriodIndex(rows["period"].astype(str), freq="M")
    frame = pd.DataFrame({"year": period.year, "month": period.month,
                          "dc": rows["data_center_mw"].to_numpy(dtype=float),
                          "total": rows["total_mw"].to_numpy(dtype=float)})
    counts = frame.groupby("year")["month"].nunique()
    full = sorted(int(y) for y in counts.index[counts == 12])[-YEARS:]
    if not full:
        return None
    recent = frame[frame["year"].isin(full)]
    profile = recent.groupby("month")[["dc", "total"]].mean()
    annual = float(profile["dc"].mean())
    if annual <= MIN_SHARE * float(profile["total"].mean()):
        return None
    corr = (float(np.corrcoef(profile["dc"], profile["total"])[0, 1])
            if profile["dc"].std() > 0 and profile["total"].std() > 0 else float("nan"))
    total_winter = float(profile.loc[list(WINTER), "total"].mean())
    total_summer = float(profile.loc[list(SUMMER), "total"].mean())
    return SeasonalCheck(years=tuple(full), winter_mw=float(profile.loc[list(WINTER), "dc"].mean()),
                         summer_mw=float(profile.loc[list(SUMMER), "dc"].mean()),
                         annual_mw=annual, correlation=corr,
                         total_peaks_in="winter" if total_winter >= total_summer else "summer")


def warn_if_seasonal(table: pd.DataFrame) -> SeasonalCheck | None:
    """`seasonal_check`, and an `InputWarning` (one ``warning:`` line) when it is seasonal."""
    check = seasonal_check(table)
    if check is not None and check.seasonal:
        warnings.warn(check.text()[0].upper() + check.text()[1:] + ".", InputWarning,
                      stacklevel=2)
    return check
