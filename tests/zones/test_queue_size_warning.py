"""A queue far above its zone's own load is warned of in one line (fuzz 9a D8: 456,715 MW of
contracts in a zone whose highest hour is 3,250 MW ran without a word); Dominion's shipped
queue, about twice its peak, is not."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from forecasting.errors import InputWarning
from forecasting.zones.large_loads import Contract
from forecasting.zones.queue_size import warn_if_queue_dwarfs_zone
from forecasting.zones.read import read_large_loads

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"


def contracts(*mw: float) -> list[Contract]:
    return [Contract(f"p{i}", "A", m, pd.Period("2026-01", "M")) for i, m in enumerate(mw)]


def test_a_queue_typed_in_kw_is_warned_of_naming_the_file():
    with pytest.warns(InputWarning) as caught:
        warn_if_queue_dwarfs_zone(contracts(50_000.0, 406_715.0), 3_250.0, file="q/contracts.csv")
    [warning] = caught
    assert str(warning.message) == (
        "q/contracts.csv: the contracts total 456,715 MW, 141 times the zone's highest hourly "
        "load (3,250 MW): MW written for kW, or contracts given twice?")


def test_dominions_queue_and_a_big_campus_in_a_small_zone_are_not():
    shipped, _ = read_large_loads(SHIPPED, pd.Period("2005-05", "M"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        warn_if_queue_dwarfs_zone(shipped, 21_000.0, file="contracts.csv")   # about 2x
        warn_if_queue_dwarfs_zone(contracts(2_000.0), 300.0, file="contracts.csv")   # 6.7x
