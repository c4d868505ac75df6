"""Row models of the curated tables shipped in `data/` (and of user files of the same shape)."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from forecasting.strict import StrictModel

FIRST_YEAR = 1990
LAST_YEAR = 2100

Year = Field(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")


class _Row(StrictModel):
    model_config = ConfigDict(str_strip_whitespace=True)


class ObservationRow(_Row):
    """One published estimate of US data-center electricity use for one year."""

    year: int = Year
    twh: float | None = Field(default=None, gt=0, description="point estimate, TWh/yr")
    low_twh: float | None = Field(default=None, gt=0)
    high_twh: float | None = Field(default=None, gt=0)
    source_id: str
    kind: Literal["observation", "forecast"]
    confidence: Literal["T", "F", "R", "D"]
    pinpoint: str
    method: str
    scope: Literal["total", "excl-storage-network"]
    note: str | None = None

    @model_validator(mode="after")
    def _range_is_consistent(self) -> ObservationRow:
        if self.twh is None and (self.low_twh is None or self.high_twh is None):
            raise _field_error("twh", "a point estimate is required unless low_twh and high_twh "
                               "are both given")
        if self.low_twh is not None and self.high_twh is not None:
            if self.low_twh > self.high_twh:
                raise _field_error("low_twh", f"low_twh {self.low_twh:g} is above high_twh "
                                   f"{self.high_twh:g}")
        if self.twh is not None:
            if self.low_twh is not None and self.low_twh > self.twh:
                raise _field_error("low_twh", f"low_twh {self.low_twh:g} is above twh "
                                   f"{self.twh:g}")
            if self.high_twh is not None and self.high_twh < self.twh:
                raise _field_error("high_twh", f"high_twh {self.high_twh:g} is below twh "
                                   f"{self.twh:g}")
        return self


class SourceRow(_Row):
    """One publication that observations cite."""

    source_id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    citation: str
    year_published: int = Year
    where: str


class NationalTotalRow(_Row):
    """US total electricity in one year under one definition (EIA)."""

    year: int = Year
    twh: float = Field(gt=0)
    definition: Literal["retail_sales", "total_end_use"]
    source_id: str
    confidence: Literal["T", "F", "R", "D"]
    note: str | None = None


class RowFieldError(ValueError):
    """Raised from a row validator to blame one field; pydantic reports it as a value error."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _field_error(field: str, message: str) -> ValueError:
    return RowFieldError(field, message)
