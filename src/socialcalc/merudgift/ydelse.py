"""Merudgiftsydelse: the yearly band tables of SEL § 100 stk. 3 (the old regime).

Each year's table is stored as published (``sel100.bands``): a list of bands, each with a lower bound that is
inclusive ("fra") or exclusive ("over") and the standard amount it pays, the top band paying the expenses
themselves. The reading, intended by the spec and the same every year:

- an amount belongs to the **highest band whose lower bound it meets** (so an amount listed in two bands, as
  the ministry's table does with band 2's lower bound, gets the higher one: the reading that favours the
  citizen);
- below the first band's lower bound (the bagatelgrænse) nothing is paid;
- in the top band, **documented** expenses are covered in full, to the øre; expenses that are only probable
  (sandsynliggjorte) get the highest standard amount.

**Exactness.** A yearly figure is compared with the bounds exactly (``yearly >= 12 × lower``; no rounding
before the comparison); the amount paid for full cover is the monthly figure rounded to øre, half up.

>>> from socialcalc.ratebook.model import Band
>>> table = (Band(Decimal(100), True, Decimal(150)), Band(Decimal(200), False, None))
>>> choose_band(Decimal(200), 1, table, documented=True).band
1
>>> choose_band(Decimal("200.01"), 1, table, documented=True).amount
Decimal('200.01')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from socialcalc.explain import kr, tal
from socialcalc.merudgift.model import BandName
from socialcalc.money import ZERO, round_ore
from socialcalc.ratebook.model import Band

__all__ = ["BandChoice", "band_label", "bound_text", "choose_band", "meets", "table_text"]


def meets(band: Band, expenses: Decimal, months: int = 1) -> bool:
    """Whether ``expenses`` for ``months`` months meet ``band``'s lower bound, compared exactly.

    For ``months == 1`` this is :meth:`Band.admits <socialcalc.ratebook.model.Band.admits>`; for a yearly
    figure (``months == 12``) the bound is multiplied, never the figure divided.

    >>> meets(Band(Decimal(608), True, Decimal(1138)), Decimal(7296), 12)
    True
    >>> meets(Band(Decimal(608), True, Decimal(1138)), Decimal("7295.99"), 12)
    False
    """
    if months == 1:
        return band.admits(expenses)
    bound = band.lower * months
    return expenses >= bound if band.inclusive else expenses > bound


def bound_text(band: Band) -> str:
    """A band's lower bound as published, in Danish: ``fra 1.707 kr.`` or ``over 2.846 kr.``.

    The text of the last few bounds is remembered (formatting numbers is most of the cost of a § 100
    explanation), keyed by the number *as written*: ``Decimal("12")`` and ``Decimal("12.00")`` are equal
    and hash alike, but print differently, so they must not share a memo slot.

    >>> bound_text(Band(Decimal(1300), False, None))
    'over 1.300 kr.'
    >>> bound_text(Band(Decimal("1300.50"), True, None))
    'fra 1.300,50 kr.'
    """
    return _bound_text(band.inclusive, str(band.lower))


@functools.lru_cache(maxsize=128)
def _bound_text(inclusive: bool, lower: str) -> str:
    return f"{'fra' if inclusive else 'over'} {tal(Decimal(lower))} kr."


def _pays_text(band: Band) -> str:
    """The standard amount of a band in Danish (remembered by the amount as written, like :func:`bound_text`)."""
    return _kr_text(str(band.pays or ZERO))


@functools.lru_cache(maxsize=128)
def _kr_text(amount: str) -> str:
    return kr(Decimal(amount))


def band_label(band: BandName) -> str:
    """The Danish name of a band: ``under bagatelgrænsen``, ``interval 1``, ``fuld dækning``.

    >>> band_label("full"), band_label(0), band_label(2)
    ('fuld dækning', 'under bagatelgrænsen', 'interval 2')
    """
    if band == "full":
        return "fuld dækning"
    return "under bagatelgrænsen" if band == 0 else f"interval {band}"


def table_text(bands: tuple[Band, ...]) -> str:
    """A band table in Danish, one band after the other.

    The text of a table is the same every time it is asked for (a table is an immutable value), so it is
    remembered for the last few tables: formatting it is most of the cost of a § 100 explanation.

    >>> table_text((Band(Decimal(100), True, Decimal(150)), Band(Decimal(200), False, None)))
    'under 100 kr.: intet; fra 100 kr.: 150,00 kr.; over 200 kr.: de dokumenterede udgifter fuldt ud'
    """
    return _table_text(tuple((str(b.lower), b.inclusive, None if b.pays is None else str(b.pays)) for b in bands))


@functools.lru_cache(maxsize=32)
def _table_text(bands: tuple[tuple[str, bool, str | None], ...]) -> str:
    parts = [f"under {tal(Decimal(bands[0][0]))} kr.: intet"] if bands else []
    for lower, inclusive, pays in bands:
        paid = "de dokumenterede udgifter fuldt ud" if pays is None else _kr_text(pays)
        parts.append(f"{_bound_text(inclusive, lower)}: {paid}")
    return "; ".join(parts)


@dataclass(frozen=True)
class BandChoice:
    """The band an amount falls in, what it pays per month (øre), and the reading used, in Danish."""

    band: BandName
    amount: Decimal
    reading: str


def choose_band(expenses: Decimal, months: int, bands: tuple[Band, ...], *, documented: bool) -> BandChoice:
    """The band of ``expenses`` (for ``months`` months: 1 or 12) in ``bands`` and the monthly amount it pays.

    >>> table = (Band(Decimal(100), True, Decimal(150)), Band(Decimal(200), False, None))
    >>> choose_band(Decimal("99.99"), 1, table, documented=True).amount
    Decimal('0.00')
    >>> choose_band(Decimal(300), 1, table, documented=False).band
    1
    """
    monthly = expenses if months == 1 else expenses / months
    shown = kr(round_ore(monthly))
    met = -1
    for i, b in enumerate(bands):
        if meets(b, expenses, months):
            met = i
    rule = ("Et beløb hører til det højeste interval, hvis nedre grænse det når "
            "(\"fra\" er inklusive, \"over\" eksklusive).")
    if met < 0:
        first = bands[0] if bands else None
        edge = ""
        if first is not None and expenses == first.lower * months:
            edge = f" Beløbet er præcis {tal(first.lower)} kr., og grænsen er \"over\"."
        where = f" \"{bound_text(first)}\"" if first is not None else ""
        return BandChoice(0, round_ore(ZERO), f"{shown} når ikke bagatelgrænsen{where}: der ydes intet.{edge} {rule}")
    band = bands[met]
    notes = []
    if band.inclusive and expenses == band.lower * months:
        notes.append(f"Beløbet er præcis grænsen {tal(band.lower)} kr., og \"fra\" er inklusive.")
    if met + 1 < len(bands):
        nxt = bands[met + 1]
        if not nxt.inclusive and expenses == nxt.lower * months:
            notes.append(f"Beløbet er præcis {tal(nxt.lower)} kr., og næste interval gælder først "
                         f"\"{bound_text(nxt)}\"; \"over\" er eksklusive.")
        else:
            notes.append(f"Det når ikke næste intervals grænse \"{bound_text(nxt)}\".")
    edge = (" " + " ".join(notes)) if notes else ""
    if band.pays is not None:
        number: BandName = met + 1
        text = (f"{shown} når grænsen \"{bound_text(band)}\" og hører til {band_label(number)}, "
                f"som giver standardbeløbet {_pays_text(band)} om måneden.{edge} {rule}")
        return BandChoice(number, round_ore(band.pays), text)
    if documented:
        text = (f"{shown} når grænsen \"{bound_text(band)}\", og udgifterne er dokumenterede: de dækkes fuldt ud, "
                f"{shown} om måneden (afrundet til øre).{edge} {rule}")
        return BandChoice("full", round_ore(monthly), text)
    fixed = [(i, b) for i, b in enumerate(bands[:met]) if b.pays is not None]
    if not fixed:
        return BandChoice(0, round_ore(ZERO), f"{shown} når grænsen \"{bound_text(band)}\", men udgifterne er "
                          f"ikke dokumenterede, og tabellen har intet standardbeløb: der ydes intet. {rule}")
    i, top = fixed[-1]
    text = (f"{shown} når grænsen \"{bound_text(band)}\", men udgifterne er kun sandsynliggjorte, ikke dokumenterede: "
            f"fuld dækning forudsætter dokumentation, så det højeste standardbeløb ydes ({band_label(i + 1)}, "
            f"{_pays_text(top)} om måneden).{edge} {rule}")
    return BandChoice(i + 1, round_ore(top.pays or ZERO), text)
