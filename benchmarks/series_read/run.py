"""Time reading five years of hourly EIA-930 data (one zone file, 43,848 rows) with dcload's
reader against plain pandas and pyarrow CSV reads; writes results.md next to this file.

Regenerate: nice -n 10 .venv/bin/python benchmarks/series_read/run.py
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pyarrow.csv as pacsv

from forecasting.paths import ROOT
from forecasting.series import load_series, read_series

FILE = ROOT.parent / "shared" / "data" / "eia930_2020_2024" / "zones" / "PJM-DOM.csv"
REPEATS = 5


def best(fn) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rows = len(read_series(FILE).values)
    cases = {
        "dcload read_series (parse, UTC hour starts, checks)": lambda: read_series(FILE),
        "dcload load_series to monthly (read, clean, resample)":
            lambda: load_series(FILE, freq="M"),
        "pandas read_csv + to_datetime (peer)": lambda: pd.to_datetime(
            pd.read_csv(FILE)["date_time"]),
        "pyarrow.csv.read_csv (peer)": lambda: pacsv.read_csv(FILE),
    }
    lines = ["# Series read benchmark", "", f"File: `{FILE.name}` ({rows} hourly rows), best of "
             f"{REPEATS}. Target: dcload's read well under a second.", "",
             "| reader | seconds |", "|---|---|"]
    for name, fn in cases.items():
        lines.append(f"| {name} | {best(fn):.3f} |")
    out = Path(__file__).with_name("results.md")
    out.write_text("\n".join(lines) + "\n")
    print(out.read_text())


if __name__ == "__main__":
    main()
