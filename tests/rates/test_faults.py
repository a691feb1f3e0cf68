"""A corpus of seeded rate-file faults: each is caught, at its line, and all of them are reported in one run."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from socialcalc import RateFileError, load_rates
from socialcalc.cli import main
from socialcalc.ratebook import check_rates, packaged_rates_dir


@dataclass(frozen=True)
class Fault:
    name: str
    file: str
    old: str
    new: str
    expect: str
    anchor: str  # text on the line the fault must be reported at (after the change)


FAULTS = [
    Fault("typo'd key", "national/2024.toml", 'key = "sel108.threshold"', 'key = "sel108.treshold"',
          "unknown key 'sel108.treshold'", 'key = "sel108.treshold"'),
    Fault("decimal comma", "national/2024.toml", "value = 100.77", 'value = "100,77"', "decimal comma",
          'value = "100,77"'),
    Fault("float literal", "national/2021.toml", "value = 937\n", "value = 9.37e2\n", "float literal",
          "value = 9.37e2"),
    Fault("negative amount", "national/2023.toml", "value = 93.38", "value = -93.38", "negative", "value = -93.38"),
    Fault("duplicate date", "national/2018.toml", "[[rate]]\nkey = \"sel110.per_day\"",
          "[[rate]]\nkey = \"sel109.per_day\"\nunit = \"DKK/day\"\nvalue = 85\n\n[[rate]]\nkey = \"sel110.per_day\"",
          "duplicate date", "value = 85"),
    Fault("impossible date", "national/2012.toml", "valid_from = 2012-01-01", "valid_from = 2012-02-30",
          "not valid TOML", "valid_from = 2012-02-30"),
    Fault("unknown unit", "national/2020.toml", 'unit = "DKK/year"', 'unit = "DKK/yr"', "unknown unit 'DKK/yr'",
          'unit = "DKK/yr"'),
    Fault("missing source", "national/2019.toml",
          'source = "Svendborg Kommune: \\"mindst 545 kroner om måneden eller mindst 6.540 kroner årligt '
          '(2019-takster)\\"; SEL § 100 stk. 3"\n', "",
          "has no source", "key = \"sel100.minimum\""),
    Fault("municipal override of a non-overridable key", "kommuner/lejre/policy.toml", "[[rate]]\nkey = \"sel103",
          "[[rate]]\nkey = \"sel097.max_hours\"\nunit = \"hours\"\nvalue = 120\nvalid_from = 2024-09-01\n"
          "source = \"x\"\n\n[[rate]]\nkey = \"sel103", "does not declare overridable", 'key = "sel097.max_hours"'),
    Fault("unknown field", "national/constants.toml", "value = 15\n", "vaule = 15\n", "unknown field 'vaule'",
          "vaule = 15"),
    Fault("unit mismatch", "national/2022.toml", 'unit = "DKK/year"', 'unit = "DKK/month"',
          "is in DKK/year, not DKK/month", 'unit = "DKK/month"'),
    Fault("share above 1", "national/constants.toml", "value = 0.30\n", "value = 30\n", "share above 1",
          "value = 30\n"),
    Fault("more than two decimals", "national/2024.toml", "value = 97.30", "value = 97.305", "more than two decimals",
          "value = 97.305"),
    Fault("unknown status", "national/2023.toml", 'status = "official"', 'status = "offical"', "status = 'offical'",
          'status = "offical"'),
    Fault("text instead of a number", "national/2025.toml", "value = 1041", 'value = "1041"', "text, not a number",
          'value = "1041"'),
    Fault("unknown order-of-use policy", "kommuner/lemvig/policy.toml", 'value = "current_month_then_newest_saved"',
          'value = "newest_first"', "not a known sel097.order_of_use policy", 'value = "newest_first"'),
    Fault("band with neither from nor over", "national/2020.toml", "{ from = 556, pays = 1040 }", "{ pays = 1040 }",
          "exactly one of 'from'", "{ pays = 1040 }"),
    Fault("bands out of order", "national/2021.toml", "{ from = 1593, pays = 2123 }", "{ from = 500, pays = 2123 }",
          "starts below band 1", "{ from = 500, pays = 2123 }"),
    Fault("months not whole", "national/constants.toml", "value = 6\n", "value = 6.5\n", "not a whole number",
          "value = 6.5"),
    Fault("unknown table", "national/2018.toml", "[defaults]", "[extras]\nx = 1\n\n[defaults]",
          "unknown table 'extras'", "[extras]"),
    Fault("valid_from as text", "national/2023.toml", "valid_from = 2023-06-01", 'valid_from = "2023-06-01"',
          "is not a date", 'valid_from = "2023-06-01"'),
    Fault("valid_to before valid_from", "national/2022.toml", "value = 948\n", "value = 948\nvalid_to = 2021-12-31\n",
          "is before valid_from", "valid_to = 2021-12-31"),
    Fault("value after the rule ended", "national/2025.toml", "[[rate]]\nkey = \"sel100.komp_minimum\"",
          "[[rate]]\nkey = \"sel100.minimum\"\nunit = \"DKK/month\"\nvalue = 630\nvalid_from = 2025-09-01\n"
          "source = \"x\"\n\n[[rate]]\nkey = \"sel100.komp_minimum\"", "ended on 2025-08-31",
          "valid_from = 2025-09-01\nsource = \"x\""),
    Fault("overlapping periods", "national/constants.toml",
          'value = "merudgiftsydelse"\nvalid_from = 2018-01-01\n',
          'value = "merudgiftsydelse"\nvalid_from = 2018-01-01\nvalid_to = 2026-01-01\n', "overlaps",
          'value = "kompensationsydelse"'),
    Fault("a YAML tag (object construction)", "national/folkepension.toml",
          "[[rate]]\nkey = \"folkepension.age_table\"",
          "evil = !!python/object/apply:os.system [\"echo\"]\n\n[[rate]]\nkey = \"folkepension.age_table\"",
          "not valid TOML", "evil = !!python"),
    Fault("duplicate satsreguleringsprocent", "satsregulering.toml", "\n[year.2025]\n",
          "\n[year.2024]\npercent = 3.3\nstatus = \"official\"\nsource = \"x\"\n\n[year.2025]\n",
          "not valid TOML", "[year.2024]\npercent = 3.3"),
    Fault("a satsreguleringsprocent written as text", "satsregulering.toml", "percent = 3.6", 'percent = "3,6"',
          "is not a number", 'percent = "3,6"'),
]


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "rates"
    shutil.copytree(packaged_rates_dir(), root)
    return root


def _apply(root: Path, fault: Fault) -> None:
    path = root / fault.file
    text = path.read_text(encoding="utf-8")
    assert fault.old in text, f"seed for {fault.name!r} not found in {fault.file}"
    path.write_text(text.replace(fault.old, fault.new, 1), encoding="utf-8")


def _line_of(root: Path, fault: Fault) -> int:
    text = (root / fault.file).read_text(encoding="utf-8")
    offset = text.index(fault.anchor)
    if fault.name == "missing source":  # reported at the record's [[rate]] header, the line before the key
        return text[:offset].count("\n")
    if fault.name == "overlapping periods":  # reported at the later value's [[rate]] header
        return text[:offset].count("\n") - 2
    if fault.name == "duplicate date":
        return text[: text.rindex("[[rate]]", 0, offset)].count("\n") + 1
    return text[:offset].count("\n") + 1


def test_the_corpus_is_large_enough() -> None:
    assert len(FAULTS) >= 20


def test_the_packaged_tables_are_clean() -> None:
    assert check_rates().errors == ()


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_each_fault_is_caught_at_its_line(tmp_path: Path, fault: Fault) -> None:
    root = _copy(tmp_path)
    _apply(root, fault)
    errors = check_rates(root).errors
    matching = [e for e in errors if e.file.endswith(fault.file) and fault.expect in e.problem]
    assert matching, f"{fault.name}: expected {fault.expect!r} in {fault.file}, got {[str(e) for e in errors]}"
    assert matching[0].line == _line_of(root, fault), str(matching[0])
    assert matching[0].col >= 1
    assert matching[0].fix  # every fault says how to fix it


def test_every_fault_is_reported_in_one_run(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    # faults that stop their file from parsing hide the others in that file: seed them in files of their own
    for fault in FAULTS:
        _apply(root, fault)
    with pytest.raises(RateFileError) as caught:
        load_rates(root)
    reported = caught.value.faults
    for fault in FAULTS:
        if fault.name in {"impossible date", "a YAML tag (object construction)", "duplicate satsreguleringsprocent",
                          "a satsreguleringsprocent written as text"}:
            continue  # a syntax fault hides the rest of its own file: checked alone above
        assert any(f.file.endswith(fault.file) and fault.expect in f.problem for f in reported), fault.name
    # syntax faults are reported in the same run as everything else
    assert any("not valid TOML" in f.problem and f.file.endswith("2012.toml") for f in reported)
    assert any("not valid TOML" in f.problem and f.file.endswith("folkepension.toml") for f in reported)
    assert all(str(f).count(":") >= 3 for f in reported)  # file:line:col: problem


def test_nothing_is_loaded_from_a_broken_directory(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _apply(root, FAULTS[0])
    report = check_rates(root)
    assert report.book is None


def test_cli_check_lists_every_fault_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy(tmp_path)
    for fault in FAULTS[:5]:
        _apply(root, fault)
    assert main(["rates", "check", str(root)]) == 1
    out = capsys.readouterr().out
    for fault in FAULTS[:5]:
        assert fault.expect in out
    assert "error(s)" in out


def test_cli_check_of_the_packaged_tables_exits_0_with_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rates", "check"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out
    assert "warning" in out  # the 2023 top band drifts from 2021's indexed "fra 2654"


def test_a_municipality_directory_named_like_a_path_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "kommuner" / "Bad Name").mkdir()
    errors = check_rates(root).errors
    assert any("municipality directory name" in e.problem for e in errors)


def test_a_missing_catalogue_is_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "keys.toml").unlink()
    errors = check_rates(root).errors
    assert any("keys.toml is missing" in e.problem for e in errors)
