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
  present, of hourly data the measured ones (next rule).
- **Peaks** (``max`` of hourly data) follow a zone history's two rules
  (`forecasting.zones.history`), written once in `forecasting.seasons`: a period's peak is
  its largest **measured** hour, one the source did not impute (``origin["imputed"]``: an
  EIA-930 ``category`` other than ``OKAY``) and cleaning did not fill
  (``origin["filled"]``), since an imputed hour is the source's cleaners' guess and an
  interpolated one no reading at all; and a period's peak is **evidence** only when its
  measured hours cover at least ``MONTH_COMPLETE`` (90%) of its hours
  (`forecasting.seasons.peak_is_evidence`; a day and an hour are judged as a month is), a
  year's only when each of its twelve months' is (`year_peak_is_evidence`: the year's
  largest hour may lie in any month's unmeasured hours). A peak from fewer measured hours
  is a lower bound, not the peak: PSEI's 2020-04 has 720 hours, complete for energy, but
  696 of them imputed, so the max of all its hours (3,459 MW on New York months) was a
  guess and that of its 24 measured ones (3,352 MW) a lower bound; SWPP-LES's 2024-01 took
  an imputed 690 MW against 576 MW measured, 601 of its 744 hours. Such a period is NaN
  (not fitted, not scored) inside the series and dropped at its ends, and reported
  (``unmeasured``: its coverage, its measured share and, for a year, the months short),
  whatever ``min_coverage``. Energy and average (``sum``, ``mean``) keep imputed hours, as
  the zone run's do; ``max`` of period data (daily, monthly files: no hour to judge) is the
  max of the sub-periods present. A file without flags and without filled hours has every
  hour measured, so only the coverage rule applies.
- **Coverage** = values present / hours (or sub-periods) in the period.
  - The first and the last period of the data span (those cut by where the data begin and
    end) are dropped if their coverage is below ``edge_coverage`` (default 0.99): a series
    that starts mid-month drops that month, while a file that stops 6 hours short of local
    New Year (EIA-930 files cut at a UTC hour) keeps December and the year.
  - Any other period with coverage below ``min_coverage`` (default 0.5) is NaN, and one
    between that and 1 is computed from the hours present. NaN periods left at either end
    are dropped too, so the series starts and ends with a value.
  - Everything dropped, NaN or partial is reported with its coverage, a peak that is no
    evidence with its measured share too.

The input must have unique timestamps (run `clean` first); NaN values count as absent.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.seasons import MONTH_COMPLETE, peak_is_evidence, year_peak_is_evidence
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
    #: ``max`` of hourly data: periods whose peak is no evidence (too few measured hours),
    #: NaN inside the series and dropped at its ends; {"period", "coverage", "measured"}
    #: (the share of the period's hours measured) and, for a year, "months" (those short)
    unmeasured: list[dict] = field(default_factory=list)

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
        if self.unmeasured:
            shown = ", ".join(f"{d['period']} ({d['measured']:.1%} measured"
                              + (f"; {', '.join(d['months'][:3])}"
                                 + (", ..." if len(d["months"]) > 3 else "")
                                 if d.get("months") else "") + ")"
                              for d in self.unmeasured[:6])
            lines.append(f"peaks that are no evidence (measured hours, not imputed by the "
                         f"source, under {MONTH_COMPLETE:.0%} of the period's; NaN, dropped "
                         f"at the ends): {shown}" + (", ..." if len(self.unmeasured) > 6 else ""))
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


def _measured(raw: RawSeries) -> pd.Series:
    """The measured values of hourly ``raw`` (module doc), NaN elsewhere: present, not
    imputed by the source (``origin["imputed"]``) and not filled by cleaning
    (``origin["filled"]``); a column absent (a file without flags, an uncleaned series)
    marks nothing."""
    guessed = np.zeros(len(raw.values), dtype=bool)
    for column in ("imputed", "filled"):
        if column in raw.origin.columns:
            guessed |= raw.origin[column].eq(True).to_numpy()
    return raw.values.where(~guessed)


def _peak_evidence(
    measured: pd.Series, span: pd.PeriodIndex, key: str, zone: str
) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """Per period of ``span``: whether its peak is evidence (module doc: each month's
    measured hours cover `MONTH_COMPLETE` of it, `forecasting.seasons.peak_is_evidence`; a
    year's when each of its months' is, `year_peak_is_evidence`), its measured share, and
    for a year the months that fall short."""
    counted = measured.dropna()
    per_period = counted.groupby(_hourly_periods(counted.index, key, zone)[0]).count()
    hours = per_period.reindex(span, fill_value=0).to_numpy(dtype=float)
    length = _hours_in(span, key, zone)
    share = hours / length
    if key != "Y":
        return peak_is_evidence(hours, None, length), share, [[] for _ in span]
    months = pd.period_range(f"{span[0].year}-01", f"{span[-1].year}-12", freq="M")
    per_month = counted.groupby(_hourly_periods(counted.index, "M", zone)[0]).count()
    month_hours = per_month.reindex(months, fill_value=0).to_numpy(dtype=float)
    month_ok = peak_is_evidence(month_hours, None, _hours_in(months, "M", zone))
    years = year_peak_is_evidence(months, month_ok)
    short = [[str(m) for m, ok in zip(months, month_ok, strict=True) if m.year == p.year
              and not ok] for p in span]
    return years.reindex([p.year for p in span]).to_numpy(dtype=bool), share, short


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
    peaks = None
    evidence = np.ones(len(span), dtype=bool)
    if agg == "max" and raw.freq == "H":  # the largest measured hour (module doc)
        measured = _measured(raw)
        evidence, measured_share, short = _peak_evidence(measured, span, key, zone)
        peaks = measured.dropna()
        peaks = peaks.groupby(_hourly_periods(peaks.index, key, zone)[0]).max()
        peaks = peaks.reindex(span).to_numpy(dtype=float)
        valued = np.flatnonzero(keep & evidence)
        if not len(valued):
            raise InputError(
                raw.source,
                f"no {key} period's peak is evidence: none has measured hours (not imputed "
                f"by the source, not filled) for {MONTH_COMPLETE:.0%} of its hours"
                + (" in each of its months" if key == "Y" else "")
                + f" (the data run from {span[0]} to {span[-1]})",
            )
        kept = valued
    lo, hi = int(kept[0]), int(kept[-1]) + 1

    def entry(i: int) -> dict:
        return {"period": str(span[i]), "coverage": round(float(coverage[i]), 6)}

    report.dropped_edges = [entry(i) for i in [*range(lo), *range(hi, len(span))]
                            if not keep[i]]
    if peaks is not None:
        report.unmeasured = [
            {**entry(i), "measured": round(float(measured_share[i]), 6),
             **({"months": short[i]} if key == "Y" else {})}
            for i in np.flatnonzero(keep & ~evidence)
        ]
    mean = (stats["sum"] / stats["count"].replace(0, np.nan)).to_numpy()
    result = {"mean": mean, "sum": mean * expected, "max": peaks}[agg]
    if result is None:  # max of period data: the sub-periods present
        result = stats["max"].to_numpy()
    result = np.array(result, dtype=float)  # a writable copy
    for i in range(lo, hi):
        if not keep[i]:
            result[i] = np.nan
            report.empty.append(entry(i))
        elif not evidence[i]:
            result[i] = np.nan
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
