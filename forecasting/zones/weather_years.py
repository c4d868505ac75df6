"""Weather years: the base load's hourly shapes of the historical years as weather scenarios.

There is no temperature series, so each complete historical year w (every month at least
99% covered) supplies, for each calendar month m, the shape

    s_{w,m}(k) = base_{w,m}(k) / mean_k base_{w,m}(k),   base = total - data-center (month avg)

over the month's k-th hour (its hours on the zone's clock, `WeatherYears.clock`: a local
month's from its first local midnight; UTC months by default; measured hours only: hours
without evidence and hours the source imputed (`history`, an EIA-930 category not OKAY)
stay NaN and are skipped, so no peak rests on a value no one measured), and the month's
weather anomaly

    r_{w,m} = M_{w,m} / mean_m' M_{w,m'},   g_{w,m} = r_{w,m} / mean_w' r_{w',m},

M the month's average base (over its evidence hours, imputed ones too: energy keeps them, as
the history's average does): how much above its year's level month m of year w ran, relative
to that month's usual share (a hot July > 1; 1 with a single complete year). A forecast
month with base average B and data-center average D under weather year w has the hourly load

    x(k) = B s_{w,m}(k) + D (1 + a cos(2 pi (h_k - 15) / 24)),

h_k the zone's local hour (its config's `timezone`) of the forecast month's own UTC hour
k (`local_hours`: the forecast year's clock; the weather year's had put the data-center
afternoon an hour off 15:00 on the days between the two years' daylight-saving changes,
2030-03-10..13 and 2030-11-03..06 from a 2021 weather year) and a the diurnal amplitude of
data-center load. Its peak is max_k x(k); each sample path draws one weather year per
forecast year from the caller's Generator, so each year's peak has a distribution from
weather and growth together. A month's peak (`monthly_peaks`) takes B the path's own monthly
base, whose noise already holds the month-to-month weather of the energy backtest, so g is
not applied again. `seasonal_peaks` separates them: the 50/50 is the median over the weather
years at the median growth path, and the 90/10 (and the weather P05 / P95) the next season's
percentile given those weather years' peaks (`peak_quantiles.predictive_peak`: wider where
the years are few; the 90th percentile of a few years themselves had been topped in a
quarter of held-out seasons, fuzz 11a D2), the median growth path's B being a typical
month, so there each weather year's month has the base B g_{w,m} (a hot summer's higher
average and its sharper peak hours together). Without g the weather years differed only in
their peak-to-average shapes, and the 90/10 was exceeded in more held-out seasons than it
should be (benchmarks/peaks_weather/).

A season's growth band is not the largest of a path's noisy months. The energy widening
draws each month's extra error independently (`forecasting.backtest.widening`,
`independent`), so the largest of a season's four such draws sits well above a typical
month: a zone whose load fell 30% in 2024 had a 2025 summer growth band of 21,982-106,725 MW
about a 50/50 of 20,406. The band takes each path's typical base instead (`typical_base`):
the median path's month (the median over the paths, the 50/50's B) times the path's level,
its base energy over the year's forecast months relative to the median path's, so a path
differs from the median by its growth (the year's energy averages the independent monthly
draws) and not by a month's noise. Under the 50/50 weather year w the path's month m has
the base B_typ g_{w,m}, as the 50/50 and 90/10 take it, and the band (`growth_band`) is the
P10 and P90 over the paths' season peaks, as ratios to their median, times the 50/50, so it
always holds the 50/50 (the 50/50 is the median over the weather years, which with an even
number of them is no single year's peak).

A year's peak (`annual_peaks`, the forecast table's annual ``peak_mw``) is not the largest
of a path's monthly peaks either: the largest of twelve independent draws had put an 8%/yr
declining zone's 2026 annual peak P50 (1,709 MW) above the 90/10 of both its seasons (1,382
and 1,462) and above its 2025 value while its energy fell 7.6%. It is the largest hour of
the path's year at its typical base under the weather year the path drew for that year,
each month m at B_typ g_{w,m}: at the median level it is the larger of that weather year's
summer peak and the peak of its January, February and December (or a shoulder month's,
which seldom peaks). Its P50 is not always at or above the larger of the summer 50/50 and
those winter months' 50/50 (`calendar_winter_50_50`) by itself (the paths' mixture of a few
whole weather years with growth can put its median below the middle year's: fuzz 11a D1),
so the zone run raises the year's paths to it (`annual_peak_floor`); its P90 and P95 add
growth to the weather band. It is never below the path's average load of the year, and
never below an hour already measured in a month of the year partly in the history. The
monthly peaks stay as they were, so a month's P95, which carries that month's own energy
error, can sit above the annual P95.

Seasons (`forecasting.seasons`, the rule the report reads the files back by; the weather years'
rule, `weather_years_in`, is there too). Summer Y is June-September of Y; winter Y/Y+1 is
December of Y with January and February of Y + 1 (`season_months`), one physical winter, as PJM,
ERCOT, Dominion and the IRPs plan "winter 2030/31". ``peaks.csv`` files it under ``year`` Y
(December's year, as PJM files 2030/31 under its delivery year starting in 2030), its ``label``
"2030/31" (a summer's "2030"). The calendar year's January, February and December had been its
"winter Y", the end of one winter and the start of the next: most winter peaks fall in January,
so "winter 2030" was mostly planners' winter 2029/30, a year of growth off theirs. A season is
published when each of its months is in the history or forecast and at least one is forecast
(`season_years`): the forecast ends in December of ``end_year``, so its last winter is
``end_year`` - 1 / ``end_year``; a history ending in December gives a first winter whose
December is measured (partly in the history, below).

Weather winters by month number. A weather year w gives a winter month its own month of w:
December of w and January and February of w, as for every other month; the scenario stays a
calendar weather year (one draw per forecast year, the annual peaks and the profile alike).
Physical weather winters (December of w with January-February of w + 1, only where both are
weather years) were tried, once, on benchmarks/peaks_weather/'s held-out winters and weather
years (EIA-930, 431 cases, the anomaly method, the prior of the calendar winters): a zone
with four or five complete years has only one such winter left in 218 of them once the
held-out winter's two years are out, so no 90/10 of its own; on the 208 cases with two or
more, the 90/10 was topped in 12.5% of winters either way and the 50/50 in 47.1% (physical)
against 51.9% (by month number): no better calibrated, at half the cases.

A season partly in the history (the first winter when the history ends in December, January
or February, or the first summer when it ends in June-August) has a peak already measured:
the largest measured hour of its months in the history (`WeatherYears.observed`, the
history's monthly peaks, imputed hours skipped; a month only partly observed counts too,
since its hours are measured load, and so does one of few measured hours, whose peak is no
evidence of the month's (`seasons.peak_evidence`) but is a lower bound of it, all a floor
asks; a month of imputed hours alone floors nothing). Each
weather year's and each growth path's season peak is then the larger of that and the
forecast months' peak, so no published value of the season (50/50, 90/10, P05-P95, growth
P10-P90) is below a peak the season has already had. The 50/50 weather year stays the one
whose forecast months give the median. A season wholly in the future is unchanged.

A forecast month partly in the history (the history ends inside it, with too few of its
hours measured for the month to be modelled) likewise has a measured peak: its largest
measured hour (none for a month whose hours so far are all imputed). `at_least_measured`
floors every path's total peak of such a month at it, so its published peak quantiles
(P05-P95 of the forecast table's monthly ``peak_mw``) are never below an hour the month has
already had and stay ordered. Only the total is floored (the hour measured is the zone's
load, not its base or data-center part), and only in the forecast: the backtest's weather
peaks never see an hour after their origin.

The forecast month's calendar decides which days exist (`WeatherYears.in_month`, used by the
peaks and the hourly profile alike): each path's weather-year month is laid on the forecast
month hour slot by hour slot (the month's UTC hours on the zone's clock, so a
daylight-saving change neither drops nor doubles an hour; a local month whose change fell in
another month in the weather year, October 2006 in Virginia, repeats or cuts its last day's
hours as February does). Otherwise only February differs in length between years. A common
weather year's 28-day February drawn into a leap forecast year gives Feb 29 the 24 hours of
its own Feb 28: the adjacent day of the same weather year, so the added day has that year's
weather in that week, not another year's or an average that no day had (the whole month was
NaN on Feb 29 before: no weather year of an EIA-930 zone's 2021-2023 is a leap year). A leap
weather year's February drawn into a common forecast year is cut to its first 28 days, so
its Feb 29 sets no common February's, winter's or year's peak (it had: a 2020 weather year's
hottest Feb 29 hour was a 2027 February peak). A month whose length changed this way is
rescaled to average 1 over its evidence hours again, so the month still averages the path's
forecast base. Days are matched by day of the month, not by weekday.

The hourly profile has every hour of its year. An hour a weather year has no evidence for
(at most 1% of each of its months: a meter's lost hour, or the hours a local-time file's
DST fall-back repeat merged away), or one the source imputed (the year is a weather year by
its evidence, imputed hours included, so these can be more, up to a tenth of a month; a
year with a month whose measured hours cover less than `seasons.MONTH_COMPLETE` of it is
none: `seasons.peak_evidence`), is skipped by the peaks but filled for the profile from
the same weather-year month's neighbouring hours (linear in time; a month's first or last
hours take its nearest measured hour), the month then rescaled to average 1
(`WeatherYears.filled_shapes`). Such an hour had been the median of the paths whose weather
year had it, and blank when none had (a zone with one weather year). ``profile.csv``'s
``filled_share`` is the share of the paths whose weather-year hour was filled (0 for a
measured hour, imputed hours counting as filled; shown, not scored).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from forecasting.seasons import (
    SEASONS,
    calendar_year_months,
    season_label,
    season_months,
    weather_years_in,
)
from forecasting.zones.history import (
    UTC,
    hours_in,
    period_hours,
    period_labels,
    period_length,
    period_table,
)
from forecasting.zones.peak_quantiles import predictive_peak

SLOTS = 745  # hours in the longest month (31 days on a clock that falls back in it)
LOCAL_TZ = "America/New_York"  # the default zone clock (ZoneConfig.timezone)
PEAKS_COLUMNS = ["scenario", "year", "season", "label", "peak_50_50_mw", "peak_90_10_mw",
                 "weather_p05_mw", "weather_p95_mw", "growth_p10_mw", "growth_p90_mw",
                 "weather_year_50_50"]


@dataclass(frozen=True)
class WeatherYears:
    years: np.ndarray  # (W,)
    shapes: np.ndarray  # (W, 12, SLOTS), NaN beyond the month or where nothing measured
    local_hour: np.ndarray  # (W, 12, SLOTS)
    average: np.ndarray  # (W, 12): M_{w,m}, the month's average base MW
    #: the history's peak MW per month (Period 'M', measured hours; every month with any)
    observed: pd.Series | None = None
    #: the zone's clock (IANA name): the data-center afternoon of a forecast month
    timezone: str = LOCAL_TZ
    #: the clock of its months and years (`history.period_labels`; the zone run's is its
    #: ``timezone``, UTC by default): a month's hour slots are its hours on that clock
    clock: str = UTC

    @cached_property
    def usual_share(self) -> np.ndarray:
        """(12,) mean over the years of r_{w,m}: each month's usual level against its
        year's mean."""
        return self._ratio.mean(axis=0) if len(self.years) else np.ones(12)

    @cached_property
    def anomaly(self) -> np.ndarray:
        """(W, 12) g_{w,m} = r_{w,m} / usual share (ones for a single year)."""
        return self._ratio / self.usual_share

    @property
    def _ratio(self) -> np.ndarray:
        return self.average / self.average.mean(axis=1, keepdims=True)

    @cached_property
    def missing(self) -> np.ndarray:
        """(W, 12, SLOTS) bool: the hours of each weather-year month with no measurement
        (NaN in `shapes`: no evidence, or imputed by the source); False beyond the month."""
        within = np.arange(SLOTS)[None, :] < self.own_hours[:, :, None]
        return np.isnan(self.shapes) & within

    @cached_property
    def filled_shapes(self) -> np.ndarray:
        """`shapes` with every hour of a month that has no evidence (`missing`) filled from
        its neighbouring hours of the same weather-year month (linear in time; a month's
        first or last hours take its nearest measured hour), each month so filled rescaled
        to average 1 again: the hourly profile's shapes, which must have every hour. The
        peaks take `shapes`, measured hours only."""
        out = self.shapes.copy()
        for w, m in zip(*np.nonzero(self.missing.any(axis=2)), strict=True):
            n = int(self.own_hours[w, m])
            shape = out[w, m, :n]
            gap = np.isnan(shape)
            slot = np.arange(n)
            shape[gap] = np.interp(slot[gap], slot[~gap], shape[~gap])
            shape /= shape.mean()
        return out

    @cached_property
    def own_hours(self) -> np.ndarray:
        """(W, 12) hours of each weather-year month on `clock` (days x 24 on UTC)."""
        return np.asarray([hours_in(pd.period_range(f"{int(y)}-01", periods=12, freq="M"),
                                    self.clock) for y in self.years],
                          dtype=int).reshape(len(self.years), 12)

    def hourly(self, base, dc, amplitude, weather, month, *, days: int | None = None):
        """(n, SLOTS) hourly MW for month-of-year ``month`` (1..12), per-path base and
        data-center averages, diurnal amplitude and weather-year index, the data-center
        pattern on the weather year's own local hours; with ``days`` (the days of the
        forecast month it stands for), (n, 24 days), each weather year's month laid on those
        days (`on_days`). A forecast month's load is `in_month`."""
        if days is None:
            shape = self.shapes[weather, month - 1]
            hours = self.local_hour[weather, month - 1]
        else:
            shape, hours = self.on_days(weather, month, 24 * days)
        return _load(base, dc, amplitude, shape, hours)

    def in_month(self, base, dc, amplitude, weather, period: pd.Period, *,
                 filled: bool = False):
        """(total, base, data_center) MW, each (n, hours of the forecast month ``period``):
        weather years ``weather``'s month laid on ``period``'s days (`on_days`: a leap
        weather year's Feb 29 is no day of a common February), the data-center pattern on
        ``period``'s own local hours (`local_hours`: the forecast year's clock, whose
        daylight-saving dates are not the weather year's). ``filled``: the shapes with every
        hour (`filled_shapes`, for the hourly profile), else measured hours only."""
        shape, _ = self.on_days(weather, period.month, month_slots(period, self.clock),
                                filled=filled)
        return _load(base, dc, amplitude, shape,
                     local_hours(period, self.timezone, self.clock))

    def slots(self, weather, month: int, hours: int) -> np.ndarray:
        """(len(weather), ``hours``) the weather month's hour slot laid on each hour of a
        month of ``hours`` hours on `clock` (module doc): slot k is the weather month's slot
        k; past the weather month's last hour (a common year's February standing for a leap
        year's; a local month whose clock changed in another month that year) the slots
        repeat its last 24 hours; slots past ``hours`` are cut."""
        weather = np.atleast_1d(weather)
        own = self.own_hours[weather, month - 1][:, None]
        slots = np.arange(hours)[None, :]
        return np.where(slots < own, slots, own - 24 + (slots - own) % 24)

    def on_days(self, weather, month: int, hours: int, *, filled: bool = False
                ) -> tuple[np.ndarray, np.ndarray]:
        """(shape, weather year's local hour), each (len(weather), ``hours``): weather years
        ``weather``'s month ``month`` on a month of ``hours`` hours (`slots`; ``filled``:
        from `filled_shapes`). A shape whose length changed is rescaled to average 1 over
        its measured hours."""
        weather = np.atleast_1d(weather)
        source = self.filled_shapes if filled else self.shapes
        changed = self.own_hours[weather, month - 1] != hours
        if not changed.any():  # every weather year's month has the forecast month's hours
            return (source[weather, month - 1, :hours],
                    self.local_hour[weather, month - 1, :hours])
        index = self.slots(weather, month, hours)
        shape = np.take_along_axis(source[weather, month - 1], index, axis=1)
        hours = np.take_along_axis(self.local_hour[weather, month - 1], index, axis=1)
        shape[changed] /= np.nanmean(shape[changed], axis=1, keepdims=True)
        return shape, hours


