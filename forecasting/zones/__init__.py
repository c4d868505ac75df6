"""Zone grid-load forecasts: history, base/data-center decomposition, large-load pipeline,
weather years, the load backtest (`forecasting.zones.backtest`) and the in-memory zone run
(`forecasting.zones.run.run_zone`)."""
