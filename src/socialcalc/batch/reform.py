"""What would a change cost? One caseload under several rate books (or years), case by case and in total.

:func:`compare` runs a rule's table adapter (:mod:`socialcalc.batch.frame`) once per **scenario** and returns a
tidy frame: one row per case and scenario, with the scenario's result columns and the difference from the
baseline scenario (the first one, or ``baseline=``). :func:`totals` sums it per scenario. This is
PolicyEngine's "reform against baseline" and OpenFisca's reforms, on socialcalc's strict rate books: a
scenario is

- a :class:`~socialcalc.ratebook.RateBook`: e.g. ``load_rates(overlays=["forslag/"])`` or
  ``socialcalc.testing.book_with({...})`` (a proposal as an overlay of the packaged tables);
- a path (``str`` or ``Path``): a rate directory laid over the packaged tables (``load_rates(overlays=[path])``);
- a mapping of the adapter's settings, for years and assumptions: ``{"on": date(2026, 1, 1), "project":
  Decimal("2.5")}`` (with ``"rates": book`` for a book as well).

Money is exact: ``<column>_ore`` (``int64`` øre) and, with ``money="decimal"`` or ``"both"``, ``decimal128(38,
2)`` kroner; the difference is computed on øre. The rule's money column (``amount`` for ``merudgift`` and
``stays``, the municipality's share ``municipality`` for ``transport``) is the one compared.

>>> import pandas as pd
>>> from datetime import date
>>> from socialcalc.testing import book_with
>>> forslag = book_with({"national/forslag.toml": '''
... [[rate]]
... key = "sel100.komp_group1"
... unit = "DKK/month"
... value = 1250
... valid_from = 2025-09-01
... status = "derived"
... source = "Et tænkt forslag (eksempel), ikke vedtaget"
... '''})
>>> cases = pd.DataFrame({"expenses": ["800", "2500"], "listed_documented": ["0", "2500"]})
>>> out = compare(cases, rule="merudgift", books={"gældende": load_rates(), "forslag": forslag},
...               decided_on=date(2025, 10, 1))
>>> out[["case", "scenario", "amount_ore", "difference_ore"]].values.tolist()
[[0, 'gældende', 110500, 0], [1, 'gældende', 300000, 0], [0, 'forslag', 125000, 14500], [1, 'forslag', 300000, 0]]
>>> totals(out)[["scenario", "total_ore", "difference_ore", "changed"]].values.tolist()
[['gældende', 410500, 0, 0], ['forslag', 425000, 14500, 1]]
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from socialcalc.batch import frame as adapters
from socialcalc.batch.tables import as_pandas, decimal_column
from socialcalc.errors import InvalidInput, SocialcalcError
from socialcalc.ratebook import RateBook, load_rates

__all__ = ["RULES", "compare", "totals"]

RULES: dict[str, tuple[str, str]] = {
    "merudgift": ("merudgift_frame", "amount"),
    "transport": ("transport_frame", "municipality"),
    "stays": ("stays_frame", "amount"),
}
"""The rules :func:`compare` runs: their adapter and the money column compared (SEL §§ 100, 103, 109/110)."""


def _settings(name: str, scenario: Any) -> dict[str, Any]:
    if isinstance(scenario, RateBook):
        return {"rates": scenario}
    if isinstance(scenario, str | Path):
        return {"rates": load_rates(overlays=[scenario])}
    if isinstance(scenario, Mapping):
        settings = dict(scenario)
        if "money" in settings:
            raise InvalidInput(f"books[{name!r}]", "money", code="batch.compare_money")
        return settings
    raise InvalidInput(f"books[{name!r}]", type(scenario).__name__, code="batch.scenario_type")


def compare(cases: Any, rule: str = "merudgift", books: Mapping[str, Any] | None = None, *,
            baseline: str | None = None, money: adapters.Money = "ore", **settings: Any) -> pd.DataFrame:
    """One caseload under every scenario of ``books``: one row per case and scenario (a pandas frame).

    ``cases`` is a pandas, polars or pyarrow table of the rule's columns; ``settings`` go to the adapter for
    every scenario (a scenario's own settings win). Columns out: ``case`` (the input's index label, or row
    number), ``scenario`` (categorical, in the order of ``books``), the adapter's result columns, and
    ``difference_ore`` (and ``difference`` with decimal money): this scenario's money column minus the
    baseline's, case by case. A case a scenario refuses raises, naming the scenario (no partial result).

    >>> import pandas as pd
    >>> from datetime import date
    >>> years = {"2024": {"decided_on": date(2024, 6, 1)}, "2025": {"decided_on": date(2025, 6, 1), "project": True}}
    >>> out = compare(pd.DataFrame({"expenses": ["1706.99"]}), books=years)
    >>> out["difference_ore"].tolist(), out["projected"].tolist()
    ([0, 4100], [False, True])
    """
    if rule not in RULES:
        raise InvalidInput("rule", repr(rule), code="batch.compare_rule", rules=", ".join(sorted(RULES)))
    if not books:
        raise InvalidInput("books", repr(books), code="batch.compare_books")
    names = list(books)
    base = names[0] if baseline is None else baseline
    if base not in books:
        raise InvalidInput("baseline", repr(baseline), code="batch.compare_baseline",
                           names=", ".join(repr(n) for n in names))
    adapter_name, column = RULES[rule]
    adapter = getattr(adapters, adapter_name)
    frame, _ = as_pandas(cases)
    money_out = adapters._check_money(money)
    labels = frame.index.to_numpy() if not isinstance(frame.index, pd.RangeIndex) else np.arange(len(frame))
    parts: dict[str, pd.DataFrame] = {}
    for name in names:
        own = {**settings, **_settings(name, books[name]), "money": "both" if money_out != "ore" else "ore"}
        try:
            parts[name] = adapter(frame, **own)
        except SocialcalcError as err:
            err.add_note(f"i scenariet {name!r} i compare()")
            raise
    reference = np.asarray(parts[base][f"{column}_ore"], dtype=np.int64)
    tidy = []
    for name in names:
        part = parts[name].reset_index(drop=True)
        difference = np.asarray(part[f"{column}_ore"], dtype=np.int64) - reference
        if money_out == "decimal":
            part = part.drop(columns=[c for c in part.columns if c.endswith("_ore") and c[:-4] in part.columns])
        head = pd.DataFrame({"case": labels, "scenario": name})
        part = pd.concat([head, part], axis=1)
        part["difference_ore"] = difference
        if money_out != "ore":
            part["difference"] = decimal_column(difference)
        tidy.append(part)
    out = _concat(tidy)
    out["scenario"] = pd.Categorical(out["scenario"], categories=names)
    out.attrs["socialcalc"] = {"rule": rule, "compared": column, "baseline": base, "money": money_out}
    return out


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate keeping categoricals (the union of their categories, in order) and Arrow types."""
    for column in parts[0].columns:
        if isinstance(parts[0][column].dtype, pd.CategoricalDtype):
            union: list[Any] = []
            for part in parts:
                union += [c for c in part[column].cat.categories if c not in union]
            for part in parts:
                part[column] = part[column].cat.set_categories(union)
    return pd.concat(parts, ignore_index=True)