def _load(base, dc, amplitude, shape, hours):
    """(total, base, data_center) MW: x(k) = B s(k) + D (1 + a cos(2 pi (h_k - 15) / 24))."""
    dc_shape = 1.0 + amplitude[:, None] * np.cos(2 * np.pi * (hours - 15.0) / 24.0)
    return base[:, None] * shape + dc[:, None] * dc_shape, base[:, None] * shape, \
        dc[:, None] * dc_shape


@lru_cache(maxsize=1024)
def _clock(month: str, timezone: str, clock: str) -> np.ndarray:
    stamps = period_hours(pd.Period(month, "M"), clock)
    hours = stamps.tz_convert(timezone).hour.to_numpy(dtype=float)
    hours.flags.writeable = False
    return hours


def local_hours(period: pd.Period, timezone: str, clock: str = UTC) -> np.ndarray:
    """(hours of ``period``,) the local hour in ``timezone`` of each hour of the month
    ``period`` on ``clock`` (`history.period_hours`): the forecast month's own clock."""
    return _clock(str(period.asfreq("M")), timezone, clock)


def month_slots(period: pd.Period, clock: str = UTC) -> int:
    """Hours of the month ``period`` on ``clock``: its hour slots."""
    return int(period_length(period.asfreq("M"), clock))


