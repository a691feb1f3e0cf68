"""Who can have a ledsageordning (SEL § 97 stk. 1): the age at the grant and the exclusions.

- **Age at the grant**: 18 or over (``sel097.min_age``) and under folkepensionsalderen, which for this rule is
  never below 67 (``sel097.age_limit_floor``; SEL § 97 stk. 1). A person granted the scheme before reaching the
  limit keeps it after (Lejre § 97 section 3; Lemvig).
- **Excluded**: a person with BPA (§ 96) or a contact person for the deafblind (§ 98), whose escort is covered
  there (Lejre § 97 section 3, § 96 section 5, § 98 section 5; Lemvig).
- **The caseworker's judgement**, given as facts: the target group (cannot go out alone because of a
  considerable and lasting reduced physical or mental function), and the exclusions for a reduced function due
  to mental illness or social causes, or a need for escort with a social-pedagogical content.

:func:`eligibility` checks every condition and lists each as a :class:`Reason` and as a fact of its explanation
(the text is in the catalogs). The legal basis comes from the rate book's dated citations; the wording of a
municipality's quality standard (``hjemmel.sel097.kvalitetsstandard``) is cited only for a case with that
municipality.

>>> e = eligibility(date(1990, 5, 1), date(2024, 3, 1), bpa=True)
>>> e.eligible
False
>>> [r.code for r in e.refusals]
['bpa']
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from socialcalc import coerce
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.explain import Audience, Explainer, Explanation, Format, Locale
from socialcalc.folkepension import PensionAge, pension_age
from socialcalc.months import MonthEndRule, months_after
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, Rate, RateBook, book_or_default

__all__ = ["Eligibility", "Reason", "eligibility"]

_TABLE = "folkepension.age_table"


class Reason(BaseModel):
    """One condition of the scheme and whether it is met; its sentence is the matching fact of the explanation.

    ``paragraph``: the legal basis, the citation of the rate book on the day of the grant.
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    code: str
    """``min_age``, ``age_limit``, ``kept_after_age_limit``, ``target_group``, ``bpa``, ``sel98``,
    ``mental_illness_or_social_causes`` or ``social_pedagogical``."""
    met: bool
    paragraph: str


