"""A zone's hourly load history on one clock (UTC) with provenance, and its monthly and
annual energy, average and peak derived from evidence hours only.

Rules:

- The files are joined by `forecasting.series.combine` (later file wins an overlap; the
  EIA-930 2020-2024 release wins over the 2018-2020 one for 2020-01..2020-09) and cleaned by
  `forecasting.series.clean` with **no filling** (``max_gap=0``): repeated DST fall-back
  hours are merged by mean, the screening removes the bad value (2009-12-12, 1,253 MW), and
  every hour without a value stays NaN with ``evidence = False``. Nothing is interpolated.
  A value of zero or below is not load (a balancing authority that stopped reporting writes
  0: AEC from 2021-09) and is not evidence either; it is set aside before the screening
  (counted as ``not_load_hours``, never as an outlier, and not pulling down the medians).
- ``hourly`` has one row per UTC hour start from the first to the last hour: ``mw``,
  ``source`` (the file the value came from; empty for a missing hour), ``evidence``,
  ``imputed`` and ``gap`` (the hour belongs to a run of missing hours longer than
  ``GAP_HOURS``, such as the 2018-08-04..2018-09-30 hole between the PJM and EIA files).
- An **imputed** hour is an evidence hour whose value the source says its cleaners imputed
  (EIA-930 ``category`` not ``OKAY``: ``MISSING``, ``ANOMALOUS_REGION``, ``IDENTICAL_RUN``,
  ...; a file without a category imputes nothing; `forecasting.series.read`). It counts for
  energy, average and coverage (setting such hours aside everywhere left 31 of the 111
  EIA-930 zones without an unbroken run of complete months: commit 139129b, reverted), but
  it is no measurement of a peak: ``peak_mw`` is the largest **measured** hour (`measured`:
  evidence and not imputed), and a period all of whose evidence hours are imputed has no
  peak (NaN, empty in history.csv). Why: imputed hours had set 17 of 1,221 EIA-930
  season-years' peaks, SWPP-LES's winter 2024 at 690 MW against 576 MW measured (+19.8%).
- A month's peak is **evidence** (fitted and scored by the peak models, a held-out actual,
  a month of a weather year) only when its measured hours cover at least ``MONTH_COMPLETE``
  of the month, the share energy's completeness asks of evidence hours
  (`forecasting.seasons.peak_is_evidence`, the one place the rule is written). A peak from
  fewer measured hours is a lower bound of the month's peak, not the peak: PSEI's 2020-04
  (UTC) is complete for energy, 720 hours, but 696 of them imputed, and its peak of the 24
  measured hours was fitted and scored.
  history.csv still shows such a peak (its ``imputed_hours`` says how few hours it rests
  on), and a floor may take it (a forecast month or season partly in the history is never
  below an hour it already measured: a lower bound is what a floor needs).
- A year's peak is evidence only when each of its twelve months' is
  (`forecasting.seasons.year_peak_is_evidence`): the year's largest hour may lie in the
  hours a month did not measure. ``peak_mw`` of an annual row is the year's largest measured
  hour all the same, shown as a month's is (its monthly rows say which month falls short;
  the zone report names such years and draws them apart as lower bounds), and no statistic
  takes it: the many-zone run's coincidence of peaks leaves the year out. 49 of the 548
  complete EIA-930 zone-years (30 zones) have such a month, 34 of them SWPP's 2021 and 2024
  (20-30% of the hours of 2021-08 and of four 2024 months imputed); Dominion has none.
- Periods are calendar months/years on the zone's clock (``clock``, an IANA name: the zone
  config's ``timezone``, a many-zone node's clock): an hour belongs to the month its start
  falls in on that clock, so a local month of a daylight-saving change has an hour fewer or
  more (`hours_in`: 743 in March, 721 in November on US clocks) and the evening of the 31st
  in Virginia is in its own month, not in the next UTC month (which had put a Sep 30
  evening peak in October). Hours stay UTC instants; only the grouping follows the clock,
  as `dcload backtest --series-tz` groups. Without a clock (the benchmarks,
  `build_history(raws)`) periods are UTC months.
- ``energy_gwh`` is the sum of the evidence hours (MWh / 1000), ``avg_mw`` their mean and
  ``peak_mw`` the maximum of the measured ones; ``hours`` counts evidence hours,
  ``imputed_hours`` those of them the source imputed, ``coverage`` = hours / hours in the
  period on the clock. A month is **complete** when
  its coverage is at least ``MONTH_COMPLETE`` (0.90), a year when its coverage is at least
  ``COMPLETE`` (0.99); partial months (DOM 2018-08 and 2018-09, in the hole between its files)
  keep their evidence-only figures but are flagged and are not used to fit or score models.
  Energy is not scaled up for missing hours. Why 0.90 for a month: with a random run of
  missing hours taking 10% of a month, the month's evidence mean is off by 0.5% (median; 1.7%
  at the 95th percentile) and its peak is missed in 9% of months, by 1.9% at the 95th
  percentile, against a 4.1% median year-on-year change of a month's mean, the smallest
  forecast error the models beat (`benchmarks/month_coverage/`, every fully covered month of
  the 111 EIA-930 zones). A stricter rule refuses real zones for a storm's few hours (TEC,
  CPLW, SPA) or three 2-day outages (LDWP).
- ``COMPLETE``, ``UTC`` and periods on a clock (`period_start`, `period_length`) are
  `forecasting.seasons`'s, where the weather-year rule that the report reads back is too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from forecasting.seasons import (
    COMPLETE,
    MONTH_COMPLETE,
    UTC,
    period_length,
    period_start,
)
from forecasting.series.clean import CleaningReport, CleaningRules, clean
from forecasting.series.combine import OverlapReport, combine
from forecasting.series.read import RawSeries

GAP_HOURS = 24


@dataclass(frozen=True)
class ZoneHistory:
    hourly: pd.DataFrame  # index hour_start_utc; mw, source, evidence, imputed, gap
    cleaning: CleaningReport
    overlaps: tuple[OverlapReport, ...]

    @property
    def load(self) -> pd.Series:
        """Evidence MW (NaN where there is none), UTC hour starts."""
        return self.hourly["mw"]

    @property
    def imputed(self) -> pd.Series:
        """Evidence hours whose value the source imputed (bool, UTC hour starts): energy,
        not peaks (module docstring)."""
        return self.hourly["imputed"]

    @property
    def measured(self) -> pd.Series:
        """Measured MW: evidence hours the source did not impute (NaN elsewhere), the hours
        a peak is taken from."""
        return self.load.where(~self.imputed)

    not_load_hours: int = 0  # hours whose value was zero or negative
    repeated_samples: int = 0  # sub-hourly samples given twice (merged before their hour)
    clock: str = "UTC"  # the clock its months and years are on (module docstring)

    def gaps(self) -> list[dict]:
        """The flagged long gaps: first and last missing hour, hours."""
        return [g for g in self.cleaning.long_gaps if g["steps"] > GAP_HOURS]

    def quality(self) -> dict:
        """What the cleaning did to the zone's hours, for the manifest and the report: hours
        from the first to the last, those with evidence, and why the others are not
        (absent or empty, screened as outliers, zero or negative), rows merged, long gaps,
        partial months and overlapping files."""
        hourly, cleaning = self.hourly, self.cleaning
        months = period_table(self.load, "M", self.clock)
        outliers = int(cleaning.outliers)
        missing = int((~hourly["evidence"]).sum())
        longest = max(self.gaps(), key=lambda g: g["steps"], default=None)
        return {
            "first_hour_utc": _utc(hourly.index[0]),
            "last_hour_utc": _utc(hourly.index[-1]),
            "hours": len(hourly),
            "evidence_hours": len(hourly) - missing,
            "absent_hours": missing - outliers - self.not_load_hours,
            "outlier_hours": outliers,
            "outlier_examples": [
                {"time": _utc(d["time"]), "value": float(d["value"]),
                 "baseline": float(d["baseline"]), "rule": str(d["rule"])}
                for d in cleaning.outlier_details[:3]],
            "not_load_hours": self.not_load_hours,
            "imputed_hours": int(self.imputed.sum()),
            "duplicate_rows": int(cleaning.duplicates) + self.repeated_samples,
            "long_gaps": len(self.gaps()),
            "longest_gap": None if longest is None else {
                "first": _utc(longest["start"]), "last": _utc(longest["end"]),
                "hours": int(longest["steps"])},
            "partial_months": [str(p) for p in months.index[~months["complete"].to_numpy()]],
            **_repeats(self.load),
            "overlaps": [o.summary() for o in self.overlaps],
        }


#: hours one value must repeat to be flagged as a possibly stuck meter: the longest run in the
#: 111 EIA-930 zones, 2020-2024, is 5 hours (a 100 MW zone in whole MW)
REPEAT_HOURS = 24


def _repeats(load: pd.Series) -> dict:
    """Runs of at least `REPEAT_HOURS` consecutive hours with one value: flagged (a stuck
    meter is not load), not removed (a flat industrial zone in whole MW can be)."""
    values = load.to_numpy(dtype=float)
    same = np.r_[False, values[1:] == values[:-1]]  # NaN never equals: gaps break runs
    padded = np.concatenate([[0], same.astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(padded))
    runs = [(stop - start + 1, start - 1) for start, stop in zip(edges[0::2], edges[1::2],
                                                                 strict=True)]
    long = [(hours, first) for hours, first in runs if hours >= REPEAT_HOURS]
    hours, first = max(long, key=lambda r: (r[0], -r[1]), default=(0, 0))
    return {"repeated_value_runs": len(long),
            "longest_repeat": None if not long else {
                "first": _utc(load.index[first]), "hours": int(hours),
                "mw": float(values[first])}}


def _utc(stamp) -> str:
    """An hour as 2024-04-11T18:00Z."""
    t = pd.Timestamp(stamp)
    return (t.tz_convert("UTC") if t.tzinfo else t).strftime("%Y-%m-%dT%H:%MZ")


def build_history(raws: Sequence[RawSeries], clock: str = UTC) -> ZoneHistory:
    """Join, clean without filling, and flag (module docstring); its periods on ``clock``."""
    raw, overlaps = combine(list(raws))
    raw, not_load_times = _set_aside_not_load(raw)
    cleaned, report = clean(raw, CleaningRules(max_gap=0))
    mw = cleaned.values.astype(float)
    not_load = int(mw.loc[not_load_times].isna().sum())  # not an hour also given a load
    evidence = mw.notna().to_numpy()
    source = cleaned.origin["file"].where(evidence, "").fillna("")
    flagged = cleaned.origin.get("imputed")
    imputed = evidence & (np.zeros(len(mw), dtype=bool) if flagged is None
                          else flagged.eq(True).to_numpy())  # NaN: an hour not in a file
    gap = np.zeros(len(mw), dtype=bool)
    padded = np.concatenate([[0], (~evidence).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(padded))
    for start, stop in zip(edges[0::2], edges[1::2], strict=True):
        if stop - start > GAP_HOURS:
            gap[start:stop] = True
    hourly = pd.DataFrame(
        {"mw": mw.to_numpy(), "source": source.to_numpy(), "evidence": evidence,
         "imputed": imputed, "gap": gap},
        index=mw.index.rename("hour_start_utc"),
    )
    repeated = sum(r.repeated_samples for raw in raws for r in raw.reads)
    return ZoneHistory(hourly, report, tuple(overlaps), not_load_hours=not_load,
                       repeated_samples=repeated, clock=clock)


def _set_aside_not_load(raw: RawSeries) -> tuple[RawSeries, pd.DatetimeIndex]:
    """`raw` with its zero or negative values made missing, and their hours: a zone that
    stopped reporting, not load (module docstring). Done before `clean`, whose outlier screen
    would otherwise take them as drops below the week's median."""
    values = raw.values.astype(float)
    not_load = (values <= 0).to_numpy()
    return replace(raw, values=values.mask(not_load)), values.index[not_load].unique()


