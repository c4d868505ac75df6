"""detect_regimes end to end, and the JSON shape of RegimeReport.to_dict()."""

from __future__ import annotations

import json
import math
import warnings

import pandas as pd
import pytest

from forecasting.errors import SeriesTooShortError
from forecasting.regimes.detect import detect_regimes
from forecasting.regimes.result import Break, MarkovResult, RegimeReport, Segment

TOP_KEYS = {"frequency", "breaks", "segments", "cusum_p_value", "markov"}
BREAK_KEYS = {"period", "ci_low", "ci_high", "p_value"}
SEGMENT_KEYS = {"start", "end", "growth_rate"}  # required; extra keys allowed


def test_us_report_shape_and_content(us_series):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = detect_regimes(us_series)
    assert caught == []
    data = report.to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    assert set(data) == TOP_KEYS
    assert data["frequency"] == "Y"
    assert all(set(b) == BREAK_KEYS for b in data["breaks"])
    assert all(SEGMENT_KEYS <= set(s) for s in data["segments"])
    assert len(data["segments"]) == len(data["breaks"]) + 1
    assert any(2015 <= int(b["period"]) <= 2018 for b in data["breaks"])
    assert data["segments"][-1]["end"] == "2023"
    assert 0.15 <= data["segments"][-1]["growth_rate"] <= 0.20
    assert data["cusum_p_value"] is None or 0.0 <= data["cusum_p_value"] <= 1.0
    assert isinstance(data["markov"], dict)
    assert {"converged", "message", "regime_growth", "smoothed_probabilities"} <= set(
        data["markov"]
    )


def test_deterministic_for_a_seed(us_series):
    assert detect_regimes(us_series, seed=5) == detect_regimes(us_series, seed=5)


def test_markov_can_be_skipped(us_series):
    report = detect_regimes(us_series, markov=False)
    assert report.markov is None
    assert report.to_dict()["markov"] is None


def test_monthly_series(make_series):
    series = make_series(72, [40], [0.002, 0.02], 0.01, seed=2, freq="M", start="2018-01")
    report = detect_regimes(series, min_size=6, markov=True)
    data = report.to_dict()
    json.dumps(data, allow_nan=False)
    assert data["frequency"] == "M"
    assert len(report.breaks) == 1
    # a kink of 1.8%/month under 1% noise is dated within two months (all of 20 seeds)
    assert abs(report.breaks[0].index - 40) <= 2
    assert data["segments"][0]["start"] == "2018-01"
    assert data["segments"][-1]["end"] == "2023-12"
    assert all(s.n_periods >= 6 for s in report.segments)


def test_non_finite_numbers_become_null():
    report = RegimeReport(
        frequency="Y",
        breaks=(Break("2010", 10, "2009", "2011", math.nan),),
        segments=(Segment("2000", "2009", 0.1, math.nan, math.inf, 10),),
        cusum_p_value=math.nan,
        markov=MarkovResult(converged=False, message="too short"),
    )
    data = report.to_dict()
    json.dumps(data, allow_nan=False)
    assert data["breaks"][0]["p_value"] is None
    assert data["cusum_p_value"] is None
    assert data["markov"]["regime_growth"] == []


def test_too_short_raises():
    series = pd.Series([1.0, 2.0, 3.0], index=pd.period_range("2000", periods=3, freq="Y"))
    with pytest.raises(SeriesTooShortError):
        detect_regimes(series)
