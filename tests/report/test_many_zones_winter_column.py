"""The many-zone node table's winter column is a winter across the turn of the year, named so:
winter 2030/31 beside summer 2030, or, for a run ending in its key year (no winter filed under
it: its January would be beyond the forecast), the run's last winter
(`many_zones_render.key_winter`, `many_zones_years.years_note`)."""

import pandas as pd

from forecasting.report.many_zones_render import key_winter
from forecasting.report.many_zones_years import years_note


def peaks(last: int) -> pd.DataFrame:
    rows = [{"region": "Z", "year": y, "season": s,
             "label": f"{y}/{(y + 1) % 100:02d}" if s == "winter" else str(y)}
            for y in range(2024, last + 1) for s in ("summer", "winter")
            if (s, y) not in (("summer", 2024), ("winter", last))]
    return pd.DataFrame(rows)


def test_the_key_years_winter_is_the_one_its_december_starts():
    assert key_winter(peaks(2035), 2030) == {"year": 2030, "label": "2030/31"}


def test_a_run_ending_in_its_key_year_shows_its_last_winter_and_says_so():
    assert key_winter(peaks(2027), 2027) == {"year": 2026, "label": "2026/27"}
    note = years_note([2025, 2026, 2027], 2027, "2026/27")
    assert "its winter peak of winter 2026/27, its last" in note


def test_an_archived_run_without_labels_keeps_the_key_year():
    assert key_winter(peaks(2027).drop(columns="label"), 2027) == {"year": 2027,
                                                                   "label": "2027"}
