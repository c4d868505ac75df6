"""A forecast month partly in the history (the files end inside it) has no energy path below
what its measured hours already hold plus its other hours at the history's lowest hour of
the last year (`forecasting.zones.measured_energy`): a short path's base is raised to it,
and months wholly in the future are unchanged. The zone run applies it
(tests/zones/test_partly_observed_month_peak.py checks March's published energy). A
synthetic zone whose history ends on 2023-03-20 with March at 1.6 times its usual level had
published March's P95 at 775 GWh, under the 809 GWh its 480 measured hours held."""

import numpy as np
import pandas as pd

from forecasting.zones.measured_energy import base_at_least_measured, measured_energy_floor


def test_the_floor_is_the_measured_energy_plus_the_other_hours_at_the_years_lowest():
    hours = pd.date_range("2023-01-01", "2023-03-10 23:00", freq="h", tz="UTC")
    load = pd.Series(1000.0, index=hours)
    load.loc["2023-02-01 05:00"] = 400.0  # the lowest hour of the last year
    load.loc["2023-03-02 00:00":"2023-03-02 23:00"] = np.nan  # no evidence: not measured
    load.loc["2023-03-05 12:00"] = 3000.0
    months = pd.period_range("2023-03", "2023-05", freq="M")
    floor = measured_energy_floor(load, months)
    measured = (216 * 1000.0 + 2000.0) / 1000.0  # 240 hours less the day without evidence
    np.testing.assert_allclose(floor[0], measured + (744 - 216) * 400.0 / 1000.0)
    assert np.isneginf(floor[1:]).all()  # no hour measured: no floor

    base = np.array([[100.0, 5.0, 6.0], [300.0, 7.0, 8.0], [900.0, 9.0, 10.0]])
    dc = np.full((3, 3), 50.0)
    raised = base_at_least_measured(base, dc, floor)
    total = raised + dc
    np.testing.assert_allclose(total[:2, 0], floor[0])  # short paths: raised to the floor
    assert raised[2, 0] == 900.0 and (raised[:, 1:] == base[:, 1:]).all()

