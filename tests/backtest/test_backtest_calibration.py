"""Split-conformal band factors per horizon, and applying them to paths and frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from forecasting.backtest import metrics
from forecasting.backtest.calibration import (
    Calibration,
    apply,
    conformal_quantile,
    conformity_scores,
    fit_calibration,
)

Z = {"p05": -1.6449, "p10": -1.2816, "p50": 0.0, "p90": 1.2816, "p95": 1.6449}


def normal_rows(n: int, *, true_sd: dict[int, float], model_sd_ratio: float, seed: int):
    """Rows whose actuals are N(10, sd_h) and whose bands are normal with ratio x sd_h."""
    rng = np.random.default_rng(seed)
    frames = []
    for h, sd in true_sd.items():
        frame = pd.DataFrame({"horizon": h, "actual": 10.0 + rng.normal(0.0, sd, n)})
        for col, z in Z.items():
            frame[col] = 10.0 + z * sd * model_sd_ratio
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def coverage(rows: pd.DataFrame, lo: str, hi: str) -> float:
    return metrics.coverage(rows["actual"], rows[lo], rows[hi])


SDS = {1: 1.0, 2: 2.0, 3: 3.0}


def test_conformal_quantile_and_scores_by_hand():
    scores = [2.5, 0.5, 2.0, 1.0, 1.5]
    assert conformal_quantile(scores, 0.8) == 2.5  # k = ceil(6 x 0.8) = 5
    assert conformal_quantile(scores, 0.5) == 1.5  # k = 3
    assert conformal_quantile(scores, 0.9) == 2.5  # k = 6 > n: the largest
    # above the median: upper half-width 4; below: lower half-width 1
    got = conformity_scores([12.0, 9.0, 10.0], [9.0, 9.0, 9.0], [10.0] * 3, [14.0] * 3)
    assert got.tolist() == [0.5, 1.0, 0.0]
    assert conformity_scores([11.0], [10.0], [10.0], [10.0]).tolist() == [np.inf]


def test_too_narrow_bands_are_widened_to_near_target_coverage():
    train = normal_rows(300, true_sd=SDS, model_sd_ratio=0.4, seed=1)
    test = normal_rows(3000, true_sd=SDS, model_sd_ratio=0.4, seed=2)
    assert coverage(test, "p10", "p90") < 0.5
    calibration = fit_calibration(train)
    for h in SDS:
        assert calibration.is_calibrated(h)
        assert calibration.factor(h) == pytest.approx(1 / 0.4, rel=0.15)
    fixed = apply(test, calibration)
    assert 0.76 < coverage(fixed, "p10", "p90") < 0.88
    assert 0.87 < coverage(fixed, "p05", "p95") < 0.95
    assert (fixed["p50"] == test["p50"]).all()


def test_well_calibrated_bands_are_left_roughly_unchanged():
    train = normal_rows(300, true_sd=SDS, model_sd_ratio=1.0, seed=3)
    calibration = fit_calibration(train)
    for h in SDS:
        assert calibration.factor(h) == pytest.approx(1.0, abs=0.15)


def test_too_few_residuals_fall_back_to_model_based_bands():
    rows = normal_rows(20, true_sd={1: 1.0}, model_sd_ratio=0.4, seed=4)
    rows = pd.concat([rows, normal_rows(4, true_sd={2: 1.0}, model_sd_ratio=0.4, seed=5)])
    calibration = fit_calibration(rows, horizons=[1, 2, 3])
    frame = calibration.to_frame().set_index("horizon")
    assert frame.loc[1, "calibrated"] and frame.loc[1, "method"] == "conformal"
    assert not frame.loc[2, "calibrated"] and frame.loc[2, "factor"] == 1.0
    assert frame.loc[2, "n"] == 4 and frame.loc[2, "method"] == "model-based"
    assert frame.loc[3, "n"] == 0 and frame.loc[3, "factor"] == 1.0
    assert calibration.factor(9) == 1.0 and not calibration.is_calibrated(9)
    assert fit_calibration(rows, min_residuals=3).is_calibrated(2)
    empty = fit_calibration(rows.iloc[:0], horizons=[1])
    assert empty.factors == {1: 1.0} and not empty.calibrated[1]


def test_narrowing_can_be_switched_off():
    rows = normal_rows(200, true_sd={1: 1.0}, model_sd_ratio=3.0, seed=6)
    assert fit_calibration(rows).factor(1) < 0.5
    assert fit_calibration(rows, allow_narrowing=False).factor(1) == 1.0


def test_scaled_paths_and_scaled_quantiles_agree():
    rng = np.random.default_rng(0)
    paths = np.exp(rng.normal(0.0, [0.1, 0.2, 0.3], size=(5000, 3)))
    calibration = Calibration(
        factors={1: 1.5, 2: 2.0, 3: 0.5}, counts={1: 9, 2: 9, 3: 9},
        calibrated={1: True, 2: True, 3: True}, level_factors={1: {}, 2: {}, 3: {}},
    )  # fmt: skip
    scaled = apply(paths, calibration)
    qs = (0.05, 0.1, 0.5, 0.9, 0.95)
    frame = pd.DataFrame(np.quantile(paths, qs, axis=0).T, columns=list(Z))
    frame["mean"] = paths.mean(axis=0)
    frame_scaled = apply(frame, calibration)  # rows are horizons 1..3
    np.testing.assert_allclose(
        np.quantile(scaled, qs, axis=0).T, frame_scaled[list(Z)].values, rtol=1e-9
    )
    np.testing.assert_allclose(scaled.mean(axis=0), frame_scaled["mean"], rtol=1e-9)
    np.testing.assert_allclose(np.median(scaled, axis=0), np.median(paths, axis=0))
    # a sequence of factors, a mapping and explicit horizons do the same
    np.testing.assert_allclose(apply(paths, [1.5, 2.0, 0.5]), scaled)
    np.testing.assert_allclose(
        apply(paths[:, 1:], {2: 2.0, 3: 0.5}, horizons=[2, 3]), scaled[:, 1:]
    )
    # a skewed forecast stays skewed: both sides stretch by the same factor
    assert stats.skew(scaled[:, 0]) == pytest.approx(stats.skew(paths[:, 0]), rel=1e-6)
