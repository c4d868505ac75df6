"""How far the Prophet-with-defaults peer's DOM energy scores move when eight months move by
at most 0.3%: the months EIA-930's imputed hours touch (their daylight-saving days and
2020-08), whose monthly means moved by about that much once those hours stopped being
evidence. The denominator of `results.md`'s annual-energy ratio is this peer.

Each draw multiplies those eight months' energy by a uniform factor in [0.997, 1.003] (seeded)
and reruns the zone load backtest of `pipelines/pjm_dom.yaml` with the peer alone (seasonal
naive as the one candidate, as `selected` needs one), paths and origins as `results.md`.

    .venv/bin/python benchmarks/zones/dom/prophet_sensitivity.py   # writes prophet_sensitivity.md
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from forecasting.io.zone_config_file import load_zone_config  # noqa: E402
from forecasting.models.registry import MODELS  # noqa: E402
from forecasting.zones.backtest import load_backtest, monthly_load  # noqa: E402
from forecasting.zones.history import build_history  # noqa: E402
from forecasting.zones.read import read_zone_files  # noqa: E402

MONTHS = ("2020-03", "2020-08", "2022-03", "2022-11", "2023-03", "2023-11", "2024-03", "2024-11")
DRAWS, SEED, MOVE = 4, 1, 0.003


def prophet_mase(series: dict, bt) -> pd.Series:
    result = load_backtest(series, {"seasonal_naive": MODELS["seasonal_naive"]},
                           {"prophet_defaults": MODELS["prophet_defaults"]},
                           horizon=bt.horizon, annual_horizon=bt.annual_horizon, step=bt.step,
                           min_train=bt.min_train, first_origin=bt.first_origin,
                           n_paths=bt.n_paths, seed=0, strategy=bt.strategy,
                           widening=bt.widening, hourly=None, split=None)
    table = result.summary[(result.summary["horizon"].astype(str) == "all")
                           & (result.summary["model"] == "prophet_defaults")]
    table = table[table["metric"] == "energy_gwh"]
    return table.set_index("frequency")["MASE"]


def main() -> None:
    logging.getLogger("cmdstanpy").setLevel(logging.ERROR)
    config = load_zone_config(ROOT / "pipelines" / "pjm_dom.yaml")
    series = monthly_load(build_history(read_zone_files(config.series)))
    rng = np.random.default_rng(SEED)
    rows = [{"draw": "as read", **prophet_mase(series, config.backtest)}]
    for k in range(DRAWS):
        moved = {kind: values.copy() for kind, values in series.items()}
        for month in MONTHS:
            moved["energy_gwh"][pd.Period(month, "M")] *= 1 + rng.uniform(-MOVE, MOVE)
        rows.append({"draw": f"moved {k + 1}", **prophet_mase(moved, config.backtest)})
    table = pd.DataFrame(rows)
    lines = ["# Prophet with defaults on DOM energy: how much eight months moving by <= 0.3% "
             "moves its MASE", "",
             "Regenerate: `.venv/bin/python benchmarks/zones/dom/prophet_sensitivity.py` "
             "(see its docstring).", "",
             "| draw | monthly MASE | annual MASE |", "|---|---|---|"]
    lines += [f"| {r['draw']} | {r['monthly']:.3f} | {r['annual']:.3f} |" for r in rows]
    lines += ["", f"Annual MASE range over the draws: {table['annual'].min():.3f}-"
              f"{table['annual'].max():.3f}."]
    (HERE / "prophet_sensitivity.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
