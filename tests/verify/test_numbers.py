"""Numbers check: pure normalisation (Hypothesis) and real SciFact / Check-COVID / Evidence Inference text."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medcite.verify.numbers import check_numbers, extract_quantities, parse_number


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_parse_back_equal(n: int) -> None:
    assert parse_number(f"{n:,}") == parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=99_999))
def test_leading_zero_is_optional(n: int) -> None:
    frac = f"{n:05d}".rstrip("0") or "0"
    assert parse_number(f"0.{frac}") == parse_number(f".{frac}")


@given(st.integers(min_value=1, max_value=99))
def test_word_numbers_equal_digits(n: int) -> None:
    units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen"]  # fmt: skip
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    word = (
        units[n]
        if n < 10
        else teens[n - 10]
        if n < 20
        else tens[n // 10] + (f"-{units[n % 10]}" if n % 10 else "")
    )
    (q,) = extract_quantities(f"for {word} days")
    (d,) = extract_quantities(f"for {n} days")
    assert q.value == d.value and q.dimension == d.dimension == "time"


@pytest.mark.parametrize(
    ("a", "b"),
    [("1 h", "60 min"), ("seven days", "1 week"), ("0.5 g", "500 mg"), ("1,000 mg", "1 g"),
     ("2 years", "24 months"),
     ("250 mcg", "0.25 mg"), (".5 mL", "0.5 ml")],
)  # fmt: skip
def test_unit_normalisation(a: str, b: str) -> None:
    assert check_numbers(f"given {a} daily", [f"given {b} daily"]).check.passed


def test_per_kilogram_is_not_plain_mass() -> None:
    (q,) = extract_quantities("0.5 mg/kg")
    assert q.per == "kg"
    assert not check_numbers("0.5 mg/kg", ["0.5 mg"]).check.passed


def test_numbers_glued_to_names_are_not_quantities() -> None:
    assert extract_quantities("COVID-19 and IL-6 in SARS-CoV-2") == []


def _scifact(shared: Path) -> list[dict[str, str]]:
    with open(shared / "scifact" / "rte_scifact_train.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_scifact_year_not_in_evidence_is_named(shared: Path) -> None:
    row = next(
        r for r in _scifact(shared) if r["sentence2"].startswith("32% of liver transplantation programs")
    )
    res = check_numbers(row["sentence2"], [row["sentence1"]])
    assert not res.check.passed
    assert "'2001' not found" in res.check.detail  # the percentage matches, the year does not
    assert res.matched == 1


def test_scifact_entailed_pairs_mostly_keep_their_numbers(shared: Path) -> None:
    rows = [
        r for r in _scifact(shared) if r["entailment"] == "entailment" and re.search(r"\d", r["sentence2"])
    ]
    ok = sum(check_numbers(r["sentence2"], [r["sentence1"]]).check.passed for r in rows)
    assert rows and ok / len(rows) >= 0.6


def _check_covid(shared: Path) -> tuple[dict[str, str], list[str]]:
    """Check-COVID (MIT): CORD-19 abstracts by id, and the train claim lines."""
    corpus = {}
    for line in (shared / "check_covid" / "corpus.json").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        corpus[r["cord_id"]] = " ".join(r["abstract"])
    lines = (shared / "check_covid" / "covidCheck_train_composed+extracted.json").read_text().splitlines()
    return corpus, lines


def test_check_covid_words_and_units(shared: Path) -> None:
    """'thirty minutes' in the claim is '30 min' in the CORD-19 abstract (Check-COVID, MIT)."""
    corpus, lines = _check_covid(shared)
    claims = [json.loads(x) for x in lines]
    sup = next(c for c in claims if "thirty minutes" in c["claim"] and c["label"] == "SUPPORT")
    assert check_numbers(sup["claim"], [corpus[sup["cord_id"]]]).check.passed


def test_changed_dose_in_real_sentence_is_named(find_sentence) -> None:  # type: ignore[no-untyped-def]
    sentence = find_sentence(r"\b\d+ mg\b")[0]
    m = re.search(r"\b(\d+) mg\b", sentence)
    assert m is not None
    wrong = sentence[: m.start(1)] + str(int(m.group(1)) * 3 + 7) + sentence[m.end(1) :]
    assert check_numbers(sentence, [sentence]).check.passed
    res = check_numbers(wrong, [sentence])
    assert not res.check.passed and f"{int(m.group(1)) * 3 + 7} mg" in res.check.detail
    assert res.changed  # the same sentence with another dose: changed in context, so the rule acts


def test_vague_duration_conflicts_with_the_reported_one(shared: Path) -> None:
    """Check-COVID (MIT) refuted claim: 'in a few seconds' against an abstract reporting 30 min."""
    corpus, lines = _check_covid(shared)
    ref = next(c for c in map(json.loads, lines) if "in a few seconds" in c["claim"])
    res = check_numbers(ref["claim"], [corpus[ref["cord_id"]]])
    assert not res.check.passed and "'a few seconds'" in res.check.detail and "30 min" in res.check.detail
    assert check_numbers("within several days", ["after 5 days"]).check.passed  # 5 is "several"


def test_a_number_changed_in_its_own_context_is_a_change() -> None:
    """Synthetic sentences (not evidence): the claim restates the sentence with another number."""
    evidence = "State anxiety was 34.0 in the intervention group and 41.2 in the control group."
    res = check_numbers("State anxiety was 44.0 in the intervention group.", [evidence])
    assert not res.check.passed
    assert res.changed
    assert "44.0" in res.check.detail


def test_a_number_the_evidence_does_not_state_is_not_a_change() -> None:
    """Synthetic: the claim names the arm's dose; the evidence reports the result without it."""
    evidence = "Pain scores fell from 6.1 to 3.2 after treatment, with no serious adverse events."
    res = check_numbers("Botulinum toxin (maximum 100 units) reduced neck pain.", [evidence])
    assert not res.check.passed  # the check still says the number is not found ...
    assert not res.changed  # ... but it was not changed from a number in the same place
    assert "same context" in res.check.detail


def test_a_matching_number_is_never_a_change() -> None:
    res = check_numbers(
        "Anxiety was 34.0 in the intervention group.", ["Anxiety was 34.0 in the intervention group."]
    )
    assert res.check.passed
    assert not res.changed
