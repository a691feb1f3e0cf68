"""compare(): one caseload under several books or years; differences and totals, exact; Arrow-safe."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import socialcalc
from socialcalc.batch import BatchRateNotPublished, compare, totals
from socialcalc.batch.frame import merudgift_frame, transport_frame
from socialcalc.errors import InvalidInput
from socialcalc.testing import book_with

FORSLAG = """[[rate]]
key = "sel100.komp_group1"
unit = "DKK/month"
value = 1250
valid_from = 2025-09-01
status = "derived"
source = "Et tænkt forslag (test), ikke vedtaget"
supersedes = "et lovforslag, der ændrer det officielle beløb (test)"
"""


def _cases(n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    expenses = rng.integers(40_000, 400_000, n)
    return pd.DataFrame({"expenses_ore": expenses,
                         "listed_documented_ore": (expenses * rng.uniform(0, 1, n)).astype(np.int64)},
                        index=[f"sag-{i}" for i in range(n)])


def test_a_proposal_as_an_overlay_book_and_as_a_directory(tmp_path: Path) -> None:
    (tmp_path / "national").mkdir()
    (tmp_path / "national" / "forslag.toml").write_text(FORSLAG, encoding="utf-8")
    cases = _cases()
    day = date(2025, 10, 1)
    out = compare(cases, rule="merudgift", decided_on=day,
                  books={"gældende": socialcalc.load_rates(), "forslag": book_with({"national/f.toml": FORSLAG}),
                         "mappe": tmp_path})
    assert out.shape[0] == 3 * len(cases)
    assert out["case"].tolist()[:2] == ["sag-0", "sag-1"]
    assert list(out["scenario"].cat.categories) == ["gældende", "forslag", "mappe"]
    now = merudgift_frame(cases, decided_on=day)["amount_ore"].to_numpy()
    then = merudgift_frame(cases, decided_on=day, rates=book_with({"national/f.toml": FORSLAG}))["amount_ore"]
    forslag = out[out["scenario"] == "forslag"]
    assert forslag["amount_ore"].tolist() == then.tolist()
    assert forslag["difference_ore"].tolist() == (then.to_numpy() - now).tolist()
    assert out[out["scenario"] == "mappe"]["amount_ore"].tolist() == then.tolist()
    assert set(out[out["scenario"] == "gældende"]["difference_ore"]) == {0}
    group_i = (out["scenario"] == "forslag") & (out["group"] == "I")
    assert (out.loc[group_i, "difference_ore"] == 14_500).all() and group_i.any()
    table = totals(out)
    assert table["total_ore"].tolist()[:2] == [int(now.sum()), int(then.sum())]
    assert table["difference_ore"].tolist()[1] == int(then.sum() - now.sum())
    assert table["changed"].tolist()[1] == int(group_i.sum()) == table["gain"].tolist()[1]
    assert table["total"].tolist()[1] == Decimal(int(then.sum())).scaleb(-2)


def test_years_as_scenarios_and_another_baseline() -> None:
    cases = pd.DataFrame({"expenses": ["1706.99", "2846.01", "600"], "documented": [False, True, False]})
    years = {str(y): {"on": date(y, 6, 1), "project": y > 2024} for y in (2024, 2025)}
    out = compare(cases, books=years, decided_on=date(2024, 6, 1), baseline="2025", money="both")
    assert out[out["scenario"] == "2024"]["difference"].tolist() == [Decimal("-41.00"), Decimal("487.01"),
                                                                      Decimal("0.00")]
    assert out[out["scenario"] == "2025"]["projected"].all()
    assert totals(out)["projected"].tolist() == [0, 3]
    with pytest.raises(BatchRateNotPublished) as caught:
        compare(cases, books={"2025 strict": {"on": date(2025, 6, 1)}}, decided_on=date(2024, 6, 1))
    assert "2025 strict" in "".join(getattr(caught.value, "__notes__", []))


def test_transport_compares_the_municipality_share() -> None:
    cases = pd.DataFrame({"days": [20, 20], "distance_m": [25_000, 8_000], "net_earnings_ore": [150_000, 150_000],
                          "per_km_ore": [150, 150]})
    out = compare(cases, rule="transport", books={"a": {"on": date(2025, 3, 1)}, "b": {"on": date(2024, 3, 1)}})
    assert out.attrs["socialcalc"]["compared"] == "municipality"
    assert out["municipality_ore"].tolist()[:2] == transport_frame(cases, on=date(2025, 3, 1))[
        "municipality_ore"].tolist()


def test_the_comparison_round_trips_through_parquet_and_polars(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pl = pytest.importorskip("polars")
    out = compare(pl.from_pandas(_cases(5).reset_index(drop=True)), money="decimal", decided_on=date(2025, 10, 1),
                  books={"gældende": socialcalc.load_rates(), "forslag": book_with({"national/f.toml": FORSLAG})})
    for frame in (out, totals(out)):
        assert not [c for c in frame.columns if frame[c].dtype == object]
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "c.parquet")
        back = pl.read_parquet(tmp_path / "c.parquet")
        assert back.to_dict(as_series=False) == {c: [None if pd.isna(v) else v for v in frame[c].tolist()]
                                                 for c in frame.columns}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"rule": "bank", "books": {"a": {}}}, r"compare\(\) beregner en af"),
    ({"books": {}}, "mindst ét scenarie"),
    ({"books": {"a": 2024}}, "et scenarie er en RateBook"),
    ({"books": {"a": {}}, "baseline": "b"}, "et af scenarierne"),
    ({"books": {"a": {"money": "decimal"}}}, "én gang for alle scenarier"),
])
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        compare(_cases(2), decided_on=date(2025, 10, 1), **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="som compare\\(\\) returnerede"):
        totals(pd.DataFrame())
