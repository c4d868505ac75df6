"""Break tests on evidence only: interpolated years and gaps are left out, never filled; the
counts are the published points; no break interval has zero width."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.national import build_history_of, load_inputs
from forecasting.paths import DEFAULT_PIPELINE
from forecasting.regimes import PiecewiseTrend, detect_regimes
from tests.conftest import run_cli


def built():
    config, data = load_inputs(DEFAULT_PIPELINE)
    return build_history_of(config, data, DEFAULT_PIPELINE)


def test_no_break_rests_on_interpolated_years_2000_2010():
    history = built()
    window = slice(pd.Period("2000", "Y"), pd.Period("2010", "Y"))
    evidence = history.evidence_series().loc[window]
    published = int(evidence.notna().sum())
    report = detect_regimes(evidence, markov=False)
    assert report.breaks == ()  # five published points cannot carry a break
    assert sum(s.n_points for s in report.segments) == published
    # the same years with the interpolated values counted as data "find" a break: the
    # artefact of lines drawn between sparse published points
    filled = detect_regimes(history.as_series().loc[window], markov=False)
    assert len(filled.breaks) >= 1


def test_a_break_in_a_series_with_missing_years_is_found_at_its_true_date():
    years = pd.period_range("1990", "2024", freq="Y")
    t = np.arange(len(years), dtype=float)
    true = 20  # 2010
    log = np.where(t < true, 0.01 * t, 0.01 * true + 0.12 * (t - true))
    rng = np.random.default_rng(3)
    values = pd.Series(np.exp(4 + log + rng.normal(0, 0.01, len(t))), index=years)
    values.iloc[rng.choice(len(t), size=len(t) // 3, replace=False)] = np.nan
    fit = PiecewiseTrend(max_breaks=2).fit(values)
    assert fit.n_breaks_ == 1
    b = fit.breaks_[0]
    assert abs(pd.Period(b.period, "Y").year - 2010) <= 2
    assert pd.Period(b.ci_low, "Y") < pd.Period(b.ci_high, "Y")
    assert sum(s.n_points for s in fit.segments_) == int(values.notna().sum())


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), gaps=st.booleans())
def test_no_break_interval_has_zero_width(seed, gaps):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(15, 40))
    t = np.arange(n, dtype=float)
    at = int(rng.integers(5, n - 5))
    log = 0.02 * t + rng.choice([0.0, 0.1]) * np.maximum(t - at, 0) + rng.normal(0, 0.02, n)
    values = pd.Series(np.exp(3 + log), index=pd.period_range("1990", periods=n, freq="Y"))
    if gaps:
        values.iloc[rng.choice(n, size=n // 4, replace=False)] = np.nan
    for b in PiecewiseTrend(n_bootstrap=49, seed=seed).fit(values).breaks_:
        assert pd.Period(b.ci_low, "Y") < pd.Period(b.ci_high, "Y")
        assert pd.Period(b.ci_low, "Y") <= pd.Period(b.period, "Y") <= pd.Period(b.ci_high, "Y")


def test_regimes_cli_counts_published_points(tmp_path):
    done = run_cli("regimes", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    published = int(built().observed().sum())
    assert sum(s["n_points"] for s in result["segments"]) == published
    for b in result["breaks"]:
        assert b["ci_low"] < b["ci_high"]
    # an annual file with missing years is tested as it is, never interpolated first
    rows = [f"{y},{100 * 1.05 ** (y - 2000):.3f}" for y in range(2000, 2024)
            if y not in (2003, 2011, 2017)]
    path = tmp_path / "annual.csv"
    path.write_text("year,twh\n" + "\n".join(rows) + "\n")
    done = run_cli("regimes", "--series", str(path), "--freq", "Y", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert sum(s["n_points"] for s in result["segments"]) == len(rows)
    assert "left out of the tests" in done.stderr
