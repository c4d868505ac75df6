"""The two ways of putting band factors on joint paths: every month's band is the same, but
only the independent widening lets a year's sum average out the extra monthly error."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.backtest.calibration import apply
from forecasting.backtest.widening import split_factors, widen


def persistent_paths(n: int = 20000, months: int = 12, seed: int = 0) -> np.ndarray:
    """Paths whose deviations persist: each path sits one level away from the median all
    year (a model's level uncertainty), plus a little monthly noise."""
    rng = np.random.default_rng(seed)
    level = rng.normal(0.0, 1.0, size=(n, 1))
    return 100.0 + level + rng.normal(0.0, 0.2, size=(n, months))


def width(x: np.ndarray) -> np.ndarray:
    q10, q90 = np.quantile(x, [0.1, 0.9], axis=0)
    return q90 - q10


def widened(paths, factors, mode, seed=1):
    common, extra = split_factors(factors, mode)
    return widen(paths, common, extra, np.random.default_rng(seed))


def test_every_month_gets_the_same_band_either_way():
    paths = persistent_paths()
    factors = np.linspace(1.0, 2.5, 12)
    stretched, independent = (widened(paths, factors, m) for m in ("stretch", "independent"))
    np.testing.assert_allclose(width(stretched), factors * width(paths), rtol=1e-9)
    np.testing.assert_allclose(width(independent), width(stretched), rtol=0.04)
    np.testing.assert_allclose(np.median(independent, axis=0), np.median(paths, axis=0),
                               atol=0.1)  # 4 standard errors of a median


def test_a_years_sum_averages_the_independent_widening():
    """Monthly factor 2 on a persistent model: stretched, the annual band doubles with the
    months'; widened independently it grows only by the extra error averaged over 12 months
    (standard deviation sqrt(12^2 1.04 + 12 x 3 x 1.04) instead of 2 x 12 sqrt(1.04))."""
    paths = persistent_paths()
    factors = np.full(12, 2.0)
    own = paths.sum(axis=1)
    stretched = widened(paths, factors, "stretch").sum(axis=1)
    independent = widened(paths, factors, "independent").sum(axis=1)
    assert np.std(stretched) == pytest.approx(2.0 * np.std(own), rel=1e-6)
    assert np.std(independent) == pytest.approx(np.sqrt(1.0 + 3.0 / 12.0) * np.std(own),
                                                rel=0.03)


def test_stretch_is_the_calibrations_own_apply_and_needs_no_generator():
    paths = persistent_paths(n=500)
    factors = [1.5, 0.7, 2.0] * 4
    common, extra = split_factors(factors, "stretch")
    np.testing.assert_array_equal(widen(paths, common, extra), apply(paths, factors))


def test_a_factor_below_one_narrows_without_drawing():
    paths = persistent_paths(n=500)
    common, extra = split_factors([0.5] * 12, "independent")
    assert not extra.any()
    np.testing.assert_array_equal(widen(paths, common, extra), apply(paths, [0.5] * 12))


def test_independent_widening_is_pure_in_the_callers_generator():
    paths = persistent_paths(n=300)
    a, b = (widened(paths, [1.8] * 12, "independent", seed=7) for _ in range(2))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, widened(paths, [1.8] * 12, "independent", seed=8))
    common, extra = split_factors([1.8] * 12, "independent")
    with pytest.raises(ValueError, match="random generator"):
        widen(paths, common, extra)
    with pytest.raises(ValueError, match="unknown widening"):
        split_factors([1.0], "sideways")