def weather_years(load: pd.Series, dc_monthly: pd.Series, *,
                  timezone: str = LOCAL_TZ, clock: str = UTC,
                  imputed: pd.Series | None = None) -> WeatherYears:
    """Shapes of the complete years of ``load`` (UTC hourly MW, NaN = no evidence), base =
    load - ``dc_monthly`` (data-center average MW per month Period); local hours in the IANA
    ``timezone``; months and years on ``clock`` (`history.period_labels`). ``imputed``
    (bool per hour, `ZoneHistory.imputed`): hours the source imputed, which count for the
    years' coverage and each month's average but are NaN in the shapes and left out of the
    observed peaks (module doc); a year with a month whose peak is no evidence (its measured
    hours under `seasons.MONTH_COMPLETE` of it: `seasons.peak_evidence`) is no weather year,
    its shape's peak resting on a few measured hours."""
    monthly = period_table(load, "M", clock, imputed=imputed)
    years = weather_years_in(
        monthly.index, monthly["hours"], clock=clock,
        imputed_hours=None if imputed is None else monthly["imputed_hours"],
        last_hour=load.index[-1] if len(load) else None)
    months = period_labels(load.index, "M", clock)
    dc = dc_monthly.reindex(months).to_numpy()
    base = load.to_numpy() - dc
    unmeasured = np.zeros(len(load), dtype=bool) if imputed is None else \
        imputed.reindex(load.index, fill_value=False).to_numpy(dtype=bool)
    local = load.index.tz_convert(timezone).hour.to_numpy()
    shapes = np.full((len(years), 12, SLOTS), np.nan)
    local_hour = np.zeros((len(years), 12, SLOTS))
    average = np.ones((len(years), 12))
    ordinals = np.asarray(months.asi8)
    for i, year in enumerate(years):
        for m in range(1, 13):
            sel = np.flatnonzero(ordinals == pd.Period(f"{year}-{m:02d}", "M").ordinal)
            values = base[sel]
            average[i, m - 1] = np.nanmean(values)  # imputed hours too: the month's energy
            shapes[i, m - 1, : len(sel)] = np.where(unmeasured[sel], np.nan,
                                                    values / average[i, m - 1])
            local_hour[i, m - 1, : len(sel)] = local[sel]
    return WeatherYears(years, shapes, local_hour, average,
                        observed=monthly["peak_mw"].dropna(), timezone=timezone,
                        clock=clock)


