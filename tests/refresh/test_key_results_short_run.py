"""The registry's key figure of a run that ends before 2030: its last year's P50, named with
that year. Such a run was listed with "-" in `runs list` and "2030 P50: " with nothing after
it when it was published."""

from __future__ import annotations

import pandas as pd

from forecasting.contracts import KEY_YEAR, key_results


def forecast(last_year: int) -> pd.DataFrame:
    rows = [{"region": "ZONE", "scenario": s, "component": "total", "period": str(y),
             "metric": "peak_mw", "p50": 1000.0 + 10 * (y - 2025) + (s == "vetted")}
            for s in ("statistical-trend", "vetted") for y in range(2025, last_year + 1)]
    return pd.DataFrame(rows)


def test_a_run_to_2027_gives_its_2027_figures_named_with_the_year():
    assert key_results(forecast(2027)) == {"statistical-trend (2027)": 1020.0,
                                           "vetted (2027)": 1021.0}


def test_a_run_past_2030_gives_its_2030_figures_as_before():
    assert key_results(forecast(2035)) == {"statistical-trend": 1000.0 + 10 * (KEY_YEAR - 2025),
                                           "vetted": 1001.0 + 10 * (KEY_YEAR - 2025)}
