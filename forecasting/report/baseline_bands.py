"""What the national report says about the far bands of `momentum`, read from the run's manifest.

`momentum` is the statistical baseline's own paths of the total, so its bands are the
baseline's: widened per horizon by the backtest's conformal factors where the backtest had
enough residuals (`manifest.bands.kind == "calibrated"`), the models' own otherwise
("model-based"). Past the longest calibrated horizon the last factor is carried on only when
it widens (`Calibration.applied_factor`), so the factor applied to the last forecast year,
`manifest.baseline.band_factors[-1]`, says whether a widening is carried on. The sentence is
built from those two fields and the configured backtest horizon, never fixed text: a run whose
bands are model-based must not be told that they carry a calibrated widening (fuzz round 7a
D3), and a run without `momentum` gets no sentence about it.
"""

from __future__ import annotations

MOMENTUM = "momentum"
UPPER_TAIL = "the envelope, not the trend, sets its upper tail."


def momentum_bands_sentence(manifest: dict, scenario_names: list[str]) -> str | None:
    """The sentence on `momentum`'s bands beyond the backtest horizon; None without momentum."""
    if MOMENTUM not in scenario_names:
        return None
    kind = (manifest.get("bands") or {}).get("kind", "model-based")
    factors = (manifest.get("baseline") or {}).get("band_factors") or []
    horizon = ((manifest.get("config") or {}).get("baseline") or {}).get("backtest_horizon")
    beyond = (f"Beyond the backtest horizon ({horizon} years)" if horizon
              else "Beyond the backtest horizon")
    if kind != "calibrated":
        return (f"The bands of {MOMENTUM} are the baseline models' own (model-based: the "
                "backtest had too few residuals to calibrate them, see the headline's note on "
                f"bands), in every year; {UPPER_TAIL}")
    last = factors[-1] if factors else None
    if last is None:
        return (f"{beyond} the bands of {MOMENTUM} carry the backtest's calibrated widening on; "
                f"{UPPER_TAIL}")
    if last > 1:
        return (f"{beyond} the bands of {MOMENTUM} carry the backtest's calibrated widening on "
                f"(a factor of {last:.2f} on the spread around the median); {UPPER_TAIL}")
    return (f"{beyond} the bands of {MOMENTUM} are the models' own: the backtest's "
            f"calibration added no widening to carry on; {UPPER_TAIL}")
