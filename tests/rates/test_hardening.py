"""Issue 12 [hardening], the loader: every cause the fuzzing found, by name.

Each damaged copy is either refused with a :class:`RateFileError` whose faults name ``file:line:col`` (at the
damaged line), or loaded with exactly what is written. The manifest is rewritten after each edit (as a user
would, with ``rates check --update-manifest``), so the content checks are what is tested, except where the
manifest itself is the subject.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal, localcontext
from pathlib import Path

import pytest

from socialcalc import RateFileError, load_rates
from socialcalc.errors import RateFault
from socialcalc.ratebook import check_rates, packaged_rates_dir
from socialcalc.ratebook.manifest import MANIFEST, check_manifest, write_manifest


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "rates"
    shutil.copytree(packaged_rates_dir(), root)
    return root


def _edit(root: Path, file: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` once in ``file``; return the line the replacement starts on."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _refused(root: Path, *, manifest: bool = True) -> tuple[RateFault, ...]:
    if manifest:
        write_manifest(root)
    with pytest.raises(RateFileError) as caught:
        load_rates(root)
    faults = caught.value.faults
    assert faults
    for f in faults:
        assert f.line >= 1 and f.col >= 1 and f.file and f.fix, str(f)
    return faults


def _at(faults: tuple[RateFault, ...], file: str, line: int, words: str) -> RateFault:
    hits = [f for f in faults if f.file.endswith(file) and words in f.problem]
    assert hits, f"no {words!r} in {file}: {[str(f) for f in faults]}"
    assert hits[0].line == line, str(hits[0])
    return hits[0]


# -- unhashable lists where a word belongs -------------------------------------------------------------------


def test_a_list_valued_status_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2023.toml", 'status = "official"', 'status = ["official"]')
    _at(_refused(root), "national/2023.toml", line, "status = ['official']")


def test_a_list_valued_status_in_satsregulering_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "satsregulering.toml", 'status = "official"', 'status = ["official"]')
    _at(_refused(root), "satsregulering.toml", line, "status")


@pytest.mark.parametrize(("old", "new", "words"), [
    ('shape = "bands"', 'shape = ["bands"]', "unknown shape"),
    ('regulation = "satsregulering"', 'regulation = ["satsregulering"]', "unknown regulation"),
    ('rounding = "krone_half_up"', 'rounding = ["krone_half_up"]', "unknown rounding"),
    ('choices = ["oldest_first"', 'choices = [["oldest_first"]', "not a list of words"),
], ids=["shape", "regulation", "rounding", "choices"])
def test_a_list_valued_catalogue_field_is_a_fault(tmp_path: Path, old: str, new: str, words: str) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "keys.toml", old, new)
    _at(_refused(root), "keys.toml", line, words)


# -- dates ----------------------------------------------------------------------------------------------------


def test_a_datetime_valid_from_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2024.toml", "valid_from = 2024-01-01", "valid_from = 2024-01-01T00:00:00")
    _at(_refused(root), "national/2024.toml", line, "with a time of day")


def test_a_datetime_in_an_expected_record_and_a_date_value_are_faults(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/constants.toml", "value = 2027-09-01", "value = 2027-09-01 12:00:00")
    _at(_refused(root), "national/constants.toml", line, "with a time of day")


def test_a_date_outside_the_plausible_years_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2024.toml", "valid_from = 2024-01-01", "valid_from = 0001-01-01")
    _at(_refused(root), "national/2024.toml", line, "outside 1900-2199")


# -- numbers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["inf", "nan", "-inf", "+nan"])
def test_a_band_paying_inf_or_nan_is_a_fault(tmp_path: Path, bad: str) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2024.toml", "{ from = 608, pays = 1138 }", f"{{ from = 608, pays = {bad} }}")
    _at(_refused(root), "national/2024.toml", line, "float literal")


def test_an_exponent_inside_an_inline_table_is_a_float_literal(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2024.toml", "{ from = 608, pays = 1138 }", "{ from = 6.08e2, pays = 1138 }")
    _at(_refused(root), "national/2024.toml", line, "band 1 lower bound = 6.08e2 is a float literal")


def test_a_4400_digit_integer_is_a_fault_at_its_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2025.toml", "value = 1041", "value = " + "9" * 4400)
    fault = _at(_refused(root), "national/2025.toml", line, "too long")
    assert fault.col == len("value = ") + 1


def test_5000_deep_nesting_is_a_fault_not_a_recursion_error(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2025.toml", "value = 1041", "value = " + "[" * 5000 + "]" * 5000)
    _at(_refused(root), "national/2025.toml", line, "nested more than")


def test_5000_deep_inline_tables_are_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2025.toml", "value = 1041", "value = " + "{a=" * 5000 + "1" + "}" * 5000)
    _at(_refused(root), "national/2025.toml", line, "nested more than")


def test_brackets_inside_strings_and_comments_do_not_count_as_nesting(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "national/2025.toml", "value = 1041", "value = 1041 # " + "[" * 50)
    _edit(root, "national/2024.toml", 'unit = "DKK/year"', 'unit = "DKK/year"\nnote = "' + "{" * 50 + '"')
    write_manifest(root)
    assert load_rates(root).at(__import__("datetime").date(2025, 3, 1)).get("sel097.expense_grant_max").value == 1041


def test_a_huge_value_on_a_regulated_key_is_refused_and_the_drift_check_survives(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2025.toml", "value = 1041", "value = " + str(10**30))
    faults = _refused(root)
    _at(faults, "national/2025.toml", line, "outside the plausible range of DKK/year")


def test_the_drift_check_ignores_the_callers_decimal_context(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "national"
    overlay.mkdir(parents=True)
    (overlay / "2025.toml").write_text(  # a derived figure may be replaced; this one drifts from 1005 × 1.036
        '[[rate]]\nkey = "sel097.expense_grant_max"\nunit = "DKK/year"\nvalue = 1060\nvalid_from = 2025-01-01\n'
        'status = "derived"\nsource = "a test: a figure that drifts"\n', encoding="utf-8")
    with localcontext() as ctx:
        ctx.prec = 7
        report = check_rates(overlays=[tmp_path / "overlay"])
    assert report.errors == ()
    assert any("differs by 18.82 kr." in w.problem for w in report.warnings)


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf", "-250", "250"])
def test_an_implausible_satsreguleringsprocent_is_a_fault(tmp_path: Path, bad: str) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "satsregulering.toml", "percent = 3.6", f"percent = {bad}")
    faults = _refused(root)
    hits = [f for f in faults if f.file.endswith("satsregulering.toml") and f.line == line]
    assert hits and ("float literal" in hits[0].problem or "plausible range" in hits[0].problem), faults


def test_a_value_outside_its_units_range_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "national/2024.toml", "value = 97.30", "value = 9730")  # the decimal point lost
    _at(_refused(root), "national/2024.toml", line, "outside the plausible range of DKK/day, 0 to 1000")


def test_a_unit_without_a_declared_range_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "keys.toml", '"DKK/day" = { min = 0, max = 1000 }\n', "")
    faults = _refused(root)
    assert any("no plausible range declared for unit 'DKK/day'" in f.problem for f in faults)


def test_a_malformed_range_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "keys.toml", '"km" = { min = 0, max = 1000 }', '"km" = { min = 1000, max = 0 }')
    _at(_refused(root), "keys.toml", line, "the range of km runs from 1000 down to 0")


def test_a_range_fault_names_the_line_of_a_unit_with_a_slash(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    line = _edit(root, "keys.toml", '"DKK/day" = { min = 0, max = 1000 }', '"DKK/day" = { min = 0, max = nan }')
    _at(_refused(root), "keys.toml", line, "the range of DKK/day is not")


# -- structure ------------------------------------------------------------------------------------------------


def test_a_single_rate_table_instead_of_an_array_is_a_fault(tmp_path: Path) -> None:
    # Lemvig's order of use would otherwise vanish silently
    root = _copy(tmp_path)
    path = root / "kommuner" / "lemvig" / "policy.toml"
    first = path.read_text(encoding="utf-8").split("\n[[rate]]")[:2]  # the defaults and the first record only
    path.write_text("\n[[rate]]".join(first) + "\n", encoding="utf-8")
    line = _edit(root, "kommuner/lemvig/policy.toml", "[[rate]]", "[rate]")
    _at(_refused(root), "kommuner/lemvig/policy.toml", line, "rate is a single table")


def test_an_empty_file_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "national" / "2025.toml").write_text("", encoding="utf-8")
    _at(_refused(root), "national/2025.toml", 1, "holds no values")


def test_a_file_of_defaults_only_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "national" / "2025.toml").write_text('[defaults]\nstatus = "official"\n', encoding="utf-8")
    _at(_refused(root), "national/2025.toml", 1, "holds no values")


def test_an_empty_catalogue_and_satsregulering_are_faults(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "satsregulering.toml").write_text("# nothing\n", encoding="utf-8")
    _at(_refused(root), "satsregulering.toml", 1, "holds no satsreguleringsprocent")


@pytest.mark.parametrize(("name", "fix"), [("2025.TOML", "rename it to 2025.toml"), ("2025.toml.bak", "remove it"),
                                           ("notes.txt", "remove it"), (".2025.toml.swp", "remove it")])
def test_a_file_that_is_not_a_rate_file_is_reported(tmp_path: Path, name: str, fix: str) -> None:
    root = _copy(tmp_path)
    shutil.copy(root / "national" / "2025.toml", root / "national" / name)
    faults = _refused(root)
    hit = _at(faults, f"national/{name}", 1, "not a rate file")
    assert fix in hit.fix


def test_a_stray_directory_and_a_toml_file_outside_a_municipality_are_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "national" / "old").mkdir()
    (root / "kommuner" / "2025.toml").write_text("", encoding="utf-8")
    faults = _refused(root)
    _at(faults, "national/old", 1, "not part of a rate directory")
    assert "kommuner/<name>/" in _at(faults, "kommuner/2025.toml", 1, "not a rate file").fix


def test_an_overlay_cannot_declare_keys(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    shutil.copy(packaged_rates_dir() / "keys.toml", overlay / "keys.toml")
    with pytest.raises(RateFileError, match="an overlay cannot declare keys"):
        load_rates(packaged_rates_dir(), overlays=[overlay])


# -- the manifest ---------------------------------------------------------------------------------------------


def test_the_packaged_manifest_matches() -> None:
    assert check_manifest(packaged_rates_dir(), required=True) == []


def test_a_deleted_file_is_a_fault_naming_it(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "national" / "2021.toml").unlink()
    faults = _refused(root, manifest=False)
    text = (root / MANIFEST).read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if t.startswith('"national/2021.toml"'))
    hit = _at(faults, MANIFEST, line, "national/2021.toml is listed in the manifest but missing")
    assert "--update-manifest" in hit.fix


def test_a_truncated_file_is_a_fault_even_when_what_is_left_is_valid(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "national" / "2024.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[[rate]]\nkey = \"sel108.threshold\"")], encoding="utf-8")
    faults = _refused(root, manifest=False)
    assert [f.problem for f in faults if f.file.endswith("national/2024.toml")] == [
        "the file differs from its checksum in MANIFEST.toml (edited, truncated or damaged)"]


def test_an_added_file_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    shutil.copy(root / "national" / "2025.toml", root / "national" / "2027.toml")
    faults = _refused(root, manifest=False)
    _at(faults, "national/2027.toml", 1, "not listed in MANIFEST.toml")


def test_a_base_directory_without_a_manifest_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / MANIFEST).unlink()
    faults = _refused(root, manifest=False)
    assert "--update-manifest" in _at(faults, MANIFEST, 1, "has no manifest").fix


def test_a_damaged_manifest_is_a_fault(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / MANIFEST).write_text("[files\n", encoding="utf-8")
    _at(_refused(root, manifest=False), MANIFEST, 1, "cannot be read")


def test_an_overlay_without_a_manifest_loads_and_one_with_a_wrong_manifest_does_not(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    (overlay / "national").mkdir(parents=True)
    (overlay / "national" / "x.toml").write_text(
        '[[rate]]\nkey = "sel097.max_hours"\nunit = "hours"\nvalue = 40\nvalid_from = 2013-01-01\n'
        'status = "derived"\nsource = "a test"\n', encoding="utf-8")
    load_rates(packaged_rates_dir(), overlays=[overlay])
    write_manifest(overlay)
    load_rates(packaged_rates_dir(), overlays=[overlay])
    (overlay / "national" / "x.toml").write_text("", encoding="utf-8")
    with pytest.raises(RateFileError, match="differs from its checksum"):
        load_rates(packaged_rates_dir(), overlays=[overlay])


def test_crlf_line_endings_hash_like_lf(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "national" / "2025.toml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert check_manifest(root, required=True) == []


def test_cli_update_manifest_rewrites_it_and_then_the_book_loads(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "national/2025.toml", "value = 1041", "value = 1042")
    run = [sys.executable, "-m", "socialcalc", "rates", "check", str(root)]
    before = subprocess.run(run, capture_output=True, text=True, check=False)
    assert before.returncode == 1
    assert "national/2025.toml:1:1: the file differs from its checksum" in before.stdout
    after = subprocess.run([*run, "--update-manifest"], capture_output=True, text=True, check=False)
    assert after.returncode == 0, after.stdout + after.stderr
    assert f"wrote {root / MANIFEST}" in after.stdout
    assert "0 error(s)" in after.stdout
    assert load_rates(root).at(__import__("datetime").date(2025, 3, 1)).get(
        "sel097.expense_grant_max").value == Decimal(1042)
