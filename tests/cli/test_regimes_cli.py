"""`dcload regimes`: the stable JSON contract, on the shipped history and on real grid load."""

from __future__ import annotations

import json

import pytest

from forecasting.paths import ROOT

SHARED = ROOT.parent / "shared" / "data"


def test_us_history_main_break_lies_in_2015_2018_with_flat_then_fast_growth(cli):
    done = cli("regimes", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"frequency", "breaks", "segments", "cusum_p_value", "markov"}
    assert result["frequency"] == "Y"
    for b in result["breaks"]:
        assert set(b) == {"period", "ci_low", "ci_high", "p_value"}
        assert b["ci_low"] <= b["period"] <= b["ci_high"]
    main = [b for b in result["breaks"] if "2015" <= b["period"] <= "2018"]
    assert len(main) == 1 and main[0]["p_value"] < 0.01
    before = [s for s in result["segments"] if s["end"] < main[0]["period"]][-1]
    after = [s for s in result["segments"] if s["start"] == main[0]["period"]][0]
    assert 0.0 <= before["growth_rate"] <= 0.02
    assert 0.15 <= after["growth_rate"] <= 0.20
    assert {"start", "end", "growth_rate"} <= set(after)
    assert result["markov"] is None or "converged" in result["markov"]


@pytest.mark.skipif(not (SHARED / "eia930").is_dir(), reason="../shared/data not present")
def test_regimes_on_hourly_grid_load_resampled_to_monthly_peak(cli):
    files = ["PJM-DOM_2018-10_2020-09.csv", "PJM-DOM_2020_2024.csv"]
    args = [a for f in files for a in ("--series", str(SHARED / "eia930" / f))]
    done = cli("regimes", *args, "--freq", "M", "--agg", "max", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["frequency"] == "M"
    assert result["segments"][0]["start"] == "2018-10"
    assert result["segments"][-1]["end"] == "2024-12"


def test_regimes_text_output_and_bad_series(cli, tmp_path):
    done = cli("regimes")
    # on the published points the AI-era break falls between 2015 and 2016 (2017 is an
    # interpolated year, not a point)
    assert done.returncode == 0 and "break at 2016 (interval 2015..2016" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("period,value\n2020,1\n2021,x\n")
    done = cli("regimes", "--series", str(bad), "--date-col", "period", "--value-col", "value",
               "--freq", "Y")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "bad.csv" in done.stderr and "row 2" in done.stderr and "value" in done.stderr


def _seasonal_file(path, months: int, step_at: str | None) -> None:
    """A monthly CSV: 1000 MW, a 12% winter-peaking season, noise of sd 0.02, x1.2 from
    ``step_at`` (the tester's mk7.py)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    index = pd.period_range("2020-01", periods=months, freq="M")
    values = 1000 * np.exp(0.12 * np.cos(2 * np.pi * (np.asarray(index.month) - 1) / 12)
                           + rng.normal(0, 0.02, months))
    if step_at is not None:
        values[index >= pd.Period(step_at, "M")] *= 1.2
    rows = [f"{p}-01,{v:.2f}" for p, v in zip(index, values, strict=True)]
    path.write_text("month,load_mw\n" + "\n".join(rows) + "\n")


def test_a_step_in_seasonal_monthly_load_is_found_at_its_month(cli, tmp_path):
    path = tmp_path / "seasonal_step.csv"
    _seasonal_file(path, 60, "2022-07")
    done = cli("regimes", "--series", str(path), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [b["period"] for b in result["breaks"]] == ["2022-07"]
    assert result["breaks"][0]["ci_low"] <= "2022-07" <= result["breaks"][0]["ci_high"]
    for segment in result["segments"]:  # no growth was planted: none is reported
        assert segment["growth_low"] < 0 < segment["growth_high"]


def test_under_two_years_of_months_is_refused_in_one_line(cli, tmp_path):
    path = tmp_path / "short.csv"
    _seasonal_file(path, 20, None)
    done = cli("regimes", "--series", str(path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "Traceback" not in done.stderr
    assert "short.csv" in done.stderr and "at least 24" in done.stderr
