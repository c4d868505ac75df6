"""Uncertain parameters: a fixed value or a distribution, and how draws are made from them.

Two kinds of object are understood here:

- `Dist`, the scenario files' parameter (`{dist: pert, low: .., mode: .., high: .., note: ..}` or
  a plain number, which becomes `fixed`): fixed, uniform, triangular, normal, lognormal
  (`median`, `sigma` = s.d. of the log) and PERT (a beta on [low, high] with its mode at `mode`,
  shape 4).

Draws are made in normal space: a parameter's value is `transform(dist, z)` of a standard normal
`z`, so a Gaussian copula (rank correlation between parameters, see `sampling.py`) only has to
correlate the `z`. Every transform is exact except PERT's, which interpolates its inverse CDF
on a fine grid in `z` (error below 1e-6 of the range).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BeforeValidator, model_validator
from scipy import special

from forecasting.strict import StrictModel

KINDS = ("fixed", "uniform", "triangular", "normal", "lognormal", "pert")
#: normal and lognormal tails beyond this many s.d. are treated as outside the support when a
#: parameter's domain is checked (0.05% of draws on each side); such draws are clipped
TAIL_Z = 3.29


class ParamError(ValueError):
    """A bad parameter value; `key` is its path below the model that raised it."""

    def __init__(self, message: str, key: tuple = ()) -> None:
        super().__init__(message)
        self.key = tuple(key)


class Dist(StrictModel):
    """One uncertain parameter of a scenario file."""

    dist: Literal["fixed", "uniform", "triangular", "normal", "lognormal", "pert"]
    value: float | None = None
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None
    median: float | None = None
    sigma: float | None = None
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Dist:
        needed = {
            "fixed": ("value",),
            "uniform": ("low", "high"),
            "triangular": ("low", "mode", "high"),
            "normal": ("mean", "sd"),
            "lognormal": ("median", "sigma"),
            "pert": ("low", "mode", "high"),
        }[self.dist]
        missing = [k for k in needed if getattr(self, k) is None]
        if missing:
            raise ParamError(f"a {self.dist} distribution needs {', '.join(missing)}",
                             (missing[0],))
        unused = [k for k in ("value", "low", "mode", "high", "mean", "sd", "median", "sigma")
                  if getattr(self, k) is not None and k not in needed]
        if unused:
            raise ParamError(f"a {self.dist} distribution does not use '{unused[0]}'",
                             (unused[0],))
        for key in needed:
            if not np.isfinite(getattr(self, key)):
                raise ParamError(f"{key} must be a finite number", (key,))
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ParamError(f"low {self.low:g} is above high {self.high:g}", ("high",))
        if self.mode is not None and not (self.low <= self.mode <= self.high):
            raise ParamError(f"mode {self.mode:g} is not between low {self.low:g} and "
                             f"high {self.high:g}", ("mode",))
        if self.sd is not None and self.sd < 0:
            raise ParamError(f"sd must be >= 0 (got {self.sd:g})", ("sd",))
        if self.sigma is not None and self.sigma < 0:
            raise ParamError(f"sigma must be >= 0 (got {self.sigma:g})", ("sigma",))
        if self.median is not None and self.median <= 0:
            raise ParamError(f"a lognormal's median must be > 0 (got {self.median:g})",
                             ("median",))
        return self

    # -- properties used by the engine and the reports ------------------------------------

    @property
    def is_fixed(self) -> bool:
        """True when every draw is the same value."""
        if self.dist == "fixed":
            return True
        if self.dist in ("uniform", "triangular", "pert"):
            return self.low == self.high
        if self.dist == "normal":
            return self.sd == 0
        return self.sigma == 0

    def support(self) -> tuple[float, float, str, str]:
        """(lowest, highest, key naming the lowest, key naming the highest) draw; the tails of
        normal and lognormal distributions are cut at +-TAIL_Z s.d."""
        if self.dist == "fixed":
            return self.value, self.value, "value", "value"
        if self.dist in ("uniform", "triangular", "pert"):
            return self.low, self.high, "low", "high"
        if self.dist == "normal":
            return (self.mean - TAIL_Z * self.sd, self.mean + TAIL_Z * self.sd, "sd", "sd")
        return (self.median * np.exp(-TAIL_Z * self.sigma),
                self.median * np.exp(TAIL_Z * self.sigma), "sigma", "sigma")

    def quantile(self, q: float | np.ndarray) -> float | np.ndarray:
        """The exact quantile(s) `q` (e.g. 0.1 and 0.9 for a tornado table)."""
        q = np.asarray(q, dtype=float)
        out = transform(self, special.ndtri(q), exact=True)
        return float(out) if out.ndim == 0 else out

    def describe(self) -> str:
        """A short text such as `pert(0.5, 0.6, 0.8)`."""
        if self.dist == "fixed":
            return f"{self.value:g}"
        if self.dist == "uniform":
            return f"uniform({self.low:g}, {self.high:g})"
        if self.dist in ("triangular", "pert"):
            return f"{self.dist}({self.low:g}, {self.mode:g}, {self.high:g})"
        if self.dist == "normal":
            return f"normal(mean {self.mean:g}, sd {self.sd:g})"
        return f"lognormal(median {self.median:g}, sigma {self.sigma:g})"


def _number_to_fixed(value: Any) -> Any:
    """A plain number in a scenario file is a fixed parameter."""
    if isinstance(value, bool):
        raise ValueError("expected a number or a distribution mapping, got a boolean")
    if isinstance(value, int | float):
        return {"dist": "fixed", "value": float(value)}
    if isinstance(value, str):
        try:
            return {"dist": "fixed", "value": float(value)}
        except ValueError:
            raise ValueError(f"expected a number or a distribution mapping (got {value!r})"
                             ) from None
    return value


#: the type of every parameter in a scenario file: a number or a `Dist` mapping
Param = Annotated[Dist, BeforeValidator(_number_to_fixed)]


def fixed(value: float, note: str = "") -> Dist:
    return Dist(dist="fixed", value=float(value), note=note)


@dataclass(frozen=True)
class Domain:
    """Where a parameter's draws must lie, e.g. `Domain(ge=1, le=100, unit="a percent: 16
    for 16%")`; `unit`, when given, is added to a refusal so that a value written in the wrong
    unit (a fraction for a percent) says what was expected."""

    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    unit: str = ""

    def check(self, dist: Dist, name: str) -> None:
        """Raise ParamError (keyed by the offending key of `dist`) when its support leaves the
        domain."""
        lo, hi, lo_key, hi_key = dist.support()
        tail = dist.dist in ("normal", "lognormal")
        for bound, ok, key, word, value in (
            (self.ge, lambda b: lo >= b, lo_key, ">=", lo),
            (self.gt, lambda b: lo > b, lo_key, ">", lo),
            (self.le, lambda b: hi <= b, hi_key, "<=", hi),
            (self.lt, lambda b: hi < b, hi_key, "<", hi),
        ):
            if bound is None or ok(bound):
                continue
            if tail:
                message = (f"{name} must be {word} {bound:g}, but this {dist.dist} distribution "
                           f"reaches {value:g}; narrow it or use a bounded distribution")
            else:
                message = f"{name} must be {word} {bound:g} (got {value:g})"
            if self.unit:
                message += f"; it is {self.unit}"
            raise ParamError(message, (key,))

    def clip(self, values: np.ndarray) -> np.ndarray:
        lo = self.ge if self.ge is not None else self.gt
        hi = self.le if self.le is not None else self.lt
        if lo is None and hi is None:
            return values
        return np.clip(values, lo, hi)


# -- draws in normal space -----------------------------------------------------------------

_Z_GRID = np.linspace(-9.0, 9.0, 4097)


@lru_cache(maxsize=512)
def _pert_table(alpha: float, beta: float) -> np.ndarray:
    """The standard beta's inverse CDF at ndtr(_Z_GRID)."""
    return special.betaincinv(alpha, beta, special.ndtr(_Z_GRID))


