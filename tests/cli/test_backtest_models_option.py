"""`dcload backtest --models` naming no model (``""``, ``","``) is one line naming the
option, exit 2 (was `ValueError: min() arg is an empty sequence`)."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from pipelines.cli.backtest import listed_models
from tests.conftest import one_error_line, run_cli


@pytest.mark.parametrize("models", ["", ",", " , ,", " "])
def test_models_naming_none_is_refused(models):
    with pytest.raises(InputError) as caught:
        listed_models(models)
    assert str(caught.value) == ("--models, field 'models': name at least one model "
                                 "(comma-separated model names, or 'all')")


def test_models_naming_some_or_all():
    assert listed_models(" drift, ,seasonal_naive,") == ["drift", "seasonal_naive"]
    assert listed_models("all") is None and listed_models(None) is None


def test_backtest_with_models_naming_none_is_one_line(tmp_path):
    done = run_cli("backtest", "--horizon", "2", "--models", ",", "--out",
                   str(tmp_path / "bt.csv"))
    line = one_error_line(done)
    assert "--models" in line and "name at least one model" in line
    assert not (tmp_path / "bt.csv").exists()
