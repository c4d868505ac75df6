"""Join several files of one region into one `RawSeries`, later files winning overlaps.

Rules:

- Files are taken in the order given. Where a timestamp (UTC hour start, or period) is present
  in a later file, every value an earlier file has for it is discarded: **the later file
  wins**. Timestamps only an earlier file has are kept, so a later file's holes are filled
  from earlier files.
- Every overlap is reported: the two files, the number of timestamps, the first and last,
  how many values differ (by more than 0.5 unit) and the largest absolute difference.
- All files must share the native frequency and the unit; otherwise `InputError`.
- Repeated timestamps *within* one file are left for `clean` to merge and report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from forecasting.errors import InputError
from forecasting.series.read import RawSeries

DIFFERENT = 0.5  # values further apart than this count as differing


@dataclass(frozen=True)
class OverlapReport:
    """Timestamps two files share; the later file's values were kept."""

    earlier: str
    later: str
    steps: int
    first: str
    last: str
    differing: int
    max_abs_diff: float

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        return (
            f"{self.later} replaces {self.steps} values of {self.earlier} "
            f"({self.first}..{self.last}; {self.differing} differ, max |diff| "
            f"{self.max_abs_diff:g})"
        )


def _stamp(t) -> str:
    return t.isoformat() if isinstance(t, pd.Timestamp) else str(t)


def _join(earlier: RawSeries, later: RawSeries) -> tuple[RawSeries, OverlapReport | None]:
    if later.freq != earlier.freq:
        raise InputError(
            later.source,
            f"cannot combine: its frequency {later.freq} differs from {earlier.freq} "
            f"of {earlier.source}",
        )
    if later.unit != earlier.unit:
        raise InputError(
            later.source,
            f"cannot combine: its unit '{later.unit}' differs from '{earlier.unit}' "
            f"of {earlier.source}",
        )
    shared = earlier.values.index.isin(later.values.index)
    overlap = None
    if shared.any():
        old = earlier.values[shared].groupby(level=0).mean()
        new = later.values.groupby(level=0).mean().reindex(old.index)
        diff = (new - old).abs()
        replaced_from = dict.fromkeys(earlier.origin["file"].to_numpy()[shared])
        overlap = OverlapReport(
            earlier=" + ".join(str(f) for f in replaced_from),
            later=later.source,
            steps=len(old),
            first=_stamp(old.index[0]),
            last=_stamp(old.index[-1]),
            differing=int((diff > DIFFERENT).sum()),
            max_abs_diff=float(diff.max()) if diff.notna().any() else 0.0,
        )
    keep = ~shared
    values = pd.concat([earlier.values[keep], later.values])
    origin = pd.concat([earlier.origin[keep], later.origin])
    order = np.argsort(values.index.asi8, kind="stable")
    formats = list(dict.fromkeys([*earlier.format.split("+"), later.format]))
    joined = RawSeries(
        values=values.iloc[order],
        source=f"{earlier.source} + {later.source}",
        format="+".join(formats),
        unit=earlier.unit,
        freq=earlier.freq,
        origin=origin.iloc[order],
        reads=earlier.reads + later.reads,
    )
    return joined, overlap


def combine(raws: Sequence[RawSeries]) -> tuple[RawSeries, list[OverlapReport]]:
    """One series from several, in order, later files winning (rules in the module doc)."""
    if not raws:
        raise ValueError("combine needs at least one series")
    result, overlaps = raws[0], []
    for nxt in raws[1:]:
        result, overlap = _join(result, nxt)
        if overlap is not None:
            overlaps.append(overlap)
    return result, overlaps
