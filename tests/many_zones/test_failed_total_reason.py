"""A total that fails says it is a total, its level, and why. Found by fuzzing: a top whose
zones shared only 25 months failed with "zone GULFTOP failed: zone.backtest: no month can
be a load-backtest origin ...", blaming a config key every zone under it had run with; the
real cause is the few months the zones share. Its reason now names it a total, its level and
the span its zones cover together, and blames no setting."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.many_zones.node_task import NodeTask, run_node
from forecasting.zones.config import BacktestConfig, ZoneSettings


def zone_file(path, start: str, end: str, level: float) -> str:
    hours = pd.date_range(start, end, freq="h")
    t = np.arange(len(hours))
    load = level * (1 + 0.2 * np.sin(t * 2 * np.pi / 24)
                    + 0.1 * np.cos(t * 2 * np.pi / (24 * 365.25)))
    pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M:%S"), "mw": load.round(1)}).to_csv(
        path, index=False)
    return str(path)


@pytest.mark.parametrize("first_origin", [None, "2022-12"])
def test_a_total_whose_zones_share_too_few_months_is_named_a_total(tmp_path, first_origin):
    # each zone has four years; together they cover 2021-01..2022-12 only
    north = zone_file(tmp_path / "AAA-N.csv", "2019-01-01", "2022-12-31 23:00", 1000.0)
    south = zone_file(tmp_path / "AAA-S.csv", "2021-01-01", "2024-12-31 23:00", 400.0)
    settings = ZoneSettings(end_year=2027, profile_year=2027,
                            backtest=BacktestConfig(first_origin=first_origin))
    task = NodeTask("AAA", "ba", ("AAA-N", "AAA-S"), (north, south),
                    children=(("AAA-N", ("AAA-N",)), ("AAA-S", ("AAA-S",))),
                    settings=settings)
    result = run_node(task)
    assert not result.ok
    assert result.setting == ""   # the config is not to blame
    assert result.reason.startswith("total AAA (ba level, sum of 2 zones): its zones ran, but "
                                    "the hours they all cover with evidence ("
                                    "2021-01..2022-12"), result.reason
    assert "zone.backtest" not in result.reason and "\n" not in result.reason
    assert "AAA-N.csv" not in result.reason   # not a file's fault either
