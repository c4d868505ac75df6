"""A history cut at `history.last_year` before the national total's last year (found by
fuzzing: `last_year: 2018` died with an IndexError in the supply caps, the national paths
having 5 columns for 17 forecast years): the share's denominator is forecast as of the
history's last year, over every forecast year, and a cut that leaves too few national totals
to fit is refused naming the key."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.errors import InputError
from forecasting.national.compute import check_national_total_as_of, national_paths
from forecasting.national.inputs import load_inputs
from tests.conftest import Workspace


def test_the_national_paths_cover_every_forecast_year_as_of_the_history(workspace: Workspace):
    config, data = load_inputs(workspace.config)
    years = np.arange(2019, 2036)
    paths = national_paths(config, data, years, 200, 7)
    assert paths.shape == (200, len(years))
    # a total published after the history's last year is not used
    later = data.national_totals["year"] > 2018
    data.national_totals.loc[later, "twh"] *= 3
    assert np.array_equal(national_paths(config, data, years, 200, 7), paths)


def test_a_last_year_leaving_too_few_totals_is_one_line(workspace: Workspace):
    text = workspace.config.read_text()
    workspace.config.write_text(text.replace("fit_from_year: 2005", "fit_from_year: 2012"))
    config, data = load_inputs(workspace.config)
    check_national_total_as_of(config, data, workspace.config, 2018)
    with pytest.raises(InputError) as info:
        check_national_total_as_of(config, data, workspace.config, 2013)
    line = str(info.value)
    assert "field 'history.last_year'" in line and "2013" in line and "2 year(s)" in line, line