class Eligibility(BaseModel):
    """Whether a person can have (or keep) a ledsageordning, with every condition as a reason."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    eligible: bool
    grant_date: date
    on: date
    """The day the answer is given for (the grant day, or a later day for a standing grant)."""
    age_limit: str
    """The age limit for this person in Danish (``67 år``, ``69 år``)."""
    age_limit_reached_on: date
    """The day the person reaches the age limit."""
    kept_after_age_limit: bool
    """The person is past the age limit on ``on`` and keeps the scheme, granted before it."""
    reasons: tuple[Reason, ...]
    explanation: Explanation

    @property
    def refusals(self) -> tuple[Reason, ...]:
        """The conditions that are not met (empty when eligible)."""
        return tuple(r for r in self.reasons if not r.met)

    def explain(self, audience: Audience = "borger", locale: Locale = "da", format: Format = "text") -> str:
        """The answer as text: the letter (``borger``) or the case note (``sagsbehandler``), in Danish (or
        ``locale="en"``), as ``text``, ``markdown`` or ``html``.

        >>> eligibility(date(1990, 5, 1), date(2024, 3, 1)).explain().splitlines()[-1]
        'Du opfylder betingelserne for en ledsageordning.'
        """
        return str(self.explanation.render(audience=audience, locale=locale, format=format))


def _flag(value: object, field: str) -> bool:
    return coerce.flag(value, field)


def _day(value: object, field: str) -> date:
    return coerce.day(value, field)


def _age_table(book: RateBook, day: date) -> tuple[Rate, bool]:
    """The folkepension table in force on ``day``; before the book's first table, that first table (and ``True``:
    the reading ``sel097.reading.oldest_age_table``)."""
    try:
        return book.at(day).get(_TABLE), False
    except RateNotPublished:
        history = book.history(_TABLE)
        if not history or history[0].valid_from <= day:
            raise
        return history[0], True


_MET = {True: "met", False: "not_met"}


@exact
def eligibility(
    birth: date,
    grant_date: date,
    *,
    on: date | None = None,
    target_group: bool = True,
    bpa: bool = False,
    sel98_contact_person: bool = False,
    mental_illness_or_social_causes: bool = False,
    social_pedagogical_need: bool = False,
    kommune: str | None = None,
    rates: RateBook | None = None,
    project: Project = False,
) -> Eligibility:
    """Whether a person born on ``birth`` can have a ledsageordning granted on ``grant_date`` (SEL § 97 stk. 1).

    ``on`` (default ``grant_date``) is the day asked about: for a standing grant, a later day, on which a
    person past the age limit keeps a scheme granted before it. The facts are the caseworker's findings:
    ``target_group`` (cannot go out alone because of a considerable and lasting reduced function), ``bpa``
    (has BPA, § 96), ``sel98_contact_person`` (has a contact person for the deafblind, § 98),
    ``mental_illness_or_social_causes`` and ``social_pedagogical_need`` (exclusions in the municipal standards).
    The age limits are national; ``kommune`` reads them through the municipality's table all the same.
    ``project`` (see :mod:`socialcalc.projection`) is passed to the rate book; the limits are standing values.

    >>> eligibility(date(2006, 6, 1), date(2024, 5, 31)).refusals[0].code
    'min_age'
    >>> e = eligibility(date(1958, 3, 10), date(2024, 1, 15), on=date(2026, 1, 1))
    >>> e.eligible, e.age_limit, e.kept_after_age_limit
    (True, '67 år', True)
    """
    birth = _day(birth, "birth")
    grant_date = _day(grant_date, "grant_date")
    on = grant_date if on is None else _day(on, "on")
    facts = {name: _flag(value, name) for name, value in (
        ("target_group", target_group), ("bpa", bpa), ("sel98_contact_person", sel98_contact_person),
        ("mental_illness_or_social_causes", mental_illness_or_social_causes),
        ("social_pedagogical_need", social_pedagogical_need))}
    if birth > grant_date:
        raise InvalidInput("grant_date", grant_date.isoformat(), code="input.before_birth", birth=birth)
    if on < grant_date:
        raise InvalidInput("on", on.isoformat(), code="input.before_grant", grant_date=grant_date)
    project = check_project(project)
    book = book_or_default(rates)
    at = book.at(grant_date, kommune, project=project)
    min_age, floor = at.get("sel097.min_age"), at.get("sel097.age_limit_floor")
    table, oldest_table = _age_table(book, grant_date)
    pension = pension_age(birth, rates=book, on=table.valid_from, project=project)
    floor_months = int(floor.value) * 12
    limit = pension if pension.total_months >= floor_months else PensionAge(int(floor.value))
    limit_day = months_after(birth, limit.total_months, MonthEndRule.CLAMP)
    adult_day = months_after(birth, int(min_age.value) * 12, MonthEndRule.CLAMP)

    at_grant = at

    def cite(what: str) -> Rate:
        return at_grant.get(f"hjemmel.sel097.{what}")

    ex = Explainer("sel097.title.betingelser")
    reasons: list[Reason] = []

    def reason(code: str, met: bool, step: str, basis: Rate, inputs: dict[str, Any], used: tuple[Rate, ...] = (),
               reading: str | None = None) -> None:
        reasons.append(Reason(code=code, met=met, paragraph=str(basis.value)))
        ex.fact(step, basis=basis, inputs=inputs, outputs={"met": met}, rates=used, reading=reading)

    adult = grant_date >= adult_day
    reason("min_age", adult, f"sel097.betingelser.min_age.{_MET[adult]}", cite("betingelser"),
           {"min_age": str(min_age.value), "grant_date": grant_date, "adult_day": adult_day}, (min_age,))
    under = grant_date < limit_day
    which = "pension" if limit is pension else "floor"
    reason("age_limit", under, f"sel097.betingelser.age_limit.{which}.{_MET[under]}", cite("aldersgraense"),
           {"limit": str(limit), "pension": str(pension), "floor": str(floor.value), "limit_day": limit_day,
            "grant_date": grant_date, **({"table_from": table.valid_from} if oldest_table else {})},
           (floor, table), "sel097.reading.oldest_age_table" if oldest_table else None)
    kept = under and on >= limit_day
    if kept:
        reason("kept_after_age_limit", True, "sel097.betingelser.kept_after_age_limit", cite("betingelser"),
               {"limit_day": limit_day, "on": on})
    for code, flag, excluded, what in (
            ("target_group", "target_group", False, "betingelser"),
            ("bpa", "bpa", True, "bpa"),
            ("sel98", "sel98_contact_person", True, "sel98"),
            ("mental_illness_or_social_causes", "mental_illness_or_social_causes", True, "betingelser"),
            ("social_pedagogical", "social_pedagogical_need", True, "betingelser")):
        met = facts[flag] != excluded
        reason(code, met, f"sel097.betingelser.{code}.{_MET[met]}", cite(what), {})
    standard = at_grant.optional("hjemmel.sel097.kvalitetsstandard") if kommune is not None else None
    if standard is not None:  # the municipality's own wording: only for a case with a municipality that has one
        ex.fact("sel097.betingelser.kvalitetsstandard", basis=standard)
    eligible = all(r.met for r in reasons)
    ex.fact(f"sel097.betingelser.verdict.{'eligible' if eligible else 'not_eligible'}", basis=None,
            outputs={"eligible": eligible})
    return Eligibility(eligible=eligible, grant_date=grant_date, on=on, age_limit=str(limit),
                       age_limit_reached_on=limit_day, kept_after_age_limit=kept, reasons=tuple(reasons),
                       explanation=ex.build())