def hours_in(months: pd.PeriodIndex, clock: str = UTC) -> np.ndarray:
    """Hours of each month on ``clock`` (days x 24 on UTC; an hour fewer or more for a local
    month of a daylight-saving change: 743 in a US March, 721 in a US November)."""
    if clock == UTC:
        return np.asarray(months.days_in_month, dtype=float) * 24.0
    return np.asarray([period_length(p, clock) for p in months], dtype=float)


def period_hours(period: pd.Period, clock: str = UTC) -> pd.DatetimeIndex:
    """The UTC hour starts of ``period`` on ``clock`` (`period_length` of them)."""
    return pd.date_range(period_start(period, clock), periods=int(period_length(period, clock)),
                         freq="h")


def period_labels(index: pd.DatetimeIndex, freq: str, clock: str = UTC) -> pd.PeriodIndex:
    """Calendar periods ('M' or 'Y') of hour starts on ``clock`` (module docstring)."""
    return index.tz_convert(clock).tz_localize(None).to_period(freq)


def period_table(load: pd.Series, freq: str, clock: str = UTC,
                 imputed: pd.Series | None = None) -> pd.DataFrame:
    """energy_gwh, avg_mw, peak_mw, hours, coverage, complete per period of evidence hours,
    periods on ``clock`` (coverage: evidence hours over the period's hours on that clock).
    ``imputed`` (bool per hour of ``load``, `ZoneHistory.imputed`): the peak is the largest
    hour not imputed (NaN for a period with none), and an ``imputed_hours`` column counts
    the evidence hours imputed; energy, average, hours and coverage keep them (module
    docstring)."""
    periods = period_labels(load.index, freq, clock)
    grouped = load.groupby(periods)
    hours = grouped.count()
    labels = hours.index
    length = pd.Series([period_length(p, clock) for p in labels], index=labels, dtype=float)
    flagged = None
    if imputed is not None:
        flagged = imputed.reindex(load.index, fill_value=False).to_numpy(dtype=bool)
        flagged &= load.notna().to_numpy()
    peaks = grouped.max() if flagged is None else \
        load.where(~flagged).groupby(periods).max().reindex(labels)
    table = pd.DataFrame(
        {
            "energy_gwh": grouped.sum(min_count=1) / 1000.0,
            "avg_mw": grouped.mean(),
            "peak_mw": peaks,
            "hours": hours.astype(int),
            "coverage": hours / length,
        }
    )
    if flagged is not None:
        counts = pd.Series(flagged, index=load.index).groupby(periods).sum()
        table.insert(4, "imputed_hours", counts.reindex(labels).astype(int))
    table["complete"] = table["coverage"] >= (MONTH_COMPLETE if freq == "M" else COMPLETE)
    table.index.name = "period"
    return table
