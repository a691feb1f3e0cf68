"""JSON Schema of every public model, for case systems that store results.

>>> "Result" in json_schemas()
True
"""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import BaseModel

__all__ = ["PUBLIC_MODULES", "json_schemas", "public_models"]

def _public_modules() -> tuple[str, ...]:
    from socialcalc.registry import plugs

    return ("socialcalc.result", "socialcalc.explain", *(p.models for p in plugs() if p.models))


PUBLIC_MODULES: tuple[str, ...] = _public_modules()
"""The modules whose pydantic models are public: the core's, and each rule's ``models`` (its ``plug.toml``)."""


def public_models() -> dict[str, type[BaseModel]]:
    """Every public pydantic model, by class name."""
    models: dict[str, type[BaseModel]] = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if isinstance(obj, type) and issubclass(obj, BaseModel):
                models[obj.__name__] = obj
    return models


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every public model, by class name."""
    return {name: model.model_json_schema() for name, model in sorted(public_models().items())}
