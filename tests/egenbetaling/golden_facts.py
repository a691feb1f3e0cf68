"""The golden-file check of the §§ 107–110 mutation tests: every fact of every branch, and the result's fields."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def facts_of(result: Any) -> dict[str, Any]:
    """A result's fields and every fact of its explanation (step, basis, inputs, outputs, rate keys, reading)."""
    e = result.explanation
    fields = result.model_dump(mode="json", exclude={"explanation"})
    return {"result": fields, "title": e.title, "steps": [
        {"step": f.step, "basis": f.basis, "inputs": dict(f.inputs), "outputs": dict(f.outputs),
         "rates": [r.key for r in f.rates], "reading": f.reading} for f in e.steps]}


def check_golden(golden: Path, cases: dict[str, Callable[[], Any]]) -> None:
    """Every case's facts equal the golden file (rewritten with ``SOCIALCALC_UPDATE_GOLDEN=1``: read the diff)."""
    got = {name: facts_of(make()) for name, make in cases.items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
