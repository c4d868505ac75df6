"""How the reports write a load figure (MW, GWh, TWh): to about three significant figures.

A figure of 100 or more is written in whole units with thousands separators, as the reports
always wrote every figure (8,967 MW: four figures already). A smaller one keeps the decimals
its third significant figure needs (17.4, 0.480, 0.00123), because whole units make a 0.5 MW
data-center feeder read "0 [0-1] MW" and a 10 MW zone's 50/50 and 90/10 (17.00 and 17.40)
read alike, which says the zone has no load or no uncertainty.

The figures of one band (a P50 and its two ends; a 50/50 beside its 90/10 and their bands)
share one number of decimals, the most any of them needs, so the band reads on one scale; and
where two of its distinct figures would still read alike (17.00 and 17.04 as "17.0-17.0"), up
to `EXTRA_DECIMALS` more, the fewest that tell them apart. A band of whole units (every figure
100 or more) is not given decimals for that, except when two figures a whole unit or more
apart would read alike (101.5 and 102.5 both round to 102): below a unit in hundreds the
difference says nothing a reader needs, and the large zones' pages stay as they were.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

SIGNIFICANT = 3
#: at most this many decimals beyond a band's own to tell its distinct figures apart
EXTRA_DECIMALS = 2
#: no figure gets more decimals than this (a millionth of a MW is a watt)
MAX_DECIMALS = 6
MISSING = "-"


def own_decimals(value: float, significant: int = SIGNIFICANT) -> int:
    """Decimals that write `value` to `significant` figures: none from 10**(significant - 1)
    up, and none for zero or a missing value (nothing to keep); at most `MAX_DECIMALS`."""
    value = float(value)
    if not math.isfinite(value) or value == 0.0:
        return 0
    return min(max(0, significant - 1 - math.floor(math.log10(abs(value)))), MAX_DECIMALS)


def band_decimals(values: Iterable[float], minimum: int = 0) -> int:
    """The decimals the figures `values` of one band share: the most any of them needs (and
    at least `minimum`), plus the fewest more (up to `EXTRA_DECIMALS`) that write apart the
    figures that differ at that many more; for a band of whole units, only those a whole
    unit or more apart."""
    finite = sorted({float(v) for v in values if math.isfinite(float(v))})
    base = max([minimum] + [own_decimals(v) for v in finite])
    finest = min(base + EXTRA_DECIMALS, MAX_DECIMALS)
    neighbours = list(zip(finite, finite[1:], strict=False))  # sorted: if these read apart, all do
    if base == 0:
        apart = [(a, b) for a, b in neighbours if b - a >= 1.0]
    else:
        apart = [(a, b) for a, b in neighbours if f"{a:.{finest}f}" != f"{b:.{finest}f}"]
    for decimals in range(base, finest + 1):
        if all(f"{a:.{decimals}f}" != f"{b:.{decimals}f}" for a, b in apart):
            return decimals
    return base


def figure(value: float | None, decimals: int | None = None, *, separator: bool = True,
           minimum: int = 0) -> str:
    """`value` to `decimals` decimals (default: its own, `own_decimals`, and at least
    `minimum`), with thousands separators unless ``separator`` is False; `MISSING` for a
    missing value."""
    if value is None or not math.isfinite(float(value)):
        return MISSING
    if decimals is None:
        decimals = max(own_decimals(value), minimum)
    return f"{float(value):{',' if separator else ''}.{decimals}f}"


def figures(*values: float, separator: bool = True, minimum: int = 0) -> list[str]:
    """The figures of one band, written with their shared decimals (`band_decimals`, at
    least `minimum`)."""
    decimals = band_decimals((v for v in values if v is not None), minimum)
    return [figure(v, decimals, separator=separator) for v in values]


def band(p50: float, low: float, high: float, *, separator: bool = True,
         minimum: int = 0) -> str:
    """A median and its band as the reports' tables show them: "P50 [low-high]"."""
    mid, lo, hi = figures(p50, low, high, separator=separator, minimum=minimum)
    return f"{mid} [{lo}-{hi}]"
