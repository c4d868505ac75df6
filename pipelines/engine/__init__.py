"""Where many-zone tasks run: a Dask cluster (`dask_engine`)."""
