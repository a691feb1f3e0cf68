"""Mutation testing of one rule module with mutmut 3, on a scratch copy of the project.

    pip install -e '.[dev,mutation]'
    python tools/mutation.py src/socialcalc/merudgift/regel.py tests/sel100/test_mutation_regel.py
    python tools/mutation.py src/socialcalc/beskyttet_beskaeftigelse/befordring.py \\
        tests/test_beskyttet_beskaeftigelse.py tests/test_mutation_survivors.py

The first argument is the module to mutate, the rest the test files (or ``file::test`` ids) that exercise
it: one module and its tests per run, one worker (``--max-children 1``; the machine is shared). The project
(``src``, ``tests``, ``rates``, ``pyproject.toml``) is copied to ``.mutation/<package>.<module>/`` (ignored by git),
the ``[tool.mutmut]`` table of the copy is narrowed to that module and those tests, and ``mutmut run`` runs
there, so the worktree is never touched and two runs never share state. It prints the killed, surviving and
equivalent mutants and the score: killed ÷ (all − equivalent). Equivalent mutants are listed, with the
reason, in ``tools/mutation-equivalent.txt``. ``--keep`` leaves the copy (``cd`` there and ``mutmut show
NAME`` a survivor).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tools" / "mutation-equivalent.txt"


def equivalent_mutants() -> set[str]:
    """The mutant names in ``tools/mutation-equivalent.txt`` (``name  # reason`` a line)."""
    if not EQUIVALENT.exists():
        return set()
    names = (line.split("#", 1)[0].strip() for line in EQUIVALENT.read_text("utf-8").splitlines())
    return {n for n in names if n}


def prepare(module: str, tests: list[str]) -> Path:
    """A fresh copy of the project whose ``[tool.mutmut]`` mutates ``module`` only and runs ``tests`` only."""
    # named after the module's package and name (``merudgift.batch``), so that modules of one name in different
    # packages (three ``batch.py``) never share, or remove, each other's copy
    work = ROOT / ".mutation" / ".".join(Path(module).with_suffix("").parts[-2:])
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for name in ("src", "tests", "rates"):
        shutil.copytree(ROOT / name, work / name, ignore=ignore)
    shutil.copy2(ROOT / "conftest.py", work / "conftest.py")  # it forgets what the library keeps between tests
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    base = tomllib.loads(text).get("tool", {}).get("mutmut", {})
    table = {**base, "only_mutate": [module], "pytest_add_cli_args_test_selection": tests}
    body = "\n".join(f"{key} = {json.dumps(value)}" for key, value in table.items())
    text = re.sub(r"\n\[tool\.mutmut\]\n(?:[^\[].*\n|\n)*", "\n", text + "\n")
    (work / "pyproject.toml").write_text(f"{text.rstrip()}\n\n[tool.mutmut]\n{body}\n", "utf-8")
    # mutmut 3 does not mutate decorated functions; the copy drops ``@exact`` (socialcalc.coerce: the library's
    # own decimal context) so that the rule functions themselves are mutated
    target = work / module
    target.write_text(re.sub(r"(?m)^[ \t]*@exact[ \t]*\n", "", target.read_text("utf-8")), "utf-8")
    return work


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("module", help="the module to mutate, e.g. src/socialcalc/merudgift/regel.py")
    parser.add_argument("tests", nargs="+", help="the test files (or ids) that exercise it")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy in .mutation/")
    args = parser.parse_args()
    if not (ROOT / args.module).is_file():
        parser.error(f"no module {args.module}")
    work = prepare(args.module, args.tests)
    mutmut = Path(sys.executable).with_name("mutmut")
    run = subprocess.run([str(mutmut), "run", "--max-children", "1"], cwd=work, capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
        return run.returncode
    listing = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=work, capture_output=True,
                             text=True, check=True).stdout
    status = dict(re.findall(r"^\s*(\S+): (.+?)\s*$", listing, flags=re.MULTILINE))
    killed = [n for n, s in status.items() if s == "killed"]
    # a listed name that the tests kill is not equivalent: its entry is stale (names are numbered per function,
    # so a changed module renumbers them); it is counted as killed and reported, never subtracted
    stale = sorted(equivalent_mutants() & set(killed))
    equivalent = equivalent_mutants() & set(status) - set(killed)
    survived = sorted(n for n, s in status.items() if s != "killed" and n not in equivalent)
    counted = len(status) - len(equivalent)
    score = 100 * len(killed) / counted if counted else 100.0
    for name in survived:
        print(f"  {status[name]}: {name}")
    for name in stale:
        print(f"  killed, but listed as equivalent (stale entry in {EQUIVALENT.name}): {name}")
    print(f"{args.module}: {len(status)} mutants, {len(killed)} killed, {len(survived)} not killed, "
          f"{len(equivalent)} equivalent; score {score:.1f} %")
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
