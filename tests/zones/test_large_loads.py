"""The shipped DOM large-load files load; bad ones are refused naming file, row and field;
sampling respects the scenario rules."""

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.errors import InputError
from forecasting.zones.pipeline_sampling import PipelineRules, sample_new_load
from forecasting.zones.read import read_large_loads

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"
START = pd.Period("2005-05", "M")
MONTHS = pd.period_range("2025-01", "2035-12", freq="M")


@pytest.fixture(scope="module")
def shipped():
    return read_large_loads(SHIPPED, START)


def _edited(tmp_path, name, old, new):
    target = tmp_path / "zone"
    shutil.copytree(SHIPPED, target)
    path = target / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return target


@pytest.mark.parametrize(
    ("name", "old", "new", "row", "field", "words"),
    [
        ("contracts.csv", "dom-cloa-2024-12,CLOA", "dom-cloa-2024-12,LOA", 2, "stage",
         "has no realization row"),
        ("contracts.csv", "CLOA,5000", "CLOA,-5000", 2, "contracted_mw", "negative MW"),
        ("contracts.csv", "2026-01,", "2004-01,", 3, "earliest_in_service", "before"),
        ("contracts.csv", "dom-seloa-2024-12", "dom-esa-2024-12", 3, "project", "duplicate"),
        ("assumptions.csv", "SELOA,0.1,0.25,0.5", "SELOA,0.1,0.25,1.5", 3, "high",
         "probability above 1"),
        ("assumptions.csv", '"ERCOT shifts in-service dates 180 days (about 220 days observed) '
         '(F)"', '""', 4, "source", "needs its source"),
    ],
)
def test_bad_large_load_file_names_file_row_and_field(tmp_path, name, old, new, row, field,
                                                      words):
    directory = _edited(tmp_path, name, old, new)
    with pytest.raises(InputError) as caught:
        read_large_loads(directory, START)
    err = caught.value
    assert err.file.endswith(name) and err.row == row and err.field == field
    assert words in err.message
    assert "\n" not in str(err)


def test_all_requests_realizes_every_contract_at_utilization(shipped):
    contracts, assumptions = shipped
    rules = PipelineRules(realization={"ESA": 1, "CLOA": 1, "SELOA": 1}, utilization=0.7,
                          ramp_months=36, delay_months=0, limit=False)
    load = sample_new_load(contracts, assumptions, MONTHS, 20, np.random.default_rng(1), rules)
    total = sum(c.contracted_mw for c in contracts)
    np.testing.assert_allclose(load[:, -1], 0.7 * total)


def test_connection_limit_caps_connections(shipped):
    contracts, assumptions = shipped
    load = sample_new_load(contracts, assumptions, MONTHS, 200, np.random.default_rng(2))
    cap = assumptions.connection_limit_mw_per_year.high * assumptions.utilization.high
    yearly = np.diff(load[:, 11::12], axis=1)
    assert (yearly <= cap + 1e-6).all()
    assert (np.diff(load, axis=1) >= -1e-9).all()  # connected load never falls


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_same_seed_same_paths_and_vetted_below_all_requests(shipped, seed):
    contracts, assumptions = shipped
    one = sample_new_load(contracts, assumptions, MONTHS, 30, np.random.default_rng(seed))
    two = sample_new_load(contracts, assumptions, MONTHS, 30, np.random.default_rng(seed))
    assert np.array_equal(one, two)
    every = PipelineRules(realization={"ESA": 1, "CLOA": 1, "SELOA": 1},
                          utilization=assumptions.utilization.high,
                          ramp_months=assumptions.ramp_months.low,
                          delay_months=0, limit=False)
    upper = sample_new_load(contracts, assumptions, MONTHS, 1, np.random.default_rng(0), every)
    assert (one <= upper + 1e-6).all()
