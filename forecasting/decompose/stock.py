"""The stock-and-flow kernel shared by the history backcast and the `fleet` scenario driver.

A cohort is the accelerators shipped in one calendar year. They enter service at mid-year (the
mid-year convention: half a year of operation in the shipment year) and retire `lifetime`
years later, so in calendar year `t` a cohort shipped in year `s` (age `a = t - s`) is in
service for the fraction

    f(a, L) = clip(min(a + 1, 0.5 + L) - max(a, 0.5), 0, 1)        (a >= 0)

of the year: 0.5 in its first year, 1 while young, a fraction in the year it retires, 0 after.
`f` is continuous in `L`, so an uncertain lifetime gives smooth paths.
"""

from __future__ import annotations

import numpy as np


def operating_fraction(age: np.ndarray, lifetime: np.ndarray) -> np.ndarray:
    """f(age, lifetime), broadcasting; zero for negative ages (not yet shipped)."""
    age = np.asarray(age, dtype=float)
    lifetime = np.asarray(lifetime, dtype=float)
    frac = np.minimum(age + 1.0, 0.5 + lifetime) - np.maximum(age, 0.5)
    return np.where(age >= 0, np.clip(frac, 0.0, 1.0), 0.0)


def max_age(lifetime: np.ndarray) -> int:
    """The oldest age at which a cohort can still be in service, for any of `lifetime`."""
    return int(np.ceil(float(np.max(lifetime)) + 0.5))


def in_service_power(
    weights: np.ndarray, cohort_years: np.ndarray, years: np.ndarray, lifetime: np.ndarray
) -> np.ndarray:
    """Sum over cohorts of `weights` (GW at full draw, shape (n, S) or (S,)) times the fraction
    in service in each of `years`, for lifetimes `lifetime` ((n,) or scalar): shape (n, H).

    Cohort years and years must be consecutive. The sum runs over ages (a handful) rather than
    cohorts x years, so the work is n x H x (max age + 1) multiply-adds on array slices.
    """
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    cohort_years = np.asarray(cohort_years, dtype=int)
    years = np.asarray(years, dtype=int)
    for name, values in (("cohort years", cohort_years), ("years", years)):
        if len(values) > 1 and not np.all(np.diff(values) == 1):
            raise ValueError(f"{name} must be consecutive")
    lifetime = np.atleast_1d(np.asarray(lifetime, dtype=float))
    n = max(weights.shape[0], lifetime.shape[0])
    horizon, cohorts = len(years), len(cohort_years)
    out = np.zeros((n, horizon))
    if horizon == 0 or cohorts == 0:
        return out
    for age in range(max_age(lifetime) + 1):
        # year j uses cohort c = offset + j; both runs are consecutive, so slices suffice
        offset = int(years[0]) - age - int(cohort_years[0])
        j0, j1 = max(0, -offset), min(horizon, cohorts - offset)
        if j0 >= j1:
            continue
        frac = operating_fraction(np.float64(age), lifetime)[:, None]  # (n or 1, 1)
        out[:, j0:j1] += weights[:, offset + j0: offset + j1] * frac
    return out