def season_years(season: str, months: pd.PeriodIndex) -> list[int]:
    """The years of ``season`` published for the forecast ``months``: those with at least
    one forecast month and none after the last (a winter whose January and February are
    beyond the horizon is not published: forecasts to December 2035 end with winter
    2034/35); months before the first forecast month are the history's (a season partly
    in the history)."""
    if len(months) == 0:
        return []
    first, last = months[0], months[-1]
    out = []
    for year in range(first.year - 1, last.year + 1):
        span = season_months(season, year)
        if span[-1] >= first and span[-1] <= last:
            out.append(year)
    return out


def observed_season_peak(wy: WeatherYears, periods: pd.PeriodIndex) -> float:
    """The largest measured hour of the history (imputed ones skipped) in the months
    ``periods`` (a season's `season_months`; the history's monthly peaks), or -inf when none
    of them is in the history."""
    if wy.observed is None or wy.observed.empty:
        return -np.inf
    held = wy.observed[wy.observed.index.isin(periods)]
    return float(held.max()) if len(held) else -np.inf


def measured_month_peaks(wy: WeatherYears, months: pd.PeriodIndex) -> np.ndarray:
    """(len(months),) the history's largest measured hour (MW) of each of ``months`` partly
    in the history, -inf for a month with no measured hour."""
    if wy.observed is None or wy.observed.empty:
        return np.full(len(months), -np.inf)
    return wy.observed.reindex(months).fillna(-np.inf).to_numpy(dtype=float)


