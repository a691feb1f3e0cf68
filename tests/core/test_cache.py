"""The derived-data cache (socialcalc.cache): a hit only for the same bytes, code and names; never a stale or
damaged value; a book with faults never kept; the rate book and catalogs the same from the cache as from files."""

from __future__ import annotations

import os
import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialcalc.ratebook as ratebook
from socialcalc.cache import KEEP, cache_dir, cached, tree_files
from socialcalc.errors import RateFileError
from socialcalc.explain import render
from socialcalc.ratebook import RateBook, packaged_rates_dir


class Counter:
    def __init__(self, make):
        self.calls = 0
        self.make = make

    def __call__(self):
        self.calls += 1
        return self.make()


def _files(where: Path) -> list[Path]:
    return sorted(where.glob("*.pickle"))


def test_a_second_call_with_the_same_bytes_is_read_from_the_cache(tmp_path: Path) -> None:
    src = tmp_path / "a.toml"
    src.write_text("x = 1")
    build = Counter(lambda: {"value": src.read_text()})
    first = cached("t", [src], build, directory=tmp_path / "c")
    again = cached("t", [src], build, directory=tmp_path / "c")
    assert first == again == {"value": "x = 1"} and build.calls == 1
    assert len(_files(tmp_path / "c")) == 1


@pytest.mark.parametrize("change", ["edit", "same_size_edit", "add", "remove", "rename", "extra"])
def test_any_change_to_the_sources_is_derived_again(tmp_path: Path, change: str) -> None:
    root = tmp_path / "rates"
    root.mkdir()
    (root / "a.toml").write_text("x = 1")
    (root / "b.toml").write_text("y = 2")
    build = Counter(lambda: sorted((p.name, p.read_text()) for p in tree_files(root)))
    cached("t", tree_files(root), build, directory=tmp_path / "c")
    if change == "edit":
        (root / "a.toml").write_text("x = 10")
    elif change == "same_size_edit":
        (root / "a.toml").write_text("x = 9")
    elif change == "add":
        (root / "2025.toml.bak").write_text("")
    elif change == "remove":
        (root / "b.toml").unlink()
    elif change == "rename":
        (root / "b.toml").rename(root / "c.toml")
    value = cached("t", tree_files(root), build, directory=tmp_path / "c",
                   extra="other" if change == "extra" else "")
    assert build.calls == 2
    assert value == sorted((p.name, p.read_text()) for p in tree_files(root))


