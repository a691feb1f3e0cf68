"""A row of ``transport_frame`` is explained exactly as the one-case ``transport(...).explain()`` (SEL § 103).

Both paths run the same decision (:mod:`socialcalc.beskyttet_beskaeftigelse.beslutning`) and the same facts
builder; this checks the texts are equal in every audience, language and format on generated cases.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcalc.batch.frame import explain_row as dispatch_row
from socialcalc.batch.frame import transport_frame
from socialcalc.beskyttet_beskaeftigelse import transport
from socialcalc.beskyttet_beskaeftigelse.frame import explain_row
from socialcalc.beskyttet_beskaeftigelse.strategies import sel103_dates

RENDERS = [{"audience": a, "locale": loc, "format": f} for a in ("borger", "sagsbehandler") for loc in ("da", "en")
           for f in ("text", "markdown", "html")]


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    whole = draw(st.integers(0, 20_000))
    zone = draw(st.booleans())
    return {
        "days": draw(st.integers(0, 60)),
        "distance_m": draw(st.one_of(st.sampled_from([9_999, 10_000, 10_001, 0]), st.integers(0, 80_000))),
        "net_earnings_ore": draw(st.integers(0, 800_000)),
        **({"daily_total_ore": whole, "daily_within_10km_ore": draw(st.integers(0, whole))} if zone
           else {"per_km_ore": draw(st.integers(0, 500))}),
        "on": draw(sel103_dates()),
        "kommune": draw(st.sampled_from([None, "lejre", "lemvig"])),
    }


def _one_case(case: dict[str, Any]) -> Any:
    prices = {name.removesuffix("_ore"): Decimal(case[name]).scaleb(-2)
              for name in ("per_km_ore", "daily_total_ore", "daily_within_10km_ore") if name in case}
    return transport(days=case["days"], distance_km=Decimal(case["distance_m"]).scaleb(-3),
                     net_earnings=Decimal(case["net_earnings_ore"]).scaleb(-2), on=case["on"],
                     kommune=case["kommune"], **prices)


@settings(max_examples=60, deadline=None)
@given(st.lists(cases(), min_size=1, max_size=4))
def test_explain_row_equals_the_one_case_explanation(batch: list[dict[str, Any]]) -> None:
    zone = "daily_total_ore" in batch[0]
    rows = [case for case in batch if ("daily_total_ore" in case) == zone]
    columns = {name: [case[name] for case in rows] for name in rows[0] if name not in ("on", "kommune")}
    frame = pd.DataFrame({**columns, "on": pd.to_datetime([c["on"] for c in rows]),
                          "kommune": [c["kommune"] for c in rows]})
    out = transport_frame(frame)
    for i, case in enumerate(rows):
        expected = _one_case(case)
        for render in RENDERS:
            assert explain_row(out, i, **render) == expected.explain(**render)
        assert dispatch_row(out, i, audience="borger", locale="da", format="text") == expected.explain()


def test_a_filtered_frame_explains_its_own_rows() -> None:
    frame = pd.DataFrame({"days": [20, 20], "distance_km": ["25", "8"], "net_earnings": ["1500", "5000"],
                          "per_km": ["1.50", "1.50"]})
    out = transport_frame(frame, on=date(2025, 3, 1), kommune="lejre")
    kept = out[~out["capped"]].reset_index(drop=True)
    assert explain_row(kept, 0) == transport(days=20, distance_km=8, net_earnings="5000", per_km="1.50",
                                             on=date(2025, 3, 1), kommune="lejre").explain()
