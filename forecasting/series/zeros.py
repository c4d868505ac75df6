"""Zero values of a load file: no data, or load that truly is zero, decided by the file's
other values.

EIA-930 writes 0 as `cleaned demand` for the hours a balancing authority did not report
(category ``MISSING``: PSEI's 1,017 hours of 2020-01/02, AEC's from 2021-09), and a meter that
stops writes 0 too; a zone history takes every zero hour as no data
(`forecasting.zones.history`). A file given to `dcload backtest` or `regimes` may also be a
series that truly reaches zero (a data center's load before it opened, a tiny meter, a test
fixture), so here the evidence decides:

- the zeros are **no data** when the file's positive values never come near zero: their 1st
  percentile is at least `FAR_FROM_ZERO` (a tenth) of their median. Every EIA-930 zone of
  2020-2024 is so (17% for SPA, the lowest; 62% for PSEI), so a zero there is a jump from the
  zone's load to nothing, not a quiet hour;
- otherwise (values that come down to zero on their own, or no positive value at all) a zero
  is a value.

Zeros taken as no data are set aside before cleaning, so they neither pull the outlier
screen's rolling medians down (which screened PSEI's real hours after its outage as outliers)
nor count as outliers; they are missing values, and a period left without enough evidence is
left out (`forecasting.series.resample`). Values below zero are refused when a file is read.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np

from forecasting.series.read import RawSeries

#: the 1st percentile of a file's positive values, as a share of their median, from which its
#: zeros are no data (module docstring)
FAR_FROM_ZERO = 0.1
#: the low percentile compared with the median (a few glitches of a large zone do not count)
LOW_PERCENTILE = 1.0


@dataclass(frozen=True)
class ZeroReport:
    """The zeros of a series, and whether they were taken as no data."""

    zeros: int = 0
    first: str | None = None  # the first zero as the file writes it, with its file and row
    no_data: bool = False
    low_share: float | None = None  # 1st percentile of the positive values / their median

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> list[str]:
        """One line for a person to read (none without zeros)."""
        if not self.zeros:
            return []
        head = f"{self.zeros} zero value(s) (first {self.first})"
        if self.no_data:
            return [f"{head} taken as no data (a meter or area that stopped reporting, as "
                    "EIA-930 writes its MISSING hours), since the file's other values never "
                    f"come near zero (1st percentile {self.low_share:.0%} of the median)"]
        why = ("the file holds no positive value" if self.low_share is None else
               "the file's values come near zero on their own (1st percentile "
               f"{self.low_share:.0%} of the median, under {FAR_FROM_ZERO:.0%})")
        return [f"{head} kept as values, since {why}"]


def set_aside_zeros(raw: RawSeries) -> tuple[RawSeries, ZeroReport]:
    """`raw` with its zeros made missing when they are no data (module docstring), and the
    report of what was found and decided."""
    values = raw.values.astype(float)
    zero = (values <= 0).to_numpy()
    if not zero.any():
        return raw, ZeroReport()
    where = raw.origin.iloc[int(np.flatnonzero(zero)[0])]
    first = f"{where['file']} row {int(where['row'])}, {where['label']}"
    positive = values.to_numpy()[values.to_numpy() > 0]
    if not len(positive):
        return raw, ZeroReport(int(zero.sum()), first)
    share = float(np.percentile(positive, LOW_PERCENTILE) / np.median(positive))
    report = ZeroReport(int(zero.sum()), first, share >= FAR_FROM_ZERO, share)
    if not report.no_data:
        return raw, report
    return replace(raw, values=values.mask(zero)), report
