"""The national run, in memory: load and validate the inputs, build the history, and compute
every table a run publishes (`compute_run`). No file is written here; the application
(`pipelines/`) writes, renders and publishes.

`compute_run` and `ComputedRun` are imported on first use (they bring in the models, about
2 s), so reading or fingerprinting a config does not pay for them."""

from forecasting.national.inputs import build_history_of, input_files, load_inputs, with_overrides

__all__ = ["ComputedRun", "build_history_of", "compute_run", "input_files", "load_inputs",
           "with_overrides"]


def __getattr__(name: str):
    if name in ("ComputedRun", "compute_run"):
        from forecasting.national import compute

        return getattr(compute, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
