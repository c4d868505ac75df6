"""Fixtures of the model tests: the series of `model_cases.py`."""

from __future__ import annotations

import pandas as pd
import pytest
from model_cases import annual_series, daily_series, monthly_series


@pytest.fixture
def annual() -> pd.Series:
    return annual_series()


@pytest.fixture
def monthly() -> pd.Series:
    return monthly_series()


@pytest.fixture
def daily() -> pd.Series:
    return daily_series()
