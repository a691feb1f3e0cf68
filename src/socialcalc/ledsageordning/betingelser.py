"""Who can have a ledsageordning (SEL § 97 stk. 1): the age at the grant and the exclusions.

- **Age at the grant**: 18 or over (``sel097.min_age``) and under folkepensionsalderen, which for this rule is
  never below 67 (``sel097.age_limit_floor``; SEL § 97 stk. 1). A person granted the scheme before reaching the
  limit keeps it after (Lejre § 97 section 3; Lemvig).
- **Excluded**: a person with BPA (§ 96) or a contact person for the deafblind (§ 98), whose escort is covered
  there (Lejre § 97 section 3, § 96 section 5, § 98 section 5; Lemvig).
- **The caseworker's judgement**, given as facts: the target group (cannot go out alone because of a
  considerable and lasting reduced physical or mental function), and the exclusions for a reduced function due
  to mental illness or social causes, or a need for escort with a social-pedagogical content.

:func:`eligibility` checks every condition and lists each as a :class:`Reason` (in Danish).

>>> e = eligibility(date(1990, 5, 1), date(2024, 3, 1), bpa=True)
>>> e.eligible
False
>>> [r.code for r in e.refusals]
['bpa']
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from socialcalc import coerce
from socialcalc.coerce import exact
from socialcalc.errors import InvalidInput, RateNotPublished
from socialcalc.explain import Explainer, Explanation, dato
from socialcalc.folkepension import PensionAge, pension_age
from socialcalc.months import MonthEndRule, months_after
from socialcalc.projection import check_project
from socialcalc.ratebook import Project, Rate, RateBook, default_book

__all__ = ["Eligibility", "Reason", "eligibility"]

_SEL97 = "SEL § 97 stk. 1"
_TABLE = "folkepension.age_table"


class Reason(BaseModel):
    """One condition of the scheme and whether it is met, in Danish."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    """``min_age``, ``age_limit``, ``kept_after_age_limit``, ``target_group``, ``bpa``, ``sel98``,
    ``mental_illness_or_social_causes`` or ``social_pedagogical``."""
    met: bool
    text: str
    paragraph: str


class Eligibility(BaseModel):
    """Whether a person can have (or keep) a ledsageordning, with every condition as a reason."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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

    def explain(self) -> str:
        """The answer in Danish."""
        verdict = "Betingelserne er opfyldt." if self.eligible else "Betingelserne er ikke opfyldt."
        return f"{self.explanation.render()}\n{verdict}"


def _flag(value: object, field: str) -> bool:
    return coerce.flag(value, field)


def _day(value: object, field: str) -> date:
    return coerce.day(value, field)


