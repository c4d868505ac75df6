"""MinTrace reconciliation with a shrunk error covariance (Wickramasuriya, Athanasopoulos and
Hyndman 2019, "Optimal forecast reconciliation for hierarchical and grouped time series
through trace minimization", JASA 114(526)).

Base forecasts ŷ of every node (leaves and their sums) are made coherent by

    ỹ = P ŷ,   P = S G,   G = (S' W⁻¹ S)⁻¹ S' W⁻¹,

S the summing matrix (nodes x leaves, `tree.Hierarchy.summing_matrix`) and W the covariance
of the nodes' forecast errors, estimated from their backtest errors and shrunk towards its
diagonal (Schäfer and Strimmer 2005); an error period is one (origin, month) pair of the
rolling-origin backtest, every horizon pooled:

    W = λ D + (1 - λ) Σ̂,   λ = Σ_{i≠j} Var(r̂_ij) / Σ_{i≠j} r̂_ij²  (clipped to 0..1),

with Σ̂ the sample covariance, D its diagonal and r̂ the sample correlations of the
standardised errors. ỹ is coherent (every parent the sum of its leaves) whatever ŷ was.
With fewer than `MIN_ERRORS` error periods, W falls back to the structural scaling
diag(S 1) (each node weighted by its number of leaves), which needs no errors.

The same P is applied to every sample path (a path is one draw of every node's base
forecast), so the parents' quantiles come from summed, coherent paths.

`bottom_up` is the other coherent projection: every leaf keeps its own forecast and every
parent is the sum of its leaves' (P = S J, J picking the leaves' rows). It is what a run
publishes when its own backtest does not show MinT improving on it (`mint_helps`), or did
not test MinT as the forecast would reconcile (`mint_tested`): MinT's
weights come from errors up to a year ahead, but its adjustment is proportional to the
nodes' disagreement, which over a decade is mostly the different trends their models
extrapolate, and it spreads that over every zone by W, unrelated ones too.
"""

from __future__ import annotations

import numpy as np

MIN_ERRORS = 3


def shrunk_covariance(errors: np.ndarray) -> tuple[np.ndarray, float]:
    """(W, λ) from `errors` (periods x nodes, no missing values)."""
    x = np.asarray(errors, dtype=float)
    t = x.shape[0]
    x = x - x.mean(axis=0)
    cov = x.T @ x / (t - 1)
    sd = np.sqrt(np.diag(cov))
    sd = np.where(sd > 0, sd, 1.0)
    z = x / sd
    corr = z.T @ z / (t - 1)
    w = z[:, :, None] * z[:, None, :]
    var_r = t / (t - 1) ** 3 * ((w - w.mean(axis=0)) ** 2).sum(axis=0)
    off = ~np.eye(x.shape[1], dtype=bool)
    denominator = float((corr[off] ** 2).sum())
    lam = 1.0 if denominator == 0 else float(np.clip(var_r[off].sum() / denominator, 0, 1))
    shrunk = lam * np.diag(np.diag(cov)) + (1 - lam) * cov
    return shrunk, lam


def projection(summing: np.ndarray, errors: np.ndarray | None) -> tuple[np.ndarray, dict]:
    """(P, note): the MinT-shrink projection for the nodes of ``summing`` from their
    backtest ``errors`` (periods x nodes, rows with a missing value dropped), or the
    structural one when too few periods remain."""
    s = np.asarray(summing, dtype=float)
    rows = None if errors is None else errors[np.all(np.isfinite(errors), axis=1)]
    if rows is None or len(rows) < MIN_ERRORS:
        w = np.diag(s.sum(axis=1))
        note = {"method": "structural", "error_periods": 0 if rows is None else len(rows)}
    else:
        w, lam = shrunk_covariance(rows)
        note = {"method": "mint_shrink", "lambda": round(lam, 6), "error_periods": len(rows)}
    w_inv_s = np.linalg.lstsq(w, s, rcond=None)[0]           # W⁻¹ S
    g = np.linalg.solve(s.T @ w_inv_s, w_inv_s.T)            # (S'W⁻¹S)⁻¹ S'W⁻¹
    return s @ g, note


def bottom_up(summing: np.ndarray, leaf_rows: list[int]) -> np.ndarray:
    """P = S J for the nodes of ``summing``: each leaf (row ``leaf_rows[j]`` holds leaf j)
    keeps its own value and every node is the sum of its leaves'."""
    s = np.asarray(summing, dtype=float)
    pick = np.zeros((s.shape[1], s.shape[0]))
    pick[np.arange(s.shape[1]), leaf_rows] = 1.0
    return s @ pick


def mint_helps(backtest: list[dict]) -> bool:
    """Whether a run's reconciliation backtest (`assemble.reconciliation_backtest`: per
    level, the nodes' mean MASE as forecast, summed bottom-up and reconciled with MinT, out of
    sample) shows MinT better than bottom-up at every level, as published (four decimals).
    No backtest, a level without a number, or a tie is not evidence for MinT."""
    if not backtest:
        return False
    return all(np.isfinite(row["mase_reconciled"]) and np.isfinite(row["mase_bottom_up"])
               and row["mase_reconciled"] < row["mase_bottom_up"] for row in backtest)


def mint_tested(method: str, backtest_projection: dict) -> bool:
    """Whether the run's reconciliation backtest tested the projection its forecast would
    use: every origin of the test (`published_backtest.node_backtest_mase`'s
    ``backtest_projection``) reconciled with ``method``, the forecast's (`projection`'s
    note). An origin whose other origins hold fewer than `MIN_ERRORS` error periods every
    node shares (a run whose nodes share one origin: none, when one zone's file ends early)
    is reconciled with the structural W instead, and its MASE says nothing of MinT-shrink's:
    `mint_helps` on such a test is no evidence, and the run publishes bottom-up. Where every
    zone's file is whole, every origin has the others' months and the test is MinT-shrink
    whenever the forecast is (a forecast on the structural W, with too few errors in all,
    is tested with it too)."""
    return backtest_projection.get("method") == method


def reconcile(p: np.ndarray, values: np.ndarray) -> np.ndarray:
    """P applied along the first axis of ``values`` (nodes x ...): coherent values."""
    v = np.asarray(values, dtype=float)
    return np.tensordot(p, v, axes=(1, 0))
