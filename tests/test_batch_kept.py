"""What an adapter keeps in ``attrs`` for ``explain_row`` (its rows, the rate book given as ``rates=``) survives
pandas' copies, never a concat of two results, and is written to Arrow and Parquet as a note: the rest of the
attrs are kept, without a warning, and ``explain_row`` of a result read back refuses what it no longer has
(``batch.not_kept``) instead of explaining it with something else."""

from __future__ import annotations

import copy
import io
import pickle
import warnings
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from socialcalc.batch.frame import (
    KEPT_NOTE,
    Kept,
    KeptBook,
    bank_frame,
    explain_row,
    merudgift_frame,
    stays_frame,
    transport_frame,
)
from socialcalc.errors import InvalidInput
from socialcalc.hastig_sygdom.frame import hastig_sygdom_frame
from socialcalc.ratebook import load_rates, packaged_rates_dir

BOOK = load_rates(packaged_rates_dir())  # a book given as rates= (the packaged figures, another object)

F100 = pd.DataFrame({"expenses": ["1800.00", "3000.00"], "documented": [False, True]})
FBANK = pd.DataFrame({"person": ["a", "a"], "month": ["2024-01", "2024-02"], "used_hours": [0, 20]})
F103 = pd.DataFrame({"days": [20, 5], "distance_m": [25_000, 3_000], "net_earnings_ore": [150_000, 0],
                     "per_km_ore": [150, 200]})
F117 = pd.DataFrame({"account": [1, 1], "paragraph": [112, 116], "date": [date(2024, 3, 20), date(2024, 4, 2)],
                     "amount": ["18500.00", "9000.00"]})
FSTAY = pd.DataFrame({"paragraph": [109, 110], "arrival": [date(2024, 3, 3), date(2024, 5, 1)],
                      "departure": [date(2024, 3, 13), date(2024, 5, 2)]})

KEEPING: dict[str, Callable[[], Any]] = {
    "merudgift_frame": lambda: merudgift_frame(F100, decided_on=date(2024, 6, 1)),
    "bank_frame": lambda: bank_frame(FBANK, explain=True),
    "transport_frame with rates=": lambda: transport_frame(F103, on=date(2025, 3, 1), rates=BOOK),
    "stays_frame with rates=": lambda: stays_frame(FSTAY, rates=BOOK),
    "hastig_sygdom_frame": lambda: hastig_sygdom_frame(F117, decided_on=date(2024, 3, 10)),
}
"""Results that keep something in memory for explain_row."""


def _parquet(out: pd.DataFrame) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Could not serialize pd.DataFrame.attrs" is a warning
        buffer = io.BytesIO()
        pq.write_table(pa.Table.from_pandas(out), buffer)
    buffer.seek(0)
    return pq.read_table(buffer).to_pandas()


@pytest.mark.parametrize("name", sorted(KEEPING))
def test_a_result_writes_to_parquet_without_a_warning_and_keeps_its_plain_attrs(name: str) -> None:
    out = KEEPING[name]()
    assert explain_row(out, 1)  # in memory: explained
    back = _parquet(out)
    meta = back.attrs["socialcalc"]
    assert meta["rule"] == out.attrs["socialcalc"]["rule"] and meta["money"] == out.attrs["socialcalc"]["money"]
    kept = {key: value for key, value in meta.items() if isinstance(out.attrs["socialcalc"][key], Kept)}
    assert kept and all(value == {"kept": KEPT_NOTE} for value in kept.values())


@pytest.mark.parametrize("name", sorted(KEEPING))
def test_explain_row_of_a_result_read_back_refuses_what_it_no_longer_has(name: str) -> None:
    back = _parquet(KEEPING[name]())
    with pytest.raises(InvalidInput) as caught:
        explain_row(back, 1)
    err = caught.value
    assert err.code == "batch.not_kept" and err.field == "out"
    assert "explain_row" in str(err) and "læst tilbage" in str(err) and "read back" in err.message("en")


@pytest.mark.parametrize("adapter", [lambda: transport_frame(F103, on=date(2025, 3, 1)), lambda: stays_frame(FSTAY)])
def test_a_result_computed_with_the_packaged_book_is_explained_after_parquet_too(adapter: Callable[[], Any]) -> None:
    out = adapter()
    back = _parquet(out)
    assert [explain_row(back, i) for i in range(2)] == [explain_row(out, i) for i in range(2)]


def test_a_concat_of_two_results_keeps_no_rows_so_explain_row_refuses_it() -> None:
    both = pd.concat([merudgift_frame(F100, decided_on=date(2024, 6, 1)),
                      merudgift_frame(F100, decided_on=date(2024, 7, 1))], ignore_index=True)
    with pytest.raises(InvalidInput):
        explain_row(both, 0)
    same = merudgift_frame(F100, decided_on=date(2024, 6, 1))
    again = pd.concat([same, same.copy()], ignore_index=True)  # one result twice: its rows are the same
    assert explain_row(again, 3) == explain_row(same, 1)


@pytest.mark.parametrize("name", sorted(KEEPING))
def test_a_concat_of_two_results_of_any_adapter_is_refused_never_an_error_of_pandas(name: str) -> None:
    both = pd.concat([KEEPING[name](), KEEPING[name]()], ignore_index=True)  # § 117 a: was numpy's ValueError
    with pytest.raises(InvalidInput):
        explain_row(both, 0)


def test_a_kept_value_is_itself_under_copies_and_only_itself_equal() -> None:
    kept = KeptBook(BOOK)
    assert copy.deepcopy(kept) is kept and copy.deepcopy({"rates": kept})["rates"] is kept
    assert kept == kept and kept != KeptBook(BOOK) and kept != {"kept": KEPT_NOTE}
    assert dict(kept) == {"kept": KEPT_NOTE} and len({kept, kept}) == 1
    restored = pickle.loads(pickle.dumps(kept))
    assert isinstance(restored, KeptBook) and dict(restored) == {"kept": KEPT_NOTE}
    assert restored.book.at(date(2024, 6, 1)).get("sel100.bands").value == BOOK.at(date(2024, 6, 1)).get(
        "sel100.bands").value
    assert np.asarray(list(kept)).tolist() == ["kept"]
