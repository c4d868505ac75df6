"""Every zone of a grid at once: one task per node of the hierarchy (`node_task`, run by any
map engine, Dask in the application), then coherent energy across the hierarchy
(`assemble`). Configuration: `forecasting.zones.config.ManyZonesConfig`."""
