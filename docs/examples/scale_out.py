"""The page "Past one machine" (docs/scale-out.md): a § 100 kernel over a partitioned Parquet dataset with Dask.

    python docs/examples/scale_out.py [ROWS]      # writes a dataset to a temporary folder, runs both ways

Needs the dask extra (``pip install 'socialcalc[dask]'``: dask[dataframe], numpy, pandas, pyarrow).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute
import pyarrow.parquet as pq

from socialcalc.batch.frame import merudgift_frame

DECIDED_ON = date(2025, 10, 1)


def write_dataset(root: Path, rows: int, *, files: int = 4, seed: int = 5) -> Path:
    """A generated caseload as a Parquet dataset partitioned by kommune (hive folders ``kommune=…``), each
    municipality in ``files`` files."""
    rng = np.random.default_rng(seed)
    expenses = np.rint(rng.lognormal(np.log(120_000), 0.7, rows)).astype(np.int64)
    table = pa.table({
        "case_id": np.arange(rows, dtype=np.int64),
        "expenses_ore": expenses,
        "listed_documented_ore": (expenses * rng.uniform(0, 1, rows)).astype(np.int64),
        "kommune": rng.choice(np.array(["lejre", "lemvig"]), rows),
    })
    for kommune in ("lejre", "lemvig"):
        folder = root / f"kommune={kommune}"
        folder.mkdir(parents=True)
        part = table.filter(pa.compute.equal(table["kommune"], kommune)).drop_columns(["kommune"])
        step = -(-part.num_rows // files)
        for i in range(files):
            pq.write_table(part.slice(i * step, step), folder / f"part-{i}.parquet")
    return root


def kernel(part: pd.DataFrame) -> pd.DataFrame:
    """What each partition runs: the § 100 adapter, with the case id kept (pandas in, pandas out)."""
    part = part.assign(kommune=part["kommune"].astype(str))
    out = merudgift_frame(part, decided_on=DECIDED_ON)
    return pd.concat([part[["case_id", "kommune"]].reset_index(drop=True), out.reset_index(drop=True)], axis=1)


def one_machine(root: Path) -> pd.DataFrame:
    """The whole dataset in one pandas frame, one call."""
    frame = pq.read_table(root).to_pandas()
    return kernel(frame)


def with_dask(root: Path, *, scheduler: str = "threads") -> pd.DataFrame:
    """The same with Dask: one task per Parquet file (``map_partitions``), results gathered."""
    import dask.dataframe as dd

    cases = dd.read_parquet(str(root))
    empty = cases._meta.assign(kommune=pd.Series([], dtype=str))
    results = cases.map_partitions(kernel, meta=kernel(empty))
    return results.compute(scheduler=scheduler)


def total(result: pd.DataFrame) -> tuple[int, int]:
    """Rows and the monthly total in øre (exact: an integer sum)."""
    return len(result), int(result["amount_ore"].sum())


if __name__ == "__main__":
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as tmp:
        root = write_dataset(Path(tmp) / "cases", rows)
        print("one machine:", total(one_machine(root)))
        print("dask       :", total(with_dask(root)))
