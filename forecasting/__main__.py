"""`python -m forecasting` runs the same CLI as the `dcload` console script."""

from forecasting.cli import main

main()
