"""Tests that kill the mutants of ``folkepension/resultat.py`` (lov om social pension § 1 a).

Every fact of a few births is pinned in ``golden/facts.json`` (read once by a person): a whole-year age, a
half year, another number of months (a test table), born on 29 February, born on the 31st with a half year (the
month's last day), the table of an earlier day (``on``) and a caller's book. The figures of each result are
pinned beside them.

Regenerate after a reviewed change with
``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/folkepension/test_mutation_resultat.py`` and read the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialcalc import InvalidInput, Month
from socialcalc.folkepension import folkepensionsalder
from socialcalc.folkepension.resultat import Folkepensionsalder
from socialcalc.testing import book_with

GOLDEN = Path(__file__).parent / "golden" / "facts.json"
BOOK = book_with({"national/test.toml": '[[rate]]\nkey = "folkepension.age_table"\nunit = "years"\n'
                  'valid_from = 2026-01-01\nstatus = "derived"\nsource = "test: 60 år og 3 mdr. for alle"\n'
                  'value = [{ years = 60, months = 3 }]\n'})

CASES: dict[str, tuple[Callable[[], Folkepensionsalder], tuple[int, int, date, Month]]] = {
    "hel": (lambda: folkepensionsalder(date(1960, 5, 15)), (67, 0, date(2027, 5, 15), Month(2027, 6))),
    "halv": (lambda: folkepensionsalder(date(1954, 3, 2)), (65, 6, date(2019, 9, 2), Month(2019, 10))),
    "maaneder": (lambda: folkepensionsalder(date(1960, 5, 31), rates=BOOK), (60, 3, date(2020, 8, 31),
                                                                            Month(2020, 9))),
    "maaneder-sidste-dag": (lambda: folkepensionsalder(date(1960, 11, 30), rates=BOOK),
                            (60, 3, date(2021, 2, 28), Month(2021, 3))),
    "skuddag": (lambda: folkepensionsalder(date(1956, 2, 29)), (67, 0, date(2023, 2, 28), Month(2023, 3))),
    "halv-sidste-dag": (lambda: folkepensionsalder(date(1954, 3, 31)), (65, 6, date(2019, 9, 30), Month(2019, 10))),
    "hel-1955": (lambda: folkepensionsalder(date(1955, 8, 29)), (67, 0, date(2022, 8, 29), Month(2022, 9))),
    "paa-dagen": (lambda: folkepensionsalder(date(1975, 1, 1), on=date(2024, 6, 1)),
                  (69, 0, date(2044, 1, 1), Month(2044, 2))),
}


def _fact(f: Any) -> dict[str, Any]:
    return {"step": f.step, "basis": f.basis, "inputs": dict(f.inputs), "outputs": dict(f.outputs),
            "rates": [[r.key, str(r.valid_from)] for r in f.rates], "reading": f.reading}


@pytest.mark.parametrize("name", list(CASES))
def test_the_figures(name: str) -> None:
    make, (years, months, reached, first) = CASES[name]
    r = make()
    assert (r.years, r.months, r.reached_on, r.first_pension_month) == (years, months, reached, first)
    assert Folkepensionsalder.model_validate_json(r.model_dump_json()) == r


def test_the_facts_of_every_branch() -> None:
    got = {name: {"title": (e := make().explanation).title, "steps": [_fact(f) for f in e.steps]}
           for name, (make, _) in CASES.items()}
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(CASES))
def test_every_audience_renders(name: str) -> None:
    r = CASES[name][0]()
    for audience in ("borger", "sagsbehandler"):
        for locale in ("da", "en"):
            assert r.explain(audience=audience, locale=locale) == r.explanation.render(  # type: ignore[arg-type]
                audience=audience, locale=locale)  # type: ignore[arg-type]
    assert r.explain() == r.explain(audience="borger", locale="da", format="text")
    assert r.explain(format="markdown") != r.explain(format="html")


def test_a_bad_birth_names_its_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        folkepensionsalder("1960-05-15")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("birth", "input.date")


def test_the_citation_of_the_day_asked() -> None:
    book = book_with({"national/test.toml": '[[rate]]\nkey = "hjemmel.folkepension.alder"\nunit = "citation"\n'
                      'value = "lov om social pension § 1 a (test)"\nvalid_from = 2026-01-01\nstatus = "derived"\n'
                      'source = "test: en senere hjemmel"\n'})
    earlier = folkepensionsalder(date(1960, 5, 15), rates=book, on=date(2024, 6, 1))
    assert [f.basis for f in earlier.explanation.steps[:2]] == ["lov om social pension § 1 a"] * 2
    latest = folkepensionsalder(date(1960, 5, 15), rates=book)
    assert [f.basis for f in latest.explanation.steps[:2]] == ["lov om social pension § 1 a (test)"] * 2
