"""The budget analysis of docs/budget-analysis.md: a generated caseload's yearly cost 2024-2027 per paragraph.

    python docs/examples/budget_analysis.py            # prints the table, writes docs/img/budget-2024-2027.png

Needs the batch extra (numpy, pandas); the chart needs matplotlib.
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from socialcalc.batch import bank, merudgift, stays, transport
from socialcalc.ratebook import default_book

YEARS = [2024, 2025, 2026, 2027]
SATSREGULERING_2027 = Decimal("2.5")  # an assumption of the analyst: the 2027 percentage is not published yet
ESCORT_HOUR_COST = 250  # kr. per escort hour: the municipality's own wage cost, an assumption (not a rate)


def project_for(year: int) -> bool | Decimal:
    """Strict for published years; the book's percentages for 2025-2026; an assumed one for 2027."""
    return False if year == 2024 else (True if year in (2025, 2026) else SATSREGULERING_2027)


def caseload(seed: int = 6) -> dict[str, pd.DataFrame]:
    """A generated caseload (not real data): one frame per paragraph."""
    rng = np.random.default_rng(seed)
    # § 100: 5 000 awards under the old rules (decided early 2024) and a new cohort under the new rules each year
    old = pd.DataFrame({
        "expenses_ore": np.rint(rng.lognormal(np.log(180_000), 0.6, 5_000)).astype(np.int64),
        "documented": rng.random(5_000) < 0.4,
        "decided_on": np.datetime64("2024-01-15"),
    })
    new = pd.DataFrame({
        "expenses_ore": np.rint(rng.lognormal(np.log(150_000), 0.6, 3_000)).astype(np.int64),
        "decided_on": rng.choice(np.array(["2025-10-01", "2026-03-01", "2027-03-01"], dtype="M8[D]"), 3_000),
    })
    new["listed_documented_ore"] = (new["expenses_ore"] * rng.uniform(0, 1.2, 3_000)).astype(np.int64).clip(
        upper=new["expenses_ore"])
    # § 97: 2 000 escort banks from January 2024, with use each month (never more than a bank can hold)
    used = np.zeros((2_000, 48), dtype=np.int64)
    for t in range(48):
        safe = (min(t, 5) + 1) * 900 - used[:, max(0, t - 5):t].sum(axis=1)
        used[:, t] = np.minimum(np.where(rng.random(2_000) < 0.6, rng.integers(0, 1_500, 2_000), 0), safe)
    escort = {"used": used, "expenses_ore": rng.integers(0, 150_000, 2_000),
              "kommune": rng.choice(np.array(["lejre", "lemvig"]), 2_000)}
    # § 103: 1 500 persons in sheltered employment, transport per month
    work = pd.DataFrame({"distance_m": rng.integers(1_000, 40_000, 1_500), "per_km_ore": rng.integers(90, 250, 1_500),
                         "net_earnings_ore": rng.integers(100_000, 600_000, 1_500)})
    # §§ 109/110: 3 000 stays a year at a crisis centre or a shelter
    arrival = np.datetime64("2024-01-01") + rng.integers(0, 4 * 365, 3_000)
    shelter = pd.DataFrame({"paragraph": rng.choice([109, 110], 3_000), "arrival": arrival,
                            "departure": arrival + rng.integers(0, 60, 3_000), "has_income": rng.random(3_000) < 0.7})
    return {"old": old, "new": new, "escort": escort, "work": work, "shelter": shelter}  # type: ignore[dict-item]