def at_least_measured(total: np.ndarray, wy: WeatherYears, months: pd.PeriodIndex
                      ) -> np.ndarray:
    """``total`` peak paths (n, len(months)) with each month partly in the history floored
    at its measured peak (module doc); months wholly in the future are unchanged."""
    return np.maximum(total, measured_month_peaks(wy, months)[None, :])


def monthly_peaks(wy: WeatherYears, months: pd.PeriodIndex, base, dc, amplitude, weather):
    """(total, base, data_center) peak MW, each (n, len(months)): each month's largest hour
    at the path's own monthly base (month-to-month noise and all); ``weather`` is (n, years)
    indices into ``wy.years``, one per forecast year (column = year - first year). Not the
    annual peak (`annual_peaks`)."""
    n, horizon = base.shape
    first = months[0].year
    out = np.zeros((3, n, horizon))
    for t, period in enumerate(months):
        w = weather[:, period.year - first]
        parts = wy.in_month(base[:, t], dc[:, t], amplitude, w, period)
        for j, part in enumerate(parts):
            out[j, :, t] = np.nanmax(part, axis=1)
    return out[0], out[1], out[2]


def typical_base(base: np.ndarray, months: pd.PeriodIndex, clock: str = UTC) -> np.ndarray:
    """(n, len(months)) MW: each path's base at its own level without its month-to-month
    noise (module doc): the median over the paths of each month, times the path's base
    energy over its year's forecast months over the median of that energy. The path at the
    median energy has the median month, the base the 50/50 and 90/10 take. Energy: MW times
    the months' hours on ``clock``."""
    years = np.asarray(months.year)
    hours = hours_in(months, clock)
    middle = np.median(base, axis=0)
    out = np.empty_like(base, dtype=float)
    for year in np.unique(years):
        cols = years == year
        energy = base[:, cols] @ hours[cols]
        mid = float(np.median(energy))
        level = energy / mid if mid > 0 else np.ones(len(energy))
        out[:, cols] = middle[cols][None, :] * level[:, None]
    return out


