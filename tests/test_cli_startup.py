"""Each CLI command imports only what it runs (issue 15, item 4): checked in ``sys.modules``, never by time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import socialcalc
from socialcalc.cli import COMMANDS, REGISTRY, build_parser

_OTHER_RULES = ("socialcalc.ledsageordning", "socialcalc.egenbetaling", "socialcalc.beskyttet_beskaeftigelse",
                "socialcalc.hastig_sygdom", "socialcalc.schema", "socialcalc.batch", "socialcalc.cases",
                "socialcalc.server")
_OTHER_COMMANDS = tuple(module for command, module in REGISTRY if command != "merudgift")
_HEAVY = ("numpy", "pandas", "pyarrow", "polars", "yaml", "tqdm", "dask", "fastapi", "uvicorn", "jinja2",
          "hypothesis")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_the_merudgift_command_imports_only_its_rule() -> None:
    loaded = _modules_after("from socialcalc.cli import main\n"
                            "assert main(['merudgift', '1800', '--decided-on', '2024-03-01', '--json']) == 0")
    assert "socialcalc.merudgift" in loaded and "socialcalc.merudgift.cli" in loaded
    unwanted = [m for m in loaded if m.startswith(_OTHER_RULES + _OTHER_COMMANDS) or m.split(".")[0] in _HEAVY
                or m in _HEAVY]
    assert unwanted == []


def test_a_usage_error_of_the_merudgift_command_imports_no_rule() -> None:
    loaded = _modules_after("from socialcalc.cli import main\n"
                            "try:\n    main(['merudgift', '1800'])\nexcept SystemExit as e:\n    assert e.code == 2")
    light = ("socialcalc.merudgift", "socialcalc.merudgift.cli")  # the package's lazy __init__ and its command
    assert not [m for m in loaded if m.startswith(("socialcalc.merudgift", "pydantic", *_OTHER_RULES))
                and m not in light]


def test_import_socialcalc_imports_nothing_else_of_the_package_and_keeps_its_names() -> None:
    loaded = _modules_after("import socialcalc")
    assert sorted(m for m in loaded if m.startswith("socialcalc")) == ["socialcalc"]
    assert "pydantic" not in loaded
    for name in socialcalc.__all__:
        assert getattr(socialcalc, name) is not None
    assert socialcalc.ratebook.load_rates is socialcalc.load_rates
    with pytest.raises(AttributeError):
        socialcalc.no_such_name  # noqa: B018


def test_the_registry_names_every_command_once() -> None:
    names = [command.name for command in REGISTRY]
    assert len(set(names)) == len(names) and tuple(command.module for command in REGISTRY) == COMMANDS
    full = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert list(full) == names
    for name in names:  # each command alone: the parser of its module registers exactly that command
        assert list(build_parser(name)._subparsers._group_actions[0].choices) == [name]  # type: ignore[union-attr]


def test_unknown_command_and_help_still_list_every_command() -> None:
    run = [sys.executable, "-m", "socialcalc"]
    bad = subprocess.run([*run, "merudgiften"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert all(repr(command.name) in bad.stderr for command in REGISTRY)
    helped = subprocess.run([*run, "--help"], capture_output=True, text=True, check=True)
    assert all(command.name in helped.stdout for command in REGISTRY)
    bad_json = subprocess.run([*run, "nope", "--json"], capture_output=True, text=True)
    assert bad_json.returncode == 2 and json.loads(bad_json.stdout)["error"]["code"] == "input.usage"


def test_help_of_every_command_imports_no_rule_and_no_pydantic() -> None:
    loaded = _modules_after("from socialcalc.cli import main\n"
                            "try:\n    main(['--help'])\nexcept SystemExit as e:\n    assert e.code == 0")
    # a command module in its rule's folder loads that (light) package and itself, nothing of the rule
    commands = {module for _, module in REGISTRY} | {module.rsplit(".", 1)[0] for _, module in REGISTRY}
    assert not [m for m in loaded - commands if m.startswith(("socialcalc.merudgift", "socialcalc.explain",
                                                              "pydantic", *_OTHER_RULES))]


def test_a_text_answer_from_the_warm_cache_reads_no_toml_and_writes_no_json_or_html() -> None:
    """``tomllib`` (catalogs read from their files), ``json`` (``--json``) and ``html`` (``--format html``) are
    imported only when used: a plain § 100 answer from the warm cache needs none of them."""
    code = ("import sys\nfrom socialcalc.cli import main\n"
            "assert main(['merudgift', '1800', '--decided-on', '2024-03-01']) == 0\n"
            "print('\\n'.join(sorted(sys.modules)))")
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)  # warms the cache
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.splitlines())
    assert "socialcalc.merudgift.beregning" in loaded
    assert {"tomllib", "json", "html"} & loaded == set()
