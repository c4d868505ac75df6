"""coincidence.csv has no row for a year whose peak, the parent's or a child's, is no evidence
(a month of it with measured hours under 90%: `forecasting.seasons.year_peak_is_evidence`),
while history.csv's annual row still shows that year's largest measured hour. SWPP's 2021
and 2024 (20-30% of 2021-08 and of four 2024 months imputed in its zones) had given
coincidence factors of 0.961 and 0.950 from lower bounds."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.many_zones.node_task import (
    NodeTask,
    _coincidence,
    coincidence_rows,
    year_peaks,
)
from forecasting.many_zones.total_imputed_hours import total_imputed

CLOCK = "UTC"
HOURS = pd.date_range("2020-01-01", "2022-12-31 23:00", freq="h", tz="UTC")
AUGUST = (HOURS >= "2021-08-01") & (HOURS < "2021-09-01")  # 744 hours


def _zone(level: float, seed: int) -> pd.Series:
    rng = np.random.default_rng(seed)
    t = np.arange(len(HOURS))
    return pd.Series(level * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                              + 0.1 * rng.standard_normal(len(HOURS))), index=HOURS)


def _imputed_in_august(hours: int) -> pd.Series:
    flags = np.zeros(len(HOURS), dtype=bool)
    flags[np.flatnonzero(AUGUST)[:hours]] = True
    return pd.Series(flags, index=HOURS)


def _rows(b_imputed: int) -> pd.DataFrame:
    """The coincidence rows of T = A + B, B with ``b_imputed`` hours of 2021-08 imputed."""
    loads = {"A": _zone(1000.0, 1), "B": _zone(600.0, 2)}
    imputed = {"A": pd.Series(False, index=HOURS), "B": _imputed_in_august(b_imputed)}
    total = loads["A"] + loads["B"]
    task = NodeTask("T", "ba", ("A", "B"), ("A.csv", "B.csv"),
                    children=(("A", ("A",)), ("B", ("B",))))
    flags = total_imputed(list(loads.values()), list(imputed.values()), HOURS)
    return _coincidence(task, loads, imputed, total, flags, CLOCK)


def test_a_year_with_a_childs_month_of_few_measured_hours_has_no_coincidence():
    assert _rows(0)["year"].tolist() == [2020, 2021, 2022]
    assert _rows(74)["year"].tolist() == [2020, 2021, 2022]   # 670 of 744: 90.05%, evidence
    assert _rows(150)["year"].tolist() == [2020, 2022]        # 594 of 744: 79.8%
    # the years kept are measured as before
    pd.testing.assert_frame_equal(_rows(150).reset_index(drop=True),
                                  _rows(0).query("year != 2021").reset_index(drop=True))


def test_the_year_is_still_shown_with_its_largest_measured_hour():
    load = _zone(600.0, 2)
    flags = _imputed_in_august(150)
    years = year_peaks(load, clock=CLOCK, imputed=flags)
    year = pd.Period("2021", "Y")
    assert bool(years.loc[year, "complete"]) and not years.loc[year, "peak_evidence"]
    assert years.loc[year, "peak_mw"] == load[(HOURS.year == 2021) & ~flags.to_numpy()].max()
    assert years.drop(year)["peak_evidence"].all()


def test_a_single_child_total_leaves_the_year_out_too():
    """A total over one child takes its coincidence from the node below's years
    (`forecasting.many_zones.same_load`): 1.0 in each year whose peak is evidence."""
    years = year_peaks(_zone(600.0, 2), clock=CLOCK, imputed=_imputed_in_august(150))
    rows = coincidence_rows("T", years, {"B": years})
    assert rows["year"].tolist() == [2020, 2022]
    assert (rows["coincidence_factor"] == 1.0).all()
