"""Shared fixtures: the built history of the default pipeline and its decomposition."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.decompose import decompose_history
from forecasting.history.builder import build_history
from forecasting.history.rules import HistoryRules
from forecasting.io.config_file import load_config
from forecasting.io.curated import load_curated
from forecasting.paths import DEFAULT_PIPELINE
from forecasting.scenarios.catalog import load_backcast


@pytest.fixture(scope="session")
def history():
    config = load_config(DEFAULT_PIPELINE)
    data = load_curated(config.history.observations, config.history.sources,
                        config.national_total.file)
    return build_history(data.observations, data.sources,
                         HistoryRules.from_config(config.history)).series


@pytest.fixture(scope="session")
def decomposition(history):
    return decompose_history(history, load_backcast("US"))


@pytest.fixture(scope="session")
def years(history):
    last = int(history["year"].max())
    return np.arange(last + 1, 2036)
