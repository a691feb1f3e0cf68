"""The same § 100 and § 97 work in OpenFisca-Core, for benchmarks/run.py (run in its own venv, never imported).

    benchmarks/.venv-openfisca/bin/python benchmarks/openfisca_model.py DATA.npz OUT.npz [REPEATS]

``run.py`` installs ``openfisca-core`` into ``benchmarks/.venv-openfisca`` and runs this script there, so
OpenFisca never becomes a dependency of socialcalc. It reads the generated caseload from ``DATA.npz``, builds a
minimal tax-benefit system (one entity, Person), computes

- **§ 100**, merudgiftsydelse, 2024 bands, one month: a vectorised formula (``select`` over the bands), the way
  an OpenFisca country package writes a scale;
- **§ 97**, the hour bank over 12 months with ``oldest_first``: one variable per age of a grant month
  (``escort_left_0`` … ``escort_left_5``: minutes left of the grant of *k* months ago), each referring to
  **last month's** values,

times them, and writes the outputs to ``OUT.npz`` (and the times as JSON on stdout) for run.py to compare with
socialcalc's.

**The spiral pitfall.** A formula that reads its own variable for ``period.last_month`` makes OpenFisca recurse
into earlier months. OpenFisca's cycle detection treats a variable met again in the stack for another period as
a "spiral" (``max_spiral_loops = 1``): it catches the ``SpiralError`` and **silently returns the default
value (zeros)**. Asking directly for December would therefore give a wrong bank without any error. We compute
the months **in order** (January first), so each month's previous month is already cached and no recursion
happens; before the bank's first month the formulas return zeros explicitly.

Money is ``float`` in OpenFisca (``float32`` arrays): amounts are compared with socialcalc's øre after
rounding, and mismatches are counted and reported. The bank counts whole minutes in ``int`` variables
(``int32``), so it is exact.
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.periods import MONTH
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

SAVING = 6
PER_MONTH = 15 * 60
CAP = 90 * 60
FIRST = "2024-01"

Person = build_entity(key="person", plural="persons", label="A person", is_person=True)


class expenses(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Probable extra expenses per month (kroner)"


class documented(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The expenses are documented"


class merudgiftsydelse(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "SEL § 100 merudgiftsydelse, 2024 bands"

    def formula_2024_01(person, period, parameters):
        x = person("expenses", period)
        doc = person("documented", period)
        # 2024: from 608 → 1138; from 1707 → 2277; over 2846 → documented expenses (else 2277)
        return np.select([x > 2846, x >= 1707, x >= 608], [np.where(doc, x, 2277), 2277, 1138], 0)


class escort_used(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Escort used in the month (minutes)"


def _available(person, period):
    """Minutes by age after this month's lapse and grant: [this month's grant, last month's, …].

    In the first month nothing is saved, and last month is **not** asked for: asking would make the variable
    meet itself for another period in the stack (a spiral), and OpenFisca would purge the month's results.
    The grant of 6 months ago (age 5 last month) is not carried over: it lapses.
    """
    if str(period) == FIRST:
        aged = [np.zeros(person.count, dtype=np.int32) for _ in range(1, SAVING)]
    else:
        last = period.last_month
        aged = [person(f"escort_left_{k - 1}", last) for k in range(1, SAVING)]  # age k-1 last month → age k
    grant = np.minimum(np.full(person.count, PER_MONTH, dtype=np.int32), np.maximum(CAP - sum(aged), 0))
    return [grant, *aged]


def _left_formula(age):
    def formula(person, period, parameters):
        lots = _available(person, period)
        need = person("escort_used", period)
        older = sum(lots[j] for j in range(age + 1, SAVING))  # oldest first: the older lots are used before
        take = np.clip(need - older, 0, lots[age])
        return lots[age] - take

    return formula


def _left_variable(age):
    return type(f"escort_left_{age}", (Variable,), {
        "value_type": int, "entity": Person, "definition_period": MONTH,
        "label": f"Escort minutes left of the grant of {age} months ago", "formula": _left_formula(age),
    })


class escort_balance(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Escort minutes left at the end of the month"

    def formula(person, period, parameters):
        return sum(person(f"escort_left_{k}", period) for k in range(SAVING))


def system():
    tbs = TaxBenefitSystem([Person])
    tbs.add_variables(expenses, documented, merudgiftsydelse, escort_used, escort_balance,
                      *(_left_variable(k) for k in range(SAVING)))
    return tbs


def simulation(tbs, n):
    return SimulationBuilder().build_default_simulation(tbs, n)


def _median_run(prepare, compute, repeats):
    """Run ``compute`` on a fresh simulation from ``prepare``: a warm-up, then the median of ``repeats`` runs.

    A fresh simulation each time, because OpenFisca caches what it has computed. Only ``compute`` is timed.
    """
    runs, result = [], None
    for i in range(repeats + 1):
        sim = prepare()
        start = time.perf_counter()
        result = compute(sim)
        if i:
            runs.append(time.perf_counter() - start)
    return float(np.median(runs)), result


def main(data_path, out_path, repeats=5):
    data = np.load(data_path)
    tbs = system()
    times = {}

    expenses_kr = data["expenses_ore"] / 100
    n = len(expenses_kr)

    def prepare_sel100():
        sim = simulation(tbs, n)
        sim.set_input("expenses", "2024-06", expenses_kr)
        sim.set_input("documented", "2024-06", data["documented"])
        return sim

    times["sel100"], amount = _median_run(prepare_sel100, lambda sim: sim.calculate("merudgiftsydelse", "2024-06"),
                                          repeats)

    used = data["used_minutes"]
    months = [f"2024-{m:02d}" for m in range(1, used.shape[1] + 1)]

    def prepare_bank(size=n):
        sim = simulation(tbs, size)
        for t, month in enumerate(months):
            sim.set_input("escort_used", month, used[:size, t])
        return sim

    def in_order(sim):  # January first: each month's last month is already computed (no spiral)
        return np.stack([sim.calculate("escort_balance", month) for month in months], axis=1)

    times["sel097"], closing = _median_run(prepare_bank, in_order, repeats)

    # the pitfall, shown: December asked first, on a fresh simulation of the first 1 000 persons
    december_first = prepare_bank(min(n, 1000)).calculate("escort_balance", months[-1])

    np.savez(out_path, sel100=np.asarray(amount), bank_closing=closing, december_first=december_first)
    json.dump(times, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
