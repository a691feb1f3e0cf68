"""The core of [letter]: facts, catalogs rendered on demand, formats, the JSON contract, the registry."""

from __future__ import annotations

import importlib
import string
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialcalc.batch.ops import NP
from socialcalc.errors import InvalidInput
from socialcalc.explain import SCHEMA_VERSION, Explainer, Explanation, Fact, RateUsed, fact
from socialcalc.explain.render import CatalogError, catalog, catalog_files, catalog_page, format_value, rate_line
from socialcalc.kernel import PY
from socialcalc.ratebook import load_rates
from socialcalc.registry import plugs
from socialcalc.result import Result
from socialcalc.testing.letter import problems

ROOT = Path(__file__).resolve().parents[2]
_FORMATTER = string.Formatter()


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def _example(amount: str = "1041") -> Result:
    ex = Explainer("core.title.example")
    ex.fact("core.example", outputs={"amount": Decimal(amount)})
    return Result(amount=Decimal(amount), explanation=ex.build())


def test_danish_and_english_catalogs_have_the_same_ids_and_placeholders() -> None:
    da, en = catalog("da"), catalog("en")
    assert set(da) == set(en)
    for ident, entry in da.items():
        for audience, text in entry.items():
            other = en[ident].get(audience, en[ident].get("tekst", ""))
            assert _names(text) == _names(other), ident


def test_every_id_belongs_to_its_owner() -> None:
    owners = {p.name: p.prefixes for p in plugs()} | {"core": ("core",)}
    import tomllib

    from socialcalc.explain.render import _flatten

    for owner, path in catalog_files("da"):
        found: dict[str, dict[str, str]] = {}
        _flatten(tomllib.loads(path.read_text(encoding="utf-8")), "", found, path)
        assert all(ident.split(".", 1)[0] in owners[owner] for ident in found), path


def test_the_docs_page_is_generated_from_the_catalogs() -> None:
    page = (ROOT / "docs" / "tekster.md").read_text(encoding="utf-8")
    assert page == catalog_page() + "\n", (
        "regenerate: python -c \"from socialcalc.explain.render import catalog_page; "
        "open('docs/tekster.md','w').write(catalog_page()+'\\n')\"")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("audience", ["borger", "sagsbehandler"])
def test_every_audience_and_format_renders_danish(audience: str, fmt: str) -> None:
    text = _example().explain(audience=audience, format=fmt)  # type: ignore[arg-type]
    assert "1.041,00 kr." in text and problems(text) == []


def test_html_is_escaped_and_unstyled() -> None:
    ex = Explainer("core.title.example")
    ex.fact("core.rate", inputs={"title": "<b>x</b>", "value": "1", "valid_from": date(2025, 1, 1),
                                 "grade": "officiel", "source": "a & b"})
    out = ex.build().render("sagsbehandler", "da", "html")
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out and "style" not in out and "<ol>" in out


def test_english_on_request() -> None:
    assert _example().explain(locale="en").splitlines() == ["Example", "The example gives DKK 1,041.00",
                                                           "Amount: DKK 1,041.00"]


def test_bad_rendering_arguments_are_clear_errors() -> None:
    with pytest.raises(InvalidInput) as err:
        _example().explain(audience="citizen")  # type: ignore[arg-type]
    assert err.value.code == "input.explain" and err.value.field == "audience"


def test_a_fact_without_an_entry_is_a_catalog_error() -> None:
    ex = Explainer("core.title.example")
    ex.fact("core.no_such_step")
    with pytest.raises(CatalogError):
        ex.build().render()


def test_a_placeholder_the_fact_lacks_is_a_catalog_error() -> None:
    ex = Explainer("core.title.example")
    ex.fact("core.example")
    with pytest.raises(CatalogError, match="amount"):
        ex.build().render()


def test_json_round_trip_keeps_the_text_and_the_version() -> None:
    r = _example()
    back = Result.model_validate_json(r.model_dump_json())
    assert back == r and back.explanation.schema_version == SCHEMA_VERSION
    for audience in ("borger", "sagsbehandler"):
        assert back.explain(audience=audience) == r.explain(audience=audience)  # type: ignore[arg-type]


