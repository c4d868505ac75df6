"""The headline's sentence on Monte Carlo error: the medians whose draws leave them uncertain
by more than 1% (`forecasting.combine.mc_error`), so a reader knows which P50s another seed
would move by percents. Only the total's headline years are named; every P50's interval is
in mc_error.csv. None when every headline median is within 1% (or the run predates the
table)."""

from __future__ import annotations

import pandas as pd

from forecasting.combine.mc_error import LEVEL, THRESHOLD_PCT, large_errors
from forecasting.contracts import HEADLINE_YEARS


def mc_error_sentence(table: pd.DataFrame | None) -> str | None:
    rows = large_errors(table, HEADLINE_YEARS)
    if not rows:
        return None
    draws = int(rows[0]["draws"])
    cells = "; ".join(
        f"{r['scenario']} {int(r['year'])}: P50 {r['p50']:.0f}, {r['p50_low']:.0f}-"
        f"{r['p50_high']:.0f} (+/-{r['half_width_pct']:.1f}%)" for r in rows)
    return (f"The medians come from {draws:,} sample paths, and these are uncertain by more "
            f"than {THRESHOLD_PCT:.0f}% ({LEVEL:.0%} interval of the median, TWh/yr): {cells}. "
            "Another seed can move them by up to about that much (the interval is for "
            "independent draws; the run's, stratified by baseline model, vary a little less); "
            f"every other headline median is within {THRESHOLD_PCT:.0f}% (all intervals: "
            "mc_error.csv).")
