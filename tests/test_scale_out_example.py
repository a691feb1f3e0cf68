"""The page "Past one machine" (docs/scale-out.md): Dask over a partitioned Parquet dataset equals one run."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("pyarrow")

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "scale_out.py"


@pytest.mark.filterwarnings("ignore:The inplace keyword")
def test_dask_map_partitions_equals_the_one_machine_run(tmp_path: Path) -> None:
    example = runpy.run_path(str(EXAMPLE))
    root = example["write_dataset"](tmp_path / "cases", 20_000)
    assert len(list(root.glob("kommune=*/*.parquet"))) == 8
    alone = example["one_machine"](root)
    spread = example["with_dask"](root, scheduler="threads")
    assert example["total"](spread) == example["total"](alone)
    assert example["total"](alone)[0] == 20_000
    by_case = spread.set_index("case_id").sort_index()
    reference = alone.set_index("case_id").sort_index()
    assert by_case["amount_ore"].tolist() == reference["amount_ore"].tolist()
    assert by_case["group"].astype(str).tolist() == reference["group"].astype(str).tolist()
    assert (by_case["kommune"] == reference["kommune"]).all()
