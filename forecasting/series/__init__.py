"""Series input: read grid-load CSV files (EIA-930, PJM, generic), clean them by reported
rules and resample them to the modelling frequency. Start with `load_series`; each module's
docstring states its rules.
"""

from forecasting.series.clean import CleaningReport, CleaningRules, clean
from forecasting.series.combine import OverlapReport, combine
from forecasting.series.formats import FileFormat, detect_format
from forecasting.series.load import LoadReport, load_series
from forecasting.series.read import RawSeries, ReadReport, read_series
from forecasting.series.resample import ResampleReport, resample, resample_with_report

__all__ = [
    "CleaningReport",
    "CleaningRules",
    "FileFormat",
    "LoadReport",
    "OverlapReport",
    "RawSeries",
    "ReadReport",
    "ResampleReport",
    "clean",
    "combine",
    "detect_format",
    "load_series",
    "read_series",
    "resample",
    "resample_with_report",
]
