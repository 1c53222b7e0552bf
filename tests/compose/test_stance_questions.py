"""The stance reader's generated attribute questions (training/stance_data.py): the question a sentence
answers yes, and the same turned to its opposite, which it answers no."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
import stance_data


def test_an_attribute_and_its_opposite() -> None:
    # the article follows the turned word: "an atypical" / "a typical"
    assert stance_data._attribute_questions(
        "Pimavanserin, an atypical antipsychotic, is approved for Parkinson disease psychosis."
    ) == ("Is pimavanserin an atypical antipsychotic?", "Is pimavanserin a typical antipsychotic?")
    assert stance_data._attribute_questions("Clonidine inhibits noradrenaline release in the brainstem.") == (
        "Does clonidine inhibit noradrenaline release?",
        "Does clonidine activate noradrenaline release?",
    )


def test_no_question_from_a_hedge_a_pronoun_or_a_cut_attribute() -> None:
    assert stance_data._attribute_questions("Clonidine may be effective for hot flushes.") is None
    assert stance_data._attribute_questions("This drug is effective for hot flushes.") is None
    assert stance_data._attribute_questions("Sepsis is a systemic, life-threatening response.") is None
    assert stance_data._attribute_questions("Significant increases were seen in both groups.") is None


def test_a_negated_finding_adds_a_negation_or_is_none() -> None:
    rng = random.Random(3)
    # a test input shortened from an Evidence Inference span (MIT), not evidence
    s = "Mean improvement in visual acuity was significantly greater in implanted than non-implanted eyes."
    out = stance_data.negated(s, rng)
    assert out is not None and out != s and " not " in f" {out} " and " not " not in f" {s} "
    assert all(
        stance_data.negated("Pain did not differ between the groups.", random.Random(k)) is None
        for k in range(20)
    )


def test_contrast_pairs_of_real_pubmedqa_questions(shared: Path) -> None:
    """Negated one-sentence 'yes' conclusions answer no; another abstract's conclusion answers nothing."""
    pairs = stance_data.contrast_pairs(shared, 1, seed=19)
    assert pairs == stance_data.contrast_pairs(shared, 1, seed=19)  # seeded
    by = {p.source for p in pairs}
    assert by == {"pubmedqa-neg", "pubmedqa-other"}
    assert all(p.label == ("no" if p.source == "pubmedqa-neg" else "uncertain") for p in pairs)
    rows = [json.loads(x) for x in (shared / "pubmedqa" / "questions_dev.jsonl").read_text().splitlines()]
    odd = {r["question"] for r in rows[1::2]}
    assert all(p.question in odd for p in pairs)  # the held-out half's questions only, for its dev set
    abstracts = [json.loads(a) for a in (shared / "pubmedqa" / "abstracts.jsonl").read_text().splitlines()]
    by_pmid = {str(a["pmid"]): a["conclusion"] for a in abstracts}
    conclusions = {r["question"]: by_pmid.get(str(r["pmid"]), "") for r in rows}
    neg = [p for p in pairs if p.source == "pubmedqa-neg"]
    count = re.compile(r"\b(?:not|no|without|never|neither|nor)\b", re.I)
    assert neg and all(
        len(count.findall(p.sentence)) > len(count.findall(conclusions[p.question])) for p in neg
    )


def test_a_stated_attribute_and_its_sort() -> None:
    # subject, copula, article and attribute of an "X, a Y" or "X is a Y" sentence; the sorting words only
    assert stance_data._stated(
        "Gabapentin is an antiepileptic drug of new generation that increases brain GABA levels."
    ) == ("gabapentin", "is", "an", "antiepileptic drug")
    assert stance_data._sorts("new generation antiepileptic drug") == {"generation", "antiepileptic"}
    assert stance_data._sorts("powerful neuroprotective agent") == {"neuroprotective"}
    assert stance_data._stated("Clonidine may be a useful adjunct.") is None  # a hedge
    assert stance_data._question("is", "gabapentin", "an", "antipsychotic drug") == (
        "Is gabapentin an antipsychotic drug?"
    )


def test_sibling_pairs_of_the_licensed_abstracts(shared: Path) -> None:
    pairs = stance_data.sibling_pairs(shared, random.Random(3))
    train = pairs["train"]
    assert {p.label for p in train} == {"yes", "no"} and pairs["validation"]
    for p in train:
        assert p.question.endswith("?") and p.sentence
        if p.label == "no":  # the sibling's sorting words are not in the sentence
            attr = re.sub(r"^(?:Is|Are) \S+(?: \S+)*? (?:an?|the) ", "", p.question).rstrip("?")
            assert not stance_data._sorts(attr) & set(p.sentence.lower().split())
