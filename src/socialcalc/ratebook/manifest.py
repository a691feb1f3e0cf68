"""The manifest of a rate directory: every rate file with its SHA-256 checksum, so nothing goes missing unseen.

``MANIFEST.toml`` sits at the top of a rate directory and lists, under ``[files]``, the path of every rate file
(``keys.toml``, ``satsregulering.toml``, ``tilpasning_plus_2.toml``, ``national/*.toml``,
``kommuner/<name>/*.toml``) with the SHA-256 of its bytes
(line endings normalised to ``\\n``, so a Windows checkout hashes the same). The loader checks it: a
file that is listed but missing, present but not listed, or changed since the manifest was written is an error
naming the file and the fix. After a deliberate edit, rewrite it with
``socialcalc rates check DIR --update-manifest``.

- A **base** directory must have a manifest (a directory without one is an error: a deleted file could not be
  noticed).
- An **overlay** directory may have one: it is checked if present; an overlay without one loads (overlays are
  small, local additions, often written by a program such as :func:`socialcalc.testing.book_with`).
- The packaged tables ship their manifest inside the wheel (``socialcalc/rate_data/MANIFEST.toml``); the wheel
  copies the files byte for byte, so the same checksums hold there.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from socialcalc.errors import RateFault
from socialcalc.ratebook.model import INDEX_FILES

__all__ = ["MANIFEST", "check_manifest", "manifest_text", "rate_files", "write_manifest"]

MANIFEST = "MANIFEST.toml"
_HEADER = (
    "# The files of this rate directory with their SHA-256 checksums (line endings normalised to \\n).\n"
    "# Checked at every load: a missing, extra or changed file is an error. Do not edit by hand: after a\n"
    "# deliberate change to the rate files, rewrite it with\n"
    "#     socialcalc rates check DIR --update-manifest\n"
    "\n[files]\n"
)


def rate_files(root: Path) -> list[Path]:
    """The rate files of the directory ``root`` that the loader reads, in a stable order."""
    top = ["keys.toml", *INDEX_FILES.values()]  # the catalogue and every index table
    found = [root / name for name in top if (root / name).is_file()]
    national = root / "national"
    if national.is_dir():
        found += sorted(p for p in national.glob("*.toml") if p.is_file())
    kommuner = root / "kommuner"
    if kommuner.is_dir():
        for sub in sorted(p for p in kommuner.iterdir() if p.is_dir()):
            found += sorted(p for p in sub.glob("*.toml") if p.is_file())
    return found


def _digest(path: Path) -> str:
    try:
        data = path.read_bytes().replace(b"\r\n", b"\n")
    except OSError:
        return "unreadable"
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def manifest_text(root: Path) -> str:
    """The text of the manifest of ``root`` as its files are now.

    >>> from socialcalc.ratebook import packaged_rates_dir
    >>> text = manifest_text(packaged_rates_dir())
    >>> '"keys.toml" = "sha256:' in text
    True
    """
    lines = [f'"{_name(p, root)}" = "{_digest(p)}"\n' for p in rate_files(root)]
    return _HEADER + "".join(lines)


def write_manifest(root: Path) -> Path:
    """Write ``root/MANIFEST.toml`` for the files as they are now; return its path."""
    target = root / MANIFEST
    target.write_text(manifest_text(root), encoding="utf-8", newline="\n")
    return target


def check_manifest(root: Path, *, required: bool) -> list[RateFault]:
    """Faults of ``root`` against its manifest: each missing, extra or changed file, with the fix.

    ``required`` is true for a base directory (no manifest is a fault), false for an overlay.
    """
    target = root / MANIFEST
    shown = root.name
    fix = f"if the change is deliberate, run: socialcalc rates check {root} --update-manifest"
    if not target.is_file():
        if not required:
            return []
        return [RateFault(f"{shown}/{MANIFEST}", 1, 1, "the rate directory has no manifest, so a deleted or "
                          "truncated file would go unnoticed", f"write one: socialcalc rates check {root} "
                          "--update-manifest")]
    try:
        text = target.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        return [RateFault(f"{shown}/{MANIFEST}", 1, 1, f"the manifest cannot be read ({type(err).__name__})",
                          f"rewrite it: socialcalc rates check {root} --update-manifest")]
    files = data.get("files")
    if set(data) != {"files"} or not isinstance(files, dict) or not all(
            isinstance(v, str) for v in files.values()):
        return [RateFault(f"{shown}/{MANIFEST}", 1, 1, "the manifest is not a [files] table of path = checksum",
                          f"rewrite it: socialcalc rates check {root} --update-manifest")]
    lines = text.splitlines()

    def line_of(name: str) -> int:
        quoted = f'"{name}"'
        return next((n for n, line in enumerate(lines, 1) if line.lstrip().startswith(quoted)), 1)

    faults: list[RateFault] = []
    present = {_name(p, root): p for p in rate_files(root)}
    for name, digest in files.items():
        path = present.get(name)
        if path is None:
            faults.append(RateFault(f"{shown}/{MANIFEST}", line_of(name), 1,
                                    f"{name} is listed in the manifest but missing (deleted or renamed?)",
                                    f"restore the file; or, if it was removed on purpose, {fix[3:]}"))
        elif _digest(path) != digest:
            faults.append(RateFault(f"{shown}/{name}", 1, 1,
                                    "the file differs from its checksum in MANIFEST.toml (edited, truncated "
                                    "or damaged)", f"restore it; {fix}"))
    for name in present:
        if name not in files:
            faults.append(RateFault(f"{shown}/{name}", 1, 1, "the file is not listed in MANIFEST.toml",
                                    f"remove it; {fix}"))
    return faults
