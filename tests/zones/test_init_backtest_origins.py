"""`zones init` chooses the backtest's first origin and step from the origins they give, so
more history never gives fewer origins (36 and 37 months used to get 2, a 30-month history
6); the thin-evidence comment is written exactly when there are fewer than a year of them.
A history whose latest complete months are too few is refused naming the incomplete month
that starts the window and the complete months before it that are not used, by `zones init`
and by `dcload forecast` alike."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from forecasting.errors import InputError
from forecasting.series.read import RawSeries
from forecasting.zones.backtest import origins_by_segment
from forecasting.zones.compute import compute_zone_run
from forecasting.zones.config import ZoneConfig
from forecasting.zones.init_config import MIN_ORIGINS, zone_config_text
from tests.zones.synthetic import hourly_load, write_load

END = pd.Period("2024-12", "M")


def config_of(tmp_path, months: int) -> tuple[dict, str]:
    """The config `zones init` writes for `months` complete months ending 2024-12."""
    start = (END - months + 1).to_timestamp()
    raw = RawSeries.from_series(hourly_load(900.0, str(start.date())), source="XX.csv")
    text = zone_config_text("XX", [tmp_path / "XX.csv"], tmp_path / "xx.yaml", [raw])
    return yaml.safe_load(text), text


def scored_origins(config: dict, months: int) -> int:
    """Origins as the zone backtest takes them (every month of the history complete)."""
    bt = ZoneConfig(**config).backtest
    series = pd.Series(1.0, index=pd.period_range(END - months + 1, END, freq="M"))
    spans = origins_by_segment(series, step=bt.step, min_train=bt.min_train,
                               span=max(bt.horizon, 12 * bt.annual_horizon),
                               first=pd.Period(bt.first_origin, "M"))
    return sum(len(pd.period_range(lo, hi, freq="M")[::bt.step]) for lo, hi in spans)


def test_more_history_never_gives_fewer_backtest_origins(tmp_path):
    counts = {}
    for months in (30, 36, 37, 47, 48, 60):
        config, text = config_of(tmp_path, months)
        counts[months] = scored_origins(config, months)
        thin = "# Only " in text
        assert thin == (counts[months] < MIN_ORIGINS), (months, text)
        if thin:
            assert f"the backtest has {counts[months]} month(s) of origins" in text
    assert counts == {30: 6, 36: 12, 37: 12, 47: 12, 48: 12, 60: 12}
    assert list(counts.values()) == sorted(counts.values())


def test_long_histories_take_every_other_month_of_two_years_decembers_in(tmp_path):
    config, _ = config_of(tmp_path, 60)
    assert config["backtest"]["first_origin"] == "2022-12" and config["backtest"]["step"] == 2
    config, _ = config_of(tmp_path, 36)
    assert config["backtest"]["first_origin"] == "2023-12" and config["backtest"]["step"] == 1


def outage_load() -> pd.Series:
    """60 months of hourly load with a 10-day outage in July 2023 (42 complete months
    before it, 17 after)."""
    series = hourly_load(900.0, "2020-01-01")
    series[pd.date_range("2023-07-10", periods=240, freq="h")] = np.nan
    return series.dropna()


def test_init_refusal_names_the_break_and_the_unused_months_before_it(tmp_path):
    raw = RawSeries.from_series(outage_load(), source="XX.csv")
    with pytest.raises(InputError) as refused:
        zone_config_text("XX", [tmp_path / "XX.csv"], tmp_path / "xx.yaml", [raw])
    line = str(refused.value)
    assert "\n" not in line and "XX.csv" in line
    assert "only 17 complete months to model (2023-08..2024-12, the months after the last " \
           "incomplete one: 2023-07 has evidence for 67.7% of its hours" in line
    assert "a zone needs at least 25 in a row up to the last (24 to fit, one to score)" in line
    assert "the 42 complete months before 2023-07 (2020-01..2023-06) are not used: the " \
           "models need the latest months unbroken, and model_start cannot bridge" in line
    assert "unbroken run" not in line


def test_a_history_too_short_from_its_start_says_so(tmp_path):
    raw = RawSeries.from_series(hourly_load(900.0, "2023-01-01"), source="XX.csv")
    with pytest.raises(InputError) as refused:
        zone_config_text("XX", [tmp_path / "XX.csv"], tmp_path / "xx.yaml", [raw])
    assert ("only 24 complete months to model (2023-01..2024-12, the whole history); a zone "
            "needs at least 25 in a row up to the last (24 to fit, one to score)"
            ) == refused.value.message


def test_forecast_refusal_names_the_break_and_the_unused_months_before_it(tmp_path):
    write_load(tmp_path / "XX.csv", outage_load())
    (tmp_path / "zone.yaml").write_text("region: XX\nseries: [XX.csv]\ndata_center: none\n")
    with pytest.raises(InputError) as refused:
        compute_zone_run(tmp_path / "zone.yaml")
    line = str(refused.value)
    assert "XX.csv" in line and "only 17 complete months to model (2023-08..2024-12" in line
    assert "a zone needs at least 24 in a row up to the last (to fit the models)" in line
    assert "the 42 complete months before 2023-07 (2020-01..2023-06) are not used" in line
