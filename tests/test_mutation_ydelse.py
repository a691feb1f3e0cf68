"""Tests that kill the mutants of ``merudgift/ydelse.py``: the band tables of SEL § 100 stk. 3.

Every branch of :func:`choose_band` (below the bagatelgrænse with and without an "over" edge, an empty table, a
band's exact lower bound "fra" and "over", the next band's bound, full cover documented or only probable, a
table with no standard amount, yearly figures) with its band number, its amount *as written* (two decimals:
``"150.00"``, never ``"150"``; rounded half up to øre) and the whole reading in Danish.
"""
# ruff: noqa: E501

from __future__ import annotations

from decimal import Decimal

import pytest

from socialcalc.merudgift.ydelse import band_label, bound_text, choose_band, meets, table_text
from socialcalc.ratebook.model import Band

D = Decimal
TABLES = {
    "T": (Band(D(100), True, D(150)), Band(D(200), False, D(300)), Band(D(400), True, None)),
    "O": (Band(D(100), False, D(150)), Band(D(200), True, None)),
    "F": (Band(D(100), True, None),),
    "P": (Band(D(100), True, D("150.005")),),
    "E": (),
}

CASES = [
    ("T", "99.99", 1, True, 0, "0.00",
     '99,99 kr. når ikke bagatelgrænsen "fra 100 kr.": der ydes intet. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("O", "100", 1, True, 0, "0.00",
     '100,00 kr. når ikke bagatelgrænsen "over 100 kr.": der ydes intet. Beløbet er præcis 100 kr., og grænsen er "over". Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("E", "5", 1, True, 0, "0.00",
     '5,00 kr. når ikke bagatelgrænsen: der ydes intet. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "100", 1, True, 1, "150.00",
     '100,00 kr. når grænsen "fra 100 kr." og hører til interval 1, som giver standardbeløbet 150,00 kr. om måneden. Beløbet er præcis grænsen 100 kr., og "fra" er inklusive. Det når ikke næste intervals grænse "over 200 kr.". Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "200", 1, True, 1, "150.00",
     '200,00 kr. når grænsen "fra 100 kr." og hører til interval 1, som giver standardbeløbet 150,00 kr. om måneden. Beløbet er præcis 200 kr., og næste interval gælder først "over 200 kr."; "over" er eksklusive. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "250", 1, False, 2, "300.00",
     '250,00 kr. når grænsen "over 200 kr." og hører til interval 2, som giver standardbeløbet 300,00 kr. om måneden. Det når ikke næste intervals grænse "fra 400 kr.". Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "400", 1, True, 'full', "400.00",
     '400,00 kr. når grænsen "fra 400 kr.", og udgifterne er dokumenterede: de dækkes fuldt ud, 400,00 kr. om måneden (afrundet til øre). Beløbet er præcis grænsen 400 kr., og "fra" er inklusive. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "450.555", 1, True, 'full', "450.56",
     '450,56 kr. når grænsen "fra 400 kr.", og udgifterne er dokumenterede: de dækkes fuldt ud, 450,56 kr. om måneden (afrundet til øre). Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "450.545", 1, True, 'full', "450.55",
     '450,55 kr. når grænsen "fra 400 kr.", og udgifterne er dokumenterede: de dækkes fuldt ud, 450,55 kr. om måneden (afrundet til øre). Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "450", 1, False, 2, "300.00",
     '450,00 kr. når grænsen "fra 400 kr.", men udgifterne er kun sandsynliggjorte, ikke dokumenterede: fuld dækning forudsætter dokumentation, så det højeste standardbeløb ydes (interval 2, 300,00 kr. om måneden). Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("F", "150", 1, False, 0, "0.00",
     '150,00 kr. når grænsen "fra 100 kr.", men udgifterne er ikke dokumenterede, og tabellen har intet standardbeløb: der ydes intet. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("P", "120", 1, True, 1, "150.01",
     '120,00 kr. når grænsen "fra 100 kr." og hører til interval 1, som giver standardbeløbet 150,01 kr. om måneden. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "2400", 12, True, 1, "150.00",
     '200,00 kr. når grænsen "fra 100 kr." og hører til interval 1, som giver standardbeløbet 150,00 kr. om måneden. Beløbet er præcis 200 kr., og næste interval gælder først "over 200 kr."; "over" er eksklusive. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "1200", 12, True, 1, "150.00",
     '100,00 kr. når grænsen "fra 100 kr." og hører til interval 1, som giver standardbeløbet 150,00 kr. om måneden. Beløbet er præcis grænsen 100 kr., og "fra" er inklusive. Det når ikke næste intervals grænse "over 200 kr.". Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("O", "1200", 12, True, 0, "0.00",
     '100,00 kr. når ikke bagatelgrænsen "over 100 kr.": der ydes intet. Beløbet er præcis 100 kr., og grænsen er "over". Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "1000", 12, True, 0, "0.00",
     '83,33 kr. når ikke bagatelgrænsen "fra 100 kr.": der ydes intet. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "5000.06", 12, True, 'full', "416.67",
     '416,67 kr. når grænsen "fra 400 kr.", og udgifterne er dokumenterede: de dækkes fuldt ud, 416,67 kr. om måneden (afrundet til øre). Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "4800", 12, False, 2, "300.00",
     '400,00 kr. når grænsen "fra 400 kr.", men udgifterne er kun sandsynliggjorte, ikke dokumenterede: fuld dækning forudsætter dokumentation, så det højeste standardbeløb ydes (interval 2, 300,00 kr. om måneden). Beløbet er præcis grænsen 400 kr., og "fra" er inklusive. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("O", "200", 1, False, 1, "150.00",
     '200,00 kr. når grænsen "fra 200 kr.", men udgifterne er kun sandsynliggjorte, ikke dokumenterede: fuld dækning forudsætter dokumentation, så det højeste standardbeløb ydes (interval 1, 150,00 kr. om måneden). Beløbet er præcis grænsen 200 kr., og "fra" er inklusive. Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
    ("T", "500", 2, True, 2, "300.00",
     '250,00 kr. når grænsen "over 200 kr." og hører til interval 2, som giver standardbeløbet 300,00 kr. om måneden. Det når ikke næste intervals grænse "fra 400 kr.". Et beløb hører til det højeste interval, hvis nedre grænse det når ("fra" er inklusive, "over" eksklusive).'),
]


@pytest.mark.parametrize(("table", "expenses", "months", "documented", "band", "amount", "reading"), CASES)
def test_choose_band(table: str, expenses: str, months: int, documented: bool, band: object, amount: str,
                     reading: str) -> None:
    choice = choose_band(D(expenses), months, TABLES[table], documented=documented)
    assert choice.band == band
    assert str(choice.amount) == amount
    assert choice.reading == reading


def test_meets_compares_yearly_figures_with_the_bound_times_months() -> None:
    fra, over = Band(D(608), True, D(1138)), Band(D(608), False, D(1138))
    assert meets(fra, D(7296), 12) and not meets(fra, D("7295.99"), 12)
    assert not meets(over, D(7296), 12) and meets(over, D("7296.01"), 12)
    assert meets(fra, D(608)) and not meets(over, D(608)) and meets(over, D("608.01"))
    assert meets(fra, D(1216), 2) and not meets(over, D(1216), 2)


def test_texts() -> None:
    assert bound_text(Band(D(1300), False, None)) == "over 1.300 kr."
    assert bound_text(Band(D("1300.50"), True, None)) == "fra 1.300,50 kr."
    assert bound_text(Band(D("12.00"), True, None)) == "fra 12,00 kr."
    assert bound_text(Band(D("12"), True, None)) == "fra 12 kr."
    assert [band_label(b) for b in ("full", 0, 1, 2, 7)] == [
        "fuld dækning", "under bagatelgrænsen", "interval 1", "interval 2", "interval 7"]
    assert table_text(TABLES["T"]) == ("under 100 kr.: intet; fra 100 kr.: 150,00 kr.; over 200 kr.: 300,00 kr.; "
                                       "fra 400 kr.: de dokumenterede udgifter fuldt ud")
    assert table_text(()) == ""
    assert table_text(TABLES["P"]) == "under 100 kr.: intet; fra 100 kr.: 150,01 kr."
