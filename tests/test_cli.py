"""The command line: conventions (--help, --version, exit codes) and the foundation's commands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from socialcalc import __version__
from socialcalc.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"socialcalc {__version__}"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("rates", "folkepension", "schema"):
        assert command in out


def test_a_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["folkepension", "1960-13-01"])
    assert caught.value.code == 2


def test_rates_show_a_year_for_a_municipality(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rates", "show", "2024", "--kommune", "lejre"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Satser 2024, Lejre Kommune")
    assert "sel097.expense_grant_max" in out and "1005 DKK/year" in out
    assert "official (lejre)" in out
    assert "Lejre Kommune, kvalitetsstandard for ledsageordning efter serviceloven § 97" in out
    assert "current_month_then_newest_saved" not in out


def test_rates_show_json_and_projection(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rates", "show", "2025-05-01", "--project", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    bands = next(r for r in rows if r["key"] == "sel100.bands")
    assert bands["status"] == "projected"


def test_rates_show_a_bad_date_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rates", "show", "2024-13"]) == 2
    assert "YEAR-OR-DATE" in capsys.readouterr().err


def test_an_unknown_municipality_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rates", "show", "2024", "--kommune", "../x"]) == 2
    assert "kommune" in capsys.readouterr().err


def test_rates_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rates", "coverage", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sel100.bands"]["2019"] == "-"


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "Result"]) == 0
    assert "Result" in json.loads(capsys.readouterr().out)
    assert main(["schema", "Nope"]) == 2


def test_the_module_runs_as_a_program() -> None:
    done = subprocess.run([sys.executable, "-m", "socialcalc", "folkepension", "1960-05-15"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "15. maj 2027" in done.stdout
