"""A light national run (`make_light`: two cheap candidates, few draws), published once per
test session by the real CLI, and helpers that read the text of its report's sections.

The national report tests render this run's files again, often with one field of its
manifest or one table changed (`dataclasses.replace` on the `RunFiles`), so that each case
costs a render, not a run."""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
from pathlib import Path

import numpy as np

from forecasting.paths import DATA_DIR, DEFAULT_PIPELINE
from tests.conftest import make_light, run_cli


def light_national_run(tmp_path_factory) -> Path:
    """The run folder of `dcload forecast` on a light copy of the shipped national pipeline."""
    root = tmp_path_factory.getbasetemp() / "light-national"
    out = root / "out"
    if (out / "manifest.json").exists():
        return out
    shutil.rmtree(root, ignore_errors=True)
    (root / "pipelines").mkdir(parents=True)
    (root / "data").mkdir()
    config = root / "pipelines" / "us_national.yaml"
    shutil.copy(DEFAULT_PIPELINE, config)
    for table in DATA_DIR.glob("*.csv"):
        shutil.copy(table, root / "data" / table.name)
    shutil.copytree(DATA_DIR / "scenarios", root / "data" / "scenarios")
    make_light(config)
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    return out


def page_text(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed (inline tags dropped, others
    read as a space)."""
    text = re.sub(r"</?(?:code|b|i|a)\b[^>]*>", "", fragment)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())


def section(page: str, section_id: str) -> str:
    """The HTML of `<section id="section_id">` of a report page."""
    start = page.index(f'<section id="{section_id}">')
    return page[start:page.index("</section>", start)]


def page_charts(page: str) -> dict[str, dict]:
    """The plotly figures a report page draws, by chart key, with each trace's `x` and `y`
    decoded from plotly's typed arrays (`{"dtype": ..., "bdata": base64}`) to lists."""
    body = page.split("const charts = ", 1)[1]
    body = re.sub(r",\s*}$", "}", body[:body.index("};") + 1])
    charts = json.loads(body)
    for figure in charts.values():
        for trace in figure["data"]:
            for key in ("x", "y"):
                value = trace.get(key)
                if isinstance(value, dict) and "bdata" in value:
                    trace[key] = np.frombuffer(base64.b64decode(value["bdata"]),
                                               dtype=np.dtype(value["dtype"])).tolist()
    return charts
