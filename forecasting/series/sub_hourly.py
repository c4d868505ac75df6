"""Sub-hourly load (every 5, 15 or 30 minutes) made hourly: a power averaged, an energy summed.

An hour's load is the mean of its samples that hold a value, when at least half of the
samples its step gives an hour (`MIN_SHARE` of 60 / step) do; otherwise the hour has no
evidence (NaN) and cleaning reports it as missing, like an empty hourly cell.

A sample in an energy unit (kWh, MWh: an interval meter's energy over its interval) is
first made its interval's mean power (x 60 / step), so the same rule holds: the hour's
energy is the sum of its samples (four quarter hours of 25 MWh are 100 MWh, the hour's mean
power 100 MW, not 25), and an hour missing some samples, but not half, is the mean of those
present x the samples an hour has, as a power hour is their mean. The hour keeps the unit
(MWh: each hour's energy, which `forecasting.zones.read` takes as its mean power). Why:
averaging an energy publishes a 15-minute file 4 times too low, a 5-minute one 12 times.

Samples given twice for one time are merged by their mean first (as hourly rows given twice
are) and counted (`repeated`), so the read report and a zone's data quality say so. Each
hour keeps the file row and date text of its first sample, so errors and provenance still
point into the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: share of an hour's samples that must hold a value for the hour to be evidence
MIN_SHARE = 0.5


@dataclass(frozen=True)
class HourlyMeans:
    values: pd.Series      # hour start (UTC) -> mean MW (an energy: the hour's), NaN without
                           # enough samples
    origin: pd.DataFrame   # hour start -> file, row and label of its first sample
    short_hours: int       # hours with samples but fewer than MIN_SHARE of them with values
    repeated: int = 0      # sample rows repeating an earlier row's time, merged by their mean
    energy: bool = False   # samples were each interval's energy, summed to the hour

    def note(self, step: int) -> str:
        short = (f"; {self.short_hours} hour(s) with under half their samples are missing"
                 if self.short_hours else "")
        twice = (f"; {self.repeated} sample(s) given twice, merged by their mean"
                 if self.repeated else "")
        made = "summed (energy per interval)" if self.energy else "averaged"
        return f"every {step} minutes, {made} to {len(self.values)} hours{short}{twice}"


def hourly_means(values: pd.Series, origin: pd.DataFrame, step: int, *,
                 energy: bool = False) -> HourlyMeans:
    """`values` and `origin` indexed by sample time (sorted, UTC), sampled every `step`
    minutes -> one row per hour (module docstring); ``energy``: each value is its interval's
    energy, and the hour's is their sum."""
    repeated = int(values.index.duplicated().sum())
    if repeated:
        first = ~values.index.duplicated(keep="first")
        origin = origin.iloc[np.flatnonzero(first)]
        values = values.groupby(level=0, sort=True).mean()
    hours = values.index.floor("h")
    frame = pd.DataFrame({"value": values.to_numpy(), "hour": hours})
    grouped = frame.groupby("hour", sort=True)["value"]
    means, counts = grouped.mean(), grouped.count()
    if energy:
        means = means * (60 / step)  # an interval's energy -> its mean power, then the hour's
    needed = MIN_SHARE * 60 / step
    enough = (counts >= needed).to_numpy()
    hourly = pd.Series(np.where(enough, means.to_numpy(), np.nan), index=means.index,
                       name=values.name)
    hourly.index = pd.DatetimeIndex(hourly.index).rename(values.index.name)
    first = ~pd.Index(hours).duplicated(keep="first")
    first_rows = origin.iloc[np.flatnonzero(first)]
    first_rows.index = hourly.index
    short = int(((counts > 0).to_numpy() & ~enough).sum())
    return HourlyMeans(hourly, first_rows, short, repeated, energy)
