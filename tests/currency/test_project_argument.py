"""Issue 11, bad input: a ``project`` of a wrong type, on every rule function, is an InvalidInput (never a
TypeError), raised before any result is built; and the CLI's ``--project`` and ``--rates`` refuse bad values."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from socialcalc.beskyttet_beskaeftigelse import hourly_wage, transport
from socialcalc.egenbetaling import prepayment, sel107, sel108, settlement, stay
from socialcalc.errors import InvalidInput
from socialcalc.folkepension import first_pension_month, pension_age, reached_on
from socialcalc.hastig_sygdom import Budget
from socialcalc.ledsageordning import Bank, eligibility, expense_grant
from socialcalc.merudgift import calculate, last_payment_month, may_demand_refixing, one_off
from socialcalc.projection import check_project

D = date(2024, 6, 1)

CALLS: dict[str, Callable[[Any], object]] = {
    "expense_grant": lambda p: expense_grant(2024, "100", project=p),
    "Bank.open": lambda p: Bank.open("2024-01", project=p),
    "Bank.from_json": lambda p: Bank.from_json(Bank.open("2024-01").model_dump_json(), project=p),
    "eligibility": lambda p: eligibility(date(1980, 1, 1), D, project=p),
    "calculate": lambda p: calculate("1000", decided_on=D, project=p),
    "one_off": lambda p: one_off("8000", decided_on=D, project=p),
    "last_payment_month": lambda p: last_payment_month(date(1970, 1, 1), project=p),
    "may_demand_refixing": lambda p: may_demand_refixing(date(2023, 1, 1), D, project=p),
    "hourly_wage": lambda p: hourly_wage("35", field_lowest_wage="180", on=D, project=p),
    "transport": lambda p: transport(days=1, distance_km=5, net_earnings=100, per_km=1, on=D, project=p),
    "stay": lambda p: stay(110, D, D, project=p),
    "prepayment": lambda p: prepayment(110, D, 3, project=p),
    "settlement": lambda p: settlement(110, D, 3, 2, project=p),
    "sel107": lambda p: sel107(net_income=1, fixed_expenses=0, included_items_cost=1, board_included=True,
                               on=date(2025, 1, 6), kommune="lejre", project=p),
    "sel108": lambda p: sel108(income_basis=1, dwelling_costs=1, on=D, project=p),
    "Budget.open": lambda p: Budget.open(D, project=p),
    "pension_age": lambda p: pension_age(date(1970, 1, 1), project=p),
    "reached_on": lambda p: reached_on(date(1970, 1, 1), project=p),
    "first_pension_month": lambda p: first_pension_month(date(1970, 1, 1), project=p),
}

BAD: list[Any] = [4.5, "4.5", 3, None, [Decimal(1)], {"2026": Decimal(1)}, {2026: 4.5}, {True: Decimal(1)},
                  Decimal("NaN"), Decimal("Infinity"), Decimal("-100.1"), {2026: Decimal("NaN")}, object()]


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_a_wrong_project_is_invalid_input(name: str, bad: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        CALLS[name](bad)
    assert caught.value.field.startswith("project")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_strict_and_true_are_accepted_by_every_function(name: str) -> None:
    CALLS[name](False)
    CALLS[name](True)


def test_a_mapping_is_copied() -> None:
    given = {2026: Decimal("4.5")}
    checked = check_project(given)
    assert dict(checked) == given and checked is not given  # type: ignore[arg-type]


# -- the command line --------------------------------------------------------------------------------------------

def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "socialcalc", *args], capture_output=True, text=True,
                          timeout=60, check=False)


@pytest.mark.parametrize("value", ["--project=NaN", "--project=-101", "--project=2026=4,5", "--project=x",
                                   "--project=2026=1,2026=2", "--project=26=4.5"])
def test_cli_bad_project_is_a_usage_error(value: str) -> None:
    done = _run("ledsager", "tilskud", "2026", "5000", value)
    assert done.returncode == 2, done.stderr
    assert "--project" in done.stderr


def test_cli_project_forms() -> None:
    bare = _run("hastig-sygdom", "budget", "2026-02-01", "--project", "--json")
    assert bare.returncode == 0, bare.stderr
    assert '"projected": true' in bare.stdout and '"44411.00"' in bare.stdout
    per_year = _run("ledsager", "tilskud", "2027", "5000", "--project=2027=3.0", "--json")
    assert per_year.returncode == 0, per_year.stderr
    assert '"1120.00"' in per_year.stdout
    one = _run("ledsager", "tilskud", "2026", "5000", "--project=4.5", "--json")  # 2026 is stored: unused
    assert one.returncode == 0, one.stderr
    assert '"1088.00"' in one.stdout


def test_cli_rates_overlay_on_every_command(tmp_path: Path) -> None:
    (tmp_path / "national").mkdir()
    (tmp_path / "national" / "x.toml").write_text(
        '[[rate]]\nkey = "sel110.per_day"\nunit = "DKK/day"\nvalue = 111.11\nvalid_from = 2027-01-01\n'
        'status = "derived"\nsource = "a test figure"\n', encoding="utf-8")
    done = _run("egenbetaling", "ophold", "110", "2027-03-03", "2027-03-13", "--rates", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    assert '"1111.10"' in done.stdout
    without = _run("egenbetaling", "ophold", "110", "2027-03-03", "2027-03-13")
    assert without.returncode == 3  # no published rate for the day
    shown = _run("rates", "show", "2027-03-03", "--rates", str(tmp_path))
    assert shown.returncode == 0, shown.stderr
    assert "111.11" in shown.stdout
    assert "111.11" not in _run("rates", "show", "2027-03-03").stdout


@pytest.mark.parametrize("command", [
    ["merudgift", "1000", "--decided-on", "2024-06-01"],
    ["egenbetaling", "botilbud108", "--income-basis", "1", "--dwelling-costs", "1", "--on", "2024-06-01"],
    ["ledsager", "tilskud", "2024", "100"],
    ["hastig-sygdom", "budget", "2024-06-01"],
    ["beskaeftigelse", "loen", "35", "--field-lowest-wage", "180", "--on", "2024-06-01"],
    ["folkepension", "1970-01-01"],
    ["schema"],
    ["rates", "show", "2024"],
    ["rates", "coverage"],
    ["rates", "check"],
])
def test_cli_faulty_rates_dir_is_refused_with_file_line_col(command: list[str], tmp_path: Path) -> None:
    (tmp_path / "national").mkdir()
    (tmp_path / "national" / "bad.toml").write_text('[[rate]]\nkey = "sel110.per_day"\nvalue = 1.5e3\n',
                                                    encoding="utf-8")
    done = _run(*command, "--rates", str(tmp_path))
    assert done.returncode == 1  # faults in rate files
    assert "bad.toml:" in (done.stdout if command[:2] == ["rates", "check"] else done.stderr)  # check reports on stdout


@pytest.mark.parametrize("command", [
    ["merudgift", "1000", "--decided-on", "2024-06-01"],
    ["egenbetaling", "ophold", "110", "2024-03-03", "2024-03-13"],
    ["egenbetaling", "forudbetaling", "110", "2024-03-01", "31"],
    ["egenbetaling", "efterregulering", "110", "2024-03-01", "31", "12"],
    ["egenbetaling", "botilbud108", "--income-basis", "300000", "--dwelling-costs", "60000", "--on", "2024-06-01"],
    ["egenbetaling", "botilbud107", "--net-income", "12000", "--fixed-expenses", "1500",
     "--included-items-cost", "8000", "--board-included", "--on", "2025-01-06", "--kommune", "lejre"],
    ["ledsager", "tilskud", "2024", "100"],
    ["hastig-sygdom", "budget", "2024-06-01"],
    ["beskaeftigelse", "loen", "35", "--field-lowest-wage", "180", "--on", "2024-06-01"],
    ["beskaeftigelse", "befordring", "--days", "20", "--distance-km", "25", "--net-earnings", "1500",
     "--per-km", "1.50", "--on", "2024-06-01"],
    ["folkepension", "1970-01-01"],
])
def test_cli_every_calculation_command_takes_project(command: list[str]) -> None:
    done = _run(*command, "--project")
    assert done.returncode == 0, done.stderr


def test_cli_simulate_takes_project_and_rates(tmp_path: Path) -> None:
    usage = tmp_path / "usage.csv"
    usage.write_text("month,hours\n2026-03,20\n", encoding="utf-8")
    (tmp_path / "rates").mkdir()
    done = _run("ledsager", "simulate", "--start", "2026-01", "--usage", str(usage), "--project=2026=4.5",
                "--rates", str(tmp_path / "rates"))
    assert done.returncode == 0, done.stderr
