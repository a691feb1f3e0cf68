"""Tests that kill the mutants of ``ledsageordning/betingelser.py``: who can have a ledsageordning (SEL § 97 stk. 1).

Every branch of :func:`~socialcalc.ledsageordning.eligibility` is pinned, whole, in ``golden/betingelser.json``
(every reason with its paragraph, every fact with its basis, inputs, outputs, rates and reading, and the letter
and the case note in Danish and English): an adult under the age limit, a person under 18, one granted on the
day of turning 18, a person past the limit at the grant, one who keeps a scheme granted before the limit (on the
limit day itself and after), a limit set by the floor of 67 and one set by the pension age (exactly 67 too), a
grant before the book's first folkepension table (the reading ``oldest_age_table``), each exclusion, and the
municipal quality standard cited only for a case with a municipality. Every refusal is pinned by field, value,
code and parameters.

Regenerate after a reviewed change with ``SOCIALCALC_UPDATE_GOLDEN=1 pytest tests/sel097/test_mutation_betingelser.py``
and read the diff.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialcalc.errors import InvalidInput
from socialcalc.ledsageordning import Eligibility, eligibility

GOLDEN = Path(__file__).parent / "golden" / "betingelser.json"

CASES: dict[str, dict[str, Any]] = {
    "adult": {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1)},
    "adult_lejre_before_its_standard": {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1),
                                        "kommune": "lejre"},
    # Lejre's quality standard is cited from 1 September 2024, and only for a case with the municipality
    "adult_lejre": {"birth": date(1990, 5, 1), "grant_date": date(2024, 10, 1), "kommune": "lejre"},
    "adult_late_no_kommune": {"birth": date(1990, 5, 1), "grant_date": date(2024, 10, 1)},
    "adult_lemvig": {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1), "kommune": "lemvig"},
    "under_18": {"birth": date(2006, 6, 1), "grant_date": date(2024, 5, 31)},
    "turns_18_on_the_grant": {"birth": date(2006, 6, 1), "grant_date": date(2024, 6, 1)},
    "born_on_the_grant": {"birth": date(2024, 6, 1), "grant_date": date(2024, 6, 1)},
    "past_the_limit": {"birth": date(1950, 1, 1), "grant_date": date(2024, 3, 1)},
    "floor_kept_later": {"birth": date(1958, 3, 10), "grant_date": date(2024, 1, 15), "on": date(2026, 1, 1)},
    "kept_on_the_limit_day": {"birth": date(1958, 3, 10), "grant_date": date(2024, 1, 15),
                              "on": date(2025, 3, 10)},
    "the_day_before_the_limit": {"birth": date(1958, 3, 10), "grant_date": date(2024, 1, 15),
                                 "on": date(2025, 3, 9)},
    "pension_age_above_the_floor": {"birth": date(1975, 2, 3), "grant_date": date(2024, 3, 1)},
    "pension_age_68_kept": {"birth": date(1963, 2, 3), "grant_date": date(2030, 12, 1), "on": date(2031, 3, 1)},
    "before_the_first_age_table": {"birth": date(1957, 8, 31), "grant_date": date(2021, 6, 1)},
    "before_the_first_age_table_later_born": {"birth": date(1975, 1, 1), "grant_date": date(2021, 6, 1),
                                              "kommune": "lejre"},
    "not_target_group": {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1), "target_group": False},
    "bpa": {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1), "bpa": True},
    "sel98": {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1), "sel98_contact_person": True},
    "mental_illness": {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1),
                       "mental_illness_or_social_causes": True, "kommune": "lemvig"},
    "social_pedagogical": {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1),
                           "social_pedagogical_need": True},
    "all_excluded": {"birth": date(2010, 5, 1), "grant_date": date(2024, 3, 1), "target_group": False,
                     "bpa": True, "sel98_contact_person": True, "mental_illness_or_social_causes": True,
                     "social_pedagogical_need": True},
}


def _record(e: Eligibility) -> dict[str, Any]:
    texts = {f"{audience}.{locale}.{fmt}": e.explain(audience, locale, fmt)  # type: ignore[arg-type]
             for audience in ("borger", "sagsbehandler") for locale in ("da", "en") for fmt in ("text", "html")}
    return {"result": e.model_dump(mode="json"), "refusals": [r.code for r in e.refusals], "texts": texts}


def _all() -> dict[str, Any]:
    return {name: _record(eligibility(**kwargs)) for name, kwargs in CASES.items()}


def test_every_branch_is_pinned() -> None:
    got = _all()
    if os.environ.get("SOCIALCALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert got.keys() == expected.keys()
    for name in CASES:
        assert got[name] == expected[name], name


def test_the_branches_the_golden_file_must_hold() -> None:
    """What a reader of the golden file checks, asserted: so that a regenerated file cannot hide a wrong branch."""
    e = {name: eligibility(**kwargs) for name, kwargs in CASES.items()}
    assert e["adult"].eligible and not e["adult"].refusals
    assert [r.code for r in e["under_18"].refusals] == ["min_age"]
    assert e["turns_18_on_the_grant"].eligible
    assert [r.code for r in e["past_the_limit"].refusals] == ["age_limit"]
    for name, kept in (("floor_kept_later", True), ("kept_on_the_limit_day", True),
                       ("the_day_before_the_limit", False)):
        assert e[name].kept_after_age_limit is kept, name
        assert ("kept_after_age_limit" in [r.code for r in e[name].reasons]) is kept, name
        assert e[name].age_limit_reached_on == date(2025, 3, 10)
    assert e["pension_age_above_the_floor"].age_limit == "69 år"  # the table in force on the grant (2022)
    assert e["floor_kept_later"].age_limit == "67 år"
    steps = [f.step for f in e["before_the_first_age_table"].explanation.steps]
    readings = [f.reading for f in e["before_the_first_age_table"].explanation.steps]
    assert "sel097.reading.oldest_age_table" in readings
    assert "sel097.reading.oldest_age_table" not in [f.reading for f in e["adult"].explanation.steps]
    assert steps[-1] == "sel097.betingelser.verdict.eligible"
    assert e["all_excluded"].explanation.steps[-1].step == "sel097.betingelser.verdict.not_eligible"
    assert [r.code for r in e["all_excluded"].refusals] == [
        "min_age", "target_group", "bpa", "sel98", "mental_illness_or_social_causes", "social_pedagogical"]
    standard = "sel097.betingelser.kvalitetsstandard"
    assert standard not in [f.step for f in e["adult_late_no_kommune"].explanation.steps]
    assert standard not in [f.step for f in e["adult_lejre_before_its_standard"].explanation.steps]
    assert standard in [f.step for f in e["adult_lejre"].explanation.steps]
    assert e["adult"].explain(locale="en") != e["adult"].explain()
    assert e["adult"].explain(format="html") != e["adult"].explain()


def _refused(**kwargs: Any) -> InvalidInput:
    args = {"birth": date(1990, 5, 1), "grant_date": date(2024, 3, 1), **kwargs}
    with pytest.raises(InvalidInput) as caught:
        eligibility(**args)
    return caught.value


def test_refusals() -> None:
    err = _refused(grant_date=date(1990, 4, 30))
    assert (err.field, err.value, err.code, err.params) == ("grant_date", "1990-04-30", "input.before_birth",
                                                            {"birth": date(1990, 5, 1)})
    err = _refused(on=date(2024, 2, 29))
    assert (err.field, err.value, err.code, err.params) == ("on", "2024-02-29", "input.before_grant",
                                                            {"grant_date": date(2024, 3, 1)})
    for field in ("birth", "grant_date", "on"):
        err = _refused(**{field: "not a day"})
        assert (err.field, err.code) == (field, "input.date"), field
    for flag in ("target_group", "bpa", "sel98_contact_person", "mental_illness_or_social_causes",
                 "social_pedagogical_need"):
        err = _refused(**{flag: "yes"})
        assert err.field == flag, flag


def test_the_pension_age_is_read_from_the_book_given() -> None:
    from socialcalc.testing import book_with

    book = book_with({"national/pension70.toml": '''
[[rate]]
key = "folkepension.age_table"
unit = "years"
valid_from = 2024-01-01
status = "derived"
source = "a test: a pension age of 70 for everyone from 2024"
value = [
  { years = 70 },
]
'''})
    e = eligibility(date(1958, 3, 10), date(2024, 3, 1), rates=book)
    assert (e.age_limit, e.age_limit_reached_on) == ("70 år", date(2028, 3, 10))
    assert eligibility(date(1958, 3, 10), date(2024, 3, 1)).age_limit == "67 år"
