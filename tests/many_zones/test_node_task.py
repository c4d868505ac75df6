"""One node run on its own: a zone with too short a history fails with a one-line reason
that says how many months it has and how many it needs, instead of a fit error."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.many_zones.node_task import NodeTask, run_node
from forecasting.zones.run import MIN_WINDOW_MONTHS


def test_a_zone_with_too_few_months_fails_with_its_reason(tmp_path):
    hours = pd.date_range("2024-01-01", "2024-12-31 23:00", freq="h")
    load = 1000 + 200 * np.sin(np.arange(len(hours)) * 2 * np.pi / 24)
    path = tmp_path / "XX-SHORT.csv"
    pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M:%S"), "mw": load.round(1)}).to_csv(
        path, index=False)
    result = run_node(NodeTask("XX-SHORT", "zone", ("XX-SHORT",), (str(path),)))
    assert not result.ok
    assert "\n" not in result.reason
    assert "only 12 complete months" in result.reason
    assert f"at least {MIN_WINDOW_MONTHS}" in result.reason
