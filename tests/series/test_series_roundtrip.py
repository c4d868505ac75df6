"""Property: a series written in any supported shape and read back has the same values at
the same periods (sampling inferred from the dates alone, columns found without flags)."""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecasting.series import read_series

FREQS = {"Y": "Y", "M": "M", "D": "D", "H": "h"}
LABELS = {  # how each frequency may be written in a file
    "Y": ["%Y", "%Y-01-01"],
    "M": ["%Y-%m", "%Y-%m-01"],
    "D": ["%Y-%m-%d"],
    "H": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"],
}


@st.composite
def series_files(draw):
    freq = draw(st.sampled_from(sorted(FREQS)))
    n = draw(st.integers(2, 40))
    start = pd.Period(draw(st.dates(pd.Timestamp("1990-01-01").date(),
                                    pd.Timestamp("2030-01-01").date())), freq=FREQS[freq])
    values = draw(st.lists(st.floats(0, 1e7, allow_nan=False), min_size=n, max_size=n))
    label = draw(st.sampled_from(LABELS[freq]))
    shape = draw(st.sampled_from(["csv", "csv.gz", "parquet"]))
    names = draw(st.sampled_from([("period", "value"), ("Date", "Load (MW)"), ("x", "y")]))
    return freq, pd.period_range(start, periods=n), values, label, shape, names


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=series_files())
def test_written_series_reads_back_with_same_values_at_same_periods(tmp_path, case):
    freq, periods, values, label, shape, (date_col, value_col) = case
    frame = pd.DataFrame({date_col: periods.to_timestamp().strftime(label),
                          value_col: [repr(v) for v in values]})
    path = tmp_path / f"series.{shape}"
    if shape == "parquet":
        frame[value_col] = np.asarray(values, dtype=float)
        frame.to_parquet(path)
    else:
        text = frame.to_csv(index=False).encode()
        path.write_bytes(gzip.compress(text) if shape == "csv.gz" else text)
    raw = read_series(path)
    assert raw.freq == freq
    got = raw.values
    if freq == "H":
        assert list(got.index) == list(periods.to_timestamp().tz_localize("UTC"))
    else:
        assert [str(p) for p in got.index] == [str(p) for p in periods]
    assert got.to_numpy().tolist() == [float(v) for v in values]
