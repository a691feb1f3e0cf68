"""Case files: the shipped spec examples pass; a failure is one line and exit 1; a municipality's own rates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from socialcalc.cases import SPEC_EXAMPLES, run_file
from socialcalc.errors import InvalidInput

pytest.importorskip("yaml")

OWN = """# Lejre's own cases
cases:
  - name: "udgifter 1200"
    rule: ledsageordning.expense_grant
    source: "Lejre, sag 1"
    args: [2024, "1200"]
    expected: {amount: "1005.00", capped: true}
  - name: "forkert forventning"
    rule: merudgift
    source: "a deliberate mistake"
    inputs: {expenses: "1706.99", decided_on: 2024-06-01}
    expected: {amount: "1137.00", band: 1}
  - name: "ikke offentliggjort"
    rule: merudgift.calculate
    source: "strict rates"
    inputs: {expenses: "1706.99", decided_on: 2025-03-01}
    raises: RateNotPublished
"""

OVERLAY = """[[rate]]
key = "sel097.expense_grant_max"
unit = "DKK/year"
value = 900
valid_from = 2024-01-01
status = "derived"
source = "a test: a new table"
supersedes = "a test: the municipality's corrected table"
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "socialcalc", *args], capture_output=True, text=True, timeout=120)


def test_the_shipped_spec_examples_pass() -> None:
    report = run_file(SPEC_EXAMPLES)
    assert report.failures == []
    assert report.count >= 40
    done = _run("test", "--spec-examples")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 fejl" in done.stderr


def test_a_failure_is_one_line_and_exit_1(tmp_path: Path) -> None:
    cases = tmp_path / "lejre.yaml"
    cases.write_text(OWN, encoding="utf-8")
    report = run_file(cases)
    assert report.count == 3
    assert report.failures == ["lejre.yaml:8: forkert forventning: amount: forventede '1137.00', fik "
                               "Decimal('1138.00') (a deliberate mistake)"]
    done = _run("test", str(cases))
    assert done.returncode == 1
    assert done.stdout.splitlines() == report.failures


def test_a_new_rate_table_is_checked_against_the_cases(tmp_path: Path) -> None:
    cases = tmp_path / "lejre.yaml"
    cases.write_text(OWN.split("  - name: \"forkert")[0], encoding="utf-8")
    (tmp_path / "rates" / "national").mkdir(parents=True)
    (tmp_path / "rates" / "national" / "new.toml").write_text(OVERLAY, encoding="utf-8")
    assert _run("test", str(cases)).returncode == 0
    done = _run("test", str(cases), "--rates", str(tmp_path / "rates"))
    assert done.returncode == 1
    assert "amount: forventede '1005.00', fik Decimal('900.00')" in done.stdout
    cases.write_text("rates: rates\n" + cases.read_text(encoding="utf-8"), encoding="utf-8")
    assert not run_file(cases).ok


@pytest.mark.parametrize(("text", "message"), [
    ("cases: [{rule: merudgift, source: x, inputs: {expenses: 1706.99, decided_on: 2024-06-01},"
     " expected: {amount: '1138'}}]", "ikke som kommatal"),
    ("cases: [{rule: os.system, source: x, expected: {}}]", "en offentlig funktion"),
    ("cases: [{rule: merudgift, inputs: {}, expected: {}}]", "hver sag har en source"),
    ("cases: [{rule: merudgift.calculate, source: x, inputs: {expenses: '1'}, expected: {amount: '0'}}]",
     "inputs passer ikke til"),
    ("cases: [{rule: merudgift.calculate, source: x, inputs: {expenses: '1', decided_on: 2024-06-01},"
     " expected: {nothing: 1}}]", "resultatet har ikke det felt"),
])
def test_bad_cases_are_failures_with_a_reason(tmp_path: Path, text: str, message: str) -> None:
    cases = tmp_path / "bad.yaml"
    cases.write_text(text, encoding="utf-8")
    report = run_file(cases)
    assert len(report.failures) == 1 and message in report.failures[0]


def test_a_malformed_file_is_refused(tmp_path: Path) -> None:
    cases = tmp_path / "bad.yaml"
    cases.write_text("just: [text", encoding="utf-8")
    with pytest.raises(InvalidInput, match="ikke en YAML-fil"):
        run_file(cases)
    cases.write_text("- a list", encoding="utf-8")
    with pytest.raises(InvalidInput, match="under 'cases:'"):
        run_file(cases)
    assert _run("test", str(tmp_path / "missing.yaml")).returncode == 2