def annual_peaks(wy: WeatherYears, months: pd.PeriodIndex, base, dc, amplitude, weather, *,
                 average=None):
    """(total, base, data_center) annual peak MW, each (n, calendar years of ``months``, the
    first year's column first; a year forecast only in part has the peak of its forecast
    months): per path, the largest hour of the year's months at the path's typical base
    (`typical_base`) under the path's weather year of that year, each month scaled by that
    year's anomaly g_{w,m}, as the 50/50 and 90/10 are made (module doc). ``weather`` as in
    `monthly_peaks`. Each is at least the path's average MW of the year (``average``, (n,
    len(months)) total MW, for the total: the published energy's; by default base + data
    center), and the total at least the largest hour already measured in a month of the
    year partly in the history (`at_least_measured`)."""
    n = base.shape[0]
    years = np.asarray(months.year)
    first = int(months[0].year)
    labels = np.unique(years)
    typical = typical_base(base, months, wy.clock)
    out = np.full((3, n, len(labels)), -np.inf)
    for t, period in enumerate(months):
        j = period.year - first
        w = weather[:, j]
        m = period.month
        parts = wy.in_month(typical[:, t] * wy.anomaly[w, m - 1], dc[:, t], amplitude, w,
                            period)
        for i, part in enumerate(parts):
            out[i, :, j] = np.maximum(out[i, :, j], np.nanmax(part, axis=1))
    hours = hours_in(months, wy.clock)
    total_mw = base + dc if average is None else average
    measured = measured_month_peaks(wy, months)
    for j, year in enumerate(labels):
        cols = years == year
        share = hours[cols] / hours[cols].sum()
        for i, mw in enumerate((total_mw, base, dc)):
            out[i, :, j] = np.maximum(out[i, :, j], mw[:, cols] @ share)
        out[0, :, j] = np.maximum(out[0, :, j], measured[cols].max())
    return out[0], out[1], out[2]


