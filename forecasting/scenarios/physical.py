"""The physical ranges of the scenario drivers' parameters that carry a unit, and the rule that
a driver's years come after the history's base year.

Each range is a `Domain` with its unit, so a value written in another unit is refused saying
the unit expected and the value given: a board's power in watts where kW is meant (700 for
0.7, 1000 times the power), a share or a utilization in percent, a PUE in percent or as its
overhead (0.3 for 1.3), a host overhead in percent, a lifetime in months, shipments in units,
TWh in GWh, a rebound in percent. The bounds leave room well beyond every figure they come
from (`../shared/reference/published_figures.md` sections 1, 2 and 4, and the shipped
scenario files) and well short of the same figure in the wrong unit.
"""

from __future__ import annotations

from forecasting.scenarios.distributions import Domain, ParamError, fixed

#: an AI accelerator board's power, kW: A100 SXM 0.4, H100 SXM 0.7, B200 about 1 (vendor data
#: sheets); 20 kW is far above any board
BOARD_KW = Domain(gt=0.0, le=20.0, unit="kW per board: 0.7 for a 700 W H100")
#: full-load server power over board power: DGX H100 10.2 kW / 8 x 0.7 kW = 1.82, DGX A100
#: 6.5 / 8 x 0.4 = 2.03 (vendor data sheets); 4 is twice the highest
HOST_OVERHEAD = Domain(ge=1.0, le=4.0, unit="full-load server power over board power: 1.8 "
                       "for a DGX H100 (10.2 kW over 8 x 0.7 kW boards)")
#: PUE: 2.5 in 2007 (Uptime), about 2.4 for legacy enterprise space (LBNL 2024); never below 1
PUE = Domain(ge=1.0, le=3.0, unit="facility power over IT power: 1.3, not its overhead 0.3 "
             "nor 130")
#: a share of the world's accelerators, of the region's load
SHARE = Domain(ge=0.0, le=1.0, unit="a fraction: 0.5 for 50%")
#: average draw over full-load draw
UTILIZATION = Domain(gt=0.0, le=1.0, unit="a fraction of full-load power: 0.6 for 60%")
#: years an accelerator stays in service (4-6 in the shipped files)
LIFETIME_YEARS = Domain(gt=0.0, le=20.0, unit="years in service: 5, not months")
#: world accelerator shipments in a year, millions: 3.76 M NVIDIA GPUs in 2023 (TechInsights)
SHIPMENTS_M = Domain(ge=0.0, le=1000.0, unit="millions of accelerators a year: 3.76 for 3.76 M")
#: a load in a year, TWh: US data centers 176 in 2023 (LBNL 2024), the world's 945 in IEA's
#: 2030 base case; 10,000 TWh is a third of the world's electricity
MAX_TWH = 10_000.0
TWH_UNIT = "TWh a year: 152.71 for EPRI's 2023 US load, not GWh"
TWH = Domain(gt=0.0, le=MAX_TWH, unit=TWH_UNIT)
TWH_OR_NONE = Domain(ge=0.0, le=MAX_TWH, unit=TWH_UNIT)
#: a frontier training run's facility power, MW: tens of MW in 2023 (the seed article; GPT-3
#: about 1,287 MWh, Patterson et al. 2021), the largest clusters announced for 2025-2027 a few
#: GW; 20,000 MW is far above any run and below the same figure written in kW
TRAINING_RUN_MW = Domain(gt=0.0, le=20_000.0, unit="MW of facility power per run: 25 for "
                         "25 MW, not kW")
#: frontier training runs a year, world (5-20 in the shipped files)
RUNS_PER_YEAR = Domain(ge=0.0, le=10_000.0, unit="frontier training runs a year, world")
#: AI queries a day, world, in billions (0.2-1.0 in the shipped files)
QUERIES_BN = Domain(ge=0.0, le=10_000.0, unit="billions of queries a day: 0.5 for 500 "
                    "million, not the count")
#: facility energy per query, Wh: 0.24-0.34 (Google 2025, OpenAI 2025) to 2.9 (de Vries 2023;
#: EPRI 2024); 100 Wh is far above any and below the same figure in mWh or joules
WH_PER_QUERY = Domain(gt=0.0, le=100.0, unit="Wh per query: 2.9, not mWh nor joules")
#: the share of an efficiency saving taken back by more use: 0 none, 1 all, above 1 backfire
#: (1.5 at most in the shipped files)
REBOUND = Domain(ge=0.0, le=3.0, unit="a share of the efficiency saving taken back: 0.5 for "
                 "50% (above 1 is backfire)")
#: the s.d. of a growth rate's year-to-year noise (0.01 in the EPRI presets)
RATE_NOISE_SD = Domain(ge=0.0, le=0.2, unit="the s.d. of the yearly rate, a fraction: 0.01 "
                       "for 1 point")
#: the floor on a log-linear trend's residual s.d. of the log (0.05 in the shipped files)
LOG_SD = Domain(ge=0.0, le=1.0, unit="an s.d. of the log of the load: 0.05 for about 5%")


def check_number(value: float, *, domain: Domain, name: str) -> None:
    """Raise ParamError keyed by `name` when the plain number `value` of the field `name`
    leaves `domain` (the check a `Param` field gets from its block's `DOMAINS`)."""
    try:
        domain.check(fixed(value), name)
    except ParamError as exc:
        raise ParamError(str(exc), (name,)) from None


def after_base_year(year: int | None, *, name: str, base_year: int, otherwise: str) -> None:
    """Raise ParamError keyed by `name` when the driver year `year` (None: not given) is not
    after the history's base year, the last year a run's history holds (only a run knows it);
    `otherwise` says what the year would silently mean."""
    if year is not None and year <= base_year:
        raise ParamError(f"{name} {year} is not after the history's base year {base_year}: "
                         f"{otherwise}; give a forecast year, {base_year + 1} or later",
                         (name,))


def after_start_year(year: int | None, *, name: str, start_year: int, otherwise: str) -> None:
    """Raise ParamError keyed by `name` when `year` (None: not given) is not after the path's
    stated start year."""
    if year is not None and year <= start_year:
        raise ParamError(f"{name} {year} must be after the start year {start_year}: "
                         f"{otherwise}", (name,))
