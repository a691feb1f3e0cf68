"""A checked disk cache of what the library derives from its own files: the rate book, the text catalogs.

Reading the packaged rate book means parsing and checking 39 TOML files (about 50 ms); a command-line call or a
short script pays that on every start. This cache keeps the *checked* result on disk, keyed by the SHA-256 of

- the bytes of every file it was derived from (every file under the rate directory and each overlay, the
  manifest included; each catalog file), with its path;
- the code that derives it (the size and modification time of each module that loads, checks or defines what
  is kept: :data:`STAMPED`), socialcalc's and Python's versions.

So an edited, added, removed or damaged rate file, or a changed module, is never answered from the cache: the
files are read and checked again, and every fault is reported as before (a book with faults is never cached).
A cache file is itself checked (its own SHA-256) before it is read; a damaged one is ignored and rewritten.

Where: ``$SOCIALCALC_CACHE`` if set (``off`` or ``0`` turns the cache off), else ``$XDG_CACHE_HOME/socialcalc``
or ``~/.cache/socialcalc`` (``%LOCALAPPDATA%\\socialcalc\\Cache`` on Windows). The directory is created for
the user alone (mode 0700). A directory that cannot be written is no error: the value is derived and used
without being kept. Only socialcalc writes these files; like the installed package, they must not be writable
by others (they are read with :mod:`pickle`).

>>> import tempfile, os
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     source = Path(tmp, "a.txt")
...     _ = source.write_text("1")
...     first = cached("example", [source], lambda: int(source.read_text()) + 1, directory=Path(tmp, "c"))
...     again = cached("example", [source], lambda: -1, directory=Path(tmp, "c"))   # read from the cache
...     _ = source.write_text("5")
...     changed = cached("example", [source], lambda: int(source.read_text()) + 1, directory=Path(tmp, "c"))
>>> first, again, changed
(2, 2, 6)
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["CACHE_ENV", "KEEP", "STAMPED", "cache_dir", "cached", "code_stamp", "tree_files"]

CACHE_ENV = "SOCIALCALC_CACHE"
"""The environment variable naming the cache directory (``off`` or ``0``: no cache)."""
KEEP = 8
"""Cache files kept per name (the newest; older ones, for files since changed, are removed)."""
_MAGIC = b"socialcalc-cache 1\n"
_OFF = {"off", "0", "no", "false"}

T = TypeVar("T")


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """The cache directory named by ``environ`` (``os.environ`` if ``None``); ``None`` if the cache is off.

    >>> cache_dir({"SOCIALCALC_CACHE": "off"}) is None
    True
    >>> cache_dir({"SOCIALCALC_CACHE": "/srv/cache"}).as_posix()
    '/srv/cache'
    """
    env = os.environ if environ is None else environ
    raw = env.get(CACHE_ENV)
    if raw is not None:
        raw = raw.strip()
        if raw.lower() in _OFF:
            return None
        if raw:
            return Path(raw)
    if sys.platform == "win32":
        base = env.get("LOCALAPPDATA")
        return Path(base, "socialcalc", "Cache") if base else None
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "socialcalc")


STAMPED = ("__init__.py", "cache.py", "coerce.py", "errors.py", "money.py", "months.py", "registry.py",
           "ratebook", "explain")
"""The modules (and packages) of socialcalc whose code derives or defines what is cached: the rate book's loader,
checks and classes, the explanations' records and catalogs, the registry. A change to one (its size or
modification time) makes every cache entry a miss."""


@functools.cache  # a fact about the installed code: the same for the whole process
def code_stamp() -> str:
    """A digest of socialcalc's and Python's versions and the size and modification time of each module named
    by :data:`STAMPED`."""
    import socialcalc

    root = Path(socialcalc.__file__).parent
    h = hashlib.sha256(f"{socialcalc.__version__}|{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    for name in STAMPED:
        path = root / name
        for module in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            st = module.stat()
            h.update(f"{module.relative_to(root).as_posix()}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def tree_files(root: Path) -> list[Path]:
    """Every file under ``root`` (sorted; none if it is not a directory): what a rate book is derived from."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _key(name: str, sources: Iterable[Path], extra: str) -> str:
    h = hashlib.sha256(f"{name}|{code_stamp()}|{extra}\n".encode())
    for path in sources:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0unreadable"
        h.update(f"{os.fspath(path)}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _read(path: Path) -> tuple[bool, Any]:
    try:
        blob = path.read_bytes()
    except OSError:
        return False, None
    head, sep, rest = blob.partition(b"\n")
    digest, sep2, payload = rest.partition(b"\n")
    if head + b"\n" != _MAGIC or not sep or not sep2 or hashlib.sha256(payload).hexdigest().encode() != digest:
        return False, None  # truncated, damaged or not ours: derived again and rewritten
    try:
        return True, pickle.loads(payload)
    except Exception:  # a payload of an older layout: derived again
        return False, None


def _write(directory: Path, name: str, key: str, value: Any) -> None:
    import tempfile  # only when something is written (a start that reads the cache needs none of it)

    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=directory)
        with os.fdopen(fd, "wb") as out:
            out.write(_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        os.replace(tmp, directory / f"{name}-{key}.pickle")
        _prune(directory, name)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass  # a cache that cannot be written is no error: the value is used without being kept


def _prune(directory: Path, name: str) -> None:
    found = sorted(directory.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in found[KEEP:]:
        old.unlink(missing_ok=True)


def cached(name: str, sources: Iterable[Path], build: Callable[[], T], *, extra: str = "",
           directory: Path | None = None) -> T:
    """``build()``, or the value it gave before for the same ``sources`` (bytes and paths), code and ``extra``.

    ``build`` must be a pure function of the sources and ``extra``. An exception from it propagates and nothing
    is kept. ``directory`` overrides :func:`cache_dir` (for tests).
    """
    where = directory if directory is not None else cache_dir()
    if where is None:
        return build()
    key = _key(name, sources, extra)
    found, value = _read(where / f"{name}-{key}.pickle")
    if found:
        return value  # type: ignore[no-any-return]
    value = build()
    _write(where, name, key, value)
    return value
