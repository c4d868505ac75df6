"""A zone run says what its load files held and what was not taken as evidence: hours absent,
screened as outliers, of zero load, rows repeated, the longest run without evidence; in
manifest.json (``data_quality``) and in the report, so a planner sees a stuck meter or an
outage before trusting the forecast."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.zones.synthetic import forecast_zone, light_zone_config
from tests.zones.test_incomplete_months import load

pytestmark = pytest.mark.slow


def test_the_run_counts_every_hour_that_is_not_evidence(tmp_path):
    series = load([("2022-03-01", 30)])           # 30 absent hours: a long gap
    series["2023-07-15 15:00"] *= 10.0             # one spike: screened as an outlier
    series[pd.date_range("2022-09-01", periods=5, freq="h")] = 0.0  # five hours of zero
    series[pd.date_range("2024-02-01", periods=48, freq="h")] = 777.0  # a stuck meter
    frame = pd.DataFrame({"when": series.index.strftime("%Y-%m-%d %H:%M:%S"),
                          "mw": series.round(1).to_numpy()}).dropna()
    frame = pd.concat([frame, frame.iloc[100:103].assign(mw=1.0)])  # 3 rows given twice
    frame.to_csv(tmp_path / "XX.csv", index=False)
    out = tmp_path / "out" / "latest"
    done = forecast_zone(light_zone_config(tmp_path / "zone.yaml", "XX", "XX.csv"), out)
    assert done.returncode == 0, done.stderr
    quality = json.loads((out / "manifest.json").read_text())["data_quality"]
    assert quality["hours"] == len(series)
    assert quality["absent_hours"] == 30
    # the zeros are zero load, never outliers; the spike is the one outlier
    assert quality["not_load_hours"] == 5 and quality["outlier_hours"] == 1
    assert quality["outlier_examples"][0]["time"] == "2023-07-15T15:00Z"
    assert quality["duplicate_rows"] == 3
    assert quality["evidence_hours"] == len(series) - 30 - 6
    assert quality["longest_gap"]["hours"] == 30 and quality["long_gaps"] == 1
    assert quality["repeated_value_runs"] == 1
    assert quality["longest_repeat"] == {"first": "2024-02-01T00:00Z", "hours": 48, "mw": 777.0}
    html = (out / "index.html").read_text()
    assert (f"{quality['evidence_hours']:,} of {len(series):,} hours with evidence" in html
            and "30 hours absent or empty" in html
            and "1 screened as outliers (e.g. 2023-07-15T15:00Z" in html
            and "5 of zero or negative load" in html
            and "merged by their mean: 3." in html
            and "(the longest 30 hours from 2022-03-01T00:00Z)" in html
            and "(the longest 48 hours of 777.0 MW from 2024-02-01T00:00Z)" in html)
