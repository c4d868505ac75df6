"""The report in a real headless browser: complete, rendered, offline and inert."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from forecasting.paths import ROOT
from tests.conftest import run_cli
from tests.report.conftest import SCREENSHOT_DIR, SECTION_IDS, open_report

pytestmark = [pytest.mark.slow, pytest.mark.browser]

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_DESCRIPTION = "<script>window.__xss = 1; alert(2)</script> & more"


@pytest.fixture(scope="module")
def report(default_run) -> Path:
    """The shipped pipeline's report (`dcload forecast --quiet`, run once per session and
    shared with tests/pipeline/test_end_to_end.py: tests/conftest.py)."""
    out, done = default_run
    assert done.returncode == 0, done.stderr
    return out / "index.html"


def check_rendered(visit, html: Path) -> None:
    page = visit.page
    assert visit.console_errors == [] and visit.page_errors == []
    charts = page.locator(".chart")
    assert charts.count() >= 3
    for i in range(charts.count()):
        assert charts.nth(i).locator(".main-svg").count() >= 1, f"chart {i} did not render"
    assert visit.requests == [html.resolve().as_uri()], "the page must make no request"


def test_report_renders_every_section_with_no_network_and_no_errors(browser, report):
    visit = open_report(browser, report)
    check_rendered(visit, report)
    for section in SECTION_IDS:
        assert visit.page.locator(f"section#{section}").count() == 1, section
    headline = visit.page.locator("#headline table").inner_text()
    assert "TWh/yr" in headline and "2030" in headline
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOT_DIR / "report.png"
    visit.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    assert report.stat().st_size < 8 * 1024 * 1024


def test_report_prints_to_pdf(browser, report, tmp_path):
    visit = open_report(browser, report)
    visit.page.emulate_media(media="print")
    pdf = tmp_path / "report.pdf"
    visit.page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 20_000


def test_scenario_name_with_markup_is_shown_as_text_and_runs_nothing(browser, light_workspace,
                                                                     tmp_path):
    # scenario files only take plain names, so the markup rides in on a description through
    # the pipeline, and on a scenario name written into a run directory (an edited archive)
    ws = light_workspace
    path = ws.scenarios / "moderate-ai.yaml"
    text = path.read_text()
    start = text.index("description:")
    end = text.index("\nregion:")
    path.write_text(text[:start] + f"description: '{XSS_DESCRIPTION}'" + text[end:])
    out = tmp_path / "xss"
    done = run_cli("forecast", "--config", str(ws.config), "--output-dir", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    for name in ("forecast.csv", "sensitivity.csv", "assumptions.csv", "decomposition.csv"):
        table = pd.read_csv(out / name)
        table["scenario"] = table["scenario"].replace("moderate-ai", XSS_NAME)
        table.to_csv(out / name, index=False)
    manifest = json.loads((out / "manifest.json").read_text())
    descriptions = manifest["config"]["scenario_descriptions"]
    descriptions[XSS_NAME] = descriptions.pop("moderate-ai")
    # an archive edited by hand: its files no longer match the sizes and hashes the run
    # recorded, so the records go too (as in a run published before they were kept)
    manifest.pop("outputs")
    (out / "manifest.json").write_text(json.dumps(manifest))
    assert run_cli("report", "--run-dir", str(out)).returncode == 0
    html = out / "index.html"
    visit = open_report(browser, html)
    check_rendered(visit, html)
    assert visit.dialogs == []
    assert visit.page.locator("img[src='x']").count() == 0
    assert visit.page.evaluate("window.__xss === undefined")
    assert XSS_NAME in visit.page.locator("#headline").inner_text()
    assert XSS_NAME in visit.page.locator("#assumptions").inner_text()
    assert XSS_DESCRIPTION in visit.page.locator("#scenarios").inner_text()


def test_an_archived_run_still_renders_with_the_current_code(browser, tmp_path):
    archived = tmp_path / "v0.1-thin"
    shutil.copytree(ROOT / "tests" / "fixtures" / "runs" / "v0.1-thin", archived)
    done = run_cli("report", "--run-dir", str(archived))
    assert done.returncode == 0, done.stderr
    html = archived / "index.html"
    visit = open_report(browser, html)
    check_rendered(visit, html)
    for section in SECTION_IDS:
        assert visit.page.locator(f"section#{section}").count() == 1, section
    assert "earlier version of dcload" in visit.page.locator("#backtest").inner_text()
