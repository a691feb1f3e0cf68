"""The same § 100 and § 97 work in OpenFisca-Core, for benchmarks/run.py (run in its own venv, never imported).

    benchmarks/.venv-openfisca/bin/python benchmarks/openfisca_model.py DATA.npz OUT.npz

``run.py`` installs ``openfisca-core`` into ``benchmarks/.venv-openfisca`` and starts this script there as a
worker, so OpenFisca never becomes a dependency of socialcalc. It reads the generated caseload from
``DATA.npz``, builds a minimal tax-benefit system (one entity, Person), then answers run.py's requests on
stdin, one JSON line each (``{"task": "batch_sel100"}`` or ``{"task": "one_komp", "calls": 200}``) with the
seconds it took on stdout, so that run.py can interleave OpenFisca's runs with socialcalc's. ``{"task":
"outputs"}`` writes every batch output to ``OUT.npz``. The models:

- **§ 100**, merudgiftsydelse, 2024 bands, one month: a vectorised formula (``select`` over the bands), the way
  an OpenFisca country package writes a scale;
- **§ 97**, the hour bank over 12 months with ``oldest_first``: one variable per age of a grant month
  (``escort_left_0`` … ``escort_left_5``: minutes left of the grant of *k* months ago), each referring to
  **last month's** values;
- **§ 100 kompensationsydelse**, October 2025: the minimum (555 kr.), group I (1 105 kr.), group II (documented
  expenses on the positive list over 2 000 kr., plus 500 kr.) and the recommended group (the higher; I on a tie);
- **§ 103 transport**, March 2025, priced per km: the citizen pays the own 10 km each way, at most 30 % of the
  net earnings (rounded down to the øre), the municipality the rest;
- **§§ 109/110 stays** of 2024: døgn counted as nights, at least one, times the year's day rate (97,30 kr. for
  § 109, 100,77 kr. for § 110).

The figures are the packaged rate book's for those months (OpenFisca would hold them as parameters; they are
constants here, as for § 100's bands). "One case" is a simulation of one person, built and computed.

**The spiral pitfall.** A formula that reads its own variable for ``period.last_month`` makes OpenFisca recurse
into earlier months. OpenFisca's cycle detection treats a variable met again in the stack for another period as
a "spiral" (``max_spiral_loops = 1``): it catches the ``SpiralError`` and **silently returns the default
value (zeros)**. Asking directly for December would therefore give a wrong bank without any error. We compute
the months **in order** (January first), so each month's previous month is already cached and no recursion
happens; before the bank's first month the formulas return zeros explicitly.

Money is ``float`` in OpenFisca (``float32`` arrays): amounts are compared with socialcalc's øre after
rounding, and mismatches are counted and reported. The transport and stay formulas round to the øre in
``float64`` inside the formula (as a careful country package would), before OpenFisca stores ``float32``.
The bank counts whole minutes in ``int`` variables
(``int32``), so it is exact.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date

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


class komp_expenses(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Probable extra expenses per month (kroner), kompensationsydelse"


class komp_listed(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Documented expenses on the positive list per month (kroner)"


class kompensationsydelse(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "SEL § 100 kompensationsydelse, October 2025, the recommended group"

    def formula_2025_09(person, period, parameters):
        x = person("komp_expenses", period)
        listed = person("komp_listed", period)
        group1 = 1105.0
        group2 = np.where(listed > 2000, listed + 500, -np.inf)  # only over 2 000 kr.
        return np.where(x < 555, 0.0, np.where(group2 > group1, group2, group1))  # a tie gives group I


class work_days(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Working days in the month"


class distance_km(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "One-way distance (km)"


class price_per_km(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Price per km (kroner)"


class net_earnings(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Net earnings from the sheltered employment (kroner)"


def _ore(values):
    return np.rint(values.astype(np.float64) * 100)


class transport_citizen(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "SEL § 103 transport paid by the citizen (kroner)"

    def formula(person, period, parameters):
        trips = 2 * person("work_days", period).astype(np.float64)
        km = person("distance_km", period).astype(np.float64)
        price = _ore(person("price_per_km", period))
        before = np.rint(trips * np.minimum(km, 10) * price)  # øre
        cap = np.floor(_ore(person("net_earnings", period)) * 3 / 10)  # 30 %, rounded down to the øre
        return np.minimum(before, cap) / 100


class transport_municipality(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "SEL § 103 transport paid by the municipality (kroner)"

    def formula(person, period, parameters):
        trips = 2 * person("work_days", period).astype(np.float64)
        total = np.rint(trips * person("distance_km", period).astype(np.float64) * _ore(person("price_per_km", period)))
        return (total - _ore(person("transport_citizen", period))) / 100


class stay_paragraph(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "109 or 110"


class stay_arrival(Variable):
    value_type = date
    entity = Person
    definition_period = MONTH
    label = "Day of arrival"


class stay_departure(Variable):
    value_type = date
    entity = Person
    definition_period = MONTH
    label = "Day of departure"


class stay_payment(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "SEL §§ 109/110 egenbetaling for a stay of 2024 (kroner)"

    def formula(person, period, parameters):
        nights = (person("stay_departure", period) - person("stay_arrival", period)).astype(np.int64)
        days = np.maximum(nights, 1)  # døgn: nights, at least one
        rate_ore = np.where(person("stay_paragraph", period) == 109, 9730, 10077)
        return (days * rate_ore) / 100


def system():
    tbs = TaxBenefitSystem([Person])
    tbs.add_variables(expenses, documented, merudgiftsydelse, escort_used, escort_balance,
                      *(_left_variable(k) for k in range(SAVING)), komp_expenses, komp_listed, kompensationsydelse,
                      work_days, distance_km, price_per_km, net_earnings, transport_citizen, transport_municipality,
                      stay_paragraph, stay_arrival, stay_departure, stay_payment)
    return tbs


def simulation(tbs, n):
    return SimulationBuilder().build_default_simulation(tbs, n)


class Worker:
    """The caseload, the system, and one method per task (each builds its own simulations)."""

    def __init__(self, data_path):
        with np.load(data_path) as data:
            self.data = {k: data[k] for k in data.files}
        self.tbs = system()
        self.n = len(self.data["expenses_ore"])
        self.outputs = {}
        self.months = [f"2024-{m:02d}" for m in range(1, self.data["used_minutes"].shape[1] + 1)]

    # -- batches: only ``calculate`` is timed (inputs set on a fresh simulation before) ----------------------

    def _timed(self, prepare, compute, name):
        sim = prepare()
        start = time.perf_counter()
        result = compute(sim)
        seconds = time.perf_counter() - start
        self.outputs[name] = np.asarray(result)
        return seconds

    def batch_sel100(self):
        d = self.data

        def prepare():
            sim = simulation(self.tbs, self.n)
            sim.set_input("expenses", "2024-06", d["expenses_ore"] / 100)
            sim.set_input("documented", "2024-06", d["documented"])
            return sim

        return self._timed(prepare, lambda sim: sim.calculate("merudgiftsydelse", "2024-06"), "sel100")

    def _bank_sim(self, size):
        sim = simulation(self.tbs, size)
        for t, month in enumerate(self.months):
            sim.set_input("escort_used", month, self.data["used_minutes"][:size, t])
        return sim

    def batch_bank(self):
        def in_order(sim):  # January first: each month's last month is already computed (no spiral)
            return np.stack([sim.calculate("escort_balance", month) for month in self.months], axis=1)

        return self._timed(lambda: self._bank_sim(self.n), in_order, "bank_closing")

    def batch_komp(self):
        d = self.data

        def prepare():
            sim = simulation(self.tbs, self.n)
            sim.set_input("komp_expenses", "2025-10", d["komp_expenses_ore"] / 100)
            sim.set_input("komp_listed", "2025-10", d["komp_listed_ore"] / 100)
            return sim

        return self._timed(prepare, lambda sim: sim.calculate("kompensationsydelse", "2025-10"), "komp")

    def _transport_sim(self, rows):
        d = self.data
        sim = simulation(self.tbs, len(d["days"][rows]))
        sim.set_input("work_days", "2025-03", d["days"][rows])
        sim.set_input("distance_km", "2025-03", d["distance_km"][rows])
        sim.set_input("price_per_km", "2025-03", d["per_km_ore"][rows] / 100)
        sim.set_input("net_earnings", "2025-03", d["net_ore"][rows] / 100)
        return sim

    def batch_sel103(self):
        def compute(sim):
            return np.stack([sim.calculate("transport_citizen", "2025-03"),
                             sim.calculate("transport_municipality", "2025-03")], axis=1)

        return self._timed(lambda: self._transport_sim(slice(None)), compute, "sel103")

    def _stay_sim(self, rows):
        d = self.data
        sim = simulation(self.tbs, len(d["paragraph"][rows]))
        sim.set_input("stay_paragraph", "2024-01", d["paragraph"][rows])
        sim.set_input("stay_arrival", "2024-01", d["arrival"][rows])
        sim.set_input("stay_departure", "2024-01", d["departure"][rows])
        return sim

    def batch_stays(self):
        return self._timed(lambda: self._stay_sim(slice(None)), lambda sim: sim.calculate("stay_payment", "2024-01"),
                           "stays")

    # -- one case: a simulation of one person, built, given its inputs and computed ---------------------------

    def one_sel100(self):
        sim = simulation(self.tbs, 1)
        sim.set_input("expenses", "2024-06", np.array([1800.0]))
        sim.set_input("documented", "2024-06", np.array([False]))
        return sim.calculate("merudgiftsydelse", "2024-06")

    def one_komp(self):
        sim = simulation(self.tbs, 1)
        sim.set_input("komp_expenses", "2025-10", np.array([2500.0]))
        sim.set_input("komp_listed", "2025-10", np.array([2500.0]))
        return sim.calculate("kompensationsydelse", "2025-10")

    def one_sel103(self):
        sim = simulation(self.tbs, 1)
        sim.set_input("work_days", "2025-03", np.array([20]))
        sim.set_input("distance_km", "2025-03", np.array([25.0]))
        sim.set_input("price_per_km", "2025-03", np.array([1.5]))
        sim.set_input("net_earnings", "2025-03", np.array([1500.0]))
        return sim.calculate("transport_citizen", "2025-03"), sim.calculate("transport_municipality", "2025-03")

    def one_stay(self):
        sim = simulation(self.tbs, 1)
        sim.set_input("stay_paragraph", "2024-01", np.array([109]))
        sim.set_input("stay_arrival", "2024-01", np.array(["2024-03-03"], dtype="datetime64[D]"))
        sim.set_input("stay_departure", "2024-01", np.array(["2024-03-13"], dtype="datetime64[D]"))
        return sim.calculate("stay_payment", "2024-01")

    def one_bank(self):
        sim = simulation(self.tbs, 1)
        for month in self.months:
            sim.set_input("escort_used", month, np.array([800]))
        return [sim.calculate("escort_balance", month) for month in self.months]

    def december_first(self):
        """The pitfall, shown: December asked first, on a fresh simulation of the first 1 000 persons."""
        self.outputs["december_first"] = self._bank_sim(min(self.n, 1000)).calculate("escort_balance",
                                                                                       self.months[-1])


def serve(data_path, out_path):
    worker = Worker(data_path)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        task = request["task"]
        if task == "outputs":
            worker.december_first()
            np.savez(out_path, **worker.outputs)
            answer = {"written": out_path}
        elif task.startswith("one_"):
            work, calls = getattr(worker, task), int(request.get("calls", 100))
            start = time.perf_counter()
            for _ in range(calls):
                work()
            answer = {"seconds": (time.perf_counter() - start) / calls}
        else:
            answer = {"seconds": getattr(worker, task)()}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