def totals(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per scenario: ``cases``, ``total_ore``, ``difference_ore`` (from the baseline), ``changed`` (cases whose
    figure differs), ``gain`` and ``loss`` (cases up and down), ``projected`` (cases on a projected rate), and
    ``total`` / ``difference`` in exact kroner (``decimal128(38, 2)``).

    >>> import pandas as pd
    >>> from datetime import date
    >>> out = compare(pd.DataFrame({"expenses": ["1706.99", "500"]}),
    ...               books={"2024": {"on": date(2024, 6, 1)}, "2025": {"on": date(2025, 6, 1), "project": True}},
    ...               decided_on=date(2024, 6, 1))
    >>> totals(out)[["scenario", "total", "difference", "gain"]].values.tolist()
    [['2024', Decimal('1138.00'), Decimal('0.00'), 0], ['2025', Decimal('1179.00'), Decimal('41.00'), 1]]
    """
    if not isinstance(comparison, pd.DataFrame) or "scenario" not in comparison.columns:
        raise InvalidInput("comparison", type(comparison).__name__, code="batch.comparison")
    column = comparison.attrs.get("socialcalc", {}).get("compared", "amount")
    grouped = comparison.groupby("scenario", observed=False, sort=False)
    table = pd.DataFrame({
        "cases": grouped.size(),
        "total_ore": grouped[f"{column}_ore"].sum() if f"{column}_ore" in comparison.columns else
        grouped[column].apply(lambda s: int(sum(int(v * 100) for v in s))),
        "difference_ore": grouped["difference_ore"].sum(),
        "changed": grouped["difference_ore"].apply(lambda s: int((s != 0).sum())),
        "gain": grouped["difference_ore"].apply(lambda s: int((s > 0).sum())),
        "loss": grouped["difference_ore"].apply(lambda s: int((s < 0).sum())),
        "projected": grouped["projected"].sum() if "projected" in comparison.columns else 0,
    }).reset_index()
    for name in ("cases", "total_ore", "difference_ore", "changed", "gain", "loss", "projected"):
        table[name] = table[name].astype(np.int64)
    table["total"] = decimal_column(table["total_ore"].to_numpy())
    table["difference"] = decimal_column(table["difference_ore"].to_numpy())
    return table
