"""The headless browser of the report tests, for the many-zone report."""

from tests.report.conftest import browser  # noqa: F401
