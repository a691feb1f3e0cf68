"""Folkepensionsalder explained: facts from the table in force, texts from the catalog, the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.cli import main
from socialcalc.folkepension import Folkepensionsalder, folkepensionsalder
from socialcalc.months import Month
from socialcalc.testing.letter import problems

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(("birth", "years", "months", "reached", "first"), [
    (date(1960, 5, 15), 67, 0, date(2027, 5, 15), Month(2027, 6)),
    (date(1954, 3, 2), 65, 6, date(2019, 9, 2), Month(2019, 10)),
    (date(1971, 1, 1), 70, 0, date(2041, 1, 1), Month(2041, 2)),
    (date(1970, 12, 31), 69, 0, date(2039, 12, 31), Month(2040, 1)),
])
def test_the_spec_examples_explained(birth: date, years: int, months: int, reached: date, first: Month) -> None:
    r = folkepensionsalder(birth)
    assert (r.years, r.months, r.reached_on, r.first_pension_month) == (years, months, reached, first)
    assert Folkepensionsalder.model_validate_json(r.model_dump_json()) == r
    assert r.explain() == Folkepensionsalder.model_validate_json(r.model_dump_json()).explain()


def test_the_golden_texts() -> None:
    for audience in ("borger", "sagsbehandler"):
        text = folkepensionsalder(date(1954, 3, 2)).explain(audience=audience)
        assert text == (GOLDEN / f"born_1954_03_02.{audience}.txt").read_text(encoding="utf-8").rstrip("\n")


def test_29_february_names_its_rule() -> None:
    r = folkepensionsalder(date(1956, 2, 29))
    assert r.reached_on == date(2023, 2, 28)
    assert "Den, der er født 29. februar, når en alder i hele år 28. februar" in r.explain()
    assert "29. februar" not in folkepensionsalder(date(1956, 3, 1)).explain().replace("1. marts", "")


def test_the_citation_is_dated_data() -> None:
    text = folkepensionsalder(date(1960, 5, 15)).explain()
    assert "(lov om social pension § 1 a)" in text


@settings(max_examples=100, deadline=None)
@given(st.dates(date(1930, 1, 1), date(2005, 12, 31)))
def test_generated_birth_dates_read_as_danish(birth: date) -> None:
    r = folkepensionsalder(birth)
    for audience in ("borger", "sagsbehandler"):
        assert problems(r.explain(audience=audience)) == []


def test_cli_folkepension(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["folkepension", "1954-03-02"]) == 0
    out = capsys.readouterr().out
    assert "din folkepensionsalder er 65½ år" in out
    assert "2. september 2019" in out and "1. oktober 2019" in out
    assert main(["folkepension", "1954-03-02", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"birth": "1954-03-02", "years": 65, "months": 6, "reached_on": "2019-09-02",
                    "first_pension_month": "2019-10"}
    assert main(["folkepension", "1954-03-02", "--locale", "en"]) == 0
    assert "state pension age is 65½ years" in capsys.readouterr().out
