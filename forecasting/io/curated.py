"""Load and cross-check the curated tables: observations, sources and national totals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.io.schemas import NationalTotalRow, ObservationRow, SourceRow
from forecasting.io.tables import check_magnitudes, read_table
from forecasting.paths import display_path


@dataclass(frozen=True)
class CuratedData:
    """The validated tables; each frame keeps the data-row number of its file in `row`."""

    observations: pd.DataFrame
    sources: pd.DataFrame
    national_totals: pd.DataFrame


def load_sources(path: Path) -> pd.DataFrame:
    return read_table(path, SourceRow, key=["source_id"])


def load_observations(path: Path, sources: pd.DataFrame) -> pd.DataFrame:
    frame = read_table(path, ObservationRow, key=["source_id", "year"])
    _check_source_ids(frame, path, sources)
    check_magnitudes(
        frame[frame["kind"] == "observation"], display_path(path),
        value_columns=["twh", "low_twh", "high_twh"],
    )
    return frame


#: plausible US total electricity, TWh/yr. EIA retail sales were 3,597-3,927 TWh in 2005-2023
#: and total end use 3,811-4,070 (../shared/reference/published_figures.md, section 3); the
#: range leaves room for decades of growth or decline but not for a unit mistake (GWh: x1000)
US_TOTAL_TWH = (1_000.0, 20_000.0)


def load_national_totals(path: Path, sources: pd.DataFrame) -> pd.DataFrame:
    frame = read_table(path, NationalTotalRow, key=["definition", "year"])
    _check_source_ids(frame, path, sources)
    check_magnitudes(frame, display_path(path), value_columns=["twh"], group="definition")
    low, high = US_TOTAL_TWH
    outside = frame[(frame["twh"] < low) | (frame["twh"] > high)]
    if not outside.empty:
        first = outside.iloc[0]
        raise InputError(
            display_path(path),
            f"{first['twh']:,.10g} is not a plausible US total electricity use in TWh/yr "
            f"(expected {low:,.0f}-{high:,.0f}; EIA's {first['definition']} are about "
            "3,600-4,100 TWh): give the values in TWh (GWh / 1000)",
            row=int(first["row"]), field="twh")
    return frame


def load_curated(observations: Path, sources: Path, national_totals: Path) -> CuratedData:
    source_table = load_sources(sources)
    return CuratedData(
        observations=load_observations(observations, source_table),
        sources=source_table,
        national_totals=load_national_totals(national_totals, source_table),
    )


def _check_source_ids(frame: pd.DataFrame, path: Path, sources: pd.DataFrame) -> None:
    known = set(sources["source_id"])
    unknown = frame[~frame["source_id"].isin(known)]
    if not unknown.empty:
        first = unknown.iloc[0]
        raise InputError(
            display_path(path),
            f"unknown source id '{first['source_id']}' (not in the sources table)",
            row=int(first["row"]), field="source_id",
        )
