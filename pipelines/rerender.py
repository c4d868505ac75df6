"""Render a published run's report again from its own files only (archived runs included)."""

from __future__ import annotations

from pathlib import Path

from forecasting.report.render import render_report
from forecasting.report.run_files import read_run


def rerender_report(run_dir: Path) -> Path:
    run_dir = Path(run_dir)
    html = render_report(read_run(run_dir))
    tmp = run_dir / ".index.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(run_dir / "index.html")
    return run_dir / "index.html"
