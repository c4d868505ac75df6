"""The national run, in memory: load and validate the inputs, build the history, and compute
every table a run publishes (`compute_run`). No file is written here; the application
(`pipelines/`) writes, renders and publishes."""

from forecasting.national.compute import ComputedRun, compute_run
from forecasting.national.inputs import build_history_of, input_files, load_inputs, with_overrides

__all__ = ["ComputedRun", "build_history_of", "compute_run", "input_files", "load_inputs",
           "with_overrides"]