def test_another_schema_version_is_refused() -> None:
    data = _example().explanation.model_dump(mode="json") | {"schema_version": 1}
    with pytest.raises(ValueError, match="schema_version"):
        Explanation.model_validate(data)


def test_citation_is_the_basis_and_not_a_rate_used() -> None:
    f = fact("core.example", basis="serviceloven § 100, stk. 3", outputs={"amount": 5})
    expl = Explanation(title="core.title.example", steps=(f,))
    assert expl.render() == "Eksempel\nEksemplet giver 5,00 kr. (serviceloven § 100, stk. 3)."
    assert expl.rates() == []


def test_rate_lines_are_danish_with_title_grade_and_source() -> None:
    book = load_rates()
    rate = book.at(date(2024, 3, 1)).get("sel100.bands")
    line = rate_line(RateUsed.of(rate))
    assert line.startswith("Merudgiftsydelse") or ":" in line
    assert "fra 1.707 kr. ydes 2.277 kr." in line and "gældende fra 1. januar 2024" in line
    assert "→" not in line and "sel100" not in line


@pytest.mark.parametrize(("raw", "spec", "da", "en"), [
    ("1", "antal:døgn:døgn", "1 døgn", "1 døgn"),
    ("2", "antal:time:timer", "2 timer", "2 timer"),
    ("1", "antal:time:timer", "1 time", "1 time"),
    ("1234.5", "tal", "1.234,5", "1,234.5"),
    ("1234.567", "kr", "1.234,57 kr.", "DKK 1,234.57"),
    ("1234.5", "krone", "1.235 kr.", "DKK 1,235"),
    ("2025-10-01", "dato", "1. oktober 2025", "1 October 2025"),
    ("2025-10", "maaned", "oktober 2025", "October 2025"),
    ("0.05", "andel", "5 %", "5 %"),
    ("4.5", "procent", "4,5 %", "4.5 %"),
])
def test_formats(raw: str, spec: str, da: str, en: str) -> None:
    assert format_value(raw, spec, "da") == da
    assert format_value(raw, spec, "en") == en


@given(st.integers(-10**12, 10**12), st.integers(1, 10**6))
def test_both_backends_round_alike(a: int, b: int) -> None:
    assert int(NP.div_half_up(np.array([a]), b)[0]) == PY.div_half_up(a, b)
    exact = Decimal(a) / Decimal(b)
    assert abs(Decimal(PY.div_half_up(a, b)) - exact) <= Decimal("0.5")


@pytest.mark.parametrize("text", ["from 1. marts", "1138.00 kr.", "2025-03-01", "nights_min_one", "a → b",
                                  "sel100.bands", "Decimal('1')", "'oldest_first'", "1,138.00"])
def test_the_letter_checker_finds_code_and_english(text: str) -> None:
    assert problems(text) != []


@pytest.mark.parametrize("text", ["Du får 2.277,00 kr. om måneden fra 1. marts 2025.",
                                  "Borgeren har 2 timer og 1 døgn; det er 30 % (serviceloven § 97, stk. 1).",
                                  "for at få hjælp til transport og et budget"])
def test_the_letter_checker_accepts_danish(text: str) -> None:
    assert problems(text) == []


def test_every_plug_names_modules_that_exist() -> None:
    names = [p.name for p in plugs()]
    assert len(set(names)) == len(names)
    for p in plugs():
        for module in filter(None, (p.models, p.batch, p.frame, p.strategies, *(c.module for c in p.cli))):
            importlib.import_module(module)
        if p.docs:
            assert (ROOT / "docs" / p.docs).is_file(), p.docs


def test_fact_keeps_values_exact() -> None:
    f = fact("x.y", inputs={"a": Decimal("1.50"), "d": date(2025, 1, 2), "b": False})
    assert f.inputs == {"a": "1.50", "d": "2025-01-02", "b": "false"} and isinstance(f, Fact)
