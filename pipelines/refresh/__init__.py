"""Scheduled batch refreshes that never lose a good result (`dcload refresh`, `dcload runs`).

- `refresh.py`: the refresh itself (lock, recover, fingerprint, stage, check, publish, prune)
- `store.py`: the store layout, staging, atomic publication, output checks
- `registry.py`: the SQLite run registry
- `lock.py`: the store's OS file lock
- `fingerprint.py`: what a run depends on
- `diff.py`: what changed between two runs (library function for the report and the CLI)
- `logs.py`: plain or JSON-lines logs on stderr
- `hooks.py`: test-only pause points (`DCLOAD_TEST_PAUSE_AT`)
- `cli.py`: the typer commands
"""
