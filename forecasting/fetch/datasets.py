"""The public EIA tables `dcload data fetch` can download, and what a good copy looks like.

URL templates use `{base_url}` (default https://www.eia.gov) and, for EIA-930, `{year}` and
`{half}` (`Jan_Jun` or `Jul_Dec`). The defaults follow EIA's public download locations at the
time of writing; `--url` / `--base-url` override them if EIA moves a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

EIA_BASE_URL = "https://www.eia.gov"
HALVES = {"H1": "Jan_Jun", "H2": "Jul_Dec"}


@dataclass(frozen=True)
class Dataset:
    name: str
    description: str
    url_template: str
    filename_template: str
    required_columns: tuple[str, ...]
    numeric_columns: tuple[str, ...]
    missing_values: frozenset[str] = field(default_factory=lambda: frozenset({""}))
    periodic: bool = False  # needs --period (year and half)
    time_column: str | None = None  # a periodic file's timestamps, checked against its period

    def url(self, *, base_url: str = EIA_BASE_URL, template: str | None = None,
            period: Period | None = None) -> str:
        return _fill(template or self.url_template, base_url, period)

    def filename(self, period: Period | None = None) -> str:
        return _fill(self.filename_template, "", period)


@dataclass(frozen=True)
class Period:
    year: int
    half: str  # "H1" or "H2"

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2024H1`, `2024-H2` (case-insensitive)."""
        cleaned = text.strip().upper().replace("-", "")
        if len(cleaned) != 6 or not cleaned[:4].isdigit() or cleaned[4:] not in HALVES:
            raise ValueError(f"period must look like 2024H1 or 2024H2 (got {text!r})")
        year = int(cleaned[:4])
        if not 2015 <= year <= 2100:
            raise ValueError(f"EIA-930 starts in 2015 (got {year})")
        return cls(year, cleaned[4:])

    @classmethod
    def latest_complete(cls, today: date | None = None) -> Period:
        today = today or date.today()
        return cls(today.year, "H1") if today.month > 6 else cls(today.year - 1, "H2")

    def __str__(self) -> str:
        return f"{self.year}{self.half}"

    def bounds(self) -> tuple[date, date]:
        """The half-year's first and last day."""
        if self.half == "H1":
            return date(self.year, 1, 1), date(self.year, 6, 30)
        return date(self.year, 7, 1), date(self.year, 12, 31)


def _fill(template: str, base_url: str, period: Period | None) -> str:
    values = {"base_url": base_url.rstrip("/")}
    if period is not None:
        values.update(year=str(period.year), half=HALVES[period.half])
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"URL template {template!r}: unknown or bad placeholder {exc}") from None


DATASETS: dict[str, Dataset] = {
    "eia930": Dataset(
        name="eia930",
        description="EIA-930 hourly demand by balancing authority (six-month BALANCE file)",
        url_template="{base_url}/electricity/gridmonitor/sixMonthFiles/"
                     "EIA930_BALANCE_{year}_{half}.csv",
        filename_template="EIA930_BALANCE_{year}_{half}.csv",
        required_columns=("Balancing Authority", "UTC Time at End of Hour", "Demand (MW)"),
        numeric_columns=("Demand (MW)",),
        periodic=True,
        time_column="UTC Time at End of Hour",
    ),
    "eia-annual": Dataset(
        name="eia-annual",
        description="EIA Monthly Energy Review Table 7.6, electricity end use "
                    "(million kWh; YYYYMM with month 13 = annual total)",
        url_template="{base_url}/totalenergy/data/browser/csv.php?tbl=T07.06",
        filename_template="EIA_MER_T07.06_electricity_end_use.csv",
        required_columns=("MSN", "YYYYMM", "Value", "Description", "Unit"),
        numeric_columns=("Value",),
        missing_values=frozenset({"", "Not Available", "Not Meaningful", "NA", "--"}),
    ),
}
