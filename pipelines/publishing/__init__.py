"""Publishing runs: the one way `dcload forecast` and `dcload refresh` put a run live.

- `publish_run.py`: lock, recover, fingerprint (skip if unchanged, for refreshes), stage,
  write, check, switch `latest`, registry, retention
- `run_dir.py`: write a computed run's files into a directory and render its report once
- `store.py`: the store layout (runs/<id>, the `latest` link), staging, output checks
- `registry.py`: the SQLite run registry
- `lock.py`: the store's OS file lock
- `logs.py`: plain or JSON-lines logs on stderr
- `progress.py`: stage progress on stderr, or as log lines
- `pause_points.py`: test-only pause points (`DCLOAD_TEST_PAUSE_AT`)
"""
