"""An EIA-930 ``category`` is read as the format is: stripped and case-insensitively, and an
empty cell is no flag (the hour is measured, as in a file without the column), so a file
whose flags are spelt ``okay`` or left empty keeps its peaks (fuzz 12a D7)."""

from __future__ import annotations

from forecasting.series.load import load_series
from forecasting.series.read import read_series
from forecasting.zones.history import build_history, period_table

HEADER = "date_time,raw demand (MW),category,cleaned demand (MW)"


def test_category_flags_are_compared_case_insensitively_and_blank_is_no_flag(write_csv):
    path = write_csv("eia.csv", header=HEADER, rows=[
        "2024-01-01 01:00:00,100,okay,100",
        "2024-01-01 02:00:00,101, Okay ,101",
        "2024-01-01 03:00:00,999,missing,150",
        "2024-01-01 04:00:00,102,,130",
        "2024-01-01 05:00:00,103,MISSING,140",
        "2024-01-01 06:00:00,104,OKAY,104",
    ])
    raw = read_series(path)
    assert raw.origin["imputed"].tolist() == [False, False, True, False, True, False]
    report = raw.reads[0]
    assert report.source_flags == {"MISSING": 2}  # one flag, whatever its spelling
    assert report.unflagged_rows == 1
    assert "1 rows with an empty category" in " ".join(load_series(path, freq="H")[1].summary())
    # the empty-category hour is measured: it is the month's peak; the imputed 150 and 140
    # still count for energy only
    history = build_history([raw])
    month = period_table(history.load, "M", imputed=history.imputed).iloc[0]
    assert month["peak_mw"] == 130.0
    assert month["imputed_hours"] == 2