@pytest.mark.parametrize("damage", ["truncate", "flip", "magic", "empty", "digest"])
def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path, damage: str) -> None:
    src = tmp_path / "a.txt"
    src.write_text("1")
    build = Counter(lambda: ("value", src.read_text()))
    where = tmp_path / "c"
    cached("t", [src], build, directory=where)
    (path,) = _files(where)
    blob = path.read_bytes()
    if damage == "truncate":
        blob = blob[: len(blob) // 2]
    elif damage == "flip":
        blob = blob[:-3] + bytes([blob[-3] ^ 0x01]) + blob[-2:]
    elif damage == "magic":
        blob = b"x" + blob[1:]
    elif damage == "empty":
        blob = b""
    elif damage == "digest":  # a payload that is valid pickle, with a digest that does not match it
        head, digest, _ = blob.split(b"\n", 2)
        blob = head + b"\n" + digest + b"\n" + pickle.dumps(("value", "wrong"))
    path.write_bytes(blob)
    assert cached("t", [src], build, directory=where) == ("value", "1") and build.calls == 2
    assert cached("t", [src], build, directory=where) == ("value", "1") and build.calls == 2  # rewritten


def test_an_unpicklable_payload_with_a_good_digest_is_derived_again(tmp_path: Path) -> None:
    import hashlib

    from socialcalc import cache

    src = tmp_path / "a.txt"
    src.write_text("1")
    where = tmp_path / "c"
    cached("t", [src], lambda: 1, directory=where)
    (path,) = _files(where)
    payload = b"not a pickle"
    path.write_bytes(cache._MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    assert cached("t", [src], lambda: 2, directory=where) == 2


def test_off_derives_every_time_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALCALC_CACHE", "off")
    assert cache_dir() is None
    build = Counter(lambda: 1)
    assert cached("t", [], build) == cached("t", [], build) == 1 and build.calls == 2


def test_a_directory_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    build = Counter(lambda: 7)
    assert cached("t", [], build, directory=blocker / "c") == 7
    assert cached("t", [], build, directory=blocker / "c") == 7 and build.calls == 2


def test_a_failing_build_propagates_and_keeps_nothing(tmp_path: Path) -> None:
    def fail() -> int:
        raise RateFileError(())

    with pytest.raises(RateFileError):
        cached("t", [], fail, directory=tmp_path / "c")
    assert not (tmp_path / "c").exists() or _files(tmp_path / "c") == []


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    for i in range(KEEP + 3):
        src.write_text(str(i))
        cached("t", [src], lambda i=i: i, directory=tmp_path / "c")
    cached("other", [], lambda: 0, directory=tmp_path / "c")
    names = [p.name for p in _files(tmp_path / "c")]
    assert sum(n.startswith("t-") for n in names) == KEEP and sum(n.startswith("other-") for n in names) == 1


def test_the_directory_is_the_users_alone(tmp_path: Path) -> None:
    cached("t", [], lambda: 1, directory=tmp_path / "c")
    if os.name == "posix":
        assert (tmp_path / "c").stat().st_mode & 0o077 == 0


@settings(max_examples=60, deadline=None)
@given(contents=st.lists(st.binary(max_size=40), min_size=1, max_size=6))
def test_the_value_is_always_that_of_the_current_bytes(tmp_path_factory: pytest.TempPathFactory,
                                                      contents: list[bytes]) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    src = tmp / "a"
    for data in contents:
        src.write_bytes(data)
        assert cached("p", [src], lambda: src.read_bytes(), directory=tmp / "c") == data


# --- the rate book ---------------------------------------------------------------------------------------------


def _content(book: RateBook) -> list[object]:
    out: list[object] = [sorted(book.kommuner), book.warnings]
    for key in book.keys():
        for kommune in (None, *sorted(book.kommuner)):
            out.append([(r.key, r.value, r.unit, r.valid_from, r.valid_to, r.status, r.source, r.kommune, r.where,
                         r.origin) for r in book.history(key, kommune)])
    return out


def test_the_cached_book_is_the_checked_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALCALC_CACHE", str(tmp_path / "c"))
    original = ratebook._checked
    checked = Counter(lambda: original(()))
    monkeypatch.setattr(ratebook, "_checked", lambda overlays: checked())
    first = ratebook._book.__wrapped__(())
    second = ratebook._book.__wrapped__(())
    assert checked.calls == 1 and first is not second
    assert _content(second) == _content(first) == _content(ratebook._checked(()))
    day = date(2025, 6, 1)
    for kommune in ("lejre", "lemvig"):
        a, b = first.at(day, kommune), second.at(day, kommune)
        assert [a.get(k).value for k in ("sel097.expense_grant_max", "sel097.hours_per_month")] == \
               [b.get(k).value for k in ("sel097.expense_grant_max", "sel097.hours_per_month")]


def test_a_book_from_the_cache_is_as_immutable_as_one_from_files(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALCALC_CACHE", str(tmp_path / "c"))
    ratebook._book.__wrapped__(())
    book = ratebook._book.__wrapped__(())
    with pytest.raises(AttributeError):
        book.kommuner = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        book._keys["x"] = None  # type: ignore[index]
    rate = book.history("sel097.expense_grant_max")[0]
    with pytest.raises(TypeError):
        rate.memo["used"] = None


def test_a_damaged_overlay_is_refused_though_its_good_version_was_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALCALC_CACHE", str(tmp_path / "c"))
    overlay = tmp_path / "overlay"
    (overlay / "kommuner" / "lejre").mkdir(parents=True)
    good = ('[[rate]]\nkey = "hjemmel.sel097.kvalitetsstandard"\nunit = "citation"\nvalue = "Afsnit 20"\n'
            'valid_from = 2031-01-01\nstatus = "official"\nsource = "Lejre Kommune, kvalitetsstandard 2031"\n')
    target = overlay / "kommuner" / "lejre" / "2031.toml"
    target.write_text(good, encoding="utf-8")
    book = ratebook._book.__wrapped__((str(overlay),))
    assert book.at(date(2031, 2, 1), "lejre").get("hjemmel.sel097.kvalitetsstandard").value == "Afsnit 20"
    target.write_text(good.replace('value = "Afsnit 20"', 'value = ["Afsnit 20"]'), encoding="utf-8")
    with pytest.raises(RateFileError) as caught:
        ratebook._book.__wrapped__((str(overlay),))
    assert "2031.toml" in str(caught.value)


def test_a_changed_packaged_file_is_never_answered_from_the_cache(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALCALC_CACHE", str(tmp_path / "c"))
    copy = tmp_path / "rates"
    shutil.copytree(packaged_rates_dir(), copy)
    monkeypatch.setattr(ratebook, "packaged_rates_dir", lambda: copy)
    ratebook._book.__wrapped__(())
    national = copy / "national" / "2025.toml"
    national.write_text(national.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(RateFileError) as caught:  # the manifest no longer matches
        ratebook._book.__wrapped__(())
    assert "MANIFEST" in str(caught.value)


# --- the catalogs ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["da", "en"])
def test_the_cached_catalog_is_the_catalog_read_from_its_files(locale: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALCALC_CACHE", str(tmp_path / "c"))
    fresh = render._read_catalog(render.catalog_files(locale))
    render.catalog.cache_clear()
    try:
        assert dict(render.catalog(locale)) == fresh
        render.catalog.cache_clear()
        assert dict(render.catalog(locale)) == fresh  # now from the cache
        assert any(p.name.startswith(f"catalog-{locale}-") for p in _files(tmp_path / "c"))
    finally:
        render.catalog.cache_clear()


def test_the_cached_symbols_are_babels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALCALC_CACHE", str(tmp_path / "c"))
    render._symbols.cache_clear()
    try:
        assert render._symbols("da") == render._babel_symbols("da")
        render._symbols.cache_clear()
        assert render._symbols("da") == render._babel_symbols("da")
        assert render._symbols("da")[1][0] == "januar"
    finally:
        render._symbols.cache_clear()


def test_a_changed_module_that_derives_the_cache_changes_the_stamp(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import socialcalc
    from socialcalc import cache

    package = tmp_path / "socialcalc"
    shutil.copytree(Path(socialcalc.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__", "rate_data"))
    monkeypatch.setattr(socialcalc, "__file__", str(package / "__init__.py"))
    before = cache.code_stamp.__wrapped__()
    assert cache.code_stamp.__wrapped__() == before
    other = package / "kernel.py"  # not among STAMPED: the batch kernels derive nothing that is cached
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.code_stamp.__wrapped__() == before
    book = package / "ratebook" / "book.py"
    book.write_text(book.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.code_stamp.__wrapped__() != before


def test_a_deleted_overlay_directory_is_refused_though_its_empty_version_was_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALCALC_CACHE", str(tmp_path / "c"))
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    assert ratebook._book.__wrapped__((str(overlay),)).kommuner  # an empty overlay loads (and is kept)
    overlay.rmdir()
    with pytest.raises(RateFileError):
        ratebook._book.__wrapped__((str(overlay),))