def sel100_by_year(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """§ 100, month by month: the old awards until reassessed (at the latest 1 Sep 2027), then as new decisions."""
    rows = []
    for year in YEARS:
        for month in range(1, 13):
            day = date(year, month, 1)
            if day < date(2027, 9, 1):
                paid = merudgift(old["expenses_ore"].to_numpy(), decided_on=old["decided_on"].to_numpy(), on=day,
                                 documented=old["documented"].to_numpy(), project=project_for(year))
            else:  # reassessed under the new rules on the transition deadline, without listed expenses
                paid = merudgift(old["expenses_ore"].to_numpy(), decided_on=date(2027, 9, 1), on=day,
                                 project=project_for(year))
            rows.append((year, "§ 100 (awards of 2024)", int(paid.amount.sum()), bool(paid.projected.any())))
            started = (new["decided_on"] <= np.datetime64(day)).to_numpy()
            if started.any():
                cohort = new[started]
                paid = merudgift(cohort["expenses_ore"].to_numpy(), decided_on=cohort["decided_on"].to_numpy(),
                                 on=day, listed_documented=cohort["listed_documented_ore"].to_numpy(),
                                 project=project_for(year))
                rows.append((year, "§ 100 (new decisions)", int(paid.amount.sum()), bool(paid.projected.any())))
    return pd.DataFrame(rows, columns=["year", "paragraph", "ore", "projected"])


def sel097_by_year(escort: dict[str, np.ndarray]) -> pd.DataFrame:
    """§ 97: escort hours used (from the banks) × the hour cost, plus the yearly expense grant."""
    banks = bank(escort["used"], months="2024-01", kommune=escort["kommune"])
    rows = []
    for i, year in enumerate(YEARS):
        hours_ore = int(banks.used[:, 12 * i:12 * (i + 1)].sum()) * ESCORT_HOUR_COST * 100 // 60
        maximum = default_book().at(date(year, 1, 1), project=project_for(year)).get("sel097.expense_grant_max")
        grants = int(np.minimum(escort["expenses_ore"], int(Decimal(maximum.value) * 100)).sum())
        rows.append((year, "§ 97 ledsageordning", hours_ore + grants, maximum.projected))
    return pd.DataFrame(rows, columns=["year", "paragraph", "ore", "projected"])


def sel103_by_year(work: pd.DataFrame) -> pd.DataFrame:
    """§ 103: the municipality's share of the transport, 20 working days a month."""
    rows = []
    for year in YEARS:
        total = 0
        for month in range(1, 13):
            split = transport(np.full(len(work), 20), work["distance_m"].to_numpy(),
                              work["net_earnings_ore"].to_numpy(), per_km=work["per_km_ore"].to_numpy(),
                              on=date(year, month, 1))
            total += int(split.municipality.sum())
        rows.append((year, "§ 103 befordring", total, False))
    return pd.DataFrame(rows, columns=["year", "paragraph", "ore", "projected"])


def sel109_110_by_year(shelter: pd.DataFrame) -> pd.DataFrame:
    """§§ 109/110: the residents' payment (income for the municipality, so negative); published years only."""
    rows = []
    for year in YEARS:
        in_year = shelter[shelter["arrival"].dt.year == year]
        # the døgn that begin in the year belong to its budget: a stay over New Year is cut at 1 January
        cut = np.minimum(in_year["departure"].to_numpy(), np.datetime64(f"{year + 1}-01-01"))
        try:
            paid = stays(in_year["paragraph"].to_numpy(), in_year["arrival"].to_numpy(), cut,
                         has_income=in_year["has_income"].to_numpy())
        except ValueError as err:  # the day rates after 2024 are not published, and they are not projectable
            print(f"§§ 109/110 {year}: {str(err).splitlines()[0][:100]}…", file=sys.stderr)
            continue
        rows.append((year, "§§ 109/110 egenbetaling", -int(paid.amount.sum()), False))
    return pd.DataFrame(rows, columns=["year", "paragraph", "ore", "projected"])


def budget(cases: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Yearly cost per paragraph in whole kroner (int), and which cells use projected rates."""
    parts = pd.concat([sel100_by_year(cases["old"], cases["new"]), sel097_by_year(cases["escort"]),  # type: ignore[arg-type]
                       sel103_by_year(cases["work"]), sel109_110_by_year(cases["shelter"])])
    table = parts.groupby(["paragraph", "year"]).agg(ore=("ore", "sum"), projected=("projected", "any"))
    table["kroner"] = (table["ore"] + 50) // 100  # whole kroner, half up (øre are non-negative or whole)
    return table.reset_index()


def chart(table: pd.DataFrame, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    wide = table.pivot(index="year", columns="paragraph", values="kroner").fillna(0) / 1e6  # float for drawing only
    projected = table.set_index(["paragraph", "year"])["projected"].to_dict()
    fig, ax = plt.subplots(figsize=(8, 5))
    wide.plot(kind="bar", ax=ax, width=0.8, rot=0)
    ax.set_ylabel("mio. kr.")
    ax.set_xlabel("")
    ax.set_title("Generated caseload: yearly cost by paragraph\n(hatched: projected rates; 2026-27 with 2.5 % assumed)",
                 fontsize=10)
    for bars, column in zip(ax.containers, wide.columns, strict=True):
        for bar, year in zip(bars, wide.index, strict=True):
            if bool(projected.get((column, year), False)):
                bar.set_hatch("//")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    result = budget(caseload())
    print(result.pivot(index="paragraph", columns="year", values="kroner").astype("Int64").to_string())
    print(result[result["projected"]][["paragraph", "year"]].to_string(index=False))
    chart(result, Path(__file__).resolve().parent.parent / "img" / "budget-2024-2027.png")
