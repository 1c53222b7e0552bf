"""Sanity suite of the shipped verifier (issue 10): real sentences of held-out PubMedQA abstracts, rewritten
one way each (nonsense claim, negation, number change, population swap, MeSH-sibling indication swap),
plus the unchanged sentence against its own window as a control. Each kind has a threshold the shipped
model must pass (``training/sanity_cases.py``: the 95% target of issue 10 for every kind, 90% for the
unchanged control)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from medcite.domain import Evidence, Label
from medcite.verify import ClaimVerifier

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
from sanity_cases import KINDS, THRESHOLDS, Case, build_cases

_SUPPORT = (Label.SUPPORTED, Label.PARTIAL)


@pytest.fixture(scope="module")
def results(shared: Path, verifier: ClaimVerifier) -> dict[str, tuple[int, int, list[str]]]:
    cases = build_cases(shared)
    verdicts = verifier.verify_batch([(c.claim, [Evidence(text=c.evidence)]) for c in cases])
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: dict[str, list[str]] = {k: [] for k in KINDS}
    for c, v in zip(cases, verdicts, strict=True):
        total[c.kind] += 1
        if _correct(c, v.label):
            right[c.kind] += 1
        else:
            wrong[c.kind].append(f"{v.label.value}: {c.claim[:100]}")
    return {k: (right[k], total[k], wrong[k]) for k in KINDS}


def _correct(case: Case, label: Label) -> bool:
    return (label in _SUPPORT) == case.should_support


@pytest.mark.parametrize("kind", KINDS)
def test_sanity_kind_passes_its_threshold(results: dict[str, tuple[int, int, list[str]]], kind: str) -> None:
    right, total, wrong = results[kind]
    assert total >= 100, f"only {total} {kind} cases were built from the shared data"
    share = right / total
    assert share >= THRESHOLDS[kind], (
        f"{kind}: {right}/{total} = {share:.3f} < {THRESHOLDS[kind]}; e.g. {wrong[:3]}"
    )


def test_one_letter_claims_are_never_supported(verifier: ClaimVerifier) -> None:
    v = verifier.verify("a", [Evidence(text="b")])
    assert v.label is Label.UNSUPPORTED
    assert any(c.name == "input" and not c.passed for c in v.checks)


def _abstract_26304701(shared: Path) -> str:
    """PubMedQA (MIT) abstract of PMID 26304701: preoperative education before cardiac surgery."""
    import json

    for line in (shared / "pubmedqa" / "abstracts.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["pmid"] == "26304701":
            return " ".join(s["text"] for s in r["sections"]) + " " + r["conclusion"]
    raise AssertionError("PMID 26304701 is missing from pubmedqa/abstracts.jsonl")


def test_issue_10_refuted_claim_is_not_supported(verifier: ClaimVerifier, shared: Path) -> None:
    """The abstract reports no significant difference in length of stay; the claim says it was reduced."""
    text = _abstract_26304701(shared)
    claim = "Nurse-led preoperative education reduced length of stay after cardiac surgery"
    v = verifier.verify(claim, [Evidence(text=text)])
    assert v.label in (Label.CONTRADICTED, Label.UNSUPPORTED)
    assert "length of stay" in v.evidence[0].text  # the sentence that decided, not a background one


def test_issue_10_wrong_key_number_is_unsupported(verifier: ClaimVerifier, shared: Path) -> None:
    """The abstract reports state anxiety 34.0 in the intervention group; the claim says 44.0."""
    text = _abstract_26304701(shared)
    claim = "The state anxiety on the day before surgery was {} in the intervention group"
    wrong = verifier.verify(claim.format("44.0"), [Evidence(text=text)])
    assert wrong.label in (Label.UNSUPPORTED, Label.CONTRADICTED)
    assert any(c.name == "numbers" and not c.passed and "44.0" in c.detail for c in wrong.checks)


@pytest.mark.xfail(strict=True, reason="known v3 shortfall: the model reads the right number as contradicted")
def test_issue_10_right_key_number_is_supported(verifier: ClaimVerifier, shared: Path) -> None:
    text = _abstract_26304701(shared)
    claim = "The state anxiety on the day before surgery was 34.0 in the intervention group"
    assert verifier.verify(claim, [Evidence(text=text)]).label in _SUPPORT
