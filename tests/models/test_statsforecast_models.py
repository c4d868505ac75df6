"""statsforecast AutoETS, AutoARIMA and AutoTheta wrappers: paths of the right shape, fixed
by the caller's seed, with the models' own bands, numpy's global generator left alone, a short
series fitted without a season and one too short for statsforecast refused clearly."""

import numpy as np
import pytest
from model_cases import fitted_model, monthly_series

from forecasting.models.registry import make_model

NAMES = ("auto_ets", "auto_arima", "auto_theta")


@pytest.mark.parametrize("name", NAMES)
def test_paths_have_the_shape_and_follow_the_seed(name):
    model = fitted_model(name, {}, "M")
    before = np.random.get_state()[1].copy()
    a = model.sample_paths(14, 50, np.random.default_rng(7))
    b = model.sample_paths(14, 50, np.random.default_rng(7))
    c = model.sample_paths(14, 50, np.random.default_rng(8))
    assert a.shape == (50, 14) and np.isfinite(a).all()
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert np.array_equal(np.random.get_state()[1], before)  # global generator untouched
    assert model.season_ == 12


@pytest.mark.parametrize("name", NAMES)
def test_path_bands_match_the_models_own_intervals(name):
    model = fitted_model(name, {}, "M")
    paths = model.sample_paths(6, 8000, np.random.default_rng(0))
    own = model.model_.predict(6, level=[80])
    q10, q50, q90 = np.quantile(paths, [0.1, 0.5, 0.9], axis=0)
    assert q50 == pytest.approx(np.asarray(own["mean"]), rel=0.01)
    assert q90 - q10 == pytest.approx(np.asarray(own["hi-80"]) - np.asarray(own["lo-80"]),
                                      rel=0.08)


@pytest.mark.parametrize("name", NAMES)
def test_a_series_shorter_than_two_seasons_is_fitted_without_a_season(name):
    model = make_model(name).fit(monthly_series().iloc[:20])
    assert model.season_ == 1
    assert model.sample_paths(3, 10, np.random.default_rng(1)).shape == (10, 3)


def test_a_series_too_short_for_statsforecast_is_one_clear_error():
    with pytest.raises(ValueError, match="5 observations are too few"):
        make_model("auto_ets").fit(monthly_series().iloc[:5])
