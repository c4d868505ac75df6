"""Run logs on stderr: plain lines (`<ts> <LEVEL> <message>`; `dcload forecast` prints the
message alone) or, with `--log-json`, one JSON object per line with at least `ts`, `level`,
`event`, `run_id` and `message`.

`--quiet` drops the info lines; warnings and errors are always written (so cron mails only
when something went wrong).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import TextIO

LEVELS = {"debug": 10, "info": 20, "warning": 30, "error": 40}


class RunLog:
    def __init__(self, *, json_lines: bool = False, quiet: bool = False,
                 stream: TextIO | None = None, timestamps: bool = True) -> None:
        self.json_lines = json_lines
        self.timestamps = timestamps
        self.min_level = LEVELS["warning"] if quiet else LEVELS["info"]
        self.stream = stream
        self.run_id: str | None = None

    def log(self, level: str, event: str, message: str, **fields: object) -> None:
        if LEVELS[level] < self.min_level:
            return
        ts = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        if self.json_lines:
            record = {"ts": ts, "level": level, "event": event, "run_id": self.run_id,
                      "message": message, **fields}
            line = json.dumps(record, default=str)
        elif self.timestamps:
            line = f"{ts} {level.upper():<7} {message}"
        else:
            line = message
        stream = self.stream or sys.stderr
        print(line, file=stream, flush=True)

    def info(self, event: str, message: str, **fields: object) -> None:
        self.log("info", event, message, **fields)

    def warning(self, event: str, message: str, **fields: object) -> None:
        self.log("warning", event, message, **fields)

    def error(self, event: str, message: str, **fields: object) -> None:
        self.log("error", event, message, **fields)

    def raw(self, text: str) -> None:
        """Text as is (a traceback in plain mode)."""
        print(text.rstrip("\n"), file=self.stream or sys.stderr, flush=True)