def season_peak_by_weather(wy: WeatherYears, months: pd.PeriodIndex, base, dc,
                           amplitude: float, *, anomaly: bool = True) -> np.ndarray:
    """(W,) peak MW of one season (`months`, with typical base averages `base` and data-center
    averages `dc`, each (len(months),)) under each weather year: the largest hour of
    x(k) over the months, each month's base scaled by that year's anomaly g_{w,m}
    (``anomaly=False``: by 1, the shapes alone, as before the anomaly; for the benchmark)."""
    n_w = len(wy.years)
    scale = wy.anomaly if anomaly else np.ones((n_w, 12))
    peak = np.full(n_w, -np.inf)
    for t, period in enumerate(months):
        m = period.month
        x, _, _ = wy.in_month(base[t] * scale[:, m - 1], np.full(n_w, dc[t]),
                              np.full(n_w, amplitude), np.arange(n_w), period)
        peak = np.maximum(peak, np.nanmax(x, axis=1))
    return peak


def seasonal_peaks(wy, months, base, dc, amplitude, scenario: str) -> pd.DataFrame:
    """Summer and winter total peaks of each season the forecast ``months`` publish
    (`season_years`: a winter is December of ``year`` with January and February of the
    next, labelled "2030/31"): 50/50, 90/10 (weather, at the median growth path) and the
    growth band (paths at their typical base, at the 50/50 weather year, about the 50/50:
    it holds it); a season partly in the history never below the peak measured in its
    observed months (module doc)."""
    rows = []
    mid_base, mid_dc = np.median(base, axis=0), np.median(dc, axis=0)
    typical = typical_base(base, months, wy.clock)
    mid_amp = float(np.median(amplitude))
    seasons = sorted((year, i, season) for i, season in enumerate(SEASONS)
                     for year in season_years(season, months))
    for year, _, season in seasons:
        span = season_months(season, year)
        cols = np.flatnonzero(months.isin(span))
        forecast = season_peak_by_weather(wy, months[cols], mid_base[cols], mid_dc[cols],
                                          mid_amp)
        w50 = int(np.argmin(np.abs(forecast - np.median(forecast))))
        measured = observed_season_peak(wy, span)
        by_weather = np.maximum(forecast, measured)
        p50 = float(np.median(by_weather))
        by_path = np.zeros(base.shape[0])
        for t in cols:
            m = months[t].month
            x, _, _ = wy.in_month(typical[:, t] * wy.anomaly[w50, m - 1], dc[:, t],
                                  amplitude, np.full(base.shape[0], w50), months[t])
            by_path = np.maximum(by_path, np.nanmax(x, axis=1))
        growth = growth_band(by_path, p50, measured)
        rows.append({
            "scenario": scenario, "year": int(year), "season": season,
            "label": season_label(season, int(year)),
            "peak_50_50_mw": p50,
            "peak_90_10_mw": max(predictive_peak(forecast, season, 0.9), measured),
            "weather_p05_mw": max(predictive_peak(forecast, season, 0.05), measured),
            "weather_p95_mw": max(predictive_peak(forecast, season, 0.95), measured),
            "growth_p10_mw": growth[0], "growth_p90_mw": growth[1],
            "weather_year_50_50": int(wy.years[w50]),
        })
    return pd.DataFrame(rows, columns=PEAKS_COLUMNS)


