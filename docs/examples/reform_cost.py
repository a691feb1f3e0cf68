"""The page "Hvad koster en ændring?" (docs/reform.md): two imagined proposals against today's § 100 rates.

    python docs/examples/reform_cost.py        # prints the table, writes docs/img/reform-cost.png

A generated caseload (not real data) of kompensationsydelse decisions; the proposals are overlays of the
packaged rate book (imagined, not law: their source says so). Needs the batch extra; the chart needs matplotlib.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

import socialcalc
from socialcalc.batch import compare, totals
from socialcalc.testing import book_with

DECIDED_ON = date(2025, 10, 1)

PROPOSALS = {
    "forslag A: gruppe I 1.250 kr.": """[[rate]]
key = "sel100.komp_group1"
unit = "DKK/month"
value = 1250
valid_from = 2025-09-01
status = "derived"
source = "Et tænkt forslag (eksempel i socialcalcs dokumentation), ikke vedtaget"
""",
    "forslag B: bundgrænse 450 kr.": """[[rate]]
key = "sel100.komp_minimum"
unit = "DKK/month"
value = 450
valid_from = 2025-09-01
status = "derived"
source = "Et tænkt forslag (eksempel i socialcalcs dokumentation), ikke vedtaget"
""",
}


def caseload(n: int = 20_000, seed: int = 17) -> pd.DataFrame:
    """A generated caseload: monthly expenses and the documented part of the listed types, in øre."""
    rng = np.random.default_rng(seed)
    expenses = np.rint(rng.lognormal(np.log(120_000), 0.7, n)).astype(np.int64)
    listed = (expenses * rng.uniform(0, 1, n)).astype(np.int64)
    return pd.DataFrame({"expenses_ore": expenses, "listed_documented_ore": listed},
                        index=pd.Index([f"sag-{i:05d}" for i in range(n)], name="sag"))


def scenarios() -> dict[str, socialcalc.RateBook]:
    """Today's rates and each proposal as an overlay of them."""
    books = {"gældende": socialcalc.load_rates()}
    for name, text in PROPOSALS.items():
        books[name] = book_with({"national/forslag.toml": text})
    return books


def cost(cases: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy comparison and its totals per scenario, with the yearly cost (12 months) in whole kroner."""
    out = compare(cases, rule="merudgift", books=scenarios(), decided_on=DECIDED_ON)
    table = totals(out)
    table["per_year_kr"] = (table["total_ore"] * 12 + 50) // 100
    table["extra_per_year_kr"] = (table["difference_ore"] * 12 + 50) // 100
    return out, table


def chart(table: pd.DataFrame, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.2))
    names = table["scenario"].astype(str).tolist()
    yearly = (table["per_year_kr"] / 1e6).tolist()  # float for drawing only
    bars = ax.bar(names, yearly, color=["#888888", "#2a6f97", "#e07a1f"])
    for bar, extra, gain in zip(bars, table["extra_per_year_kr"].tolist(), table["gain"].tolist(), strict=True):
        label = "grundlag" if extra == 0 else f"+{extra / 1e6:.1f} mio. kr.\n{gain} sager får mere"
        ax.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                    fontsize=9, xytext=(0, 3), textcoords="offset points")
    ax.set_ylabel("mio. kr. om året")
    ax.set_ylim(0, max(yearly) * 1.2)
    ax.set_title("Kompensationsydelse (§ 100), genereret sagsmængde på 20.000 sager:\n"
                 "årlig udgift i dag og under to tænkte forslag", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    _, result = cost(caseload())
    print(result[["scenario", "cases", "per_year_kr", "extra_per_year_kr", "changed", "gain", "loss"]]
          .to_string(index=False))
    chart(result, Path(__file__).resolve().parent.parent / "img" / "reform-cost.png")
