"""A total's peak hour is not set aside because a small zone's hour in it was imputed. Found by
fuzzing (12a J1): the US48 sum's 2024 peak hour (567.6 GW) was set aside for NYIS-ZOND's 688
MW imputed, and over the EIA-930 zones four hours in ten of the sum had some zone imputed.
Now a total's hour is set aside only where its imputed zones hold more than 1% of it; a zone
on its own keeps the plain rule (its imputed hours are no peak evidence)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.many_zones.total_imputed_hours import IMPUTED_SHARE_MEASURED, total_imputed
from forecasting.zones.history import period_table

HOURS = pd.date_range("2024-01-01", "2024-12-31 23:00", freq="h", tz="UTC")
PEAK = HOURS[4500]   # the year's peak hour of both zones


def zone(level: float, rng) -> pd.Series:
    load = level * (1.0 + 0.1 * rng.random(len(HOURS)))
    load[HOURS.get_loc(PEAK)] = level * 1.5
    return pd.Series(load, index=HOURS)


def imputed_at(*hours) -> pd.Series:
    return pd.Series(HOURS.isin(list(hours)), index=HOURS)


def total_peak(loads, flags) -> float:
    total = sum(loads)
    aside = total_imputed(loads, flags, total.index)
    return float(period_table(total, "Y", imputed=aside)["peak_mw"].iloc[0])


def test_a_small_zones_imputed_hour_leaves_the_totals_peak_measured():
    rng = np.random.default_rng(0)
    big, small = zone(10_000.0, rng), zone(50.0, rng)   # the small one 0.5% of the total
    loads, flags = [big, small], [imputed_at(), imputed_at(PEAK)]
    assert total_peak(loads, flags) == (big + small)[PEAK]


def test_a_large_imputed_part_sets_the_totals_hour_aside():
    rng = np.random.default_rng(1)
    big, other = zone(10_000.0, rng), zone(700.0, rng)   # 6.5% of the total (NYIS-ZOND's)
    loads = [big, other]
    peak = total_peak(loads, [imputed_at(), imputed_at(PEAK)])
    assert peak < (big + other)[PEAK]
    assert peak == (big + other).drop(PEAK).max()


def test_a_zone_on_its_own_sets_its_imputed_hours_aside():
    rng = np.random.default_rng(2)
    load = zone(10_000.0, rng)
    assert total_peak([load], [imputed_at(PEAK)]) == load.drop(PEAK).max()


def test_the_threshold_is_the_imputed_share_of_the_hour():
    rng = np.random.default_rng(3)
    big = zone(10_000.0, rng)
    below = big * IMPUTED_SHARE_MEASURED * 0.9
    above = big * IMPUTED_SHARE_MEASURED * 1.2
    for part, aside in ((below, False), (above, True)):
        flags = total_imputed([big, part], [imputed_at(), imputed_at(PEAK)], HOURS)
        assert bool(flags[PEAK]) is aside
        assert flags.drop(PEAK).sum() == 0