def _interp_uniform(z: np.ndarray, table: np.ndarray) -> np.ndarray:
    """np.interp(z, _Z_GRID, table) for the evenly spaced grid, without a search."""
    step = _Z_GRID[1] - _Z_GRID[0]
    pos = np.clip((z - _Z_GRID[0]) / step, 0.0, len(_Z_GRID) - 1.0)
    idx = np.minimum(pos.astype(np.intp), len(_Z_GRID) - 2)
    frac = pos - idx
    return table[idx] + frac * (table[idx + 1] - table[idx])


def _pert_shape(dist: Dist) -> tuple[float, float]:
    span = dist.high - dist.low
    alpha = 1.0 + 4.0 * (dist.mode - dist.low) / span
    beta = 1.0 + 4.0 * (dist.high - dist.mode) / span
    return alpha, beta


def transform(dist: Dist, z: np.ndarray, *, exact: bool = False) -> np.ndarray:
    """The values of `dist` at standard-normal scores `z` (its inverse CDF at Phi(z))."""
    z = np.asarray(z, dtype=float)
    kind = dist.dist
    if dist.is_fixed:
        value = dist.value if kind == "fixed" else (
            dist.low if kind in ("uniform", "triangular", "pert") else
            dist.mean if kind == "normal" else dist.median)
        return np.full(z.shape, float(value))
    if kind == "normal":
        return dist.mean + dist.sd * z
    if kind == "lognormal":
        return dist.median * np.exp(dist.sigma * z)
    if kind == "uniform":
        return dist.low + (dist.high - dist.low) * special.ndtr(z)
    if kind == "triangular":
        u = special.ndtr(z)
        lo, mode, hi = dist.low, dist.mode, dist.high
        c = (mode - lo) / (hi - lo)
        left = lo + np.sqrt(u * (hi - lo) * (mode - lo))
        right = hi - np.sqrt((1.0 - u) * (hi - lo) * (hi - mode))
        return np.where(u < c, left, right)
    # pert
    alpha, beta = _pert_shape(dist)
    if exact:
        unit = special.betaincinv(alpha, beta, special.ndtr(z))
    else:
        unit = _interp_uniform(z, _pert_table(round(alpha, 12), round(beta, 12)))
    return dist.low + (dist.high - dist.low) * unit
