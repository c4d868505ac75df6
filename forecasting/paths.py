"""Every path the project uses, derived from the repository root in one place."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
PIPELINES_DIR = ROOT / "pipelines"
REPORTS_DIR = ROOT / "reports"
TEMPLATES_DIR = REPORTS_DIR / "templates"
LATEST_DIR = REPORTS_DIR / "latest"
SCENARIOS_DIR = DATA_DIR / "scenarios"
DEFAULT_PIPELINE = PIPELINES_DIR / "us_national.yaml"


def display_path(path: Path | str) -> str:
    """A path as a user should read it: relative to the repository when it lies inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)
