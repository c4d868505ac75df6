"""Property tests of the history builder on generated observation tables."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.history.builder import build_history
from forecasting.history.rules import HistoryRules

SOURCES = pd.DataFrame({
    "source_id": ["old", "new"], "citation": ["o", "n"], "year_published": [2010, 2020],
    "where": ["-", "-"],
})


@st.composite
def tables(draw):
    years = sorted(draw(st.sets(st.integers(2000, 2030), min_size=2, max_size=15)))
    values = draw(st.lists(st.floats(1.0, 1000.0), min_size=len(years), max_size=len(years)))
    anchor_old = draw(st.floats(1.0, 1000.0))
    anchor_new = draw(st.floats(1.0, 1000.0))
    rows = [dict(year=y, twh=v, source_id="new") for y, v in zip(years, values, strict=True)]
    rows += [dict(year=1995, twh=anchor_old, source_id="old"),
             dict(year=1995, twh=anchor_new, source_id="new")]
    frame = pd.DataFrame(rows).assign(low_twh=float("nan"), high_twh=float("nan"),
                                      kind="observation", scope="total", row=range(len(rows)))
    return frame, years


RULES = HistoryRules(source_priority=("new", "old"), splice_year=1995,
                     splice_old_source="old", splice_new_source="new", first_year=1996)


@settings(max_examples=60, deadline=None)
@given(tables())
def test_history_is_reproduced_exactly_and_gaps_lie_between_neighbours(case):
    table, years = case
    built = build_history(table, SOURCES, RULES).series.set_index("year")
    assert built.index.tolist() == list(range(years[0], years[-1] + 1))
    given_values = table[table["year"] >= 1996].set_index("year")["twh"]
    for year, value in given_values.items():
        assert built.at[year, "twh"] == value
        assert built.at[year, "provenance"] == "published"
    for year in built.index[built["provenance"] == "interpolated"]:
        before = given_values[given_values.index < year].iloc[-1]
        after = given_values[given_values.index > year].iloc[0]
        assert min(before, after) * (1 - 1e-9) <= built.at[year, "twh"] <= max(before, after) * (
            1 + 1e-9)
