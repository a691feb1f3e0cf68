"""A whole rate directory for a test: the packaged tables copied, one record taken out, with their own manifest.

An overlay can only add to the packaged tables; a test that needs a book *without* a value (a citation left
out, say) loads such a copy instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from socialcalc.ratebook import RateBook, load_rates, packaged_rates_dir
from socialcalc.ratebook.manifest import write_manifest


def directory_without(tmp_path: Path, file: str, key: str) -> RateBook:
    """The packaged tables in ``tmp_path`` with the one ``[[rate]]`` record of ``key`` in ``file`` taken out."""
    root = tmp_path / "rates"
    shutil.copytree(packaged_rates_dir(), root)
    path = root / file
    records = path.read_text("utf-8").split("[[rate]]")
    kept = [r for r in records if f'key = "{key}"' not in r]
    assert len(kept) == len(records) - 1, f"{file} holds {len(records) - len(kept)} records of {key}, not one"
    path.write_text("[[rate]]".join(kept), "utf-8")
    write_manifest(root)  # the edited copy's own manifest, as `socialcalc rates check --update-manifest` writes it
    return load_rates(root)
