"""dcload: forecasts of data-center electricity load on the grid."""

__version__ = "0.1.0"