def _age_table(book: RateBook, day: date) -> tuple[Rate, str]:
    """The folkepension table in force on ``day``; before the book's first table, that first table (said so)."""
    try:
        return book.at(day).get(_TABLE), ""
    except RateNotPublished:
        history = book.history(_TABLE)
        if not history or history[0].valid_from <= day:
            raise
        first = history[0]
        return first, (f" Satsbogen har ingen tabel over folkepensionsalderen for {dato(day)}; den ældste tabel "
                       f"(gældende fra {dato(first.valid_from)}) er brugt.")


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
    book = rates or default_book()
    at = book.at(grant_date, kommune, project=project)
    min_age, floor = at.get("sel097.min_age"), at.get("sel097.age_limit_floor")
    table, table_note = _age_table(book, grant_date)
    pension = pension_age(birth, rates=book, on=table.valid_from, project=project)
    floor_months = int(floor.value) * 12
    limit = pension if pension.total_months >= floor_months else PensionAge(int(floor.value))
    limit_day = months_after(birth, limit.total_months, MonthEndRule.CLAMP)
    adult_day = months_after(birth, int(min_age.value) * 12, MonthEndRule.CLAMP)

    ex = Explainer("Ledsageordning (SEL § 97): betingelser")
    reasons: list[Reason] = []

    def reason(code: str, met: bool, text: str, paragraph: str, used: tuple[Rate, ...] = ()) -> None:
        reasons.append(Reason(code=code, met=met, text=text, paragraph=paragraph))
        ex.step(f"ledsageordning.betingelser.{code}", paragraph, text, rates=used,
                output="opfyldt" if met else "ikke opfyldt")

    adult = f"{min_age.value} år"
    reason("min_age", grant_date >= adult_day,
           f"Personen er fyldt {adult} ved bevillingen {dato(grant_date)} ({adult} nås {dato(adult_day)})."
           if grant_date >= adult_day else
           f"Personen er under {adult} ved bevillingen {dato(grant_date)}: {adult} nås først {dato(adult_day)}.",
           _SEL97, (min_age,))
    why = (f"folkepensionsalderen, {pension}" if limit is pension else
           f"{limit}, da folkepensionsalderen ({pension}) er lavere, og grænsen aldrig er under {floor.value} år")
    under = grant_date < limit_day
    reason("age_limit", under,
           f"Aldersgrænsen er {why}; den nås {dato(limit_day)}. Ved bevillingen {dato(grant_date)} er personen "
           + ("under grænsen." if under else "ikke under grænsen, så ordningen kan ikke bevilges.") + table_note,
           f"{_SEL97}; lov om social pension § 1 a", (floor, table))
    kept = under and on >= limit_day
    if kept:
        reason("kept_after_age_limit", True,
               f"Personen har nået aldersgrænsen {dato(limit_day)}, men ordningen blev bevilget før og bevares "
               f"efter den ({dato(on)}).", "SEL § 97 stk. 1; Lejre § 97 afsnit 3; Lemvig")
    reason("target_group", facts["target_group"],
           "Personen kan efter sagsbehandlerens vurdering ikke færdes alene på grund af betydelig og varigt "
           "nedsat fysisk eller psykisk funktionsevne." if facts["target_group"] else
           "Personen er efter sagsbehandlerens vurdering ikke i målgruppen: personen kan færdes alene, eller "
           "funktionsnedsættelsen er ikke betydelig og varig.", _SEL97)
    reason("bpa", not facts["bpa"],
           "Personen har borgerstyret personlig assistance (BPA) efter SEL § 96; ledsagebehovet dækkes dér."
           if facts["bpa"] else "Personen har ikke BPA efter SEL § 96.", "SEL §§ 96–97; Lejre § 97 afsnit 3")
    reason("sel98", not facts["sel98_contact_person"],
           "Personen har en kontaktperson for døvblinde efter SEL § 98; ledsagebehovet dækkes dér."
           if facts["sel98_contact_person"] else "Personen har ikke en kontaktperson for døvblinde efter SEL § 98.",
           "SEL §§ 97–98; Lejre § 97 afsnit 3")
    reason("mental_illness_or_social_causes", not facts["mental_illness_or_social_causes"],
           "Funktionsnedsættelsen skyldes efter sagsbehandlerens vurdering sindslidelse eller sociale årsager."
           if facts["mental_illness_or_social_causes"] else
           "Funktionsnedsættelsen skyldes ikke sindslidelse eller sociale årsager.",
           "Lejre § 97 afsnit 3; Lemvig")
    reason("social_pedagogical", not facts["social_pedagogical_need"],
           "Behovet for ledsagelse er efter sagsbehandlerens vurdering af socialpædagogisk karakter."
           if facts["social_pedagogical_need"] else "Behovet for ledsagelse er ikke af socialpædagogisk karakter.",
           "Lejre § 97 afsnit 3 og 5; Lemvig")
    return Eligibility(eligible=all(r.met for r in reasons), grant_date=grant_date, on=on, age_limit=str(limit),
                       age_limit_reached_on=limit_day, kept_after_age_limit=kept, reasons=tuple(reasons),
                       explanation=ex.build())
