"""Aggregate a (cleaned) `RawSeries` to the modelling frequency: Y, M, D or H periods.

The result follows the project-wide series convention: a float ``pandas.Series`` indexed by
a ``PeriodIndex`` of the requested frequency, sorted and without missing periods.

Rules:

- **Period boundaries** of Y, M and D are local civil time of ``period_tz`` (default
  ``America/New_York``, the zone of PJM and its DOM zone) for *every* hourly source, EIA-930
  included: a month is the hours from local midnight on its first day to local midnight on
  the next month's first day, so a day has 23 or 25 hours at a DST change. **Hourly periods
  (H) are UTC hours**, because a naive hourly ``PeriodIndex`` cannot repeat or skip the local
  hours of a DST change. Series that are already periods (generic Y/M/D files) only go to
  the same or a coarser frequency; ``period_tz`` does not apply to them.
- **Aggregates** over the hours present in a period: ``mean`` (mean MW), ``max`` (peak MW),
  ``sum`` (energy: the sum of hourly MW is MWh). A period missing some hours gets
  ``sum = mean x hours in the period`` -- exact for a complete period, an estimate scaled to
  the whole period otherwise (and reported as partial); its ``max`` is the max of the hours
  present.
- **Coverage** = values present / hours (or sub-periods) in the period.
  - The first and the last period of the data span (those cut by where the data begin and
    end) are dropped if their coverage is below ``edge_coverage`` (default 0.99): a series
    that starts mid-month drops that month, while a file that stops 6 hours short of local
    New Year (EIA-930 files cut at a UTC hour) keeps December and the year.
  - Any other period with coverage below ``min_coverage`` (default 0.5) is NaN, and one
    between that and 1 is computed from the hours present. NaN periods left at either end
    are dropped too, so the series starts and ends with a value.
  - Everything dropped, NaN or partial is reported with its coverage.

The input must have unique timestamps (run `clean` first); NaN values count as absent.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.series.read import RawSeries
from forecasting.series.time_zone import known_time_zone

DEFAULT_PERIOD_TZ = "America/New_York"
FREQS = {"H": "h", "D": "D", "M": "M", "Y": "Y"}  # ours -> pandas period alias
ORDER = "HDMY"  # finest to coarsest
AGGS = ("mean", "sum", "max")
POWER_UNITS = ("kW", "MW", "GW", "TW")


@dataclass
class ResampleReport:
    """What resampling kept, dropped and estimated."""

    freq: str
    agg: str
    period_tz: str | None  # zone of the period boundaries; None for period-native input
    unit: str  # unit of the result (sum of hourly MW is MWh)
    periods: int = 0
    first: str | None = None
    last: str | None = None
    dropped_edges: list[dict] = field(default_factory=list)  # {"period", "coverage"}
    partial: list[dict] = field(default_factory=list)  # kept, coverage < 1
    empty: list[dict] = field(default_factory=list)  # NaN, coverage < min_coverage

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> list[str]:
        def listing(items: list[dict]) -> str:
            shown = ", ".join(f"{d['period']} ({d['coverage']:.1%})" for d in items[:6])
            return shown + (", ..." if len(items) > 6 else "")

        zone = f" ({self.period_tz} periods)" if self.period_tz else ""
        lines = [
            f"{self.periods} {self.freq} periods {self.first}..{self.last}, "
            f"{self.agg} in {self.unit}{zone}"
        ]
        if self.dropped_edges:
            lines.append(f"incomplete edge periods dropped: {listing(self.dropped_edges)}")
        if self.partial:
            lines.append(f"partial periods kept: {listing(self.partial)}")
        if self.empty:
            lines.append(f"periods without enough data (NaN): {listing(self.empty)}")
        return lines


def output_unit(unit: str, agg: str, hourly: bool) -> str:
    """Unit of an aggregate: the sum of hourly power (MW) is energy (MWh)."""
    if agg != "sum":
        return unit
    if hourly and unit in POWER_UNITS:
        return unit + "h"
    return unit if unit.endswith("Wh") else f"sum of {unit}"


def _check(raw: RawSeries, freq: str, agg: str, period_tz: str) -> str:
    key = str(freq).upper()
    if key not in FREQS:
        raise InputError(
            raw.source, f"unknown frequency '{freq}'; expected Y, M, D or H", field="freq"
        )
    if agg not in AGGS:
        raise InputError(
            raw.source, f"unknown aggregate '{agg}'; expected mean, sum or max", field="agg"
        )
    if ORDER.index(key) < ORDER.index(raw.freq):
        raise InputError(
            raw.source,
            f"cannot resample {raw.freq} data to the finer frequency {key}",
            field="freq",
        )
    try:
        known_time_zone(period_tz)
    except ValueError as exc:
        raise InputError(raw.source, str(exc), field="period_tz") from None
    if raw.values.index.has_duplicates:
        raise ValueError("resample needs unique timestamps: clean() the series first")
    return key


def _hourly_periods(
    index: pd.DatetimeIndex, key: str, period_tz: str
) -> tuple[pd.PeriodIndex, str]:
    zone = "UTC" if key == "H" else period_tz
    local = index.tz_convert(zone).tz_localize(None)
    return local.to_period(FREQS[key]), zone


def _hours_in(periods: pd.PeriodIndex, key: str, zone: str) -> np.ndarray:
    if key == "H":
        return np.ones(len(periods))
    dst = np.ones(len(periods), dtype=bool)
    start = pd.DatetimeIndex(periods.start_time).tz_localize(
        zone, ambiguous=dst, nonexistent="shift_forward"
    )
    end = pd.DatetimeIndex((periods + 1).start_time).tz_localize(
        zone, ambiguous=dst, nonexistent="shift_forward"
    )
    return np.asarray((end - start) / pd.Timedelta(hours=1), dtype=float)


def _subperiods_in(periods: pd.PeriodIndex, native: str) -> np.ndarray:
    alias = FREQS[native]
    first = periods.asfreq(alias, how="start").asi8
    last = periods.asfreq(alias, how="end").asi8
    return (last - first + 1).astype(float)


def resample_with_report(
    raw: RawSeries,
    freq: str,
    agg: str = "mean",
    *,
    period_tz: str = DEFAULT_PERIOD_TZ,
    edge_coverage: float = 0.99,
    min_coverage: float = 0.5,
) -> tuple[pd.Series, ResampleReport]:
    """`resample`, also returning the `ResampleReport`."""
    key = _check(raw, freq, agg, period_tz)
    values = raw.values.dropna()
    if values.empty:
        raise InputError(raw.source, "no values to resample")
    if raw.freq == "H":
        periods_of, zone = _hourly_periods(values.index, key, period_tz)
    else:
        periods_of, zone = values.index.asfreq(FREQS[key]), None
    grouped = values.groupby(periods_of)
    stats = pd.DataFrame({"count": grouped.count(), "sum": grouped.sum(), "max": grouped.max()})
    span = pd.period_range(periods_of.min(), periods_of.max(), freq=FREQS[key])
    stats = stats.reindex(span)
    stats["count"] = stats["count"].fillna(0)
    expected = _hours_in(span, key, zone) if raw.freq == "H" else _subperiods_in(span, raw.freq)
    coverage = stats["count"].to_numpy() / expected

    report = ResampleReport(key, agg, zone, output_unit(raw.unit, agg, raw.freq == "H"))
    keep = coverage >= min_coverage
    keep[[0, -1]] = coverage[[0, -1]] >= edge_coverage
    kept = np.flatnonzero(keep)
    if not len(kept):
        raise InputError(
            raw.source,
            f"no {key} period is covered enough to keep (at least {edge_coverage:.0%} of its "
            f"values; the data run from {span[0]} to {span[-1]})",
        )
    lo, hi = int(kept[0]), int(kept[-1]) + 1

    def entry(i: int) -> dict:
        return {"period": str(span[i]), "coverage": round(float(coverage[i]), 6)}

    report.dropped_edges = [entry(i) for i in [*range(lo), *range(hi, len(span))]]
    mean = (stats["sum"] / stats["count"].replace(0, np.nan)).to_numpy()
    result = {"mean": mean, "sum": mean * expected, "max": stats["max"].to_numpy()}[agg]
    result = np.array(result, dtype=float)  # a writable copy
    for i in range(lo, hi):
        if not keep[i]:
            result[i] = np.nan
            report.empty.append(entry(i))
        elif coverage[i] < 1:
            report.partial.append(entry(i))
    out = pd.Series(result[lo:hi], index=span[lo:hi], name=f"{agg} {report.unit}")
    report.periods = len(out)
    report.first, report.last = str(out.index[0]), str(out.index[-1])
    return out, report


def resample(
    raw: RawSeries,
    freq: str,
    agg: str = "mean",
    *,
    period_tz: str = DEFAULT_PERIOD_TZ,
    edge_coverage: float = 0.99,
    min_coverage: float = 0.5,
) -> pd.Series:
    """Aggregate to ``freq`` ('Y', 'M', 'D' or 'H') with ``agg`` ('mean', 'sum', 'max').

    Rules in the module docstring; use `resample_with_report` to get what was dropped.
    """
    return resample_with_report(
        raw,
        freq,
        agg,
        period_tz=period_tz,
        edge_coverage=edge_coverage,
        min_coverage=min_coverage,
    )[0]
