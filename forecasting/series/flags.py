"""Hours the source filled in itself: they may be shown, never used as evidence.

The project's rule is that statistics use evidence only: an interpolated or filled value may
be shown, never scored, fitted as data or counted in a test. A load file can carry the
source's own flag for each hour; then the flag decides, here, once, for every path that reads
a series (`forecasting.series.load.load_series` behind ``dcload backtest/regimes --series``,
and a zone's history, `forecasting.zones.history.build_history`, and neighbours,
`forecasting.zones.read.read_neighbours`):

- **The flag column.** The EIA-930 files (``date_time, raw demand (MW), category, cleaned
  demand (MW)``) are the cleaned release of Ruggles and Farnham ("EIA Cleaned Hourly
  Electricity Demand Data", doi:10.5281/zenodo.3517197). Their ``category`` says how each
  raw value was screened, and every hour whose category is not ``OKAY`` (``MISSING``,
  ``DELTA``, ``SINGLE_DELTA``, ``IDENTICAL_RUN``, ``ANOMALOUS_REGION``, ``NEG_OR_ZERO``,
  ``LOCAL_DEM_UP``/``DOWN``, ``GLOBAL_DEM``, ``GLOBAL_DEM_PLUS_MINUS``) holds an **imputed**
  ``cleaned demand``: on the 111 zone files of 2020-2024 the cleaned value differs from the
  raw one on 71k of those 71.8k hours, while an ``OKAY`` hour's cleaned value is its raw one.
  The share is large where it matters: AEC 67% of its hours, PSEI 20% (7,727 of PSEI's
  ``MISSING`` hours carry non-zero imputed load), CISO-VEA 6.3%, SWPP-INDN 3.4%, the median
  zone 0.4% (PJM's zones a local day each March and November).
- **The rule.** An hour whose flag is present and is not ``OKAY`` (an empty flag included:
  unscreened is not screened) is not evidence. Its value is set aside right after the zeros
  are decided (a flagged 0, as EIA-930 writes for many ``MISSING`` hours, is no value and is
  counted with the zeros when they are no data: `forecasting.series.zeros`,
  `forecasting.zones.history`) and before the outlier screen and coverage: it is neither
  fitted nor scored, does not count towards a period's coverage (a month with over 10% of
  its hours imputed is left out like a month with 10% of its hours missing), does not set a
  peak and does not pull the screen's rolling medians. The value is kept beside the series
  (`SetAside.filled`) for display, as a filled value.
- Rows come from the reader: a file with a flag column gives its series' ``origin`` a
  `FLAG_COLUMN` (the flag as written, stripped); `combine` and `clean` carry ``origin`` with
  the values, so a later file that wins an hour brings its own flag. A file without a flag
  column gives no such column, and nothing here changes its series.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

import numpy as np
import pandas as pd

from forecasting.series.read import FLAG_COLUMN, OK_FLAG, RawSeries

#: what the set-aside hours are, in the lines a person reads
IMPUTED_WORDS = "imputed by the source (EIA-930 category not OKAY)"
LIST_LIMIT = 6


@dataclass(frozen=True)
class ImputedReport:
    """Hours whose value the source imputed (flag not ``OKAY``), set aside as no evidence."""

    flagged: bool = False  # some file of the series carries a flag column
    hours: int = 0  # values set aside
    by_flag: dict[str, int] = field(default_factory=dict)  # the source's flags, most first
    first: str | None = None  # the first one as the file writes it, with its file and row

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> list[str]:
        """One line for a person to read (none without set-aside hours)."""
        if not self.hours:
            return []
        flags = ", ".join(f"{k} {v:,}" for k, v in list(self.by_flag.items())[:LIST_LIMIT])
        more = ", ..." if len(self.by_flag) > LIST_LIMIT else ""
        return [f"{self.hours:,} hour(s) {IMPUTED_WORDS}: {flags}{more}; first {self.first}; "
                "not used as evidence (shown as filled values only: never fitted, scored, "
                "counted towards a period's coverage or taken as a peak)"]


@dataclass(frozen=True, eq=False)
class SetAside:
    """A series with its imputed values made missing, what was set aside, and the values."""

    raw: RawSeries
    report: ImputedReport
    filled: pd.Series  # the source's imputed values at their hours, for display only

    @property
    def times(self) -> pd.Index:
        """The timestamps set aside (each once)."""
        return self.filled.index.unique()


def has_flags(raw: RawSeries) -> bool:
    """Whether some file of `raw` carries a flag column (EIA-930's ``category``)."""
    return FLAG_COLUMN in raw.origin.columns


def imputed_rows(raw: RawSeries) -> np.ndarray:
    """Per row of ``raw.values``: its flag is present and is not ``OKAY`` (module docstring).
    Rows of a file without a flag column (NaN in a combined series' origin) are not."""
    if not has_flags(raw):
        return np.zeros(len(raw.values), dtype=bool)
    flags = raw.origin[FLAG_COLUMN]
    return (flags.notna() & (flags.astype(str) != OK_FLAG)).to_numpy()


def set_aside_imputed(raw: RawSeries) -> SetAside:
    """`raw` with every imputed value (a flag not ``OKAY``, module docstring) made missing, the
    report of what was set aside, and those values for display. A series without a flag
    column is returned as it is."""
    empty = pd.Series([], index=raw.values.index[:0], dtype=float, name=raw.values.name)
    if not has_flags(raw):
        return SetAside(raw, ImputedReport(), empty)
    values = raw.values.astype(float)
    imputed = imputed_rows(raw) & values.notna().to_numpy()
    if not imputed.any():
        return SetAside(raw, ImputedReport(flagged=True), empty)
    flags = raw.origin[FLAG_COLUMN].to_numpy()[imputed]
    counts = pd.Series(flags).astype(str).value_counts()
    where = raw.origin.iloc[int(np.flatnonzero(imputed)[0])]
    report = ImputedReport(
        flagged=True,
        hours=int(imputed.sum()),
        by_flag={str(k): int(v) for k, v in counts.items()},
        first=f"{where['file']} row {int(where['row'])}, {where['label']} "
              f"({where[FLAG_COLUMN] or 'no flag'})",
    )
    masked = replace(raw, values=values.mask(imputed))
    return SetAside(masked, report, values[imputed])
