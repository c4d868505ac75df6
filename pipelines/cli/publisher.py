"""Run the publisher for `dcload forecast` and `dcload refresh`: a SIGTERM from a scheduler
stops it cleanly (nothing half-published), and its outcome becomes the exit code."""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the publisher imports every model: only when a run starts, so that
    # `dcload --help` and a command-line mistake answer at once
    from pipelines.publishing.logs import RunLog
    from pipelines.publishing.progress import StageProgress
    from pipelines.publishing.publish_run import PublishOptions, RunOutcome


def run_publisher(options: PublishOptions, log: RunLog, *,
                  progress: StageProgress | None = None) -> RunOutcome:
    from pipelines.publishing.publish_run import Terminated, publish_run

    def on_sigterm(signum: int, frame: object) -> None:
        raise Terminated(f"stopped by signal {signum}")

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        outcome = publish_run(options, log, progress=progress)
    except Terminated as stopped:  # outside a run (e.g. while recovering): nothing to undo
        log.error("failed", f"run {stopped}; latest left as it was", exit_code=1)
        raise SystemExit(1) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    if outcome.exit_code:
        raise SystemExit(outcome.exit_code)  # not typer.Exit: main() runs standalone_mode=False
    return outcome
