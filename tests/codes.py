"""Asserting an error by its stable code and fields, not by the wording of its message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from socialcalc.errors import SocialcalcError


@contextmanager
def raises_code(kind: type[SocialcalcError], code: str, **fields: Any) -> Iterator[pytest.ExceptionInfo[Any]]:
    """Like ``pytest.raises(kind)``, and the error's ``code`` is ``code`` and its fields include ``fields``."""
    with pytest.raises(kind) as caught:
        yield caught
    assert caught.value.code == code, (caught.value.code, str(caught.value))
    for name, expected in fields.items():
        assert caught.value.fields.get(name) == expected, (name, caught.value.fields)
