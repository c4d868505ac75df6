"""Build the baseline candidates of a pipeline config into model factories."""

from __future__ import annotations

from collections.abc import Callable

from forecasting.config import CandidateModel
from forecasting.errors import InputError
from forecasting.models.base import Model
from forecasting.models.registry import MODELS, make_model


def candidate_factories(candidates, *, file: str = "config") -> dict[str, Callable[[], Model]]:
    factories: dict[str, Callable[[], Model]] = {}
    for i, item in enumerate(candidates):
        spec = item if isinstance(item, CandidateModel) else CandidateModel(alias=item, model=item)
        if spec.model not in MODELS:
            raise InputError(file, f"unknown model '{spec.model}' (known: {', '.join(MODELS)})",
                             field=f"baseline.candidates.{i}")
        try:
            make_model(spec.model, **spec.params)
        except ValueError as error:
            raise InputError(file, str(error), field=f"baseline.candidates.{i}.params") from None
        if spec.alias in factories:
            raise InputError(file, f"duplicate alias '{spec.alias}'",
                             field=f"baseline.candidates.{i}")
        factories[spec.alias] = _factory(spec.model, dict(spec.params))
    return factories


def _factory(name: str, params: dict) -> Callable[[], Model]:
    return lambda: make_model(name, **params)
