"""Zone grid-load forecasts: history, base/data-center decomposition, large-load pipeline,
weather years and the in-memory zone run (`forecasting.zones.run.run_zone`)."""
