"""A year's peak is evidence only when each of its twelve months' is
(`forecasting.seasons.year_peak_is_evidence`): a year one of whose months has measured hours
for under `MONTH_COMPLETE` of it (SWPP's 2021-08, 20% imputed) keeps its largest measured
hour in history.csv's annual row, shown as a lower bound, but its peak is no evidence."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.seasons import MONTH_COMPLETE, year_peak_evidence, year_peak_is_evidence
from forecasting.zones.history import period_table
from tests.zones.synthetic import hourly_load

AUGUST = pd.Period("2021-08", "M")  # 744 hours (UTC)


def _zone() -> pd.Series:
    load = hourly_load(1000.0, "2020-01-01", "2022-12-31 23:00")
    load.index = load.index.tz_localize("UTC")
    return load


def _imputed(load: pd.Series, month: pd.Period, hours: int, first: int = 0) -> pd.Series:
    """``hours`` hours of ``month`` from its ``first``, flagged as imputed by the source."""
    inside = np.flatnonzero((load.index >= month.start_time.tz_localize("UTC"))
                            & (load.index < (month + 1).start_time.tz_localize("UTC")))
    flags = pd.Series(False, index=load.index)
    flags.iloc[inside[first:first + hours]] = True
    return flags


def test_a_year_with_one_month_of_few_measured_hours_shows_its_peak_but_has_no_evidence():
    load = _zone()
    flags = _imputed(load, AUGUST, 150)  # 594 of 744 measured: 79.8%, as SWPP's 2021-08
    years = period_table(load, "Y", imputed=flags)
    months = period_table(load, "M", imputed=flags)
    evidence = year_peak_evidence(months)
    assert evidence.to_dict() == {2020: True, 2021: False, 2022: True}
    # history.csv's annual row still shows the year, complete, at its largest measured hour
    row = years.loc[pd.Period("2021", "Y")]
    assert bool(row["complete"]) and row["imputed_hours"] == 150
    assert row["peak_mw"] == load[(load.index.year == 2021) & ~flags.to_numpy()].max()


def test_the_rule_is_each_months_not_the_years_share_of_measured_hours():
    load = _zone()
    one = _imputed(load, AUGUST, 148)  # 596 of 744 measured: 80.1%
    two = _imputed(load, AUGUST - 1, 74) | _imputed(load, AUGUST, 74)  # 90.05% each
    assert not year_peak_evidence(period_table(load, "M", imputed=one))[2021]
    assert year_peak_evidence(period_table(load, "M", imputed=two))[2021]


def test_a_year_the_table_holds_only_part_of_has_no_evidence_peak():
    months = pd.period_range("2021-03", "2022-12", freq="M")
    evidence = year_peak_is_evidence(months, np.ones(len(months), dtype=bool))
    assert evidence.to_dict() == {2021: False, 2022: True}  # 2021 from March only


@settings(max_examples=30, deadline=None)
@given(month=st.integers(1, 12), imputed=st.integers(0, 300), first=st.integers(0, 400))
def test_a_year_loses_its_evidence_exactly_when_one_of_its_months_does(month, imputed, first):
    load = _zone()
    period = pd.Period(f"2021-{month:02d}", "M")
    flags = _imputed(load, period, imputed, first)
    table = period_table(load, "M", imputed=flags)
    length = table.loc[period, "hours"] / table.loc[period, "coverage"]
    measured = (table.loc[period, "hours"] - table.loc[period, "imputed_hours"]) / length
    evidence = year_peak_evidence(table)
    assert evidence[2021] == bool(measured >= MONTH_COMPLETE)
    assert evidence[2020] and evidence[2022]  # the other years keep theirs
