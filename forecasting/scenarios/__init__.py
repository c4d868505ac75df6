"""AI growth scenarios: driver models (one per file) + uncertain parameters -> Monte Carlo paths.

Public API (what the pipeline, the CLI and the report use):

- `catalog`: `list_scenarios()`, `load_scenario(name)`, `load_scenario_file(path)` (=
  `validate_file`), `load_all()`, `describe_scenario(spec)`, `show_text(spec)` (and as data,
  `show_record(spec)`: `scenarios show --json`),
  `load_backcast(region)`, `load_envelope_file(path)` and `is_envelope_file(path)` (what
  `dcload scenarios validate` reads as a supply envelope);
- `engine.simulate_scenario(spec, *, history, years, n, seed, decomposition=None,
  baseline_paths=None, momentum_paths=None, first_draw=0, overrides=None) -> ScenarioPaths`;
- `outputs.summarise_paths(paths, national_paths) -> DataFrame` (component, metric rows);
- `reproduce.reproduce(history, ...) -> DataFrame` (one row per published figure);
- `forecasting.combine.sensitivity.tornado(...)`, `rank_correlations(paths, year=...)`;
- `forecasting.decompose.decompose_history(history, assumptions) -> Decomposition`.

Drivers: `fleet`, `compute_efficiency`, `growth_rate`, `endpoint`, `momentum`; components:
`training`, `inference`; `constraints` caps capacity.
"""

from forecasting.scenarios.engine import ScenarioPaths, simulate_scenario
from forecasting.scenarios.spec import ScenarioSpec

__all__ = ["ScenarioPaths", "ScenarioSpec", "simulate_scenario"]
