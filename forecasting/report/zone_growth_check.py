"""The zone run's growth check (growth_check.csv, `forecasting.zones.growth_check`) in words,
for the headline: when the statistical forecast's growth lies outside what the history's last
regime supports, what each grew and that the later years' figures need care; when inside the
history's 90% interval, one neutral line; when between no growth and that interval (inside for
the check, which always takes in no growth: a damped trend), that it is slower than the
history and which way the later years would be off if the trend went on (fuzz 14 J1: a zone
growing a steady 8.3%/yr, 90% 7.4-9.2%, forecast at 5.5%/yr had read "within what the history
supports"). A run published before the check existed has no file and no sentence.

The check reads the history's complete months from its last regime's start, before a long gap
as well as after it, while the forecast's models fit only the months after the last
incomplete month (`zone_model_window`). When the regime starts before those months the
sentence says so, with the regime's count of complete months ("no break since 2020-01: its
54 complete months, those before 2021-09, where the forecast's models start, included"): it
had said "no break since 2020-01" beside a forecast fitted on 2021-09..2024-12 alone, which
read as if the models had seen the same months (fuzz 14 D1)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from forecasting.report.run_dir_reading import check_columns, csv_bool

GROWTH_CHECK_FILE = "growth_check.csv"
GROWTH_CHECK_READ = ("history_regime_start", "history_break", "history_growth_pct_per_year",
                     "history_growth_low", "history_growth_high",
                     "forecast_growth_pct_per_year", "last_year", "outside")


def growth_check_text(table: pd.DataFrame | None, directory: Path, *,
                      data_center: bool = True, window_first: str | None = None) -> dict | None:
    """{"outside": bool, "text": str} from the run's growth_check.csv (its first row), or
    None without one; ``data_center``: the forecast checked is the base's (without the
    data-center scenarios), else the whole load's; ``window_first``: the first month the
    forecast's models fit when complete months before it are not fitted
    (`zone_model_window.window_first`), else None. A file without the columns read is an
    InputError naming it."""
    if table is None or table.empty:
        return None
    check_columns(table, Path(directory) / GROWTH_CHECK_FILE, GROWTH_CHECK_READ, "growth check")
    row = table.iloc[0]
    outside = csv_bool(row["outside"])
    forecast = float(row["forecast_growth_pct_per_year"])
    subject = ("The statistical forecast of the base load (without the data-center scenarios)"
               if data_center else "The statistical forecast")
    moves = f"{_moves(forecast)} to {int(row['last_year'])}"
    start = str(row["history_regime_start"])
    scope = _before_window(start, row.get("history_months"), window_first)
    since = (f"the history since its last break ({start}{scope})"
             if csv_bool(row["history_break"])
             else f"the history (no break since {start}{scope})")
    pct = _shown(float(row["history_growth_pct_per_year"]))
    interval = _interval(float(row["history_growth_low"]), float(row["history_growth_high"]))
    history = f"{'grew' if pct >= 0 else 'fell'} {abs(pct):.1f}%/yr (90%: {interval})"
    if outside:
        why = ("The trend models may be carrying a one-off step forward"
               if csv_bool(row["history_break"])
               else "The forecast's growth lies outside what the history supports")
        text = (f"{subject} {moves}; {since} {history}. {why}; read the figures of the later "
                f"years, to {int(row['last_year'])}, with care.")
    elif float(row["history_growth_low"]) <= forecast <= float(row["history_growth_high"]):
        text = (f"Growth check: {subject[0].lower()}{subject[1:]} {moves}, within the 90% "
                f"interval of {since}: it {history}.")
    else:  # between no growth and the history's interval: the models damp the trend
        text = (f"Growth check: {subject[0].lower()}{subject[1:]} {moves}, "
                f"{'slower' if abs(forecast) < abs(pct) else 'faster'} than {since}: it "
                f"{history}. The chosen models damp the history's trend towards no growth, "
                f"which the check accepts; if that trend goes on, the figures of the later "
                f"years, to {int(row['last_year'])}, are {'low' if pct > 0 else 'high'}.")
    return {"outside": outside, "text": text}


def _before_window(start: str, months, window_first: str | None) -> str:
    """": its 54 complete months, those before 2021-09, where the forecast's models start,
    included" when the regime starts before ``window_first``, else empty."""
    if window_first is None or pd.Period(start, "M") >= pd.Period(window_first, "M"):
        return ""
    count = pd.to_numeric(pd.Series([months]), errors="coerce").iloc[0]
    held = f"its {int(count)} complete months" if pd.notna(count) else "its complete months"
    return f": {held}, those before {window_first}, where the forecast's models start, included"


def _moves(pct: float) -> str:
    pct = _shown(pct)
    return f"grows {pct:.1f}%/yr" if pct >= 0 else f"falls {-pct:.1f}%/yr"


def _interval(low: float, high: float) -> str:
    """1.8-9.2% for positive ends, -13.6% to -0.1% when an end is negative (as shown: an end
    that rounds to zero is 0.0, never -0.0: fuzz 14 J7)."""
    low, high = _shown(low), _shown(high)
    if low >= 0 and high >= 0:
        return f"{low:.1f}-{high:.1f}%"
    return f"{low:.1f}% to {high:.1f}%"


def _shown(pct: float) -> float:
    """``pct`` as one decimal shows it, a value that rounds to zero as 0.0 (not -0.0)."""
    return round(pct, 1) + 0.0
