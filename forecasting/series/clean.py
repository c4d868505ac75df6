"""Clean a `RawSeries` by documented rules; every change is counted and listed, never silent.

Rules, applied in this order (defaults in `CleaningRules`):

1. **Duplicates**: observations with the same timestamp (after conversion to UTC hour starts)
   or the same period are merged into their **mean** (NaN ignored). In an aggregated series
   (daily, monthly, annual) a period given twice with *different* values is an `InputError`
   naming both rows; identical repeats are merged. Reported: the number of
   rows merged away and the timestamps concerned. The merged row keeps the first row's
   provenance (file, row, label), and is imputed (``origin["imputed"]``) when any of the
   rows was: the mean holds a value no one measured.
2. **Regular grid**: the series is put on every hour (or period) from its first to its last
   timestamp. Hours absent from the file and NaN values are *missing*. Reported: the count,
   the number of runs and the first few missing timestamps.
3. **Outliers** (hourly data only; a within-week baseline means nothing for daily, monthly or
   annual totals): with a centred rolling window of ``window`` hours (default 168 = one week,
   at least half of it present) giving the median ``m`` and the MAD (rolling median of
   ``|x - m|``, scaled by 1.4826 to a standard deviation and floored at ``mad_floor`` (1 %) of
   ``|m|``), a value is an outlier if ``|x - m| > k * MAD`` (default ``k = 8``) or, where
   ``m > 0``, if ``x < low_fraction * m`` (default 0.3: a drop to under 30 % of the week's
   median load is a data error, not demand). Outliers become missing. Reported with time,
   value, baseline, the rule that fired, the file row and label, and the replacement.
   On the real DOM/MIDA files ordinary hours never exceed |x - m| = 5.5 MAD (cold snaps,
   heat waves and the December 2022 record peak included), hence the margin of ``k = 8``.
   ``window = 0`` switches the screening off.
4. **Filling**: a run of missing values (gaps and removed outliers alike) of at most
   ``max_gap`` steps with observed values on both sides is filled by linear interpolation
   (default 3 hours for hourly data; 0, i.e. no filling, for daily/monthly/annual data).
   Longer runs and runs at the ends stay NaN; resampling then uses the hours present and
   reports each period's coverage. Reported: filled and left-missing counts and the long gaps.
   A filled value is marked (``origin["filled"]``): it is no measurement, so a period's peak
   is never taken from it nor counted on it (`forecasting.series.resample`).

All timestamps in reports are ISO strings of UTC hour starts (or periods such as ``2023-01``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.series.read import RawSeries

MAD_TO_SD = 1.4826
FEW = 10  # "first few" timestamps listed for gaps
MANY = 100  # cap on listed duplicates and outliers (counts are always complete)


@dataclass(frozen=True)
class CleaningRules:
    """Thresholds of the cleaning rules (module docstring)."""

    max_gap: int | None = None  # None: 3 for hourly data, 0 for coarser data
    window: int = 168  # hours in the rolling outlier window; 0 switches screening off
    k: float = 8.0  # outlier threshold in MAD units
    low_fraction: float = 0.3  # below this fraction of the rolling median: outlier
    mad_floor: float = 0.01  # MAD floored at this fraction of |rolling median|

    def gap_limit(self, freq: str) -> int:
        if self.max_gap is not None:
            return self.max_gap
        return 3 if freq == "H" else 0


@dataclass
class CleaningReport:
    """Counts and dates of everything `clean` changed."""

    freq: str
    rules: dict
    observations: int = 0  # values in (including NaN and repeated timestamps)
    duplicates: int = 0  # rows merged away into a mean
    duplicate_times: list[str] = field(default_factory=list)
    missing: int = 0  # missing steps on the regular grid (absent or NaN in the source)
    missing_runs: int = 0
    missing_first: list[str] = field(default_factory=list)
    outliers: int = 0
    outlier_times: list[str] = field(default_factory=list)
    outlier_details: list[dict] = field(default_factory=list)
    filled: int = 0  # values filled by interpolation (gaps and outliers)
    left_missing: int = 0  # values still NaN after filling
    long_gaps: list[dict] = field(default_factory=list)  # runs left missing: start, end, steps

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> list[str]:
        """One line per rule, for a person to read."""
        step = "hours" if self.freq == "H" else "periods"
        lines = [
            f"duplicates: {self.duplicates} rows merged by mean"
            + (f" at {', '.join(self.duplicate_times[:FEW])}" if self.duplicates else ""),
            f"missing {step}: {self.missing} in {self.missing_runs} runs"
            + (f" (first: {', '.join(self.missing_first[:3])})" if self.missing else ""),
        ]
        if self.rules.get("outliers_applied"):
            shown = "; ".join(
                f"{d['time']} {d['value']:g} vs median {d['baseline']:.0f} ({d['rule']})"
                for d in self.outlier_details[:3]
            )
            lines.append(f"outliers: {self.outliers}" + (f" ({shown})" if shown else ""))
        lines.append(
            f"filled by interpolation: {self.filled}; left missing: {self.left_missing}"
            + (f" in {len(self.long_gaps)} long gaps" if self.long_gaps else "")
        )
        return lines


def _stamp(t) -> str:
    return t.isoformat() if isinstance(t, pd.Timestamp) else str(t)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) positions of the runs of True in a boolean array."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True))


def _grid(index: pd.Index, freq: str) -> pd.Index:
    if freq == "H":
        return pd.date_range(index[0], index[-1], freq="h", name=index.name)
    return pd.period_range(index[0], index[-1], freq=index.freq, name=index.name)


def find_outliers(
    values: pd.Series, rules: CleaningRules
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Flags, rolling medians and the rule name ('spread' or 'low') of a regular series."""
    minimum = max(rules.window // 2, 1)
    roll = {"window": rules.window, "center": True, "min_periods": minimum}
    median = values.rolling(**roll).median()
    deviation = (values - median).abs()
    mad = deviation.rolling(**roll).median()
    scale = np.maximum(MAD_TO_SD * mad, rules.mad_floor * median.abs())
    spread = deviation > rules.k * scale
    low = (median > 0) & (values < rules.low_fraction * median)
    flagged = (spread | low) & values.notna() & median.notna()
    rule = pd.Series(np.where(low, "low", "spread"), index=values.index)
    return flagged, median, rule


def _fill(values: pd.Series, limit: int) -> tuple[pd.Series, np.ndarray]:
    """Linear interpolation of interior NaN runs of at most `limit` steps."""
    missing = values.isna().to_numpy()
    fill = np.zeros(len(values), dtype=bool)
    if limit <= 0 or not missing.any():
        return values, fill
    inside = values.reset_index(drop=True).interpolate(limit_area="inside").to_numpy()
    for start, stop in _runs(missing):
        if stop - start <= limit and start > 0 and stop < len(values):
            fill[start:stop] = True
    out = values.copy()
    out[fill] = inside[fill]
    return out, fill


def _refuse_conflicts(values: pd.Series, origin: pd.DataFrame) -> None:
    """`InputError` naming both rows when an aggregated series gives one period two values."""
    frame = pd.DataFrame({"value": values.to_numpy(), "row": origin["row"].to_numpy(),
                          "file": origin["file"].to_numpy()}, index=values.index)
    for period, group in frame[values.index.duplicated(keep=False)].groupby(level=0):
        distinct = group.drop_duplicates("value")
        if len(distinct) > 1:
            a, b = distinct.iloc[0], distinct.iloc[1]
            raise InputError(
                str(a["file"]),
                f"period {period} appears twice with different values ({a['value']:g} in row "
                f"{int(a['row'])}, {b['value']:g} in row {int(b['row'])}); keep one",
                row=f"rows {int(a['row'])} and {int(b['row'])}",
                field="value",
            )


def clean(raw: RawSeries, rules: CleaningRules | None = None) -> tuple[RawSeries, CleaningReport]:
    """Apply the rules of the module docstring; return the regular series and the report."""
    rules = rules or CleaningRules()
    screen = raw.freq == "H" and rules.window > 0
    limit = rules.gap_limit(raw.freq)
    report = CleaningReport(
        freq=raw.freq,
        rules={**asdict(rules), "max_gap": limit, "outliers_applied": screen},
        observations=len(raw.values),
    )
    if raw.values.empty:
        return raw, report
    order = np.argsort(raw.values.index.asi8, kind="stable")  # origin is row-aligned
    values, origin = raw.values.iloc[order], raw.origin.iloc[order]

    repeated = values.index.duplicated(keep=False)
    if repeated.any() and raw.freq != "H":
        _refuse_conflicts(values, origin)
    if repeated.any():
        times = values.index[repeated].unique()
        merged = values.groupby(level=0, sort=True).mean()
        report.duplicates = len(values) - len(merged)
        report.duplicate_times = [_stamp(t) for t in times[:MANY]]
        values = merged
        first = origin[~origin.index.duplicated(keep="first")]
        if "imputed" in origin.columns:  # a merged hour is imputed if any of its rows was
            first = first.assign(imputed=origin["imputed"].astype(bool)
                                 .groupby(level=0, sort=True).any().to_numpy())
        origin = first

    grid = _grid(values.index, raw.freq)
    values = values.reindex(grid)
    origin = origin.reindex(grid)
    missing = values.isna().to_numpy()
    runs = _runs(missing)
    report.missing = int(missing.sum())
    report.missing_runs = len(runs)
    report.missing_first = [_stamp(t) for t in grid[missing][:FEW]]

    flagged = np.zeros(len(values), dtype=bool)
    if screen and len(values) > 1:
        flags, median, rule = find_outliers(values, rules)
        flagged = flags.to_numpy()
        report.outliers = int(flagged.sum())
        report.outlier_times = [_stamp(t) for t in grid[flagged][:MANY]]
        found = values[flagged].iloc[:MANY]
        details = []
        for t, v in found.items():
            where = origin.loc[t]
            details.append(
                {
                    "time": _stamp(t),
                    "value": float(v),
                    "baseline": float(median.loc[t]),
                    "rule": str(rule.loc[t]),
                    "file": where["file"],
                    "row": int(where["row"]),
                    "label": where["label"],
                    "replaced_by": None,
                }
            )
        report.outlier_details = details
        values = values.mask(flags)

    values, filled = _fill(values, limit)
    origin = origin.assign(filled=filled)
    report.filled = int(filled.sum())
    left = values.isna().to_numpy()
    report.left_missing = int(left.sum())
    report.long_gaps = [
        {"start": _stamp(grid[a]), "end": _stamp(grid[b - 1]), "steps": b - a}
        for a, b in _runs(left)[:MANY]
    ]
    for detail in report.outlier_details:
        t = pd.Timestamp(detail["time"])
        new = values.loc[t]
        detail["replaced_by"] = None if pd.isna(new) else round(float(new), 3)
    return replace(raw, values=values.astype(float), origin=origin), report
