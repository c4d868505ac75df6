"""Rolling origins: expanding windows, the last origin, horizons truncated at the end."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.backtest.origins import horizon_of, origin_periods, rolling_origins


@pytest.fixture
def annual() -> pd.Series:
    return pd.Series(
        np.arange(10, dtype=float), index=pd.period_range("2000", periods=10, freq="Y")
    )


def test_expanding_windows_and_truncated_actuals(annual):
    got = list(rolling_origins(annual, 3, "2003", "2008"))
    assert [str(o.origin) for o in got] == [str(y) for y in range(2003, 2009)]
    for origin, train, actual in got:
        assert train.index[0] == pd.Period("2000", freq="Y")
        assert train.index[-1] == origin
        assert len(train) == origin.year - 2000 + 1
        assert (actual.index > origin).all()
        assert actual.index[0] == origin + 1
    last = dict((str(o.origin), o) for o in got)
    assert [str(p) for p in last["2006"].actual.index] == ["2007", "2008", "2009"]
    assert [str(p) for p in last["2007"].actual.index] == ["2008", "2009"]
    assert [str(p) for p in last["2008"].actual.index] == ["2009"]
    assert last["2008"].actual.iloc[0] == 9.0


def test_last_origin_defaults_to_the_second_to_last_period(annual):
    origins = origin_periods(annual, "2005")
    assert str(origins[-1]) == "2008"
    assert len(list(rolling_origins(annual, 2, pd.Period("2005", freq="Y")))) == 4


def test_origin_at_the_last_period_or_before_the_start_is_an_error(annual):
    with pytest.raises(ValueError, match="before the last period"):
        list(rolling_origins(annual, 2, "2003", "2009"))
    with pytest.raises(ValueError, match="before the start"):
        list(rolling_origins(annual, 2, "1999", "2005"))
    with pytest.raises(ValueError, match="before first origin"):
        list(rolling_origins(annual, 2, "2006", "2004"))
    with pytest.raises(ValueError, match="horizon"):
        list(rolling_origins(annual, 0, "2003", "2005"))


def test_step_and_monthly_strings():
    monthly = pd.Series(
        np.arange(36, dtype=float), index=pd.period_range("2020-01", periods=36, freq="M")
    )
    got = list(rolling_origins(monthly, 12, "2021-06", "2022-10", step=4))
    assert [str(o.origin) for o in got] == ["2021-06", "2021-10", "2022-02", "2022-06", "2022-10"]
    assert len(got[-1].actual) == 2  # 2022-11 and 2022-12
    assert horizon_of(got[0].actual.index[-1], got[0].origin) == 12


def test_missing_actuals_are_dropped_and_gaps_rejected(annual):
    holed = annual.copy()
    holed.iloc[6] = np.nan  # 2006
    origin = next(iter(rolling_origins(holed, 3, "2004", "2004")))
    assert [str(p) for p in origin.actual.index] == ["2005", "2007"]
    gappy = annual.drop(annual.index[4])
    with pytest.raises(ValueError, match="without gaps"):
        list(rolling_origins(gappy, 2, "2005", "2007"))
    with pytest.raises(TypeError):
        list(rolling_origins(annual.reset_index(drop=True), 2, "2005", "2007"))
