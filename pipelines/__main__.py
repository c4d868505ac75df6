"""`python -m pipelines` runs the same CLI as the `dcload` console script."""

from pipelines.cli import main

main()