def calendar_winter_50_50(wy, months, base, dc, amplitude) -> dict[int, float]:
    """Calendar year -> the 50/50 of its own winter months (`seasons.calendar_year_months`:
    January, February and December of that year, the parts of two physical winters a calendar year
    holds), made as a season's 50/50 in `seasonal_peaks` (median over the weather years at
    the median growth path, never below the peak measured in its months in the history):
    the annual peak's floor beside the summer's (`annual_peak_floor`)."""
    mid_base, mid_dc = np.median(base, axis=0), np.median(dc, axis=0)
    mid_amp = float(np.median(amplitude))
    out = {}
    for year in np.unique(np.asarray(months.year)):
        span = calendar_year_months("winter", int(year))
        cols = np.flatnonzero(months.isin(span))
        if len(cols) == 0:
            continue
        forecast = season_peak_by_weather(wy, months[cols], mid_base[cols], mid_dc[cols],
                                          mid_amp)
        measured = observed_season_peak(wy, span)
        out[int(year)] = float(np.median(np.maximum(forecast, measured)))
    return out


def growth_band(by_path: np.ndarray, peak_50_50: float, measured: float = -np.inf
                ) -> tuple[float, float]:
    """The growth band (P10, P90) of a season: the paths' season peaks at the 50/50 weather
    year (``by_path``) as ratios to their median, times the 50/50, so the band holds the
    50/50 (which is at the median path but the median over the weather years, not the 50/50
    year's own peak); neither end below the peak the season has already had. Each path's
    season peak is the larger of ``measured`` (the peak its months in the history had) and
    its forecast months' peak, so ``by_path`` is floored at ``measured`` before the ratios:
    the forecast months' spread laid over a measured peak they do not reach gave a P90 above
    every path's season peak (fuzz 12a D6: CISO-SCE winter 2024/25, 16,570 MW where every
    path's peak is December 2024's measured 15,849)."""
    by_path = np.maximum(np.asarray(by_path, dtype=float), measured)
    mid = float(np.median(by_path))
    low, high = np.quantile(by_path, (0.1, 0.9)) / mid if mid > 0 else (1.0, 1.0)
    return (max(float(peak_50_50 * low), measured),
            max(float(peak_50_50 * high), measured))


def hourly_profile(wy: WeatherYears, months: pd.PeriodIndex, base_mw, dc_mw, amplitude,
                   weather, *, year: int, scenario: str) -> pd.DataFrame:
    """The hourly P50 over the paths of the total, base and data-center MW of forecast year
    ``year`` (``profile.csv``; ``base_mw``, ``dc_mw`` and ``weather`` as in `monthly_peaks`),
    one row per hour of the year on the zone's clock (`WeatherYears.clock`), each month's
    weather-year hours laid on its own days and the data-center pattern on its own clock
    (`WeatherYears.in_month`: Feb 29 of a leap year from its weather year's Feb 28), an
    hour its weather year has no evidence for filled from that year's neighbouring hours
    (`WeatherYears.filled_shapes`);
    ``filled_share``: the share of the paths whose weather-year hour was so filled."""
    frames = []
    first = months[0].year
    for t in np.flatnonzero(np.asarray(months.year) == year):
        period = months[t]
        w = weather[:, period.year - first]
        total, base, dc = wy.in_month(base_mw[:, t], dc_mw[:, t], amplitude, w, period,
                                      filled=True)
        filled = np.take_along_axis(wy.missing[w, period.month - 1],
                                    wy.slots(w, period.month, month_slots(period, wy.clock)),
                                    axis=1)
        stamps = period_hours(period, wy.clock)
        frames.append(pd.DataFrame({
            "scenario": scenario, "hour_start_utc": stamps.strftime("%Y-%m-%dT%H:%MZ"),
            "total_p50_mw": np.median(total, axis=0),
            "base_p50_mw": np.median(base, axis=0),
            "data_center_p50_mw": np.median(dc, axis=0),
            "filled_share": filled.mean(axis=0),
        }))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
