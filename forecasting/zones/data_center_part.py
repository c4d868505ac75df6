"""A zone run whose data-center part is not estimated (``data_center: none``) publishes no
data-center numbers.

Rule. With ``data_center: none`` (what `dcload zones init` writes for a history without
complete years before 2017) the zone has no data-center component: no decomposition is run,
the statistical models forecast the whole load, and the data-center paths inside the run are
zeros by construction, not by evidence. So the run publishes:

- ``forecast.csv``: its ``total`` rows alone, no `SPLIT_COMPONENTS` rows (`total_only`);
- ``profile.csv``: its ``total_p50_mw``, with ``base_p50_mw`` and ``data_center_p50_mw``
  empty (`profile_without_split`): the columns stay, so every reader of the file finds them;
- no ``decomposition.csv`` (nothing was decomposed; the whole load is ``history.csv``'s);
- ``published_check.csv`` and ``neighbour_check.csv`` with empty estimate cells, each row
  saying why (`forecasting.zones.published_figures`, `forecasting.zones.neighbour_check`).

Why: the run had published 429 ``data_center`` rows of 0 with P05 = P95 = 0, a
decomposition of zeros with a zero-width interval and a profile of 0 MW: "0 MW of data
centers, certain" for a zone where nothing was measured (fuzz 13a D1), while the report says
"not estimated". A ``base`` equal to the total would state that the zone has no data centers
the same way. This is the rule a many-zone node follows, which publishes its ``base`` and
``data_center`` rows only when every zone under it estimated its data-center part
(`forecasting.many_zones.data_center_source`, which takes `SPLIT_COMPONENTS` from here).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.zones.history import UTC, period_table

#: the components (forecast.csv rows) published only when the data-center part was estimated
SPLIT_COMPONENTS = ("base", "data_center")
#: profile.csv's columns of those components
SPLIT_PROFILE_COLUMNS = ("base_p50_mw", "data_center_p50_mw")
#: why a data-center figure of a ``data_center: none`` run is empty
NOT_ESTIMATED_WHY = "not estimated: the config says data_center: none"


def estimated(data_center: str) -> bool:
    """Whether a zone run with the config's ``data_center`` estimates its data-center part."""
    return data_center != "none"


def total_only(forecast: pd.DataFrame) -> pd.DataFrame:
    """``forecast`` without its `SPLIT_COMPONENTS` rows (module docstring)."""
    return forecast[~forecast["component"].isin(SPLIT_COMPONENTS)].reset_index(drop=True)


def profile_without_split(profile: pd.DataFrame) -> pd.DataFrame:
    """``profile`` with its `SPLIT_PROFILE_COLUMNS` empty (NaN, an empty cell in the file)."""
    out = profile.copy()
    for column in SPLIT_PROFILE_COLUMNS:
        if column in out.columns:
            out[column] = np.nan
    return out


def whole_load_months(load: pd.Series, clock: str = UTC) -> pd.DataFrame:
    """The run's internal monthly frame for ``data_center: none``, in place of the
    decomposition's (`decomposition.decompose`'s monthly frame, the same months: the complete
    ones on ``clock``): ``total_mw`` and ``base_mw`` both the month's mean evidence MW,
    ``data_center_mw`` 0 (no data-center component) and ``hours``. The base energy the
    models fit, the weather years' shapes, the held-out peak check and the growth check read
    it; none of it is published as a decomposition."""
    table = period_table(load, "M", clock)
    table = table[table["complete"].to_numpy()]
    average = table["avg_mw"].to_numpy(dtype=float)
    return pd.DataFrame({"total_mw": average, "base_mw": average, "data_center_mw": 0.0,
                         "hours": table["hours"].to_numpy()},
                        index=table.index.rename("period"))
